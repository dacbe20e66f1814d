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
            let opened = try library.openScanned()
            let albums = try opened.store.albums(artist: artist)
            if let artist, albums.isEmpty {
                throw CommandFailure("no artist named '\(artist)' in the catalog: `s3play artists` lists them, `s3play search` finds them.")
            }
            CatalogLines.write(albums, json: json, jsonLine: CatalogLines.json, text: CatalogLines.text)
        }
    }
}
