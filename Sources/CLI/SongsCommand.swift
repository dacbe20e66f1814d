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
            let opened = try library.open(settings: try UserSettings.load())
            try opened.requireScanned()
            let songs = try opened.store.songs(artist: artist, album: album)
            if songs.isEmpty && (artist != nil || album != nil) {
                throw CommandFailure("nothing in the catalog matches \(CatalogSelection.describe(artist: artist, album: album)): "
                                     + "`s3play search TEXT` finds names.")
            }
            let output = BufferedStandardOutput()
            defer { output.flush() }
            if json {
                for song in songs { output.writeLine(CatalogLines.json(song).line) }
            } else {
                for line in CatalogLines.text(songs) { output.writeLine(line) }
            }
        }
    }
}

enum CatalogSelection {
    static func describe(artist: String?, album: String?) -> String {
        [artist.map { "artist '\($0)'" }, album.map { "album '\($0)'" }].compactMap { $0 }.joined(separator: " and ")
    }
}
