/// The stand-in's catalogue as plain values; `DiscogsJSONShapes` turns them into Discogs' JSON.
/// Every name is invented (see `DiscogsFixtureCatalog.standard`).
public struct DiscogsFixtureArtist: Sendable {
    public var id: Int
    public var name: String
    public var realname: String
    public var profile: String
    public var nameVariations: [String]
    public var hasImage: Bool
    /// A group's members (`members[]`); Discogs omits the key for a person or an empty list.
    public var members: [DiscogsFixtureMember] = []
}

/// One `members[]` entry of a group. Members need not be in the catalogue (their lookup is a 404).
public struct DiscogsFixtureMember: Sendable {
    public var id: Int
    public var name: String
    /// False for a former member.
    public var active: Bool
}

/// An artist as credited on a release or track (`artists[]` entries).
public struct DiscogsFixtureCredit: Sendable {
    public var id: Int
    public var name: String
    /// Joins this credit to the next one ("&", ","); "" for the last.
    public var join: String = ""
    /// The name as printed on this release; "" when the same.
    public var anv: String = ""
    /// `extraartists` only: "Producer", "Violin [Solo]", "Mixed By, Recorded By".
    public var role: String = ""
    /// Release-level `extraartists` only: the positions covered ("A1 to A3"); "" for all.
    public var tracks: String = ""
}

public struct DiscogsFixtureTrack: Sendable {
    public var position: String
    /// "track", "heading" (a disc title; position "" and duration "") or "index" (a suite or a
    /// work whose parts are `subTracks`).
    public var type: String
    public var title: String
    /// "M:SS", "H:MM:SS" or "" as Discogs gives it.
    public var duration: String
    /// Only on compilations, where tracks differ from the release artist.
    public var artists: [DiscogsFixtureCredit] = []
    /// The track's own credits (`extraartists`).
    public var extraartists: [DiscogsFixtureCredit] = []
    /// An index track's parts (`sub_tracks`), each a "track".
    public var subTracks: [DiscogsFixtureTrack] = []

    static func track(_ position: String, _ title: String, _ duration: String,
                      by artists: [DiscogsFixtureCredit] = [], credits: [DiscogsFixtureCredit] = []) -> Self {
        Self(position: position, type: "track", title: title, duration: duration, artists: artists, extraartists: credits)
    }

    /// Discogs gives an index track a position of its own or "", and a duration of its own only
    /// when the submitter typed one (Atom Heart Mother's 5: "13:01", its parts "").
    static func index(_ position: String, _ title: String, duration: String = "", _ parts: [DiscogsFixtureTrack]) -> Self {
        Self(position: position, type: "index", title: title, duration: duration, subTracks: parts)
    }

    static func heading(_ title: String) -> Self {
        Self(position: "", type: "heading", title: title, duration: "")
    }
}

public struct DiscogsFixtureRelease: Sendable {
    public var id: Int
    /// nil for a release without a master (Discogs leaves `master_id` out).
    public var masterID: Int?
    public var title: String
    public var artists: [DiscogsFixtureCredit]
    public var year: Int
    /// "YYYY-MM-DD" or "YYYY".
    public var released: String
    public var country: String
    public var genres: [String]
    public var styles: [String]
    public var label: (id: Int, name: String, catno: String)
    public var format: (name: String, quantity: Int, descriptions: [String])
    public var tracklist: [DiscogsFixtureTrack]
    /// Role of the release in its artists' `/releases` lists.
    public var role = "Main"
    /// Labels after the first (`labels[1...]`); a catno "none" is Discogs' "no number".
    public var moreLabels: [(id: Int, name: String, catno: String)] = []
    /// Release-level credits (`extraartists`).
    public var extraartists: [DiscogsFixtureCredit] = []
    /// Free text with Discogs markup; "" for none (Discogs then omits `notes`).
    public var notes = ""
}

public struct DiscogsFixtureMaster: Sendable {
    public var id: Int
    public var title: String
    public var mainRelease: Int
    public var artistIDs: [Int]
}

public struct DiscogsFixtureCatalog: Sendable {
    public var artists: [DiscogsFixtureArtist]
    public var masters: [DiscogsFixtureMaster]
    public var releases: [DiscogsFixtureRelease]

    public func artist(_ id: Int) -> DiscogsFixtureArtist? { artists.first { $0.id == id } }
    public func master(_ id: Int) -> DiscogsFixtureMaster? { masters.first { $0.id == id } }
    public func release(_ id: Int) -> DiscogsFixtureRelease? { releases.first { $0.id == id } }

    public func versions(of master: DiscogsFixtureMaster) -> [DiscogsFixtureRelease] {
        releases.filter { $0.masterID == master.id }
    }

    /// The newest version by release date, as `most_recent_release` reports.
    public func mostRecentVersion(of master: DiscogsFixtureMaster) -> DiscogsFixtureRelease? {
        versions(of: master).max { $0.released < $1.released }
    }
}
