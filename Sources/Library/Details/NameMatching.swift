/// Compares names as a person would: case, accents, a leading "The", punctuation and Discogs'
/// disambiguation suffix ("Северный Ветер (2)") do not matter. The one matching rule for
/// details: the metadata source picks search results with it, the library picks an album's
/// track for a song with it.
public enum NameMatching {
    public static func normalize(_ name: String) -> String {
        var text = TextFolding.fold(name)
        // Discogs tells same-named artists apart with " (2)", " (3)", … (database guidelines 1.1.4).
        if let open = text.lastIndex(of: "("), text.hasSuffix(")"),
           text[text.index(after: open)..<text.index(before: text.endIndex)].allSatisfy(\.isNumber) {
            text = String(text[..<open])
        }
        let kept = text.map { $0.isLetter || $0.isNumber ? $0 : " " }
        var words = String(kept).split(separator: " ").map(String.init)
        if words.count > 1, words.first == "the" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// 1 for equal normalized names, 0.7 when one contains the other (an edition suffix such
    /// as "(Deluxe Edition)" on one side), else 0.
    public static func confidence(_ lhs: String, _ rhs: String) -> Double {
        let left = normalize(lhs), right = normalize(rhs)
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        if left == right { return 1 }
        if left.contains(right) || right.contains(left) { return 0.7 }
        return 0
    }

    /// The smallest confidence a match needs to be shown.
    public static let threshold = 0.7

    /// The best of `candidates` by `score`, with its score: the highest score at or above
    /// `threshold` wins, and of equal scores the earliest (a search's own order is its relevance).
    public static func best<Candidate>(of candidates: [Candidate], score: (Candidate) -> Double)
        -> (candidate: Candidate, confidence: Double)? {
        var best: (candidate: Candidate, confidence: Double)?
        for candidate in candidates {
            let confidence = score(candidate)
            guard confidence >= threshold else { continue }
            if best == nil || confidence > best!.confidence { best = (candidate, confidence) }
        }
        return best
    }
}
