import Storage

/// The difference between a listing and the catalog: what to read, what is unchanged, what is
/// gone. Keys are compared by their UTF-8 bytes (NFC and NFD names are different objects).
struct ScanPlan {
    var toRead: [StoredObject] = []
    var unsupported: [CatalogEntry] = []
    var deletedKeys: [String] = []
    var audioCount = 0
    var newCount = 0
    var unchangedCount = 0

    init(listed: [StoredObject], catalog: [CatalogFingerprint]) {
        var known: [[UInt8]: CatalogFingerprint] = [:]
        known.reserveCapacity(catalog.count)
        for entry in catalog { known[Array(entry.key.utf8)] = entry }
        var seen = Set<[UInt8]>()
        seen.reserveCapacity(listed.count)
        for object in listed {
            let kind = AudioKeyKind(key: object.key)
            guard kind != .other else { continue }
            let bytes = Array(object.key.utf8)
            seen.insert(bytes)
            audioCount += 1
            let previous = known[bytes]
            if let previous, previous.fingerprint == object.fingerprint, previous.size == object.size {
                unchangedCount += 1
                continue
            }
            if previous == nil { newCount += 1 }
            switch kind {
            case .playable:
                toRead.append(object)
            case .unsupported(let format):
                unsupported.append(CatalogEntry.problem(object, "\(format) is not supported yet (MP3 only)"))
            case .other:
                break
            }
        }
        for (bytes, entry) in known where !seen.contains(bytes) { deletedKeys.append(entry.key) }
    }
}
