import Foundation
import Library

/// Runs in a process of its own after `fill`, so nothing is warm but the OS page cache.
enum CatalogMeasurement {
    static func run(directory: URL) throws {
        let start = DispatchTime.now()
        let store = try CatalogStore.open(directory: directory, libraryLocation: SyntheticCatalog.libraryLocation,
                                          location: { .s3(bucket: "bench", key: "music/" + $0) }, onNotice: { print("notice \($0)") })
        let artists = try store.artists()
        print("open_to_artists_ms \(format(milliseconds(since: start))) (\(artists.count) artists)")

        let albumsStart = DispatchTime.now()
        let albums = try store.albums()
        print("all_albums_ms \(format(milliseconds(since: albumsStart))) (\(albums.count) albums)")

        for (label, term) in [("common", SyntheticCatalog.commonTerm), ("rare", SyntheticCatalog.rareTerm),
                              ("short", "b")] {
            var times: [Double] = []
            var result = CatalogSearchResult()
            for _ in 0..<5 {
                let searchStart = DispatchTime.now()
                result = try store.search(term, limit: 50)
                times.append(milliseconds(since: searchStart))
            }
            print("search_\(label)_ms \(format(times.sorted()[2])) first \(format(times[0])) (\"\(term)\": "
                + "\(result.artists.count) artists, \(result.albums.count) albums, \(result.songs.count) songs)")
        }
        // The player's `/`: one ranked search per keystroke, as the query is typed (issue 17:
        // <= 50 ms per keystroke). The slowest keystroke of each word counts.
        for (label, word) in [("common", SyntheticCatalog.commonTerm), ("rare", SyntheticCatalog.rareTerm),
                              ("accented", "beyonce"), ("artist", "the love")] {
            var slowest = 0.0
            var slowestPrefix = ""
            var hits = 0
            var each: [String] = []
            for length in 1...word.count {
                let typed = String(word.prefix(length))
                let keystrokeStart = DispatchTime.now()
                hits = try store.rankedSearch(typed).count
                let elapsed = milliseconds(since: keystrokeStart)
                if elapsed > slowest { (slowest, slowestPrefix) = (elapsed, typed) }
                each.append("\(typed)=\(format(elapsed))")
            }
            print("keystrokes_\(label) \(each.joined(separator: " "))")
            print("keystroke_\(label)_max_ms \(format(slowest)) (slowest at \"\(slowestPrefix)\"; \"\(word)\": \(hits) hits)")
        }
        print("peak_rss_mb \(peakResidentMegabytes())")
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// VmHWM: the process's peak resident set, in kB in /proc/self/status.
    static func peakResidentMegabytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return "unknown" }
        return format(kilobytes / 1024)
    }
}
