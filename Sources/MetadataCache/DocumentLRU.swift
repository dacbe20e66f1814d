/// The in-memory part of the cache: at most `limit` documents, the least recently used dropped
/// first. Not thread-safe: `MetadataCache` holds it under its lock.
///
/// A doubly linked list threaded through an array of slots (indices, not references), so a hit
/// moves an entry to the front in O(1) without allocating.
struct DocumentLRU {
    struct Entry {
        var document: CachedDocument
        /// The view time the file holds, to decide when a new one is worth writing.
        var storedViewedAt: Double
    }

    private struct Slot {
        var entry: Entry
        var newer: Int?
        var older: Int?
    }

    let limit: Int
    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    private var indexByKey: [String: Int] = [:]
    private var newest: Int?
    private var oldest: Int?

    init(limit: Int) {
        self.limit = limit
    }

    var count: Int { indexByKey.count }

    /// The entry, now the most recently used.
    mutating func entry(forKey key: String) -> Entry? {
        guard let index = indexByKey[key] else { return nil }
        moveToFront(index)
        return slots[index].entry
    }

    mutating func update(_ key: String, _ change: (inout Entry) -> Void) {
        guard let index = indexByKey[key] else { return }
        change(&slots[index].entry)
    }

    /// Inserts or replaces, as the most recently used; drops the least recently used beyond `limit`.
    mutating func insert(_ entry: Entry) {
        guard limit > 0 else { return }
        if let index = indexByKey[entry.document.key] {
            slots[index].entry = entry
            moveToFront(index)
            return
        }
        let slot = Slot(entry: entry, newer: nil, older: nil)
        let index: Int
        if let free = freeSlots.popLast() {
            slots[free] = slot
            index = free
        } else {
            slots.append(slot)
            index = slots.count - 1
        }
        indexByKey[entry.document.key] = index
        linkAtFront(index)
        if indexByKey.count > limit, let oldest {
            remove(slots[oldest].entry.document.key)
        }
    }

    mutating func remove(_ key: String) {
        guard let index = indexByKey.removeValue(forKey: key) else { return }
        unlink(index)
        freeSlots.append(index)
    }

    mutating func removeAll(where shouldRemove: (Entry) -> Bool) -> Int {
        let keys = indexByKey.compactMap { key, index in shouldRemove(slots[index].entry) ? key : nil }
        for key in keys { remove(key) }
        return keys.count
    }

    mutating func removeAll() {
        self = DocumentLRU(limit: limit)
    }

    var entries: [Entry] { indexByKey.values.map { slots[$0].entry } }

    private mutating func moveToFront(_ index: Int) {
        guard newest != index else { return }
        unlink(index)
        linkAtFront(index)
    }

    private mutating func linkAtFront(_ index: Int) {
        slots[index].older = newest
        slots[index].newer = nil
        if let newest { slots[newest].newer = index }
        newest = index
        if oldest == nil { oldest = index }
    }

    private mutating func unlink(_ index: Int) {
        let newer = slots[index].newer, older = slots[index].older
        if let newer { slots[newer].older = older } else { newest = older }
        if let older { slots[older].newer = newer } else { oldest = newer }
        slots[index].newer = nil
        slots[index].older = nil
    }
}
