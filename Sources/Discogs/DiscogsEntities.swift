import Foundation

// Discogs' artists, releases and masters as plain values (developers page, Database section;
// /work/shared/reference/apis.md §1). Only what s3play shows or joins on is kept; Discogs omits
// many fields, so nearly everything is optional or empty when absent.

public struct DiscogsImage: Sendable, Hashable {
    /// "primary" or "secondary".
    public var type: String?
    /// Signed by Discogs: used as given, never rebuilt (any change gives 404).
    public var uri: String
    public var width: Int?
    public var height: Int?

    public init(type: String?, uri: String, width: Int?, height: Int?) {
        self.type = type
        self.uri = uri
        self.width = width
        self.height = height
    }
}

/// An artist as credited on a release, master or track (`artists[]`).
public struct DiscogsArtistCredit: Sendable, Hashable {
    public var id: Int?
    /// Discogs' unique name, possibly with a " (2)" suffix for a duplicate.
    public var name: String
    /// The name as printed on this release ("artist name variation"); nil when the same.
    public var anv: String?
    /// Joins this credit to the next ("&", ","); nil for none.
    public var join: String?
    /// Credits (`extraartists`) only: what the person did ("Producer", "Violin [Solo]").
    public var role: String?
    /// Release-level credits only: the positions covered ("A1 to A3, B2"); nil for all.
    public var tracks: String?

    public init(id: Int?, name: String, anv: String? = nil, join: String? = nil, role: String? = nil, tracks: String? = nil) {
        self.id = id
        self.name = name
        self.anv = anv
        self.join = join
        self.role = role
        self.tracks = tracks
    }

    /// The name as the release prints it (`anv`), else Discogs' name without its " (2)" suffix.
    public var displayName: String { anv ?? DiscogsName.display(name) }
}

public struct DiscogsArtist: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var id: Int?
        public var name: String
        public var active: Bool?

        public init(id: Int?, name: String, active: Bool?) {
            self.id = id
            self.name = name
            self.active = active
        }
    }

    public var id: Int
    public var name: String
    public var realName: String?
    public var profile: String?
    /// The discogs.com page, for the "Data provided by Discogs" link.
    public var uri: String?
    public var members: [Member]
    public var nameVariations: [String]
    public var urls: [String]
    public var images: [DiscogsImage]

    public init(id: Int, name: String, realName: String? = nil, profile: String? = nil, uri: String? = nil, members: [Member], nameVariations: [String], urls: [String], images: [DiscogsImage]) {
        self.id = id
        self.name = name
        self.realName = realName
        self.profile = profile
        self.uri = uri
        self.members = members
        self.nameVariations = nameVariations
        self.urls = urls
        self.images = images
    }
}

public struct DiscogsLabelCredit: Sendable, Hashable {
    public var id: Int?
    /// Discogs' name, " (2)" suffix included.
    public var name: String
    /// nil when Discogs has none: it writes "none" for a release without a number.
    public var catalogNumber: String?

    public init(id: Int?, name: String, catalogNumber: String?) {
        self.id = id
        self.name = name
        self.catalogNumber = catalogNumber
    }

    /// "La Voix De Son Maître – 2C 069-10355", or the name alone without a number.
    public var displayLine: String {
        DiscogsName.display(name) + (catalogNumber.map { " – \($0)" } ?? "")
    }
}

public struct DiscogsTrack: Sendable, Hashable {
    /// Discogs' `type_`: "track", "heading" (a disc or side title) or "index" (a group of sub-tracks).
    public enum Kind: Sendable, Hashable {
        case track, heading, index
        case other(String)

        init(_ text: String?) {
            switch text {
            case nil, "track": self = .track
            case "heading": self = .heading
            case "index": self = .index
            case let other?: self = .other(other)
            }
        }
    }

    /// "1", "A2", "1-3", or "" for headings.
    public var position: String
    public var title: String
    /// As Discogs gives it: "M:SS", "H:MM:SS", or "" when unknown.
    public var durationText: String
    /// `durationText` in seconds; nil when blank or unreadable.
    public var durationSeconds: Int?
    public var kind: Kind
    /// Only where the track's artists differ from the release's (compilations).
    public var artists: [DiscogsArtistCredit]
    /// This track's own credits (`extraartists`): who wrote, arranged, played what on it.
    public var credits: [DiscogsArtistCredit]
    /// An index track's parts (movements, sections), each playable; empty for other kinds.
    public var subTracks: [DiscogsTrack]

