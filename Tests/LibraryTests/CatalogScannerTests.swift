import Foundation
import Library
import Storage
import TestSupport
import XCTest

/// Counts the reads a scan makes; optionally cancels the scan after a number of them.
final class CountingSource: StorageSource, @unchecked Sendable {
    private let inner: any StorageSource
    private let lock = NSLock()
    private var readRanges: [(key: String, range: Range<Int64>)] = []

    init(_ inner: any StorageSource) { self.inner = inner }

    var locationDescription: String { inner.locationDescription }
    var reads: [(key: String, range: Range<Int64>)] { lock.withLock { readRanges } }

    func listObjects(until isCancelled: @escaping @Sendable () -> Bool,
                     onBatch: ([StoredObject]) -> Void) throws(StorageError) {
        try inner.listObjects(until: isCancelled, onBatch: onBatch)
    }

    func read(_ object: StoredObject, range: Range<Int64>) throws(StorageError) -> StoredBytes {
        lock.withLock { readRanges.append((object.key, range)) }
        return try inner.read(object, range: range)
    }

    func read(key: String, range: Range<Int64>) throws(StorageError) -> [UInt8] {
        lock.withLock { readRanges.append((key, range)) }
        return try inner.read(key: key, range: range)
    }

    func object(key: String) throws(StorageError) -> StoredObject { try inner.object(key: key) }

    func storageLocation(forKey key: String) -> StorageLocation { inner.storageLocation(forKey: key) }
}

