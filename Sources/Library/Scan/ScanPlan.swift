import Storage

/// The difference between a listing and the catalog, built page by page as the listing
/// arrives so tag reads can start before it ends: what to read, what is unchanged, and — only
/// once the whole listing is in — what is gone. Keys are compared by their UTF-8 bytes (NFC and
/// NFD names are different objects).
struct ScanPlan {
    /// What one listing page adds: objects to read now, entries to store as they are.
    struct PageWork {
        var toRead: [StoredObject] = []
        var unsupported: [CatalogEntry] = []
    }

    private let known: [ExactText: String]
    private var seen = Set<ExactText>()
    private(set) var toReadCount = 0
    private(set) var audioCount = 0
    private(set) var newCount = 0
    private(set) var unchangedCount = 0

    init(catalog: CatalogFingerprints) {
        known = catalog.fingerprintByKey
    }

    mutating func add(_ listed: [StoredObject]) -> PageWork {
        var work = PageWork()
        for object in listed {
            let kind = AudioKeyKind(key: object.key)
            guard kind != .other else { continue }
            let key = ExactText(object.key)
            seen.insert(key)
            audioCount += 1
            let previous = known[key]
            // The fingerprint covers the size: an ETag or "mtime-size".
            if let previous, previous == object.fingerprint {
                unchangedCount += 1
                continue
            }
            if previous == nil { newCount += 1 }
            switch kind {
            case .playable:
                work.toRead.append(object)
                toReadCount += 1
            case .unsupported(let format):
                work.unsupported.append(CatalogEntry.problem(object, "\(format) is not supported yet (MP3, FLAC, Ogg Vorbis, Opus, WAV and AIFF are)"))
            case .other:
                break
            }
        }
        return work
    }

    /// Catalog keys the listing did not name. Only meaningful after a complete listing: an
    /// interrupted one would call every key it had not reached deleted.
    var deletedKeys: [String] {
        known.keys.filter { !seen.contains($0) }.map(\.string)
    }
}
