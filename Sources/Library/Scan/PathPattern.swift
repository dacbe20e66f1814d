/// A layout of keys such as `{artist}/{album}/{track} {title}`: the fallback for songs whose tags
/// do not say who or what they are. A pattern is matched against the LAST components of the key
/// (so a prefix above the library's folders does not matter); the extension is dropped first.
///
/// Placeholders: `{artist}`, `{album}`, `{title}`, `{track}` (1–3 digits), `{disc}` (1–2
/// digits), `{year}` (4 digits). Anything else is literal text.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    private let segments: [[Piece]]

    enum Piece: Sendable, Equatable {
        case literal(String)
        case field(Field)
    }

    enum Field: String, Sendable, CaseIterable {
        case artist, album, title, track, disc, year

        var isNumeric: Bool { self == .track || self == .disc || self == .year }
    }

    /// The patterns tried in order when a pattern list is not configured.
    public static let defaults: [PathPattern] = [
        "{artist}/{album}/{track} - {title}",
        "{artist}/{album}/{track}. {title}",
        "{artist}/{album}/{track} {title}",
        "{artist}/{album}/{title}",
        "{artist} - {album}/{track} {title}",
        "{artist} - {title}",
    ].compactMap { PathPattern($0) }

    /// Nil for a pattern with an unknown placeholder or an empty segment.
    public init?(_ text: String) {
        var segments: [[Piece]] = []
        for segmentText in text.split(separator: "/", omittingEmptySubsequences: false) {
            guard let pieces = Self.pieces(of: Substring(segmentText)), !pieces.isEmpty else { return nil }
            segments.append(pieces)
        }
        guard !segments.isEmpty else { return nil }
        self.description = text
        self.segments = segments
    }

    /// The fields this pattern finds in `components` (the key's path components, extension
    /// already removed from the last), or nil when it does not fit.
    func match(_ components: [String]) -> [Field: String]? {
        guard components.count >= segments.count else { return nil }
        var found: [Field: String] = [:]
        for (pieces, component) in zip(segments, components.suffix(segments.count)) {
            guard let fields = Self.match(pieces[...], Substring(component)) else { return nil }
            found.merge(fields) { first, _ in first }
        }
        return found
    }

    private static func pieces(of text: Substring) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = text
        while !rest.isEmpty {
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}"),
                      let field = Field(rawValue: String(rest[rest.index(after: rest.startIndex)..<close])) else { return nil }
                pieces.append(.field(field))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: "{") ?? rest.endIndex
                pieces.append(.literal(String(rest[..<end])))
                rest = rest[end...]
            }
        }
        return pieces
    }

    /// Backtracking match of one component: fields take the shortest text that lets the rest
    /// match (so "{track} {title}" on "01 A Day" gives track 01, title "A Day"); numeric
    /// fields take digits only; no field is empty.
    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring) -> [Field: String]? {
        guard let piece = pieces.first else { return text.isEmpty ? [:] : nil }
        let rest = pieces.dropFirst()
        switch piece {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return nil }
            return match(rest, text.dropFirst(literal.count))
        case .field(let field):
            var end = text.startIndex
            while end < text.endIndex {
                end = text.index(after: end)
                let value = text[..<end]
                if field.isNumeric && !(value.last?.isASCII == true && value.last?.isNumber == true) { return nil }
                if field == .track && value.count > 3 || field == .disc && value.count > 2 || field == .year && value.count > 4 {
                    return nil
                }
                if field == .year && value.count < 4 { continue }
                if var fields = match(rest, text[end...]) {
                    let trimmed = value.trimmingCharacters(in: .whitespaces)
                    guard !trimmed.isEmpty else { continue }
                    fields[field] = trimmed
                    return fields
                }
            }
            return nil
        }
    }
}
