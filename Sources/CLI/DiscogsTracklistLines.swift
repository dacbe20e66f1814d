import Discogs

/// A Discogs tracklist as text: headings as headings, index tracks with their parts indented
/// under them (Atom Heart Mother's side A is one index track of six parts), a compilation's
/// track artists before the title, and each track's own credits under it.
enum DiscogsTracklistLines {
    static func text(_ tracks: [DiscogsTrack], albumArtists: [DiscogsArtistCredit]) -> [String] {
        guard !tracks.isEmpty else { return [] }
        let width = positionWidth(tracks)
        var lines = [""]
        for track in tracks { lines += rows(track, depth: 0, width: width, albumArtists: albumArtists) }
        return lines
    }

    private static func positionWidth(_ tracks: [DiscogsTrack]) -> Int {
        tracks.map { max($0.position.count, positionWidth($0.subTracks)) }.max() ?? 0
    }

    private static func rows(_ track: DiscogsTrack, depth: Int, width: Int, albumArtists: [DiscogsArtistCredit]) -> [String] {
        if case .heading = track.kind { return [track.title] }
        let indent = String(repeating: "  ", count: depth + 1)
        let position = track.position + String(repeating: " ", count: max(0, width - track.position.count))
        // A compilation names who plays each track; a track by the album's artists does not repeat them.
        let artists = track.artists.isEmpty || track.artists.map(\.id) == albumArtists.map(\.id)
            ? "" : DiscogsName.line(track.artists) + " – "
        var lines = ["\(indent)\(position)  \(artists)\(track.title)" + (track.durationText.isEmpty ? "" : "  \(track.durationText)")]
        let creditIndent = indent + String(repeating: " ", count: width + 2)
        lines += DiscogsLines.credits(DiscogsCreditGroup.grouped(track.credits), indent: creditIndent, title: nil)
        for part in track.subTracks { lines += rows(part, depth: depth + 1, width: width, albumArtists: albumArtists) }
        return lines
    }
}
