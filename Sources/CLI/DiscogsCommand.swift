import ArgumentParser
import Discogs
import Metadata

/// `s3play discogs …`: Discogs lookups through the same cache and rate limiter as the player.
struct DiscogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discogs",
        abstract: "Look up artists, releases and masters on Discogs (cached, rate-limited).",
        discussion: """
        Answers come from the cache when it has them (no request), else from Discogs at most \
        55 requests a minute with a token (22 without). DISCOGS_TOKEN or discogs.token in the \
        config file gives the token; DISCOGS_API_URL points elsewhere (the demo's stand-in). \
        Output carries Discogs' attribution and the entry's discogs.com link.
        """,
        subcommands: [DiscogsSearchCommand.self, DiscogsArtistCommand.self, DiscogsReleaseCommand.self,
                      DiscogsMasterCommand.self])
}

struct DiscogsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search Discogs' database (needs a token).")

    @Option(help: "artist, release or master (default: all).")
    var type: DiscogsSearchQuery.ResultType?

    @Option(help: "Only results by this artist.")
    var artist: String?

    @Option(name: .customLong("release-title"), help: "Only releases with this title.")
    var releaseTitle: String?

    @Option(help: "Only releases with this track.")
    var track: String?

    @Option(help: "Page of results (50 a page).")
    var page = 1

    @Argument(help: "What to search for.")
    var query: String?

    @Flag(help: "One JSON object per result.")
    var json = false

    func validate() throws {
        if (query ?? "").isEmpty && artist == nil && releaseTitle == nil && track == nil {
            throw ValidationError("give a QUERY or one of --artist, --release-title, --track.")
        }
        if page < 1 { throw ValidationError("--page takes 1 or more.") }
    }

    func run() throws {
        let search = DiscogsSearchQuery(q: query, type: type, artist: artist, releaseTitle: releaseTitle,
                                        track: track, page: page, perPage: 50)
        try DiscogsLookupRunner.run(.search(search), json: json)
    }
}

extension DiscogsSearchQuery.ResultType: ExpressibleByArgument {}

struct DiscogsArtistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "artist", abstract: "Show a Discogs artist by id.")
    @Argument(help: "The artist's Discogs id.") var id: Int
    @Flag(help: "One JSON object.") var json = false
    func run() throws { try DiscogsLookupRunner.run(.artist(id: id), json: json) }
}

struct DiscogsReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Show a Discogs release by id.")
    @Argument(help: "The release's Discogs id.") var id: Int
    @Flag(help: "One JSON object.") var json = false
    func run() throws { try DiscogsLookupRunner.run(.release(id: id), json: json) }
}

struct DiscogsMasterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "master", abstract: "Show a Discogs master release by id.")
    @Argument(help: "The master's Discogs id.") var id: Int
    @Flag(help: "One JSON object.") var json = false
    func run() throws { try DiscogsLookupRunner.run(.master(id: id), json: json) }
}

/// One lookup through the cached source, printed; a stale answer is printed at once and
/// revalidated before the command exits.
enum DiscogsLookupRunner {
    static func run(_ resource: DiscogsResource, json: Bool) throws {
        try reportingFailuresOutsideCommand {
            let setup = try MetadataSetup.open(settings: try UserSettings.load())
            let lookup = setup.source.lookup(resource)
            let output = BufferedStandardOutput()
            switch lookup {
            case .found(let entry):
                let (decoded, provenance) = (entry.decoded, entry.provenance)
                // Markup references are named from the cache only: rendering never costs a request.
                let render = { (text: String) in setup.source.render(text).plain }
                let lines = json ? DiscogsJSONLines.json(decoded, provenance: provenance, render: render)
                                 : DiscogsLines.text(decoded, render: render)
                for line in lines { output.writeLine(line) }
                output.flush()
            case .noMatch:
                throw CommandFailure("Discogs has no \(resource.summary).")
            case .off:
                throw CommandFailure("Discogs details are off (no Discogs client configured).")
            case .unavailable(let reason):
                throw CommandFailure(reason)
            }
            setup.source.waitForBackgroundWork()
        }
    }
}
