/// One Discogs GET, as a value: what the cache keys on and what the client sends.
public enum DiscogsResource: Hashable, Sendable {
    case search(DiscogsSearchQuery)
    case artist(id: Int)
    case artistReleases(id: Int, page: Int = 1, perPage: Int = 50,
                        sort: DiscogsArtistReleasesSort = .year, order: DiscogsSortOrder = .ascending)
    case release(id: Int)
    case master(id: Int)
    case masterVersions(id: Int, page: Int = 1, perPage: Int = 50)

    /// Path and percent-encoded query, parameters in a fixed order, e.g.
    /// "/artists/1001/releases?sort=year&sort_order=asc&page=1&per_page=50". Never carries the
    /// token: the client sends that as a header.
    public var pathAndQuery: String {
        switch self {
        case .search(let query):
            return "/database/search" + Self.queryString(query.parameters)
        case .artist(let id):
            return "/artists/\(id)"
        case .artistReleases(let id, let page, let perPage, let sort, let order):
            return "/artists/\(id)/releases" + Self.queryString([
                ("sort", sort.rawValue), ("sort_order", order.rawValue),
            ] + Self.paging(page, perPage))
        case .release(let id):
            return "/releases/\(id)"
        case .master(let id):
            return "/masters/\(id)"
        case .masterVersions(let id, let page, let perPage):
            return "/masters/\(id)/versions" + Self.queryString(Self.paging(page, perPage))
        }
    }

    /// The caching layer's primary key. It is `pathAndQuery`: stable across runs and versions of
    /// s3play, the same for equal requests, and free of any secret (the token is never part of it),
    /// so it may be stored and shown.
    public var cacheKey: String { pathAndQuery }

    /// What was asked for, for messages ("artist 1001").
    public var summary: String {
        switch self {
        case .search(let query): return "search \"\(query.q ?? query.artist ?? query.releaseTitle ?? query.track ?? "")\""
        case .artist(let id): return "artist \(id)"
        case .artistReleases(let id, _, _, _, _): return "releases of artist \(id)"
        case .release(let id): return "release \(id)"
        case .master(let id): return "master \(id)"
        case .masterVersions(let id, _, _): return "versions of master \(id)"
        }
    }

    /// Discogs pages from 1 and serves at most 100 items a page (developers page, Pagination);
    /// clamping here keeps out-of-range values from becoming distinct cache keys.
    static func paging(_ page: Int, _ perPage: Int) -> [(String, String)] {
        [("page", String(max(1, page))), ("per_page", String(min(100, max(1, perPage))))]
    }

    static func queryString(_ parameters: [(String, String)]) -> String {
        guard !parameters.isEmpty else { return "" }
        return "?" + parameters.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// RFC 3986 §2.3: only unreserved ASCII stays as is; every other UTF-8 byte becomes %XX.
    /// Written out because Foundation's character sets count non-ASCII letters as alphanumeric.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// GET /database/search. Empty strings count as absent, so "" and nil make one cache key.
public struct DiscogsSearchQuery: Hashable, Sendable {
    public enum ResultType: String, Hashable, Sendable {
        case artist, release, master
    }

    public var q: String?
    public var type: ResultType?
    public var artist: String?
    public var releaseTitle: String?
    public var track: String?
    public var page: Int
    public var perPage: Int

    public init(q: String? = nil, type: ResultType? = nil, artist: String? = nil, releaseTitle: String? = nil,
                track: String? = nil, page: Int = 1, perPage: Int = 50) {
        func present(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        self.q = present(q)
        self.type = type
        self.artist = present(artist)
        self.releaseTitle = present(releaseTitle)
        self.track = present(track)
        self.page = page
        self.perPage = perPage
    }

    var parameters: [(String, String)] {
        let named: [(String, String?)] = [("q", q), ("type", type?.rawValue), ("artist", artist),
                                          ("release_title", releaseTitle), ("track", track)]
        // Checked again here: the properties are settable after init.
        let present = named.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : (name, $0) } }
        return present + DiscogsResource.paging(page, perPage)
    }
}

/// `sort` of /artists/{id}/releases.
public enum DiscogsArtistReleasesSort: String, Hashable, Sendable {
    case year, title, format
}

/// `sort_order`.
public enum DiscogsSortOrder: String, Hashable, Sendable {
    case ascending = "asc"
    case descending = "desc"
}
