import Curses
import Foundation
import TerminalUI

/// The messages of this run: the message line shows the newest and how many others arrived
/// with it (within the 6 s a message stays); `:messages` shows them all, in full, newest last.
extension PlayerScreen {
    /// Enough for a long session's notices; older ones are dropped first.
    static let messageLogLimit = 200

    mutating func log(_ text: String, at time: Date) {
        messageLog.append((text, time))
        if messageLog.count > Self.messageLogLimit { messageLog.removeFirst(messageLog.count - Self.messageLogLimit) }
    }

    /// The message line's text: the newest message, and a pointer to the others still fresh.
    func messageLine(at time: Date) -> String? {
        guard let newest = visibleMessage(at: time) else { return nil }
        let fresh = messageLog.filter { time.timeIntervalSince($0.time) < 6 }.count
        return fresh > 1 ? "\(newest)  (+\(fresh - 1) more: :messages)" : newest
    }
}

/// `:messages` over the list area: every logged message wrapped to the box, the newest at the
/// bottom; when they do not fit, the oldest are left out. Any key closes it.
enum MessagesOverlay {
    static func wrap(_ text: String, toColumns columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var width = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if width + characterWidth > columns {
                lines.append(line)
                line = ""
                width = 0
            }
            line.append(character)
            width += characterWidth
        }
        lines.append(line)
        return lines
    }

    static func draw(on terminal: Terminal, palette: ThemePalette, layout: ScreenLayout,
                     log: [(text: String, time: Date)]) {
        let width = layout.size.columns
        let inner = max(1, width - 2)
        let height = layout.listRows.count
        guard height > 2 else { return }
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        var lines = log.flatMap { wrap(formatter.string(from: $0.time) + " " + $0.text, toColumns: inner) }
        if lines.isEmpty { lines = ["No messages yet."] }
        let shown = Array(lines.suffix(height - 2))
        let top = layout.listRows.lowerBound
        let paint = palette[.normal]
        terminal.draw("┌" + String(repeating: "─", count: inner) + "┐", row: top, column: 0, width: width, paint: paint)
        for row in 0..<(height - 2) {
            let text = row < shown.count ? shown[row] : ""
            terminal.draw("│" + DisplayWidth.pad(text, toColumns: inner) + "│", row: top + 1 + row, column: 0,
                          width: width, paint: paint)
        }
        let footer = "─ Messages, newest last (any key closes) "
        terminal.draw("└" + footer + String(repeating: "─", count: max(0, inner - DisplayWidth.of(footer))) + "┘",
                      row: top + height - 1, column: 0, width: width, paint: paint)
    }
}
