import PlaybackCore
import Remote

/// How `s3play remote status` prints the player's state: a block for people, one JSON object
/// with the protocol's field names (docs/cli.md) in a fixed order for scripts.
enum RemoteStatusLines {
    static func text(_ status: RemoteStatus) -> [String] {
        var lines = ["State: \(status.state.rawValue)"]
        if let waiting = status.waiting { lines.append("Waiting: \(waiting)") }
        let title = status.title ?? status.location
        if let title {
            lines.append("Track: " + (status.artist.map { "\($0) – " } ?? "") + title)
        }
        if let album = status.album { lines.append("Album: \(album)") }
        if title != nil {
            lines.append("Time: " + ClockText.of(status.elapsed) + " / "
                         + (status.duration.map(ClockText.of) ?? "?:??"))
        }
        lines.append("Volume: \(status.volume)%")
        lines.append("Modes: shuffle \(status.shuffle ? "on" : "off"), repeat \(status.repeatMode.rawValue)")
        lines.append("Queue: " + (status.queuePosition.map { "\($0) of \(status.queueLength)" }
                                  ?? "\(status.queueLength) \(status.queueLength == 1 ? "track" : "tracks")"))
        return lines
    }

    static func json(_ status: RemoteStatus) -> String {
        var line = JSONLine()
        line.add("state", status.state.rawValue)
        line.add("artist", status.artist)
        line.add("title", status.title)
        line.add("album", status.album)
        line.add("location", status.location)
        line.add("elapsed", status.elapsed, decimals: 3)
        line.add("duration", status.duration, decimals: 3)
        line.add("volume", status.volume)
        line.add("shuffle", status.shuffle)
        line.add("repeat", status.repeatMode.rawValue)
        line.add("queue_length", status.queueLength)
        line.add("queue_position", status.queuePosition)
        line.add("waiting", status.waiting)
        return line.line
    }
}