    public init(position: String, title: String, durationText: String, durationSeconds: Int? = nil, kind: Kind,
                artists: [DiscogsArtistCredit], credits: [DiscogsArtistCredit] = [], subTracks: [DiscogsTrack] = []) {
        self.position = position
        self.title = title
        self.durationText = durationText
        self.durationSeconds = durationSeconds
        self.kind = kind
        self.artists = artists
        self.credits = credits
        self.subTracks = subTracks
    }

    /// What a listener can play: a plain track, or each part of an index track (an index track
    /// without parts is its own part). Headings play nothing.
    public var playableParts: [DiscogsTrack] {
        switch kind {
        case .heading: return []
        case .index: return subTracks.isEmpty ? [self] : subTracks.flatMap(\.playableParts)
        case .track, .other: return [self]
        }
    }
}

extension Array where Element == DiscogsTrack {
    /// Every playable part of a tracklist, in order (Atom Heart Mother: 5 rows, 12 parts).
    public var playableParts: [DiscogsTrack] { flatMap(\.playableParts) }
}

public struct DiscogsRelease: Sendable, Hashable {
    public var id: Int
    public var title: String
    public var year: Int?
    public var artists: [DiscogsArtistCredit]
    public var genres: [String]
    public var styles: [String]
    public var labels: [DiscogsLabelCredit]
    public var tracklist: [DiscogsTrack]
    /// Release-level credits (`extraartists`), in Discogs' order.
    public var credits: [DiscogsArtistCredit]
    /// Free text with Discogs markup (`DiscogsMarkup`).
    public var notes: String?
    public var images: [DiscogsImage]
    public var uri: String?
    /// nil for a release without a master (Discogs leaves `master_id` out or sends null or 0).
    public var masterID: Int?

    public init(id: Int, title: String, year: Int? = nil, artists: [DiscogsArtistCredit], genres: [String], styles: [String], labels: [DiscogsLabelCredit], tracklist: [DiscogsTrack], credits: [DiscogsArtistCredit] = [], notes: String? = nil, images: [DiscogsImage], uri: String? = nil, masterID: Int? = nil) {
        self.credits = credits
        self.notes = notes
        self.id = id
        self.title = title
        self.year = year
        self.artists = artists
        self.genres = genres
        self.styles = styles
        self.labels = labels
        self.tracklist = tracklist
        self.images = images
        self.uri = uri
        self.masterID = masterID
    }
}

public struct DiscogsMaster: Sendable, Hashable {
    public var id: Int
    public var title: String
    public var year: Int?
    public var artists: [DiscogsArtistCredit]
    public var genres: [String]
    public var styles: [String]
    public var tracklist: [DiscogsTrack]
    public var notes: String?
    public var mainReleaseID: Int?
    public var images: [DiscogsImage]
    public var uri: String?

    public init(id: Int, title: String, year: Int? = nil, artists: [DiscogsArtistCredit], genres: [String], styles: [String], tracklist: [DiscogsTrack], notes: String? = nil, mainReleaseID: Int? = nil, images: [DiscogsImage], uri: String? = nil) {
        self.notes = notes
        self.id = id
        self.title = title
        self.year = year
        self.artists = artists
        self.genres = genres
        self.styles = styles
        self.tracklist = tracklist
        self.mainReleaseID = mainReleaseID
        self.images = images
        self.uri = uri
    }
}

/// Durations as Discogs writes them: "M:SS", "MM:SS", "H:MM:SS", possibly blank (the submitter
/// did not know) or free text. Parsed defensively: anything else is nil, never a guess.
public enum DiscogsDuration {
    public static func seconds(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return nil }
            numbers.append(value)
        }
        // Minutes and seconds after the first field are clock digits: below 60.
        guard numbers.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        return numbers.reduce(0) { $0 * 60 + $1 }
    }
}

/// Discogs gives search result links relative ("/artist/1001-Name") and entity links absolute;
/// the app always gets an absolute discogs.com link.
enum DiscogsWebLink {
    static let site = "https://www.discogs.com"

    static func absolute(_ uri: String?) -> String? {
        guard let uri, !uri.isEmpty else { return nil }
        return uri.hasPrefix("/") ? site + uri : uri
    }
}
