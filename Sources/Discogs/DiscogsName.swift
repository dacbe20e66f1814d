/// Discogs tells same-named entities apart with " (2)", " (3)", … (database guidelines 1.1.4;
/// artists and labels alike). Prose shows the name without it; `--json` keeps Discogs' name.
public enum DiscogsName {
    public static func display(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex,
              name[name.index(before: open)] == " " else { return name }
        let digits = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return name }
        return String(name[..<name.index(before: open)])
    }

    /// A credit line as Discogs prints it: each display name, then its join ("A & B", "A, B").
    public static func line(_ credits: [DiscogsArtistCredit]) -> String {
        var text = ""
        for (index, credit) in credits.enumerated() {
            text += credit.displayName
            guard index < credits.count - 1 else { break }
            switch credit.join {
            case nil, "": text += ", "
            case ","?: text += ", "
            case let join?: text += " \(join) "
            }
        }
        return text
    }
}
