import Foundation
import Library
import PlaybackCore

/// The scan's progress: a bar redrawn in place on a terminal (at most 10 times a second), plain
/// lines at each quarter when stderr is not a terminal (logs stay short).
final class ScanProgressDisplay: @unchecked Sendable {
    private let location: String
    private let isTerminal = isatty(2) != 0
    private let lock = NSLock()
    private var lastDraw = 0.0
    private var lastLength = 0
    private var announcedListing = false
    private var lastQuarter = 0

    init(location: String) {
        self.location = location
    }

    func show(_ progress: ScanProgress) {
        lock.withLock {
            isTerminal ? drawBar(progress) : writeLines(progress)
        }
    }

    func clear() {
        lock.withLock {
            guard isTerminal, lastLength > 0 else { return }
            write("\r" + String(repeating: " ", count: lastLength) + "\r")
            lastLength = 0
        }
    }

    private func drawBar(_ progress: ScanProgress) {
        let now = Date().timeIntervalSince1970
        let done = progress.listingFinished && progress.tagsRead == progress.tagsToRead
        guard now - lastDraw >= 0.1 || done else { return }
        lastDraw = now
        var line: String
        if !progress.listingFinished {
            line = "Listing \(location): \(progress.objectsListed) objects"
            // Reads start with the listing's first page.
            if progress.tagsToRead > 0 { line += "  \(progress.tagsRead)/\(progress.tagsToRead) tags" }
        } else {
            let width = 24
            let fraction = progress.tagsToRead == 0 ? 1 : Double(progress.tagsRead) / Double(progress.tagsToRead)
            let filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
                + "\(progress.tagsRead)/\(progress.tagsToRead) tags  \(progress.objectsListed) objects  "
                + ByteCount.text(progress.bytesFetched)
            if let left = progress.estimatedSecondsLeft { line += "  ETA \(ClockText.of(left))" }
        }
        let padding = String(repeating: " ", count: max(0, lastLength - line.count))
        lastLength = line.count
        write("\r" + line + padding)
    }

    private func writeLines(_ progress: ScanProgress) {
        if progress.listingFinished && !announcedListing {
            announcedListing = true
            StandardError.writeLine("s3play: listed \(progress.objectsListed) objects; reading the tags of \(progress.tagsToRead)")
        }
        guard progress.listingFinished, progress.tagsToRead > 0 else { return }
        let quarter = progress.tagsRead * 4 / progress.tagsToRead
        if quarter > lastQuarter {
            lastQuarter = quarter
            StandardError.writeLine("s3play: read \(progress.tagsRead)/\(progress.tagsToRead) tags, "
                                    + ByteCount.text(progress.bytesFetched))
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
