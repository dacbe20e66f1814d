import TerminalUI

/// The status bar's "Title – Artist": the title first, and when both do not fit each is
/// shortened in proportion to its length, the title keeping at least two thirds of the room,
/// so a long artist never pushes the title out (issue 17). An artist that would get fewer
/// than 6 columns is left out.
enum NowPlayingText {
    static let separator = " – "

    static func compose(title: String, artist: String?, columns: Int) -> String {
        let artist = artist ?? ""
        let titleWidth = DisplayWidth.of(title)
        guard !artist.isEmpty else { return DisplayWidth.truncate(title, toColumns: columns) }
        let artistWidth = DisplayWidth.of(artist)
        let room = columns - DisplayWidth.of(separator)
        if titleWidth + artistWidth <= room { return title + separator + artist }
        let proportional = room * titleWidth / max(1, titleWidth + artistWidth)
        let titleColumns = min(titleWidth, max(proportional, room * 2 / 3))
        let artistColumns = room - titleColumns
        guard artistColumns >= 6 else { return DisplayWidth.truncate(title, toColumns: columns) }
        return DisplayWidth.truncate(title, toColumns: titleColumns) + separator
            + DisplayWidth.truncate(artist, toColumns: artistColumns)
    }
}
