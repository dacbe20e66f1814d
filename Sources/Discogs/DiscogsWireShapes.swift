import Foundation

// Discogs' JSON as Decodable shapes, private to this module: nothing above it sees them. Every
// field but an entity's `id` and a page's item list is optional, because Discogs omits fields
// freely (an artist without images has no `images` key). Unknown keys are ignored by Decodable.

/// Discogs is not consistent about numbers: `year` is an integer in /releases/{id} and a string
/// in search results; `master_id` is an integer, null, or 0. Anything that is not a readable
/// integer becomes nil instead of failing the whole document.
struct LenientInt: Decodable {
    let value: Int?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self) {
            value = Int(text.trimmingCharacters(in: .whitespaces))
        } else {
            value = nil
        }
    }
}

struct WireImage: Decodable {
    var type: String?
    var uri: String?
    var width: LenientInt?
    var height: LenientInt?
}

struct WireCredit: Decodable {
    var id: LenientInt?
    var name: String?
    var anv: String?
    var join: String?
    /// `extraartists` only: "Producer", "Written-By", "Violin [Solo]".
    var role: String?
    /// `extraartists` only: the positions a release-level credit covers ("A1 to A3, B2"), or "".
    var tracks: String?
}

struct WireMember: Decodable {
    var id: LenientInt?
    var name: String?
    var active: Bool?
}

struct WireArtist: Decodable {
    var id: Int
    var name: String?
    var realname: String?
    var profile: String?
    var uri: String?
    var members: [WireMember]?
    var namevariations: [String]?
    var urls: [String]?
    var images: [WireImage]?
}

struct WireTrack: Decodable {
    var position: String?
    var type_: String?
    var title: String?
    var duration: String?
    var artists: [WireCredit]?
    var extraartists: [WireCredit]?
    /// The parts of an index track (`type_: "index"`): movements, a suite's sections.
    var sub_tracks: [WireTrack]?
}

struct WireLabel: Decodable {
    var id: LenientInt?
    var name: String?
    var catno: String?
}

struct WireRelease: Decodable {
    var id: Int
    var title: String?
    var year: LenientInt?
    var artists: [WireCredit]?
    var genres: [String]?
    var styles: [String]?
    var labels: [WireLabel]?
    var tracklist: [WireTrack]?
    var extraartists: [WireCredit]?
    var notes: String?
    var images: [WireImage]?
    var uri: String?
    var master_id: LenientInt?
}

struct WireMaster: Decodable {
    var id: Int
    var title: String?
    var year: LenientInt?
    var artists: [WireCredit]?
    var genres: [String]?
    var styles: [String]?
    var tracklist: [WireTrack]?
    var notes: String?
    var main_release: LenientInt?
    var images: [WireImage]?
    var uri: String?
}

struct WirePagination: Decodable {
    var page: LenientInt?
    var pages: LenientInt?
    var per_page: LenientInt?
    var items: LenientInt?
}

struct WireSearchResult: Decodable {
    var id: Int
    var type: String?
    var title: String?
    var year: LenientInt?
    var uri: String?
    var thumb: String?
}

struct WireSearchPage: Decodable {
    var pagination: WirePagination?
    var results: [WireSearchResult]
}

struct WireArtistRelease: Decodable {
    var id: Int
    var type: String?
    var title: String?
    var year: LenientInt?
    var role: String?
    var artist: String?
    var main_release: LenientInt?
}

struct WireArtistReleasesPage: Decodable {
    var pagination: WirePagination?
    var releases: [WireArtistRelease]
}

struct WireMasterVersion: Decodable {
    var id: Int
    var title: String?
    var format: String?
    var label: String?
    var country: String?
    var released: String?
    var major_formats: [String]?
}

struct WireMasterVersionsPage: Decodable {
    var pagination: WirePagination?
    var versions: [WireMasterVersion]
}
