import ArgumentParser
import Library

/// `s3play artists`: the library's artists, sorted as the player shows them.
struct ArtistsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artists",
        abstract: "List the library's artists with their album and song counts.",
        discussion: "From the catalog (`s3play scan` builds it). --json fields: docs/cli.md.")

    @OptionGroup var library: LibraryOptions

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() throws {
        try reportingFailures {
            let opened = try library.openScanned()
            let artists = try opened.store.artists()
            CatalogLines.write(artists, json: json, jsonLine: CatalogLines.json, text: CatalogLines.text)
        }
    }
}
