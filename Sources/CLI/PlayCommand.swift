import ArgumentParser
import Dispatch
import Foundation
import ALSAOutput
import NullOutput
import PlaybackCore
import S3
import SafeText
import Storage

/// `s3play play SOURCE...`: plays files from S3 or disk in order, gaplessly, to the end.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play MP3, FLAC, Ogg Vorbis, Opus, WAV and AIFF from S3 or local paths, in order and gaplessly.",
        discussion: """
        SOURCE is s3://BUCKET/KEY or a local path; or, instead of sources, --artist and/or \
        --album play from the library's catalog in album order. Music streams with ranged reads: \
        playback starts after the first chunk, never after a whole download. A source that \
        cannot be played is reported in one line and the next one plays; the exit status \
        is then 1. Ctrl-C stops at once (exit status 130). With no sound card (ALSA cannot \
        open the device) playback goes on silently in real time.
        """)

    @Argument(help: "s3://BUCKET/KEY or a local file path, one or more.")
    var sources: [String] = []

    @Option(help: "Play this artist's songs from the catalog (album by album).")
    var artist: String?

    @Option(help: "Play this album from the catalog (with --artist when names repeat).")
    var album: String?

    @Option(help: "alsa, alsa:DEVICE (e.g. alsa:hw:0) or null.")
    var output = "alsa"

    // `.unconditional`: "--start -3" must reach validate() and its message; by default
    // ArgumentParser takes "-3" for an option and says "Missing value" (issue #12).
    @Option(parsing: .unconditional, help: "Start the first source at this many seconds.")
    var start: Double = 0

    @Option(parsing: .unconditional, help: "Volume in percent (100 is bit-exact).")
    var volume = 100

    @Option(help: "ReplayGain: off, track or album.")
    var replaygain = "off"

    @Option(parsing: .unconditional, help: "ReplayGain preamp in dB (negative lowers it, e.g. --preamp -6).")
    var preamp: Double = 0

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup var library: LibraryOptions

    private var playsFromCatalog: Bool { artist != nil || album != nil }

    func validate() throws {
        if playsFromCatalog && !sources.isEmpty {
            throw ValidationError("give SOURCEs or --artist/--album, not both.")
        }
        if !playsFromCatalog && sources.isEmpty {
            throw ValidationError("give at least one SOURCE, or --artist/--album to play from the catalog.")
        }
        guard OutputChoice(output) != nil else {
            throw ValidationError("--output must be alsa, alsa:DEVICE or null, not '\(output)'.")
        }
        guard ReplayGainChoice(rawValue: replaygain) != nil else {
            throw ValidationError("--replaygain must be off, track or album, not '\(replaygain)'.")
        }
        guard (0...100).contains(volume) else { throw ValidationError("--volume must be between 0 and 100.") }
        guard start >= 0 else { throw ValidationError("--start must be 0 or more seconds.") }
        for source in sources {
            do { _ = try StorageLocation(parsing: source) } catch where !error.isURL { throw ValidationError(error.description) } catch {}
        }
    }

    func run() throws {
        try reportingFailures {
            let tracks = try playsFromCatalog ? catalogTracks() : sourceTracks()
            let session = PlaybackSession(
                tracks: tracks, output: OutputChoice(output)!, replayGain: ReplayGainChoice(rawValue: replaygain)!,
                preamp: preamp, quiet: quiet)
            let status = session.run(startSeconds: start, volume: volume)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

extension PlayCommand {
    private func sourceTracks() throws(CommandFailure) -> [PlaybackTrack] {
        let locations = sources.map { source in
            Result { () throws(StorageLocationError) -> StorageLocation in try StorageLocation(parsing: source) }
        }
        let needsS3 = locations.contains { (try? $0.get())?.isS3 ?? false }
        let opener = ByteSourceOpener(client: needsS3 ? try library.storage.makeClient() : nil)
        return zip(sources, locations).map { source, location in
            switch location {
            case .success(let location):
                return opener.track(location, title: source)
            case .failure:
                // A URL (the only refusal left after `validate`) fails its own track, as an
                // unreadable file does, and the others still play; never echoed whole.
                return PlaybackTrack(title: source) { () throws(ByteSourceError) -> ByteSource in
                    throw .unreadable(URLRedaction.redacted(source), reason: "URLs are not supported; give s3://BUCKET/KEY or a path")
                }
            }
        }
    }

    /// The catalog's songs of the artist and/or album, in album order.
    private func catalogTracks() throws -> [PlaybackTrack] {
        let opened = try library.openScanned()
        let songs = try opened.store.songs(artist: artist, album: album)
        guard !songs.isEmpty else {
            throw CommandFailure("nothing in the catalog matches \(CatalogSelection.describe(artist: artist, album: album)): "
                                 + "`s3play search TEXT` finds names.")
        }
        let opener = ByteSourceOpener(client: opened.s3Client)
        return songs.map { opener.track($0.location, title: "\($0.artist) – \($0.title)") }
    }
}

enum OutputChoice: Equatable {
    case alsa(device: String)
    case null

    init?(_ text: String) {
        if text == "null" {
            self = .null
        } else if text == "alsa" {
            self = .alsa(device: "default")
        } else if text.hasPrefix("alsa:"), text.count > 5 {
            self = .alsa(device: String(text.dropFirst(5)))
        } else {
            return nil
        }
    }

    /// The output this choice names. When ALSA cannot open the device (no sound card) playback
    /// goes on silently in real time, after `noDevice` is told why.
    /// `plugNotices`: shared by the outputs of one process (the player opens one a run).
    func makeOutput(plugNotices: PlugNotices = PlugNotices(), noDevice: (Error) -> Void) -> AudioOutput {
        guard case .alsa(let device) = self else { return PacedNullOutput() }
        do {
            return try ALSAAudioOutput(device: device, plugNotices: plugNotices)
        } catch {
            noDevice(error)
            return PacedNullOutput()
        }
    }
}

enum ReplayGainChoice: String {
    case off, track, album
}
