import XCTest
@testable import PlayerUI

/// `:add` and `remote add` refuse URLs other than s3:// without repeating their secrets.
final class SourceItemsURLTests: XCTestCase {
    func testAPresignedURLIsRefusedWithoutItsQuery() {
        let presigned = "https://music.s3.amazonaws.com/a.mp3?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=deadbeefsecret"
        guard case .failure(let error) = SourceItems.resolve(presigned) else { return XCTFail("a URL was accepted") }
        XCTAssertEqual(error.description, "https://music.s3.amazonaws.com/a.mp3: URLs are not supported; give s3://BUCKET/KEY or a path.")
    }
}
