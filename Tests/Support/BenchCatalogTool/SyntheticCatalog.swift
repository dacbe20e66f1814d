import Foundation
import Library

/// 1,000,000 songs by 50,000 artists on 100,000 albums (2 albums of 10 songs each), named from a
/// fixed word list by a fixed-seed generator, so every run builds the same catalog. One song in
/// the whole catalog has "quixotry" in its title (the rare term); "love" is one of 64 words, so
/// roughly one title in ten holds it (the common term). Every 8th artist has an accented name.
enum SyntheticCatalog {
    static let libraryLocation = "s3://bench/music"
    static let artistCount = 50_000
    static let albumsPerArtist = 2
    static let songsPerAlbum = 10
    static let rareTerm = "quixotry"
    static let commonTerm = "love"
    static let batchSize = 500

    static let words = [
        "love", "night", "heart", "fire", "blue", "dream", "rain", "summer", "road", "city", "light",
        "dance", "river", "moon", "star", "girl", "boy", "time", "world", "home", "sun", "sky", "gold",
        "wild", "song", "day", "black", "white", "red", "ocean", "storm", "shadow", "ghost", "angel",
        "silver", "stone", "glass", "paper", "electric", "velvet", "midnight", "morning", "winter",
        "desert", "garden", "window", "mirror", "echo", "thunder", "whisper", "highway", "radio",
        "candle", "flower", "secret", "golden", "broken", "sweet", "lonely", "crazy", "little",
        "forever", "wonder", "memory",
    ]
    static let accented = ["Beyoncé", "Sigur Rós", "Motörhead", "Mötley", "Björk", "Céline", "Zoë", "Ñandú"]

    static func fill(directory: URL) throws {
        let store = try CatalogStore.open(directory: directory, libraryLocation: libraryLocation,
                                          location: { .s3(bucket: "bench", key: "music/" + $0) }, onNotice: { print("notice \($0)") })
        var random = SplitMix64(seed: 2024)
        var batch: [CatalogEntry] = []
        batch.reserveCapacity(batchSize)
        let start = Date()
        var written = 0
        for artistIndex in 0..<artistCount {
            let artist = artistName(artistIndex, &random)
            for albumIndex in 0..<albumsPerArtist {
                let album = phrase(&random, words: 2) + " \(albumIndex + 1)"
                let year = 1960 + Int(random.next() % 60)
                for track in 1...songsPerAlbum {
                    var title = phrase(&random, words: 3)
                    if artistIndex == artistCount / 2, albumIndex == 0, track == 7 { title += " " + rareTerm }
                    batch.append(CatalogEntry(
                        key: "\(artist)/\(album)/\(String(format: "%02d", track)) \(title).mp3",
                        size: 4_000_000 + Int64(random.next() % 8_000_000), fingerprint: "\"\(String(random.next(), radix: 16))\"",
                        title: title, artist: artist, albumArtist: artist, album: album, discNumber: 1, discTotal: 1,
                        trackNumber: track, trackTotal: songsPerAlbum, year: year, genre: "Rock",
                        durationSeconds: 120 + Double(random.next() % 300), bitrateKbps: 320, sampleRate: 44_100,
                        channels: 2, tagSource: "id3v2.4"))
                    if batch.count == batchSize {
                        try store.apply(upserts: batch, deletions: [])
                        written += batch.count
                        batch.removeAll(keepingCapacity: true)
                        if written % 100_000 == 0 {
                            print("filled \(written) songs in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
                        }
                    }
                }
            }
        }
        try store.apply(upserts: batch, deletions: [])
        try store.markScanComplete(at: Date())
        print("fill_seconds \(String(format: "%.1f", Date().timeIntervalSince(start)))")
        print("counts \(try store.counts())")
        print("file \(store.fileURL.path)")
    }

    static func artistName(_ index: Int, _ random: inout SplitMix64) -> String {
        let name = phrase(&random, words: 2).capitalized
        let prefix = index % 8 == 0 ? accented[(index / 8) % accented.count] + " " : (index % 5 == 0 ? "The " : "")
        return "\(prefix)\(name) \(index)"
    }

    static func phrase(_ random: inout SplitMix64, words count: Int) -> String {
        (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
    }
}

/// A small fixed-seed generator (SplitMix64), so the catalog is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
