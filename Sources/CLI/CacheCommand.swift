import ArgumentParser
import Foundation
import MetadataCache

/// `s3play cache stats`: what the Discogs cache holds and what the rate limiter has spent.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect the Discogs metadata cache.",
        subcommands: [CacheStatsCommand.self])
}

struct CacheStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the cache's entries, hit rate, and Discogs requests in the last minute.")

    @Flag(help: "One JSON object.")
    var json = false

    func run() throws {
        try reportingFailures {
            let setup = try MetadataSetup.open(settings: try UserSettings.load())
            let stats = setup.cache.stats()
            let recentRequests = setup.limiter.requestTimesInWindow.count
            let output = BufferedStandardOutput()
            defer { output.flush() }
            let hitRate = stats.hitRate
            if json {
                var line = JSONLine()
                line.add("path", setup.cache.configuration.fileURL.path)
                line.add("entries", stats.entries)
                line.add("not_found_entries", stats.notFoundEntries)
                line.add("stale_entries", stats.staleEntries)
                line.add("hits", stats.hits)
                line.add("misses", stats.misses)
                line.add("hit_rate", hitRate, decimals: 3)
                line.add("requests_last_minute", recentRequests)
                line.add("request_ceiling", setup.limiter.effectiveCeiling)
                line.add("file_bytes", stats.fileBytes)
                output.writeLine(line.line)
                return
            }
            output.writeLine("Cache: \(setup.cache.configuration.fileURL.path) (\(ByteCount.text(Int64(stats.fileBytes))))")
            output.writeLine("Entries: \(stats.entries) (\(stats.notFoundEntries) not found, \(stats.staleEntries) stale)")
            output.writeLine("Hit rate: " + (hitRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-")
                             + " (\(stats.hits) hits, \(stats.misses) misses)")
            output.writeLine("Discogs requests in the last minute: \(recentRequests) of \(setup.limiter.effectiveCeiling)")
        }
    }
}
