import Library

/// The play queue as a pure value: entries, the current one, shuffle and repeat. No threads and
/// no I/O; the `Player` owns one and performs what it decides. Every operation names entries by
/// `QueueEntryID`, so it means the same thing however the list moved in between.
public struct PlayQueue: Sendable, Hashable {
    public private(set) var entries: [QueueEntry] = []
    /// The entry that plays (or would play on `play`); nil before the first or after the last.
    public private(set) var currentID: QueueEntryID?
    public private(set) var isShuffled = false
    public var repeatMode: RepeatMode = .off
    private var shuffle = ShuffleOrder()
    private var random: SeededRandom
    private var lastIssuedID: UInt64 = 0
    /// The last entry `insertNext` put in, and the entry that was current then: while that
    /// entry is still current, the next play-next goes after it, so `e` on 1, 2, 3 plays
    /// 1, 2, 3 (not 3, 2, 1). Any change of the current entry starts a new run.
    private var playNextRun: PlayNextRun?

    /// `random` decides shuffle orders; tests pass a seeded one to replay them exactly.
    public init(random: SeededRandom = .fresh()) {
        self.random = random
    }

    // MARK: reading

    public var currentIndex: Int? { currentID.flatMap(index(of:)) }
    public var current: QueueEntry? { currentIndex.map { entries[$0] } }
    public var isEmpty: Bool { entries.isEmpty }

    public func index(of id: QueueEntryID) -> Int? { entries.firstIndex { $0.id == id } }
    public func entry(_ id: QueueEntryID) -> QueueEntry? { index(of: id).map { entries[$0] } }

    /// The sum of the known durations (entries of unknown length count as 0).
    public var totalDurationSeconds: Double { entries.reduce(0) { $0 + ($1.durationSeconds ?? 0) } }

    /// What plays after the current entry, in order, until the end of the list or of the
    /// shuffle cycle (repeat may continue past it in an order not chosen yet).
    public var upcoming: [QueueEntry] {
        if isShuffled {
            // One pass to index the entries: a lookup per id would be quadratic on a big queue.
            let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
            return shuffle.unplayed.compactMap { byID[$0] }
        }
        let start = currentIndex.map { $0 + 1 } ?? 0
        return Array(entries[start...])
    }

    // MARK: editing

    @discardableResult
    public mutating func append(_ items: [QueueItem]) -> [QueueEntryID] {
        let added = makeEntries(items)
        entries += added
        if isShuffled { shuffle.insertUnplayed(added.map(\.id), random: &random) }
        return added.map(\.id)
    }

    @discardableResult
    public mutating func append(songs: [Song]) -> [QueueEntryID] { append(songs.map(QueueItem.init(song:))) }

    /// cmus' `e`: the items play right after the current entry (first of all when nothing is
    /// current), in the order given, and after what earlier play-nexts put there while the same
    /// entry stayed current.
    @discardableResult
    public mutating func insertNext(_ items: [QueueItem]) -> [QueueEntryID] {
        let added = makeEntries(items)
        let currentRun = playNextRun?.current == currentID ? playNextRun : nil
        entries.insert(contentsOf: added, at: playNextPosition())
        if isShuffled { shuffle.insertNext(added.map(\.id), after: currentRun?.last) }
        if let last = added.last { playNextRun = PlayNextRun(current: currentID, last: last.id) }
        return added.map(\.id)
    }

    /// The items go in just before `id` (at the end when `id` is gone).
    @discardableResult
    public mutating func insert(_ items: [QueueItem], before id: QueueEntryID) -> [QueueEntryID] {
        let added = makeEntries(items)
        entries.insert(contentsOf: added, at: index(of: id) ?? entries.count)
        if isShuffled { shuffle.insertUnplayed(added.map(\.id), random: &random) }
        return added.map(\.id)
    }

    private func playNextPosition() -> Int {
        let afterCurrent = currentIndex.map { $0 + 1 } ?? 0
        guard let run = playNextRun, run.current == currentID,
              let last = index(of: run.last), last >= afterCurrent else { return afterCurrent }
        return last + 1
    }

    /// Removes an entry. Removing the current one makes the next one current (as an explicit
    /// next would), so playback moves on. False when there is no such entry.
    @discardableResult
    public mutating func remove(_ id: QueueEntryID) -> Bool {
        guard let index = index(of: id) else { return false }
        if id == currentID {
            next(.skip)
            if currentID == id { currentID = nil; shuffle.reset() }
        }
        entries.remove(at: index)
        shuffle.remove(id)
        return true
    }

