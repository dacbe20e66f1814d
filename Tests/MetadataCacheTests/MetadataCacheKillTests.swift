import Foundation
import TestSupport
import XCTest
@testable import MetadataCache

/// The issue's required test: kill -9 during a burst of cache writes, repeated; the cache opens
/// every time, with no corruption notice, and holds every document whose store had returned.
final class MetadataCacheKillTests: CacheTestCase {
    static let rounds = 20

    func testCacheOpensCleanlyAfterEveryKillDuringWrites() throws {
        try TestRequirement.requireTime(9, for: "child processes killed during writes")
        let writer = try ChildProcess.builtProduct("s3play-cache-writer")
        let started = Date()
        var roundTimes: [Double] = []
        var committedCounts: [Int] = []
        for round in 0..<Self.rounds {
            let roundStart = Date()
            let readyFile = root.appendingPathComponent("ready-\(round)").path
            let prefix = "round\(round)/"
            // Kill at a different moment each round (10…150 ms into writing), so kills land in
            // stores, request-time saves, statistics writes and checkpoints alike.
            let delay = UInt32(10_000 + (round * 37_000) % 140_000)
            let outcome = try ChildProcess.run(writer, [directory.path, readyFile, prefix]) { process in
                let deadline = Date().addingTimeInterval(10)
                while !FileManager.default.fileExists(atPath: readyFile) && Date() < deadline && process.isRunning {
                    usleep(1_000)
                }
                usleep(delay)
                kill(process.processIdentifier, SIGKILL)
            }
            XCTAssertEqual(outcome.status, SIGKILL, "round \(round): \(outcome.standardError)")
            XCTAssertFalse(outcome.standardError.contains("notice:"), "round \(round): \(outcome.standardError)")
            let committed = Self.lastCommittedIndex(outcome.standardOutput)
            XCTAssertNotNil(committed, "round \(round): the writer committed nothing")
            committedCounts.append((committed ?? -1) + 1)

            let cache = try openCache()
            XCTAssertEqual(notices.all, [], "round \(round)")
            XCTAssertEqual(try integrityCheck(databasePath), ["ok"], "round \(round)")
            for index in 0...(committed ?? 0) {
                let document = cache.document(forKey: "\(prefix)\(index)")
                XCTAssertNotNil(document, "round \(round): \(prefix)\(index) was committed but is missing")
                XCTAssertEqual(document?.body, Self.writerBody(index: index), "round \(round): \(prefix)\(index)")
            }
            XCTAssertEqual(cache.requestTimeStore.loadRequestTimes().times.count, 55, "round \(round)")
            cache.close()
            roundTimes.append(Date().timeIntervalSince(roundStart))
        }
        let total = Date().timeIntervalSince(started)
        print("kill -9 test: \(Self.rounds) rounds in \(String(format: "%.2f", total)) s; per round "
              + roundTimes.map { String(format: "%.2f", $0) }.joined(separator: " ")
              + " s; documents committed per round " + committedCounts.map(String.init).joined(separator: " "))
        XCTAssertLessThan(total, 20)
    }

    /// The body s3play-cache-writer stores under index `index` (Tests/Support/CacheWriterTool).
    static func writerBody(index: Int) -> [UInt8]? {
        index % 5 == 4 ? nil : [UInt8](repeating: UInt8(index % 251), count: 100 + (index * 7919) % 30_000)
    }

    /// The index in the last complete "committed N" line (a line cut by the kill does not count).
    static func lastCommittedIndex(_ output: String) -> Int? {
        let completeLines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return completeLines.last { $0.hasPrefix("committed ") }.flatMap { Int($0.dropFirst("committed ".count)) }
    }
}
