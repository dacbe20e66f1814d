import ArgumentParser
import ALSAOutput
import Foundation
import Library
import MPRIS
import PlaybackCore
import Player
import PlayerUI
import Remote
import Storage
import Synchronization
import TerminalUI

/// `s3play` with no subcommand (or `s3play ui`): the full-screen player on the library.
/// A default subcommand rather than a `run()` on the root, so the root's options never clash
/// with the subcommands' own `--library` and `s3play --help` still lists the subcommands.
struct PlayerUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the full-screen player (what `s3play` alone does).",
        discussion: """
        Browse artists, albums and songs of the scanned library, build a queue and play it. \
        Press ? for every key. The queue and the position are saved on quit and come back \
        paused on the next start ($XDG_STATE_HOME/s3play/state.json). `s3play remote` controls \
        the running player; so do media keys and `playerctl` through MPRIS when there is a session \
        D-Bus ([mpris] enabled = false in config.toml turns that off). The library must have been scanned (`s3play scan`).
        """)

    @Option(help: "alsa, alsa:DEVICE (e.g. alsa:hw:0) or null.")
    var output = "alsa"

    @Option(name: .customLong("state"), help: ArgumentHelp(
        "Keep the queue and position in this file instead of $XDG_STATE_HOME/s3play/state.json.",
        discussion: "One player runs per state file; a second player on the same file refuses to start.",
        valueName: "file"))
    var stateFile: String?

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard OutputChoice(output) != nil else {
            throw ValidationError("--output must be alsa, alsa:DEVICE or null, not '\(output)'.")
        }
    }

    func run() throws {
        try reportingFailures {
            // A sound device behind a pipe (ALSA's file plugin, a sound server's socket) that
            // goes away would otherwise end the player by SIGPIPE, screen unrestored and state
            // unsaved; the write fails with EPIPE instead and the engine falls back to silence.
            signal(SIGPIPE, SIG_IGN)
            let settings = try UserSettings.load()
            let paths = statePaths()
            // Taken before anything else, so a second player leaves without touching the screen;
            // released when this run ends, whatever ends it.
            let instance: PlayerInstanceLock
            do {
                instance = try PlayerInstanceLock(stateFile: paths.stateFile)
            } catch {
                throw CommandFailure("\(error)")
            }
            defer { instance.release() }
            // Notices from here on wait in the player's inbox for its message line: written to
            // stderr they would land on top of the full-screen UI.
            let events = PlayerUIEvents()
            let opened = try library.open(settings: settings, notice: events.notice)
            try opened.requireScanned()
            let metadata = LibraryRepositorySetup.metadata(opened: opened, settings: settings, notice: events.notice)
            let repository = CatalogRepository(store: opened.store, metadata: metadata)
            let opener = ByteSourceOpener(client: opened.s3Client)

            let player = Player(configuration: playerConfiguration(repository: repository, opener: opener, events: events,
                                                                   paths: paths),
                                onEvent: { events.player($0) })
            var app = PlayerApp.Configuration(repository: repository)
            app.detailsEnabled = metadata != nil
            if let delay = settings.configFile.discogs.detailsDelayMilliseconds { app.detailsDelaySeconds = Double(delay) / 1000 }
            app.remoteLocation = RemoteSocketLocation(environment: settings.environment)
            if settings.configFile.mpris.enabled ?? true {
                app.mpris = MPRISService.Configuration(environment: settings.environment)
            }
            app.scanner = try ScannerSetup.scanner(opened: opened, settings: settings)
            app.nameItems = { [naming = QueueItemNaming(opened: opened)] in naming.name($0) }
            app.bindings = try Self.bindings(settings)
            app.theme = try Self.theme(settings)
            app.stateFile = paths.stateFile
            app.listing = S3StorageListing.make(client: opened.s3Client, storage: library.storage)
            app.playlists = PlaylistStore(directory: paths.playlistDirectory)
            let status = PlayerApp(configuration: app, events: events).run(player: player)
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// `[keys]` over the defaults; a bad entry stops the start with one line naming the file.
    static func bindings(_ settings: UserSettings) throws(CommandFailure) -> KeyBindings {
        do {
            return try KeyBindings.load(settings.configFile.keys)
        } catch {
            throw CommandFailure("config file \(settings.configPath): \(error)")
        }
    }

    /// `[theme]` over the standard theme, without colour when NO_COLOR is set.
    static func theme(_ settings: UserSettings) throws(CommandFailure) -> Theme {
        do {
            return try Theme.load(settings.configFile.theme, environment: settings.environment)
        } catch {
            throw CommandFailure("config file \(settings.configPath): \(error)")
        }
    }

    /// The XDG paths, with `--state` in place of the state file when given.
    private func statePaths() -> PlayerPaths {
        var paths = PlayerPaths.fromEnvironment()
        if let stateFile {
            paths.stateFile = URL(fileURLWithPath: stateFile, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
        }
        return paths
    }

    private func playerConfiguration(repository: CatalogRepository, opener: ByteSourceOpener,
                                     events: PlayerUIEvents, paths: PlayerPaths) -> Player.Configuration {
        let choice = OutputChoice(output)!
        let warned = Atomic(false)
        let plugNotices = PlugNotices()
        var configuration = Player.Configuration(
            makeOutput: {
                choice.makeOutput(plugNotices: plugNotices) { error in
                    // Said once: every engine run would say it again.
                    if !warned.exchange(true, ordering: .relaxed) {
                        events.notice("No sound device (\(error)); playing silently in real time.")
                    }
                }
            },
            decoders: PlaybackWiring.decoders(),
            openTrack: { entry in Self.track(entry, opener: opener) })
        configuration.engine = PlaybackWiring.engineConfiguration()
        configuration.stateStore = PlayerStateStore(fileURL: paths.stateFile)
        configuration.playlists = PlaylistStore(directory: paths.playlistDirectory)
        configuration.errorLog = ErrorLog(fileURL: paths.errorLogFile)
        configuration.resolveSong = { id in try? repository.song(id: id) }
        return configuration
    }

    /// The entry's bytes, at its typed location (parsed where the entry was added: `:add`, a
    /// playlist, the state file; or the catalog's, with the size and ETag it listed).
    private static func track(_ entry: QueueEntry, opener: ByteSourceOpener) -> PlaybackTrack {
        opener.track(entry.location, title: entry.item.displayName)
    }
}