    /// Moves an entry one place up (-1) or down (+1), J/K style; past either end nothing moves.
    /// Returns whether it moved.
    @discardableResult
    public mutating func move(_ id: QueueEntryID, by offset: Int) -> Bool {
        guard let index = index(of: id), offset != 0 else { return false }
        let target = index + offset
        guard entries.indices.contains(target) else { return false }
        let entry = entries.remove(at: index)
        entries.insert(entry, at: target)
        return true
    }

    /// Takes back an earlier state of this queue (undo). Ids issued since stay used, so an id
    /// the user saw never comes back naming another entry.
    public mutating func restore(_ earlier: PlayQueue) {
        let issued = lastIssuedID
        self = earlier
        lastIssuedID = max(issued, earlier.lastIssuedID)
    }

    public mutating func clear() {
        entries = []
        currentID = nil
        shuffle.reset()
    }

    // MARK: moving the current entry

    /// Makes `id` current; nil when there is no such entry.
    @discardableResult
    public mutating func playNow(_ id: QueueEntryID) -> QueueEntry? {
        guard let entry = entry(id) else { return nil }
        if isShuffled {
            if shuffle.order.isEmpty { shuffle.startCycle(of: entries.map(\.id), first: id, random: &random) }
            else { shuffle.makeCurrent(id) }
        }
        currentID = id
        return entry
    }

    @discardableResult
    public mutating func jump(toIndex index: Int) -> QueueEntry? {
        guard entries.indices.contains(index) else { return nil }
        return playNow(entries[index].id)
    }

    /// The entry after the current one, honouring the modes; nil (and nothing current) when
    /// the queue is over. With nothing current it starts from the first entry (or a new cycle).
    @discardableResult
    public mutating func next(_ cause: AdvanceCause = .skip) -> QueueEntry? {
        guard !entries.isEmpty else { return nil }
        if cause == .trackEnded, repeatMode == .one, let current { return current }
        return isShuffled ? nextShuffled() : nextInOrder()
    }

    /// The entry before the current one. At the start it stays on the first entry (to play it
    /// again from the beginning); with repeat all it wraps to the last. After the end of the
    /// queue it goes back to the last entry.
    @discardableResult
    public mutating func previous() -> QueueEntry? {
        guard !entries.isEmpty else { return nil }
        if isShuffled {
            if let id = shuffle.previousInCycle { shuffle.stepBack(); currentID = id }
            return current
        }
        guard let index = currentIndex else { currentID = entries.last?.id; return current }
        if index > 0 { currentID = entries[index - 1].id }
        else if repeatMode == .all { currentID = entries.last?.id }
        return current
    }

    /// Turning shuffle on starts a cycle led by the current entry; turning it off keeps the
    /// current entry and plays on in list order from it.
    public mutating func setShuffle(_ on: Bool) {
        guard on != isShuffled else { return }
        isShuffled = on
        if on { shuffle.startCycle(of: entries.map(\.id), first: currentID, random: &random) }
        else { shuffle.reset() }
    }

    // MARK: private

    private mutating func makeEntries(_ items: [QueueItem]) -> [QueueEntry] {
        items.map { item in
            lastIssuedID += 1
            return QueueEntry(id: QueueEntryID(lastIssuedID), item: item)
        }
    }

    private mutating func nextInOrder() -> QueueEntry? {
        guard let index = currentIndex else { currentID = entries.first?.id; return current }
        if index + 1 < entries.count { currentID = entries[index + 1].id }
        else if repeatMode == .all { currentID = entries.first?.id }
        else { currentID = nil }
        return current
    }

    private mutating func nextShuffled() -> QueueEntry? {
        if shuffle.order.isEmpty {
            // Nothing current (a new queue, or after the end): a fresh cycle from its first entry.
            shuffle.startCycle(of: entries.map(\.id), first: nil, random: &random)
        } else if shuffle.following == nil {
            guard repeatMode == .all else {
                currentID = nil
                shuffle.reset()
                return nil
            }
            shuffle.startCycle(of: entries.map(\.id), first: nil, notFirst: currentID, random: &random)
        }
        shuffle.advance()
        currentID = shuffle.current
        return current
    }
}

private struct PlayNextRun: Sendable, Hashable {
    var current: QueueEntryID?
    var last: QueueEntryID
}
