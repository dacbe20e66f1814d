import AudioTags
import Storage

/// Reads one object's tags the way `AudioTagReader` asks: its first request, then the few
/// ranges it asks for (at most three), and turns the summary into a catalog entry.
struct TagFetcher: Sendable {
    let source: any StorageSource
    let grouping: SongGrouping

    enum Outcome {
        case entry(CatalogEntry)
        /// A read failed (network, permissions): not stored, so the next scan tries again.
        case failed(ScanProblem)
        /// Deleted since the listing.
        case gone
    }

    struct Result {
        var outcome: Outcome
        var requests = 0
        var bytes: Int64 = 0
    }

    func fetch(_ object: StoredObject) -> Result {
        var reader = AudioTagReader(objectSize: object.size)
        var result = Result(outcome: .gone)
        var range = reader.firstRequest
        // The reader asks for at most four ranges; the bound keeps a bad answer from looping.
        for _ in 0..<6 {
            let bytes: [UInt8]
            do {
                bytes = try source.read(key: object.key, range: range)
            } catch {
                result.outcome = error.isMissingObject ? .gone : .failed(ScanProblem(key: object.key, problem: error.description))
                return result
            }
            if !range.isEmpty { result.requests += 1 }
            result.bytes += Int64(bytes.count)
            switch reader.read(bytes, at: range.lowerBound) {
            case .needBytes(let next):
                range = next
            case .finished(let summary):
                result.outcome = .entry(entry(for: object, summary: summary))
                return result
            }
        }
        result.outcome = .failed(ScanProblem(key: object.key, problem: "its tags could not be read"))
        return result
    }

    func entry(for object: StoredObject, summary: AudioTagSummary) -> CatalogEntry {
        // Without a frame of audio (no MPEG frame, or only a Xing/Info header) the object cannot
        // be played: stored with its problem so a rescan does not read it again, and hidden from
        // artists, albums and songs.
        guard summary.holdsAudio else {
            return CatalogEntry.problem(object, summary.problem ?? "not MPEG audio")
        }
        let grouped = grouping.group(key: object.key, tags: summary)
        return CatalogEntry(key: object.key, size: object.size, fingerprint: object.fingerprint,
                            title: grouped.title, artist: grouped.artist, albumArtist: grouped.albumArtist,
                            album: grouped.album, discNumber: grouped.discNumber, discTotal: summary.discTotal,
                            trackNumber: grouped.trackNumber, trackTotal: summary.trackTotal, year: summary.year,
                            genre: summary.genre, compilation: summary.isCompilation,
                            durationSeconds: summary.durationSeconds, bitrateKbps: summary.bitrate.map { $0 / 1000 },
                            sampleRate: summary.sampleRate, channels: summary.channels,
                            tagSource: summary.tagSource.rawValue, problem: nil)
    }
}

extension CatalogEntry {
    /// An object the catalog keeps only to remember why it cannot be played.
    static func problem(_ object: StoredObject, _ problem: String) -> CatalogEntry {
        CatalogEntry.problem(key: object.key, size: object.size, fingerprint: object.fingerprint, problem: problem)
    }
}
