/// Tab on the `:` line: a command name, or a playlist name after `:load` / `:save`, extended as
/// far as every candidate agrees (bash's rule); a single candidate is completed whole, a command
/// with a space after it. Nil when nothing starts with what is typed.
enum CommandCompletion {
    static let commands = ["add", "clear", "load", "messages", "q", "rescan", "save", "seek", "vol"]

    static func complete(_ line: String, playlists: [String]) -> String? {
        guard let space = line.firstIndex(of: " ") else {
            return extend(line, among: commands).map { matches, common in
                matches == 1 ? common + " " : common
            }
        }
        let command = line[..<space]
        guard command == "load" || command == "save" else { return nil }
        let partial = line[line.index(after: space)...].drop { $0 == " " }
        return extend(String(partial), among: playlists).map { _, common in command + " " + common }
    }

    /// How many candidates start with `prefix`, and the longest prefix they share.
    private static func extend(_ prefix: String, among candidates: [String]) -> (Int, String)? {
        let matches = candidates.filter { $0.hasPrefix(prefix) }
        guard var common = matches.first else { return nil }
        for match in matches.dropFirst() {
            common = String(zip(common, match).prefix { $0 == $1 }.map(\.0))
        }
        return (matches.count, common)
    }

    /// The s3:// URL being typed after `:add`, for the bucket's listing to complete.
    static func locationToComplete(_ line: String) -> String? {
        guard line.hasPrefix("add ") else { return nil }
        let url = line.dropFirst("add ".count).drop { $0 == " " }
        guard url.hasPrefix("s3://"), url.dropFirst("s3://".count).contains("/") else { return nil }
        return String(url)
    }

    /// The line with the URL extended as far as the candidates agree; nil when none match.
    static func completeLocation(_ line: String, url: String, candidates: [String]) -> String? {
        guard let (_, common) = extend(url, among: candidates) else {
            return nil
        }
        return "add " + common
    }
}
