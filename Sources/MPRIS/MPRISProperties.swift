import DBus
import Foundation
import Library
import Player

/// The properties of the two MPRIS interfaces as they follow from a player snapshot: pure, so
/// the UI state and the D-Bus view cannot disagree, and tested without a bus.
enum MPRISProperties {
    /// org.mpris.MediaPlayer2: nothing here changes while the player runs.
    static func root(identity: String) -> [String: DBusValue] {
        [
            "CanQuit": .boolean(false),
            "CanRaise": .boolean(false),
            "CanSetFullscreen": .boolean(false),
            "Fullscreen": .boolean(false),
            "HasTrackList": .boolean(false),
            "Identity": .string(identity),
            // Opening a URI is not offered (OpenUri answers NotSupported), so none is listed.
            "SupportedUriSchemes": .stringArray([]),
            "SupportedMimeTypes": .stringArray([]),
        ]
    }

    /// org.mpris.MediaPlayer2.Player. Position is left out of change comparison by the
    /// caller: the specification has it never sent in PropertiesChanged (Seeked says jumps).
    static func player(_ snapshot: PlayerSnapshot, artURL: String?) -> [String: DBusValue] {
        let hasTrack = snapshot.current != nil
        return [
            "PlaybackStatus": .string(playbackStatus(snapshot.state)),
            "LoopStatus": .string(loopStatus(snapshot.repeatMode)),
            "Rate": .double(1),
            "MinimumRate": .double(1),
            "MaximumRate": .double(1),
            "Shuffle": .boolean(snapshot.shuffle),
            "Metadata": metadata(snapshot, artURL: artURL),
            "Volume": .double(Double(snapshot.volumePercent) / 100),
            "Position": .int64(microseconds(snapshot.elapsedSeconds)),
            // The player moves on (or back) whenever the queue has entries; at the ends it
            // stops or wraps as its repeat mode says, which is its call, not the widget's.
            "CanGoNext": .boolean(!snapshot.entries.isEmpty),
            "CanGoPrevious": .boolean(!snapshot.entries.isEmpty),
            "CanPlay": .boolean(!snapshot.entries.isEmpty),
            "CanPause": .boolean(hasTrack),
            "CanSeek": .boolean(hasTrack),
            "CanControl": .boolean(true),
        ]
    }

    static func playbackStatus(_ state: PlayerSnapshot.State) -> String {
        switch state {
        // Waiting for an unreachable source still counts as playing: it goes on by itself.
        case .playing, .waiting: "Playing"
        case .paused: "Paused"
        case .stopped: "Stopped"
        }
    }

    static func loopStatus(_ mode: RepeatMode) -> String {
        switch mode {
        case .off: "None"
        case .all: "Playlist"
        case .one: "Track"
        }
    }

    static func repeatMode(loopStatus: String) -> RepeatMode? {
        switch loopStatus {
        case "None": .off
        case "Playlist": .all
        case "Track": .one
        default: nil
        }
    }

    static func trackID(_ entry: QueueEntry?) -> String {
        guard let entry else { return MPRISNames.noTrack }
        return MPRISNames.trackPathPrefix + String(entry.id.rawValue)
    }

    /// The xesam fields of the current entry (MPRIS "Metadata" and the xesam ontology):
    /// artists are lists, lengths are microseconds.
    static func metadata(_ snapshot: PlayerSnapshot, artURL: String?) -> DBusValue {
        guard let entry = snapshot.current else {
            return .stringVariantDictionary(["mpris:trackid": .objectPath(MPRISNames.noTrack)])
        }
        let item = entry.item
        var fields: [String: DBusValue] = [
            "mpris:trackid": .objectPath(trackID(entry)),
            "xesam:title": .string(item.title),
            "xesam:url": .string(url(forLocation: item.location.description)),
        ]
        if let artist = item.artist, !artist.isEmpty { fields["xesam:artist"] = .stringArray([artist]) }
        if let album = item.album, !album.isEmpty { fields["xesam:album"] = .string(album) }
        if let seconds = snapshot.durationSeconds, seconds > 0 { fields["mpris:length"] = .int64(microseconds(seconds)) }
        if let artURL { fields["mpris:artUrl"] = .string(artURL) }
        if let song = item.song {
            if !song.albumArtist.isEmpty { fields["xesam:albumArtist"] = .stringArray([song.albumArtist]) }
            if let track = song.trackNumber { fields["xesam:trackNumber"] = .int32(Int32(clamping: track)) }
            if let disc = song.discNumber { fields["xesam:discNumber"] = .int32(Int32(clamping: disc)) }
            if let genre = song.genre, !genre.isEmpty { fields["xesam:genre"] = .stringArray([genre]) }
        }
        return .stringVariantDictionary(fields)
    }

    /// A local path as a file: URL; `s3://bucket/key` as it is (never a presigned URL: those
    /// carry credentials).
    static func url(forLocation location: String) -> String {
        guard location.hasPrefix("/") else { return location }
        return URL(fileURLWithPath: location).absoluteString
    }

    static func microseconds(_ seconds: Double) -> Int64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        let value = (seconds * 1_000_000).rounded()
        return value < Double(Int64.max) ? Int64(value) : Int64.max
    }
}
