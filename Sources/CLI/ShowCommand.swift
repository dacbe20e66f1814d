import ArgumentParser
import Library

/// `s3play show --artist NAME [--album NAME]`: the catalog's view of an artist or album with what
/// Discogs says of it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an artist or album: the catalog's songs and Discogs' details.",
        discussion: """
        Discogs details need a token (DISCOGS_TOKEN or discogs.token); without one, or when \
        Discogs cannot be reached and nothing is cached, the catalog alone is shown. With --json \
        one object whose "discogs" field is null when there are no details (docs/cli.md).
        """)

    @OptionGroup var library: LibraryOptions

    @Option(help: "The artist (as `s3play artists` prints it).")
    var artist: String

    @Option(help: "One of the artist's albums.")
    var album: String?

    @Flag(help: "One JSON object.")
    var json = false

    func run() throws {
        try reportingFailures {
            let settings = try UserSettings.load()
            let opened = try library.open(settings: settings)
            try opened.requireScanned()
            let repository = LibraryRepositorySetup.repository(opened: opened, settings: settings)
            let output = BufferedStandardOutput()
            defer { output.flush() }
            if let album {
                guard let found = try repository.albums(artist: artist).first(where: { $0.title == album }) else {
                    throw CommandFailure("no album '\(album)' by '\(artist)' in the catalog: `s3play albums --artist NAME` lists them.")
                }
                let songs = try repository.songs(artist: artist, album: album)
                let details = repository.albumDetails(artist: artist, title: album)
                report(details)
                let lines = json ? [ShowLines.json(found, songs: songs, details: details)]
                                 : ShowLines.text(found, songs: songs, details: details)
                for line in lines { output.writeLine(line) }
            } else {
                guard let found = try repository.artists().first(where: { $0.name == artist }) else {
                    throw CommandFailure("no artist named '\(artist)' in the catalog: `s3play artists` lists them.")
                }
                let albums = try repository.albums(artist: artist)
                let details = repository.artistDetails(named: artist)
                report(details)
                let lines = json ? [ShowLines.json(found, albums: albums, details: details)]
                                 : ShowLines.text(found, albums: albums, details: details)
                for line in lines { output.writeLine(line) }
            }
            repository.finishBackgroundWork()
        }
    }

    /// Discogs could not answer and nothing was cached: one line, then the catalog alone.
    private func report<Details>(_ details: DetailsAnswer<Details>) {
        if case .unavailable(let reason) = details { StandardError.notice("\(reason) The catalog is shown alone.") }
    }
}
