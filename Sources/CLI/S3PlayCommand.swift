import ArgumentParser
import HTTPTransport

/// The `s3play` command. Help text comes from these declarations (and docs/usage.md says the same).
@main
struct S3PlayCommand: ParsableCommand {
    static let version = S3PlayVersion.current

    static let configuration = CommandConfiguration(
        commandName: "s3play",
        abstract: "A terminal music player for music stored in Amazon S3 or any S3-compatible store.",
        discussion: """
        With no subcommand, s3play opens the full-screen player on the library (s3play ui).

        Configuration, as the AWS CLI finds it:
          AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: credentials
          AWS_PROFILE: the profile in ~/.aws/credentials and ~/.aws/config
          AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE: other places for them
          AWS_REGION, AWS_DEFAULT_REGION: the region (default us-east-1)
          AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, --endpoint-url: an S3-compatible
            store, addressed path-style (AWS itself: virtual-hosted style)
          AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: ignore configured endpoints
          S3PLAY_LIBRARY, --library: the music (s3://BUCKET[/PREFIX] or a folder)
          DISCOGS_TOKEN: Discogs personal access token (details need one)
          DISCOGS_API_URL: another Discogs API address (the demo's stand-in)
          $XDG_CONFIG_HOME/s3play/config.toml: library, [discogs], [cache]
          $XDG_CACHE_HOME/s3play/: the catalog and the Discogs cache
          $XDG_RUNTIME_DIR/s3play/remote.sock: where `s3play remote` finds the player

        Exit status: 0 on success, 1 on any error (one line on stderr), 64 for a
        usage error, 130 after Ctrl-C. More in docs/usage.md and docs/configuration.md.
        """,
        version: version,
        subcommands: [PlayerUICommand.self, ListCommand.self, PlayCommand.self, InfoCommand.self, ScanCommand.self, ArtistsCommand.self,
                      AlbumsCommand.self, SongsCommand.self, SearchCommand.self, ShowCommand.self,
                      DiscogsCommand.self, CacheCommand.self,
                      RemoteCommand.self],
        defaultSubcommand: PlayerUICommand.self)

    /// ArgumentParser's own `main`, with one shortcut: `s3play play ...` is parsed as
    /// `PlayCommand` alone, because reflecting the whole command tree costs about 1 ms of the
    /// time to first audio (scripts/bench-playback). Anything that does not parse that way
    /// (help, a usage error) goes the ordinary way, so messages and exit codes are the same.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "play", let play = try? PlayCommand.parse(Array(arguments.dropFirst())) {
            do { try play.run() } catch { ProcessTransport.shutdown(); PlayCommand.exit(withError: error) }
            ProcessTransport.shutdown()
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            ProcessTransport.shutdown()
        } catch {
            ProcessTransport.shutdown()
            exit(withError: error)
        }
    }
}
