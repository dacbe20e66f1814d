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

    init(listed: [StoredObject], catalog: CatalogFingerprints) {
        let known = catalog.fingerprintByKey
        var seen = Set<ExactText>()
        seen.reserveCapacity(listed.count)
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
                toRead.append(object)
            case .unsupported(let format):
                unsupported.append(CatalogEntry.problem(object, "\(format) is not supported yet (MP3, FLAC, Ogg Vorbis, Opus, WAV and AIFF are)"))
            case .other:
                break
            }
        }
        for key in known.keys where !seen.contains(key) { deletedKeys.append(key.string) }
    }
}
