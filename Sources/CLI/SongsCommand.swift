import ArgumentParser
import Library

/// `s3play songs [--artist NAME] [--album NAME]`.
struct SongsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "songs",
        abstract: "List songs, all or an artist's or an album's, in album order.",
        discussion: "Names are matched exactly as `s3play artists`/`albums` print them. --json fields: docs/cli.md.")

    @OptionGroup var library: LibraryOptions

    @Option(help: "Only this artist's songs (the album artist).")
    var artist: String?

    @Option(help: "Only this album's songs.")
    var album: String?

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() throws {
        try reportingFailures {
            let opened = try library.openScanned()
            let songs = try opened.store.songs(artist: artist, album: album)
            if songs.isEmpty && (artist != nil || album != nil) {
                throw CommandFailure("nothing in the catalog matches \(CatalogSelection.describe(artist: artist, album: album)): "
                                     + "`s3play search TEXT` finds names.")
            }
            CatalogLines.write(songs, json: json, jsonLine: CatalogLines.json, text: CatalogLines.text)
        }
    }
}

enum CatalogSelection {
    static func describe(artist: String?, album: String?) -> String {
        [artist.map { "artist '\($0)'" }, album.map { "album '\($0)'" }].compactMap { $0 }.joined(separator: " and ")
    }
}
