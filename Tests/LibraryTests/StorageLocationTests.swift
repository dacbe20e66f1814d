import Foundation
import Storage
import XCTest

/// What a person types becomes a `StorageLocation` in one place, with one sentence for what is
/// not one; its text form is what it was parsed from.
final class StorageLocationTests: XCTestCase {
    func testAnS3AddressAndAPathParseAndPrintAsTyped() throws {
        let object = try StorageLocation(parsing: "s3://music/Artist/Album/01 Song.mp3")
        XCTAssertEqual(object, .s3(bucket: "music", key: "Artist/Album/01 Song.mp3"))
        XCTAssertEqual(object.description, "s3://music/Artist/Album/01 Song.mp3")
        XCTAssertTrue(object.isS3)
        let file = try StorageLocation(parsing: "relative/a.mp3")
        XCTAssertEqual(file, .file(path: "relative/a.mp3"))
        XCTAssertEqual(file.description, "relative/a.mp3")
        XCTAssertFalse(file.isS3)
    }

    func testAnS3AddressThatNamesNoObjectIsRefusedWithTheFix() {
        for text in ["s3://music", "s3://music/", "s3://music/Jazz/", "s3:///key.mp3"] {
            XCTAssertThrowsError(try StorageLocation(parsing: text), text) { error in
                let refusal = error as? StorageLocationError
                XCTAssertEqual(refusal?.description, "'\(text)' names no object: write it as s3://BUCKET/KEY.")
                XCTAssertEqual(refusal?.isURL, false)
            }
        }
    }

    func testAURLIsRefusedWithoutItsSignature() {
        let presigned = "https://music.s3.amazonaws.com/a.mp3?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=deadbeefsecret"
        XCTAssertThrowsError(try StorageLocation(parsing: presigned)) { error in
            let refusal = error as? StorageLocationError
            XCTAssertEqual(refusal?.isURL, true)
            XCTAssertTrue(refusal?.description.contains("URLs are not supported; give s3://BUCKET/KEY or a path.") ?? false)
            XCTAssertFalse(refusal?.description.contains("deadbeefsecret") ?? true)
            XCTAssertFalse(refusal?.description.contains("AKIAEXAMPLE") ?? true)
        }
    }

    func testAFolderLibraryLocatesItsKeysAsAbsolutePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("locations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try LocalFolderSource(path: folder.path)
        XCTAssertEqual(source.storageLocation(forKey: "A/b.mp3"), .file(path: source.root + "/A/b.mp3"))
        XCTAssertEqual(source.playableLocation(forKey: "A/b.mp3"), source.root + "/A/b.mp3")
    }
}
