import Foundation

/// The command line's history: ↑ and ↓ step through the lines entered (the same line twice in
/// a row is kept once), back down to the line being typed.
extension PlayerScreen {
    /// At most this many lines are kept (bash's HISTSIZE default is 500).
    static let historyLimit = 500

    mutating func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, commandHistory.last != line else { return }
        commandHistory.append(line)
        if commandHistory.count > Self.historyLimit { commandHistory.removeFirst(commandHistory.count - Self.historyLimit) }
    }

    mutating func recall(_ step: Int, current: LineEditor) -> LineEditor {
        guard !commandHistory.isEmpty else { return current }
        if historyPosition == nil {
            guard step < 0 else { return current }
            draftLine = current
            historyPosition = commandHistory.count
        }
        let position = min(commandHistory.count, max(0, historyPosition! + step))
        historyPosition = position
        if position == commandHistory.count {
            historyPosition = nil
            return draftLine
        }
        return LineEditor(commandHistory[position])
    }
}

extension PlayerScreen {
    /// The listing's answer to Tab: applied only while the line is still the one Tab was
    /// pressed on (typing on meanwhile wins).
    mutating func completeLocation(line: String, candidates: [String]) {
        guard case .command(let current) = typing, current.text == line,
              let url = CommandCompletion.locationToComplete(line) else { return }
        if let completed = CommandCompletion.completeLocation(line, url: url, candidates: candidates) {
            typing = .command(LineEditor(completed))
        }
    }
}
