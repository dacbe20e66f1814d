import Foundation
import TerminalUI

/// One `capture-pane` of the player, read as a person reads it: the bottom four rows are the
/// details line, the progress line, the status bar and the message line (PlayerUI's
/// ScreenLayout); columns are display columns, measured with the player's own `DisplayWidth`
/// (tmux and the player both follow wcwidth, so a CJK name takes two cells on both sides).
struct PlayerScreenCapture {
    let lines: [String]

    init(_ lines: [String]) { self.lines = lines }

    var header: String { lines.first ?? "" }
    var details: String { line(fromBottom: 4) }
    var progress: String { line(fromBottom: 3) }
    var statusBar: String { line(fromBottom: 2) }
    var messageLine: String { line(fromBottom: 1) }
    /// The rows between the header and the details line.
    var listRows: ArraySlice<String> { lines.dropFirst().dropLast(4) }
    var text: String { lines.joined(separator: "\n") }

    private func line(fromBottom offset: Int) -> String {
        lines.count >= offset ? lines[lines.count - offset] : ""
    }

    var isPlaying: Bool { statusBar.hasPrefix("▶ playing") }
    var isPaused: Bool { statusBar.hasPrefix("‖ paused") }

    /// The elapsed time of " 0:07 / 0:18 [===---]", in whole seconds.
    var elapsedSeconds: Int? { Self.clockPair(progress)?.elapsed }
    var totalSeconds: Int? { Self.clockPair(progress)?.total }

    private static func clockPair(_ line: String) -> (elapsed: Int, total: Int)? {
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count >= 3, parts[1] == "/", let elapsed = seconds(parts[0]), let total = seconds(parts[2]) else {
            return nil
        }
        return (elapsed, total)
    }

    /// "3:07" → 187.
    static func seconds(_ clock: Substring) -> Int? {
        let fields = clock.split(separator: ":").map { Int($0) }
        guard fields.count == 2, let minutes = fields[0], let seconds = fields[1] else { return nil }
        return minutes * 60 + seconds
    }

    /// The display columns where `character` is drawn in `line`.
    static func displayColumns(of character: Character, in line: String) -> [Int] {
        var columns: [Int] = []
        var column = 0
        for each in line {
            if each == character { columns.append(column) }
            column += DisplayWidth.of(each)
        }
        return columns
    }

    /// The display column where `text` starts in `line`, if it is there.
    static func displayColumn(of text: String, in line: String) -> Int? {
        line.range(of: text).map { DisplayWidth.of(line[..<$0.lowerBound]) }
    }

    /// The SGR attributes (1 bold, 2 dim, 4 underline, 7 reverse) in force where `text` begins
    /// in a `capture-pane -e` line, following every escape before it (0 or an empty list
    /// resets; 22, 24 and 27 turn theirs off; colours are skipped).
    static func attributes(at text: String, in raw: String) -> Set<Int>? {
        guard let range = raw.range(of: text) else { return nil }
        var active = Set<Int>()
        var rest = raw[..<range.lowerBound]
        while let escape = rest.range(of: "\u{1B}[") {
            rest = rest[escape.upperBound...]
            guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
            let body = rest[..<end]
            let isSGR = rest[end] == "m"
            rest = rest[rest.index(after: end)...]
            guard isSGR else { continue }
            var numbers = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            if numbers.isEmpty { numbers = [0] }
            var index = 0
            while index < numbers.count {
                switch numbers[index] {
                case 0: active = []
                case 1, 2, 4, 7: active.insert(numbers[index])
                case 22: active.subtract([1, 2])
                case 24: active.remove(4)
                case 27: active.remove(7)
                case 38, 48: index += numbers.count > index + 1 && numbers[index + 1] == 5 ? 2 : 4
                default: break
                }
                index += 1
            }
        }
        return active
    }
}
