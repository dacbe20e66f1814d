import Foundation
import MetadataCache

// s3play-cache-writer DIRECTORY READY_FILE KEY_PREFIX
//
// Writes documents into the metadata cache in DIRECTORY in a tight loop until killed, for the
// kill -9 test (MetadataCacheKillTests). Prints "committed N" after the store of KEY_PREFIX + N
// has returned, and creates READY_FILE once the first store is committed. Between stores it saves
// request times and reads earlier documents, so a kill can land in any kind of transaction. The
// test recomputes each body from its index (MetadataCacheKillTests.writerBody), so keep them in step.

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: s3play-cache-writer DIRECTORY READY_FILE KEY_PREFIX\n".utf8))
    exit(2)
}
let configuration = MetadataCacheConfiguration(directory: URL(fileURLWithPath: arguments[1]), memoryEntryLimit: 16,
                                               statisticsFlushLookups: 10)
let readyFile = arguments[2], prefix = arguments[3]

let cache: MetadataCache
do {
    cache = try MetadataCache.open(configuration: configuration) { notice in
        FileHandle.standardError.write(Data("notice: \(notice)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}

let requestTimes = cache.requestTimeStore
var index = 0
while true {
    let now = Date().timeIntervalSince1970
    // Every fifth document is a "not found"; the others vary in size up to about 30 KiB, so the
    // log reaches SQLite's 1000-page checkpoint threshold within a run.
    let body: [UInt8]? = index % 5 == 4 ? nil : [UInt8](repeating: UInt8(index % 251), count: 100 + (index * 7919) % 30_000)
    cache.store(key: "\(prefix)\(index)", body: body, fetchedAt: now)
    // One write(2) per line, unbuffered: a line the test reads was written after its commit.
    FileHandle.standardOutput.write(Data("committed \(index)\n".utf8))
    if index == 0 { _ = FileManager.default.createFile(atPath: readyFile, contents: nil) }
    if index % 3 == 0 { try? requestTimes.saveRequestTimes((0..<55).map { now - Double($0) }) }
    if index % 2 == 0 { _ = cache.document(forKey: "\(prefix)\(index / 2)") }
    index += 1
}
