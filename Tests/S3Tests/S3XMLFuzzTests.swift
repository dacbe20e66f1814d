import XCTest
@testable import S3

/// The XML scanner and the two documents read with it (ListBucketResult, Error) take any bytes:
/// seeded mutations of real-shaped documents end in a page, a document or a thrown error, never
/// a trap or a hang. Seeded, so a failure repeats; bounded, so it runs in CI in about a second.
final class S3XMLFuzzTests: XCTestCase {
    private static let listing = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix>\
        <KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>\
        <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>\
        <Contents><Key>A%2Fb%C3%A9+c.mp3</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>\
        <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>\
        <Contents><Key>z&amp;&lt;&#x41;&#65;.mp3</Key><LastModified>x</LastModified><ETag>"e"</ETag><Size>0</Size></Contents>\
        <CommonPrefixes><Prefix>A/</Prefix></CommonPrefixes><![CDATA[ignored]]><!-- note --></ListBucketResult>
        """.utf8)
    private static let error = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>AuthorizationHeaderMalformed</Code><Message>The region 'us-east-1' is wrong</Message>\
        <Region>eu-west-1</Region><RequestId>4442587FB7D0A2F9</RequestId></Error>
        """.utf8)

    /// xorshift64*: the same sequence on every platform and run.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    private static let interesting: [[UInt8]] = ["<", ">", "</", "/>", "&", "&#", "&#x", ";", "<![CDATA[", "]]>",
                                                 "<!--", "-->", "<?", "?>", "\"", "%", "%C3", "%FF", "\0"].map { Array($0.utf8) }

    private func mutate(_ document: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = document
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &generator)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(contentsOf: Self.interesting.randomElement(using: &generator)!, at: at)
            case 3: bytes.removeSubrange(at...)
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...64, using: &generator))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            default:
                let end = min(bytes.count, at + Int.random(in: 1...32, using: &generator))
                bytes.removeSubrange(at..<end)
            }
        }
        return bytes
    }

    func testMutatedListingsAndErrorDocumentsNeverTrap() {
        var generator = SeededGenerator(state: 0x5EED_0019)
        var parsed = 0
        var refused = 0
        for round in 0..<20_000 {
            let document = mutate(round % 2 == 0 ? Self.listing : Self.error, using: &generator)
            if (try? ListObjectsV2Page.parse(document)) != nil { parsed += 1 } else { refused += 1 }
            _ = S3ErrorDocument.parse(document)
            _ = S3Error.from(status: 500, body: document, bucket: "b", key: "k")
        }
        XCTAssertEqual(parsed + refused, 20_000)
        XCTAssertGreaterThan(refused, 1_000, "the mutations reach the error paths")
        XCTAssertGreaterThan(parsed, 100, "and leave some documents readable")
    }

    func testDeepNestingAndHugeCountsEndInAnErrorOrAPage() {
        let deep = Array(String(repeating: "<a>", count: 100_000).utf8)
        XCTAssertThrowsError(try ListObjectsV2Page.parse(deep))
        let hugeSize = Array("<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>k</Key><Size>99999999999999999999999</Size></Contents></ListBucketResult>".utf8)
        XCTAssertThrowsError(try ListObjectsV2Page.parse(hugeSize))
    }
}
