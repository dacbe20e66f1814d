// Awkward S3 keys: what goes on the wire must name exactly the stored key, byte for byte.
// Comparisons of decoded keys use `.utf8` because Swift's `String ==` equates NFC and NFD.

import S3
import XCTest

final class S3URIEncodingTests: XCTestCase {
    func testSpaceIsPercent20NeverPlus() {
        XCTAssertEqual(S3URIEncoding.encode("My Song.mp3", keepingSlashes: true), "My%20Song.mp3")
    }

    func testReservedAndDelimiterCharactersAreEncoded() {
        XCTAssertEqual(S3URIEncoding.encode("a+b=c&d?e#f%g", keepingSlashes: true), "a%2Bb%3Dc%26d%3Fe%23f%25g")
        XCTAssertEqual(S3URIEncoding.encode("!$'()*,:;@[]", keepingSlashes: false), "%21%24%27%28%29%2A%2C%3A%3B%40%5B%5D")
    }

    func testUnreservedCharactersIncludingTildeStay() {
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        XCTAssertEqual(S3URIEncoding.encode(unreserved, keepingSlashes: false), unreserved)
    }

    func testSlashIsKeptInPathsAndEncodedInQueryValues() {
        XCTAssertEqual(S3URIEncoding.encode("Artist/Album/01 Track.mp3", keepingSlashes: true), "Artist/Album/01%20Track.mp3")
        XCTAssertEqual(S3URIEncoding.encode("Artist/Album/", keepingSlashes: false), "Artist%2FAlbum%2F")
    }

    func testNFCAndNFDSpellingsEncodeDifferently() {
        let nfc = "Caf\u{E9}.mp3"
        let nfd = "Cafe\u{301}.mp3"
        XCTAssertEqual(S3URIEncoding.encode(nfc, keepingSlashes: true), "Caf%C3%A9.mp3")
        XCTAssertEqual(S3URIEncoding.encode(nfd, keepingSlashes: true), "Cafe%CC%81.mp3")
    }

    func testEmojiIsEncodedAsFourUTF8Bytes() {
        XCTAssertEqual(S3URIEncoding.encode("\u{1F3B5} mix", keepingSlashes: true), "%F0%9F%8E%B5%20mix")
    }

    func testHexDigitsAreUppercase() {
        XCTAssertEqual(S3URIEncoding.encode("\u{FF}\u{0A}", keepingSlashes: true), "%C3%BF%0A")
    }

    func testMaximumLength1024ByteKeyEncodesAndRoundTrips() {
        // S3's key limit is 1024 UTF-8 bytes: 204 five-byte units ("é" is 2 bytes) plus 4 ASCII.
        let key = String(repeating: "\u{E9}/ +", count: 204) + "abcd"
        XCTAssertEqual(key.utf8.count, 1024)
        let encoded = S3URIEncoding.encode(key, keepingSlashes: true)
        XCTAssertEqual(encoded, String(repeating: "%C3%A9/%20%2B", count: 204) + "abcd")
        XCTAssertEqual(encoded.utf8.count, 204 * 13 + 4)
        XCTAssertEqual(S3URIEncoding.decode(encoded).map { Array($0.utf8) }, Array(key.utf8))
    }

    func testDecodeRoundTripsAwkwardKeysByteForByte() {
        let keys = ["a b+c.mp3", "100% pure=love&more?#", "~user/.hidden", "Caf\u{E9}", "Cafe\u{301}",
                    "\u{1F3B5}\u{1F3B6}", "//double//slash", "../dot/./segments", ""]
        for key in keys {
            for keepingSlashes in [true, false] {
                let encoded = S3URIEncoding.encode(key, keepingSlashes: keepingSlashes)
                XCTAssertEqual(S3URIEncoding.decode(encoded).map { Array($0.utf8) }, Array(key.utf8), key)
            }
        }
    }

    func testDecodeKeepsNFDDistinctFromNFC() {
        let decoded = S3URIEncoding.decode("Cafe%CC%81")
        XCTAssertEqual(decoded.map { Array($0.unicodeScalars) }, Array("Cafe\u{301}".unicodeScalars))
        XCTAssertNotEqual(decoded.map { Array($0.utf8) }, Array("Caf\u{E9}".utf8))
    }

    func testDecodeTreatsPlusAsSpaceAsS3ListingsEncodeIt() {
        XCTAssertEqual(S3URIEncoding.decode("My+Song%2B1.mp3"), "My Song+1.mp3")
    }

    func testDecodeAcceptsLowercaseHex() {
        XCTAssertEqual(S3URIEncoding.decode("caf%c3%a9"), "caf\u{E9}")
    }

    func testDecodeRejectsTruncatedOrNonHexEscapesAndInvalidUTF8() {
        XCTAssertNil(S3URIEncoding.decode("abc%"))
        XCTAssertNil(S3URIEncoding.decode("abc%4"))
        XCTAssertNil(S3URIEncoding.decode("abc%G1"))
        XCTAssertNil(S3URIEncoding.decode("%C3"))       // lone lead byte
        XCTAssertNil(S3URIEncoding.decode("%FF%FE"))    // never valid in UTF-8
        XCTAssertNil(S3URIEncoding.decode("%ED%A0%80")) // UTF-16 surrogate encoded as UTF-8
    }
}
