import Dispatch
import Foundation
import Library
import PlaybackCore
import Synchronization

/// `:rescan`: the same incremental scan as `s3play scan`, on its own thread while the player
/// goes on. Progress reaches the message line a few times a second; at the end the browser's
/// columns are read again. One scan at a time; quitting the player stops it (what was read is
/// kept, as with Ctrl-C in `s3play scan`).
final class LibraryRescan: Sendable {
    private let scanner: CatalogScanner
    private let repository: any LibraryRepository
    private let inbox: UIInbox
    private let queue = DispatchQueue(label: "s3play.ui.rescan")
    private let running = Atomic(false)
    private let cancelled = Atomic(false)
    /// Progress is posted at most this often (the screen redraws 4 times a second anyway).
    private let progressInterval: Double

    init(scanner: CatalogScanner, repository: any LibraryRepository, inbox: UIInbox, progressInterval: Double = 0.25) {
        self.scanner = scanner
        self.repository = repository
        self.inbox = inbox
        self.progressInterval = progressInterval
    }

    var isRunning: Bool { running.load(ordering: .relaxed) }

    /// False when a scan is already under way.
    func start() -> Bool {
        guard running.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return false }
        cancelled.store(false, ordering: .relaxed)
        queue.async { [self] in
            defer { running.store(false, ordering: .relaxed) }
            let lastPost = Mutex(0.0)
            let report: ScanReport
            do {
                report = try scanner.scan(isCancelled: { [self] in cancelled.load(ordering: .relaxed) },
                                          onProgress: { [inbox, progressInterval] progress in
                    let now = Date().timeIntervalSince1970
                    let due = lastPost.withLock { last in
                        guard now - last >= progressInterval else { return false }
                        last = now
                        return true
                    }
                    if due { inbox.post(.rescanProgress(progress)) }
                })
            } catch {
                inbox.post(.rescanFinished(artists: nil, summary: "Rescan failed: \(error)"))
                return
            }
            let artists = try? repository.artists()
            inbox.post(.rescanFinished(artists: artists, summary: Self.summary(report)))
        }
        return true
    }

    func stop() { cancelled.store(true, ordering: .relaxed) }

    static func summary(_ report: ScanReport) -> String {
        if report.interrupted { return "Rescan stopped; the tags read so far are kept." }
        var parts = ["\(report.newObjects) new", "\(report.changedObjects) changed", "\(report.deletedObjects) deleted"]
        if !report.problems.isEmpty { parts.append("\(report.problems.count) not playable (`s3play scan` lists them)") }
        return "Rescan done: " + parts.joined(separator: ", ") + "."
    }

    static func progressText(_ progress: ScanProgress) -> String {
        guard progress.listingFinished else { return "Rescanning: \(progress.objectsListed) objects listed…" }
        var text = "Rescanning: \(progress.tagsRead)/\(progress.tagsToRead) tags read"
        if let left = progress.estimatedSecondsLeft, progress.tagsRead < progress.tagsToRead {
            text += ", \(ClockText.of(left)) left"
        }
        return text
    }
}
