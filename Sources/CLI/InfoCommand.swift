import ArgumentParser
import AudioInfo
import Foundation
import PlaybackCore
import S3
import S3Streaming
import Storage
import TerminalUI

/// `s3play info SOURCE`: duration, bitrate, format and tags of one MP3, read from its first
/// frames and tags only.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print an MP3's duration, bitrate, sample rate, channels and tags.",
        discussion: """
        SOURCE is s3://BUCKET/KEY or a local path. Only the start of the file (its tags, with any \
        picture skipped, and its first frames) and its last 8 KiB are read, never the audio. \
        With --json the output is one object with the fields listed in docs/cli.md.
        """)

    @Argument(help: "s3://BUCKET/KEY or a local file path.")
    var source: String

    @Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        do { _ = try StorageLocation(parsing: source) } catch where !error.isURL { throw ValidationError(error.description) } catch {}
    }

    func run() throws {
        try reportingFailures {
            let location: StorageLocation
            do throws(StorageLocationError) { location = try StorageLocation(parsing: source) } catch {
                throw CommandFailure(error.description)
            }
            let opener = ByteSourceOpener(client: location.isS3 ? try storage.makeClient() : nil)
            let bytes = try opener.open(location, configuration: .skimming)
            defer { bytes.close() }
            let info = try TrackInfoReader().read(bytes)
            let output = BufferedStandardOutput()
            defer { output.flush() }
            if json {
                output.writeLine(Self.jsonLine(info, source: source))
            } else {
                for line in Self.textLines(info, source: source) { output.writeLine(line) }
            }
        }
    }

    /// "Label:" columns padded to the longest label, then the value; tags only when present.
    static func textLines(_ info: TrackInfo, source: String) -> [String] {
        var rows: [(String, String)] = [("Source", source)]
        let duration = info.durationSeconds.map(ClockText.of) ?? "unknown"
        rows.append(("Duration", info.lengthIsExact ? duration : "~\(duration) (estimated)"))
        if let version = info.mpegVersion, let layer = info.layer {
            rows.append(("Bitrate", "\(info.bitrateKbps) kbps \(info.bitrateMode.rawValue)"))
            rows.append(("Sample rate", "\(info.sampleRate) Hz"))
            rows.append(("Channels", "\(info.channels)" + (info.channelMode.map { " (\($0.rawValue))" } ?? "")))
            let numeral = ["I", "II", "III"].indices.contains(layer - 1) ? ["I", "II", "III"][layer - 1] : "\(layer)"
            rows.append(("Format", "MPEG-\(version.rawValue) Layer \(numeral)"))
        } else {
            rows.append(("Format", info.codec))
            rows.append(("Sample rate", "\(info.sampleRate) Hz"))
            if let bits = info.bitsPerSample {
                rows.append(("Bit depth", "\(bits)-bit" + (info.isFloatingPoint ? " float" : "")))
            }
            rows.append(("Channels", "\(info.channels)"))
            rows.append(("Bitrate", "\(info.bitrateKbps) kbps average"))
        }
        rows.append(("Size", "\(info.sizeBytes) bytes"))
        for (label, value) in tagFields(info.tags) {
            if let value { rows.append((label, value)) }
        }
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { label, value in
            (label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + value
        }
    }

    /// Field names and order are documented in docs/cli.md: keep them stable.
    static func jsonLine(_ info: TrackInfo, source: String) -> String {
        var line = JSONLine()
        line.add("source", source)
        line.add("sizeBytes", info.sizeBytes)
        line.add("durationSeconds", info.durationSeconds, decimals: 3)
        line.add("durationExact", info.lengthIsExact)
        if let samples = info.lengthInSamples { line.add("lengthSamples", samples) } else { line.addNull("lengthSamples") }
        line.add("bitrateKbps", info.bitrateKbps)
        line.add("bitrateMode", info.bitrateMode.rawValue)
        line.add("sampleRate", info.sampleRate)
        line.add("channels", info.channels)
        if let mode = info.channelMode { line.add("channelMode", mode.rawValue) } else { line.addNull("channelMode") }
        if let version = info.mpegVersion { line.add("mpegVersion", version.rawValue) } else { line.addNull("mpegVersion") }
        if let layer = info.layer { line.add("layer", layer) } else { line.addNull("layer") }
        line.add("codec", info.codec)
        if let bits = info.bitsPerSample { line.add("bitsPerSample", bits) } else { line.addNull("bitsPerSample") }
        line.add("floatingPoint", info.isFloatingPoint)
        var tags = JSONLine()
        for (index, (_, value)) in tagFields(info.tags).enumerated() {
            tags.add(jsonTagNames[index], value)
        }
        line.add("tags", tags)
        return line.line
    }

    private static let jsonTagNames = ["title", "artist", "album", "albumArtist", "year", "genre", "track", "disc", "comment"]

    private static func tagFields(_ tags: TrackTags) -> [(String, String?)] {
        [("Title", tags.title), ("Artist", tags.artist), ("Album", tags.album), ("Album artist", tags.albumArtist),
         ("Year", tags.year), ("Genre", tags.genre), ("Track", tags.track), ("Disc", tags.disc),
         ("Comment", tags.comment)]
    }
}
