import Foundation
import TestSupport
import XCTest

/// `:add` and `s3play remote add` name what they queue as the library does: a catalog song by
/// its catalog entry, a file outside the library by its own tags, never by its file name when
/// the tags say better.
final class PlayerAddTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testAddedFilesAreNamedFromTheCatalogOrTheirTags() throws {
        let sample = try SampleLibrary.folder()
        // The library holds one artist; another artist's album stays outside it.
        let library = home.url("music")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sample.appendingPathComponent("Северный Ветер"),
                                         to: library.appendingPathComponent("Северный Ветер"))
        try home.scan(library)
        let session = try home.startPlayer(library: library, arguments: ["--output", "null"])
        try session.waitFor("the first frame") { $0.first?.hasPrefix("Artists (1)") == true }

        // A folder outside the library: three files whose names start with a track number.
        let outside = sample.appendingPathComponent("月光の楽団/夜明けの音").path
        try session.sendKeys(":")
        try session.sendText("add \(outside)")
        try session.sendKeys("Enter")
        try session.waitFor("the added notice") { $0.last?.contains("Added 3 entries") == true }
        try session.sendKeys("Tab")
        var lines = try session.waitFor("the queue") { $0.first?.hasPrefix("Queue: 3 entries") == true }
        XCTAssertTrue(lines[1].contains("月光の楽団") && lines[1].contains("  桜の雨"), "titled from the tags, not \"01 桜の雨\": \(lines[1])")
        XCTAssertFalse(lines[1].contains("01 桜"), lines[1])
        XCTAssertNotNil(lines[1].range(of: #" 0:\d\d$"#, options: .regularExpression),
                        "the duration comes from the file: \(lines[1])")

        // A library file through the remote: the catalog's song (its album shows in status --json).
        let inLibrary = library.appendingPathComponent("Северный Ветер/Белые Ночи/01 Первый снег.mp3").path
        let added = try home.s3play(["remote", "add", inLibrary])
        XCTAssertEqual(added.status, 0, added.standardError)
        lines = try session.waitFor("four entries") { $0.first?.hasPrefix("Queue: 4 entries") == true }
        XCTAssertTrue(lines[4].contains("Северный Ветер") && lines[4].contains("  Первый снег"), lines[4])

        // Playing the catalog entry marks it in the browser's songs column.
        try session.sendKeys("G")
        try session.sendKeys("Enter")
        try session.waitFor("the entry playing") { $0.contains { $0.hasPrefix("▶ playing") && $0.contains("Первый снег") } }
        try session.sendKeys("Tab")
        lines = try session.waitFor("the marked song") { $0.count > 1 && $0[1].contains("▶ 01 Первый снег") }
        XCTAssertTrue(lines[2].contains("  02 Дорога домой"), "the other rows keep the marker's place: \(lines[2])")

        // A file outside the library keeps the album its tags name (it was null, issue #12).
        let loose = sample.appendingPathComponent("月光の楽団/夜明けの音/02 遠い汽笛.mp3").path
        // Paused first, so the 11 s song cannot end and move the queue on by itself meanwhile.
        XCTAssertEqual(try home.s3play(["remote", "pause"]).status, 0)
        XCTAssertEqual(try home.s3play(["remote", "add", loose]).status, 0)
        XCTAssertEqual(try home.s3play(["remote", "next"]).status, 0)
        var status = ""
        for _ in 0..<100 {
            status = try home.s3play(["remote", "status", "--json"]).standardOutput
            if status.contains("遠い汽笛") { break }
            usleep(50_000)
        }
        XCTAssertTrue(status.contains("\"album\":\"夜明けの音\""), status)
        XCTAssertTrue(status.contains("\"artist\":\"月光の楽団\""), status)

        // A bucket alone names no object: refused as `play` refuses it, nothing queued.
        let bucketOnly = try home.s3play(["remote", "add", "s3://bucket"])
        XCTAssertEqual(bucketOnly.status, 1)
        XCTAssertTrue(bucketOnly.standardError.contains("'s3://bucket' names no object: write it as s3://BUCKET/KEY."),
                      bucketOnly.standardError)
        XCTAssertTrue(try home.s3play(["remote", "status", "--json"]).standardOutput.contains("\"queue_length\":5"))

        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}
