import Foundation

/// A request target split into its path and decoded query parameters (first value wins, `+` is a
/// space as in form encoding, which is how clients send `q=`).
struct DiscogsRequestTarget {
    let path: String
    let query: [String: String]
    /// Parameter names in the order sent, to rebuild pagination URLs the way they came.
    let order: [String]

    init(_ target: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        var query: [String: String] = [:]
        var order: [String] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.decode(halves[0])
                guard query[name] == nil else { continue }
                query[name] = halves.count == 2 ? Self.decode(halves[1]) : ""
                order.append(name)
            }
        }
        self.query = query
        self.order = order
    }

    /// Path segments after the leading slash: "/artists/1/releases" -> ["artists", "1", "releases"].
    var segments: [Substring] { path.split(separator: "/") }

    func integer(_ name: String) -> Int? { query[name].flatMap { Int($0) } }

    /// This target's URL with `page` replaced, for `pagination.urls`. The token is left out: a URL
    /// handed back in a body must not carry a secret.
    func url(base: String, page: Int) -> String {
        var pairs = order.filter { $0 != "page" && $0 != "token" }.map { "\(Self.encode($0))=\(Self.encode(query[$0]!))" }
        pairs.append("page=\(page)")
        return base + path + "?" + pairs.joined(separator: "&")
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Discogs' paging: `page` from 1, `per_page` default 50 and at most 100, and a `pagination`
/// object whose `urls` name only the neighbours that exist ({} for a single page).
struct DiscogsPage {
    let page: Int
    let perPage: Int

    init(_ target: DiscogsRequestTarget) {
        page = max(1, target.integer("page") ?? 1)
        perPage = min(100, max(1, target.integer("per_page") ?? 50))
    }

    func slice<Item>(_ items: [Item]) -> [Item] {
        let start = (page - 1) * perPage
        guard start < items.count else { return [] }
        return Array(items[start..<min(items.count, start + perPage)])
    }

    func pagination(itemCount: Int, target: DiscogsRequestTarget, base: String) -> [String: Any] {
        let pages = max(1, (itemCount + perPage - 1) / perPage)
        var urls: [String: String] = [:]
        if page > 1 {
            urls["first"] = target.url(base: base, page: 1)
            urls["prev"] = target.url(base: base, page: min(page - 1, pages))
        }
        if page < pages {
            urls["next"] = target.url(base: base, page: page + 1)
            urls["last"] = target.url(base: base, page: pages)
        }
        return ["page": page, "pages": pages, "per_page": perPage, "items": itemCount, "urls": urls]
    }
}
