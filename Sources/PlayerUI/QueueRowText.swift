import Player
import TerminalUI

/// A queue row's names in three columns, artist | title | album (issue 17), cut and padded by
/// display width so CJK names keep the columns straight. Below `minimumColumnsWidth` there is
/// no room for three readable columns and the row says "title – artist" as before.
enum QueueRowText {
    static let minimumColumnsWidth = 45
    static let gap = "  "

    /// The text for `width` columns (the number, marks and duration are the caller's).
    static func of(_ item: QueueItem, width: Int) -> String {
        guard width >= minimumColumnsWidth else { return DisplayWidth.truncate(item.displayName, toColumns: width) }
        let (artistWidth, titleWidth, albumWidth) = columnWidths(width)
        return cell(item.artist ?? "", artistWidth) + gap + cell(item.title, titleWidth) + gap
            + cell(item.album ?? "", albumWidth)
    }

    /// Title 40 %, artist and album 30 % each of what is left after the two gaps.
    static func columnWidths(_ width: Int) -> (artist: Int, title: Int, album: Int) {
        let room = width - 2 * gap.count
        let artist = room * 3 / 10
        let album = room * 3 / 10
        return (artist, room - artist - album, album)
    }

    private static func cell(_ text: String, _ width: Int) -> String {
        DisplayWidth.pad(DisplayWidth.truncate(text, toColumns: width), toColumns: width)
    }
}
