import ArgumentParser
import Library

/// `s3play search TEXT`: artists, albums and songs whose names contain TEXT.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find artists, albums and songs whose names contain TEXT.",
        discussion: """
        Case and accents do not matter ("beyonce" finds "Beyoncé"). With --json each line has \
        "type" (artist, album or song) and that type's fields (docs/cli.md).
        """)

    @OptionGroup var library: LibraryOptions

    @Argument(help: "Text to look for.")
    var text: String

    @Option(help: "At most this many results of each kind.")
    var limit = 50

    @Flag(help: "One JSON object per line.")
    var json = false

    func validate() throws {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give some text to search for.") }
        if limit < 1 { throw ValidationError("--limit takes 1 or more.") }
    }

    func run() throws {
        try reportingFailures {
            let opened = try library.openScanned()
            let result = try opened.store.search(text, limit: limit)
            let output = BufferedStandardOutput()
            defer { output.flush() }
            if json {
                for artist in result.artists { output.writeLine(typed("artist", CatalogLines.json(artist))) }
                for album in result.albums { output.writeLine(typed("album", CatalogLines.json(album))) }
                for song in result.songs { output.writeLine(typed("song", CatalogLines.json(song))) }
                return
            }
            let sections: [(String, [String])] = [
                ("Artists", CatalogLines.text(result.artists)),
                ("Albums", CatalogLines.text(result.albums)),
                ("Songs", CatalogLines.text(result.songs)),
            ]
            var printed = false
            for (title, lines) in sections where !lines.isEmpty {
                if printed { output.writeLine("") }
                output.writeLine("\(title):")
                for line in lines { output.writeLine("  " + line) }
                printed = true
            }
            if !printed { StandardError.writeLine("s3play: nothing matches '\(text)'.") }
        }
    }

    private func typed(_ type: String, _ body: JSONLine) -> String {
        var line = JSONLine()
        line.add("type", type)
        return line.line.dropLast() + "," + body.line.dropFirst()
    }
}
