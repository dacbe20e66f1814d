import ArgumentParser
import Library

/// `s3play albums [--artist NAME]`.
struct AlbumsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "albums",
        abstract: "List albums, all or one artist's.",
        discussion: "NAME is matched exactly as `s3play artists` prints it. --json fields: docs/cli.md.")

    @OptionGroup var library: LibraryOptions

    @Option(help: "Only this artist's albums.")
    var artist: String?

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() throws {
        try reportingFailures {
            let opened = try library.open(settings: try UserSettings.load())
            try opened.requireScanned()
            let albums = try opened.store.albums(artist: artist)
            if let artist, albums.isEmpty {
                throw CommandFailure("no artist named '\(artist)' in the catalog: `s3play artists` lists them, `s3play search` finds them.")
            }
            let output = BufferedStandardOutput()
            defer { output.flush() }
            if json {
                for album in albums { output.writeLine(CatalogLines.json(album).line) }
            } else {
                for line in CatalogLines.text(albums) { output.writeLine(line) }
            }
        }
    }
}