final class CatalogScannerTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    private func store(for source: any StorageSource, in directory: URL) throws -> CatalogStore {
        try CatalogStore.open(directory: directory, libraryLocation: source.locationDescription,
                              location: { [source] in source.storageLocation(forKey: $0) }, onNotice: { _ in })
    }

    func testAnInterruptedScanKeepsWhatItReadAndTheNextScanReadsOnlyTheRest() throws {
        let source = CountingSource(try LocalFolderSource(path: try SampleLibrary.folder().path))
        let cache = try temporaryDirectory()
        let store = try store(for: source, in: cache)
        var configuration = CatalogScanner.Configuration()
        configuration.parallelReads = 1
        configuration.batchSize = 2
        let scanner = CatalogScanner(source: source, store: store, configuration: configuration)
        // An object takes one to three reads (its head, the rest of a long tag, its last 8 KiB).
        @Sendable func objectsRead() -> [String] { source.reads.filter { $0.range.lowerBound == 0 }.map(\.key) }
        let first = try scanner.scan(isCancelled: { objectsRead().count >= 6 })
        XCTAssertTrue(first.interrupted)
        XCTAssertEqual(objectsRead().count, 6)
        XCTAssertEqual(try store.counts().songs, 6, "every read before Ctrl-C was written")
        XCTAssertNil(try store.lastCompleteScan())

        // "Run s3play scan again": a new store on the same file, a new scanner.
        let resumed = try self.store(for: source, in: cache)
        let second = try CatalogScanner(source: source, store: resumed).scan()
        XCTAssertFalse(second.interrupted)
        XCTAssertEqual(second.unchangedObjects, 6)
        XCTAssertEqual(second.newObjects, SampleLibrary.songCount - 6)
        XCTAssertEqual(objectsRead().count, SampleLibrary.songCount, "each object read once in all")
        XCTAssertEqual(Set(objectsRead()).count, SampleLibrary.songCount)
        XCTAssertEqual(try resumed.counts().songs, SampleLibrary.songCount)
        XCTAssertNotNil(try resumed.lastCompleteScan())
    }

    func testAnInterruptedScanDeletesNothing() throws {
        let folder = try temporaryDirectory()
        for name in ["A/B/01 One.mp3", "A/B/02 Two.mp3", "A/B/03 Three.mp3"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try TestAudioFiles.url(.cbr320), to: url)
        }
        let source = CountingSource(try LocalFolderSource(path: folder.path))
        let store = try store(for: source, in: try temporaryDirectory())
        _ = try CatalogScanner(source: source, store: store).scan()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("A/B/01 One.mp3"))
        try FileManager.default.copyItem(at: try TestAudioFiles.url(.vbrLAME), to: folder.appendingPathComponent("A/B/04 Four.mp3"))
        let interrupted = try CatalogScanner(source: source, store: store).scan(isCancelled: { true })
        XCTAssertTrue(interrupted.interrupted)
        XCTAssertEqual(interrupted.deletedObjects, 0)
        XCTAssertEqual(try store.counts().songs, 3, "the deleted song stays until a scan completes")
        let complete = try CatalogScanner(source: source, store: store).scan()
        XCTAssertEqual(complete.deletedObjects, 1)
        XCTAssertEqual(complete.newObjects, 1)
        XCTAssertEqual(try store.songs().map(\.title), ["Two", "Three", "Four"])
    }

    /// Issue #14: FLAC, WAV, AIFF and Opus are songs with their tags and exact lengths; an
    /// untagged file is filed by its path, as an MP3 is.
    func testFLACWAVAIFFAndOpusAreSongsAndAnUntaggedOneIsFiledByItsPath() throws {
        let folder = try temporaryDirectory()
        let files = ["silence-44-s.flac": "piman/Quod Libet Test Data/02 Silence.flac",
                     "silence-2s-PCM-16000-08-notags.wav": "Path Artist/Path Album/03 Path Title.wav",
                     "with-id3.aif": "X/Y/with-id3.aif",
                     "example.opus": "Opus Artist/Opus Album/01 Example.opus"]
        for (name, key) in files {
            let url = folder.appendingPathComponent(key)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try RealWorldMP3s.url(name), to: url)
        }
        let source = CountingSource(try LocalFolderSource(path: folder.path))
        let store = try store(for: source, in: try temporaryDirectory())
        let report = try CatalogScanner(source: source, store: store).scan()
        XCTAssertEqual(report.problems, [])
        let songs = try store.songs()
        XCTAssertEqual(songs.count, 4)
        let flac = try XCTUnwrap(songs.first { $0.title == "Silence" })
        XCTAssertEqual(flac.artist, "piman")
        XCTAssertEqual(flac.durationSeconds ?? 0, 3.684717, accuracy: 0.000_001)
        let wave = try XCTUnwrap(songs.first { $0.title == "Path Title" }, "filed by its path")
        XCTAssertEqual(wave.artist, "Path Artist")
        XCTAssertEqual(wave.album, "Path Album")
        XCTAssertEqual(wave.durationSeconds, 2)
        XCTAssertNotNil(songs.first { $0.title == "AIFF title" })
        XCTAssertEqual(songs.first { $0.album == "Opus Album" }?.durationSeconds ?? 0, 11.354708, accuracy: 0.000_001)
    }

    func testABigPictureTagIsReadWithThreeReadsAndNeverTheAudio() throws {
        let folder = try temporaryDirectory()
        let file = try TestAudioFiles.url(.bigPicture)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("P/Q"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: folder.appendingPathComponent("P/Q/01 Big.mp3"))
        let source = CountingSource(try LocalFolderSource(path: folder.path))
        let store = try store(for: source, in: try temporaryDirectory())
        let report = try CatalogScanner(source: source, store: store).scan()
        // The head, the rest of the tag with the first frames, the last 8 KiB.
        XCTAssertEqual(report.readRequests, 3)
        XCTAssertEqual(source.reads.count, 3)
        let fetched = source.reads.reduce(Int64(0)) { $0 + $1.range.upperBound - $1.range.lowerBound }
        XCTAssertLessThan(fetched, size, "the picture is read, the audio after it is not")
        XCTAssertGreaterThan(size - fetched, 100_000)
        XCTAssertEqual(try store.songs().first?.durationSeconds ?? 0, 10, accuracy: 0.05)
    }
}
