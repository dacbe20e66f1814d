/// One shuffle cycle: the entries in the order they play. Everything up to `position` has been
/// heard in this cycle (the current entry is at `position`); everything after it has not. An
/// entry therefore never comes round again before every other one has played, and a new cycle
/// gets a new order.
struct ShuffleOrder: Sendable, Hashable {
    private(set) var order: [QueueEntryID] = []
    /// The current entry's place in `order`; -1 before the cycle's first entry.
    private(set) var position = -1

    var current: QueueEntryID? { order.indices.contains(position) ? order[position] : nil }
    var following: QueueEntryID? { order.indices.contains(position + 1) ? order[position + 1] : nil }
    var previousInCycle: QueueEntryID? { order.indices.contains(position - 1) ? order[position - 1] : nil }
    var unplayed: ArraySlice<QueueEntryID> { order[(position + 1)...] }

    /// A new cycle. `first`, when given, leads it (turning shuffle on keeps the current entry);
    /// `notFirst` is kept off the first place when there is a choice, so a new cycle does not
    /// open with the entry that closed the last one.
    mutating func startCycle<R: RandomNumberGenerator>(of ids: [QueueEntryID], first: QueueEntryID?,
                                                       notFirst: QueueEntryID? = nil, random: inout R) {
        var rest = ids.filter { $0 != first }
        rest.shuffle(using: &random)
        if first == nil, rest.count > 1, rest[0] == notFirst {
            rest.swapAt(0, Int.random(in: 1..<rest.count, using: &random))
        }
        order = (first.map { [$0] } ?? []) + rest
        position = first == nil ? -1 : 0
    }

    mutating func reset() {
        order = []
        position = -1
    }

    mutating func advance() { position += 1 }
    mutating func stepBack() { position -= 1 }

    /// New entries join the unplayed part at random places; the unplayed entries keep their
    /// order among themselves. Built in one pass (a random set of slots in the merged list),
    /// since enqueueing a whole library into a shuffled queue would be quadratic one insert at a time.
    mutating func insertUnplayed<R: RandomNumberGenerator>(_ ids: [QueueEntryID], random: inout R) {
        guard !ids.isEmpty else { return }
        let unplayed = order[(position + 1)...]
        let total = unplayed.count + ids.count
        var slots = Array(0..<total)
        slots.shuffle(using: &random)
        let newSlots = Set(slots.prefix(ids.count))
        var added = ids.shuffled(using: &random).makeIterator()
        var kept = unplayed.makeIterator()
        let merged = (0..<total).map { newSlots.contains($0) ? added.next()! : kept.next()! }
        order.replaceSubrange((position + 1)..., with: merged)
    }

    /// Entries to play next, in the given order, right after the current one, or after
    /// `previous` (an earlier play-next) when that is still to come.
    mutating func insertNext(_ ids: [QueueEntryID], after previous: QueueEntryID? = nil) {
        if let previous, let index = order.firstIndex(of: previous), index > position {
            order.insert(contentsOf: ids, at: index + 1)
        } else {
            order.insert(contentsOf: ids, at: position + 1)
        }
    }

    mutating func remove(_ id: QueueEntryID) {
        guard let index = order.firstIndex(of: id) else { return }
        order.remove(at: index)
        if index <= position { position -= 1 }
    }

    /// Plays `id` now: it moves to just after the current place and becomes current, so what has
    /// not played yet still has not.
    mutating func makeCurrent(_ id: QueueEntryID) {
        remove(id)
        order.insert(id, at: position + 1)
        position += 1
    }
}
