/// Which queue entries one engine run has been handed, and which of them it has started.
///
/// The engine asks for each following track once, up to 30 s before the current one ends, and
/// numbers them from 0 (`PlaybackEvent.trackStarted(index:)`). Until a handed track starts, the
/// queue's current entry is still the one heard, so the queue is not advanced at hand-over;
/// the hand-overs are replayed on a copy of the queue to say what comes after them, and on the
/// queue itself when one starts. Pure: the `Player` calls it under its lock.
struct EngineFeed: Sendable {
    /// Tells the callbacks of a stopped engine from those of the running one.
    private(set) var generation = 0
    private(set) var handedCount = 0
    /// Handed over and not started yet, in order. Index 0 is the entry the run started at.
    private(set) var ahead: [(index: Int, id: QueueEntryID)] = []
    private var entryByIndex: [Int: QueueEntryID] = [:]
    /// The engine index of the entry heard now.
    private(set) var startedIndex: Int?
    private var failuresInARow = 0

    /// A new engine run; callbacks of the old one are ignored from now on.
    mutating func beginRun() {
        generation += 1
        handedCount = 0
        ahead = []
        entryByIndex = [:]
        startedIndex = nil
        failuresInARow = 0
    }

    /// The entry to hand to the engine now, given the queue (whose current entry is heard).
    mutating func handOver(from queue: PlayQueue) -> QueueEntry? {
        // Every entry failed in a row: asking again would loop the engine forever.
        guard failuresInARow < max(1, queue.entries.count) else { return nil }
        var lookahead = queue
        let entry: QueueEntry?
        if handedCount == 0 {
            entry = queue.current
        } else {
            for item in ahead where item.index != 0 { lookahead.next(.trackEnded) }
            entry = lookahead.next(.trackEnded)
        }
        guard let entry else { return nil }
        ahead.append((handedCount, entry.id))
        entryByIndex[handedCount] = entry.id
        handedCount += 1
        return entry
    }

    enum Start: Equatable {
        /// The queue as it is after the started entry became current.
        case advanced(PlayQueue)
        /// The queue changed in a way the engine had not caught up with: this entry should
        /// become current by itself.
        case jumpedTo(QueueEntryID)
        /// The started entry is no longer in the queue.
        case removed
    }

    /// A track of this run started; returns how the queue follows.
    mutating func started(index: Int, queue: PlayQueue) -> Start {
        failuresInARow = 0
        startedIndex = index
        let id = entryByIndex[index]
        let handed = ahead.prefix { $0.index <= index }
        ahead.removeFirst(handed.count)
        var advanced = queue
        var matches = handed.last?.index == index
        for item in handed where item.index != 0 {
            matches = matches && advanced.next(.trackEnded)?.id == item.id
        }
        if matches { return .advanced(advanced) }
        guard let id, queue.entry(id) != nil else { return .removed }
        return .jumpedTo(id)
    }

    mutating func failed(index: Int) -> QueueEntryID? {
        failuresInARow += 1
        return entryByIndex[index]
    }

    func entryID(forIndex index: Int) -> QueueEntryID? { entryByIndex[index] }

    /// After an edit of the queue: false when what the engine was handed ahead is no longer
    /// what would follow, and the engine must drop it (`PlaybackCommand.discardUpcoming`).
    mutating func keepsAhead(of queue: PlayQueue) -> Bool {
        var lookahead = queue
        for item in ahead where item.index != 0 {
            if lookahead.next(.trackEnded)?.id != item.id {
                ahead.removeAll { $0.index != 0 }
                return false
            }
        }
        return true
    }
}
