import Foundation
@testable import MPRIS
import XCTest

final class AlbumArtLocatorTests: XCTestCase {
    func testCoverBesideALocalTrackIsAFileURLAndS3HasNone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-art-\(UUID().uuidString)/Kind of Blue")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let locator = AlbumArtLocator()
        let track = folder.appendingPathComponent("01 So What.mp3").path
        XCTAssertNil(locator.artURL(forLocation: track))
        try Data([0xFF, 0xD8]).write(to: folder.appendingPathComponent("folder.jpg"))
        let other = AlbumArtLocator()
        XCTAssertEqual(other.artURL(forLocation: track), folder.appendingPathComponent("folder.jpg").absoluteURL.absoluteString)
        XCTAssertTrue(other.artURL(forLocation: track)?.contains("Kind%20of%20Blue/folder.jpg") == true)
        XCTAssertNil(other.artURL(forLocation: "s3://music/Kind of Blue/01.mp3"))
    }
}
