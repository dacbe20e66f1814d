import AudioTags
import Storage

/// Reads one object's tags the way `AudioTagReader` asks: its first request, then the few
/// ranges it asks for (at most three), and turns the summary into a catalog entry.
struct TagFetcher: Sendable {
    let source: any StorageSource
    let grouping: SongGrouping

    enum Outcome {
        case entry(CatalogEntry)
        /// A read failed (network, permissions, the object changed since the listing): not
        /// stored, so the next scan tries again.
        case failed(ScanProblem)
        /// Deleted since the listing.
        case gone
    }

    struct Result {
        var outcome: Outcome
        var requests = 0
        /// Bytes received, those skipped before a range included.
        var bytes: Int64 = 0
        /// The server asked to slow down: the read may be tried again with fewer in flight.
        var throttled = false
    }

    func fetch(_ object: StoredObject) -> Result {
        var reader = AudioTagReader(objectSize: object.size)
        var result = Result(outcome: .gone)
        var range = reader.firstRequest
        // The reader asks for a handful of ranges (a tag walk, the first frame, the tail); the
        // bound keeps a bad answer from looping.
        for _ in 0..<16 {
            let read: StoredBytes
            do {
                // Pinned to the listing's size and ETag: a changed object is "changed", not data.
                read = try source.read(object, range: range)
            } catch {
                result.throttled = error.isThrottled
                result.outcome = error.isMissingObject ? .gone : .failed(ScanProblem(key: object.key, problem: error.description))
                return result
            }
            if !range.isEmpty { result.requests += 1 }
            result.bytes += read.transferred
            switch reader.read(read.bytes, at: range.lowerBound) {
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
        // Without audio (no MPEG frame, only a Xing/Info header, a FLAC or WAV with no samples)
        // the object cannot be played: stored with its problem so a rescan does not read it
        // again, and hidden from artists, albums and songs.
        guard summary.holdsAudio else {
            return CatalogEntry.problem(object, summary.problem ?? "not audio s3play can read")
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
