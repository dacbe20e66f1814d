import XCTest
@testable import S3

/// Fixtures follow the response shape of the S3 API reference (API_ListObjectsV2, "Response Syntax"
/// and examples); the values are ours.
final class ListObjectsV2PageTests: XCTestCase {
    private let truncatedPage = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Name>music-library</Name>
          <Prefix>Artists/</Prefix>
          <KeyCount>5</KeyCount>
          <MaxKeys>5</MaxKeys>
          <Delimiter>/</Delimiter>
          <IsTruncated>true</IsTruncated>
          <Contents>
            <Key>Artists/Bohren &amp; der Club of Gore/01 Prowler.mp3</Key>
            <LastModified>2009-10-12T17:50:30.000Z</LastModified>
            <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
            <ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm>
            <Size>434234</Size>
            <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>mtd</DisplayName></Owner>
            <StorageClass>STANDARD</StorageClass>
          </Contents>
          <Contents>
            <Key>Artists/Low/Things We Lost in the Fire/02 Sunflower.mp3</Key>
            <LastModified>2024-02-29T23:59:59.123Z</LastModified>
            <ETag>&quot;3858f62230ac3c915f300c664312c11f-12&quot;</ETag>
            <Size>96468992</Size>
          </Contents>
          <Contents>
            <Key>Artists/Nico/Chelsea Girl/01 The Fairest of the Seasons.mp3</Key>
            <LastModified>2019-05-01T08:00:00.000Z</LastModified>
            <ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag>
            <Size>0</Size>
            <StorageClass>GLACIER</StorageClass>
            <RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress></RestoreStatus>
          </Contents>
          <CommonPrefixes><Prefix>Artists/Bohren &amp; der Club of Gore/</Prefix></CommonPrefixes>
          <CommonPrefixes><Prefix>Artists/Low/</Prefix></CommonPrefixes>
          <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4+vbOwM=</NextContinuationToken>
        </ListBucketResult>
        """

    func testParsesContentsPrefixesAndContinuationOfATruncatedPage() throws {
        let page = try ListObjectsV2Page.parse(Array(truncatedPage.utf8))
        XCTAssertEqual(page, ListObjectsV2Page(
            objects: [
                S3ObjectSummary(key: "Artists/Bohren & der Club of Gore/01 Prowler.mp3", size: 434_234,
                                etag: "\"fba9dede5f27731c9771645a39863328\"",
                                lastModified: "2009-10-12T17:50:30.000Z", storageClass: "STANDARD"),
                S3ObjectSummary(key: "Artists/Low/Things We Lost in the Fire/02 Sunflower.mp3", size: 96_468_992,
                                etag: "\"3858f62230ac3c915f300c664312c11f-12\"",
                                lastModified: "2024-02-29T23:59:59.123Z", storageClass: "STANDARD"),
                S3ObjectSummary(key: "Artists/Nico/Chelsea Girl/01 The Fairest of the Seasons.mp3", size: 0,
                                etag: "\"d41d8cd98f00b204e9800998ecf8427e\"",
                                lastModified: "2019-05-01T08:00:00.000Z", storageClass: "GLACIER"),
            ],
            commonPrefixes: ["Artists/Bohren & der Club of Gore/", "Artists/Low/"],
            isTruncated: true,
            nextContinuationToken: "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4+vbOwM=",
            keyCount: 5))
    }

    func testPercentDecodesKeysAndPrefixesWhenEncodingTypeIsURL() throws {
        // Encoded the way AWS does it (space → '+', '+' → %2B), plus one name as a server that
        // uses %20 would send it, and one '&' left to XML escaping instead of %26.
        let body = """
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>music-library</Name><Prefix></Prefix><KeyCount>8</KeyCount><MaxKeys>1000</MaxKeys>
              <Delimiter>/</Delimiter><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
              <Contents><Key>Sigur+R%C3%B3s/%C3%81g%C3%A6tis+byrjun/01+Svefn-g-englar.mp3</Key><Size>1</Size></Contents>
              <Contents><Key>C%2B%2B+%26+Rust/100%25+Pure.mp3</Key><Size>2</Size></Contents>
              <Contents><Key>%F0%9F%8E%B5+Mix/%F0%9F%94%A5+Hot.mp3</Key><Size>3</Size></Contents>
              <Contents><Key>odd%01name%0A.mp3</Key><Size>4</Size></Contents>
              <Contents><Key>%E6%97%A5%E6%9C%AC%E8%AA%9E/%E6%9B%B2.mp3</Key><Size>5</Size></Contents>
              <Contents><Key>via%20percent%2btwenty.mp3</Key><Size>6</Size></Contents>
              <Contents><Key>Tom+&amp;+Jerry.mp3</Key><Size>7</Size></Contents>
              <CommonPrefixes><Prefix>Live+Recordings/</Prefix></CommonPrefixes>
              <CommonPrefixes><Prefix>50%25+Off/</Prefix></CommonPrefixes>
            </ListBucketResult>
            """
        let page = try ListObjectsV2Page.parse(Array(body.utf8))
        XCTAssertEqual(page.objects.map(\.key), [
            "Sigur Rós/Ágætis byrjun/01 Svefn-g-englar.mp3",
            "C++ & Rust/100% Pure.mp3",
            "🎵 Mix/🔥 Hot.mp3",
            "odd\u{1}name\n.mp3",
            "日本語/曲.mp3",
            "via percent+twenty.mp3",
            "Tom & Jerry.mp3",
        ])
        XCTAssertEqual(page.objects.map(\.size), [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(page.objects.map(\.storageClass), Array(repeating: "STANDARD", count: 7))
        XCTAssertEqual(page.commonPrefixes, ["Live Recordings/", "50% Off/"])
        XCTAssertEqual(page.keyCount, 8)
        XCTAssertFalse(page.isTruncated)
        XCTAssertNil(page.nextContinuationToken)
    }

    func testReplacesPercentEncodedBytesThatAreNotUTF8() throws {
        let body = """
            <ListBucketResult><EncodingType>url</EncodingType>\
            <Contents><Key>bad%FF%C3name%2</Key><Size>1</Size></Contents></ListBucketResult>
            """
        let page = try ListObjectsV2Page.parse(Array(body.utf8))
        XCTAssertEqual(page.objects.map(\.key), ["bad\u{FFFD}\u{FFFD}name%2"])
    }

    func testLeavesPercentAndPlusAloneWithoutEncodingType() throws {
        let body = """
            <ListBucketResult><IsTruncated>false</IsTruncated>
            <Contents><Key>100%25 C+ &#x1F3B5; &#233;t&#xE9;</Key><Size>9</Size></Contents></ListBucketResult>
            """
        let page = try ListObjectsV2Page.parse(Array(body.utf8))
        XCTAssertEqual(page.objects.map(\.key), ["100%25 C+ 🎵 été"])
    }

    func testParsesAnEmptyPage() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>music-library</Name>\
            <Prefix>Nothing/</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys>\
            <IsTruncated>false</IsTruncated></ListBucketResult>
            """
        let page = try ListObjectsV2Page.parse(Array(body.utf8))
        XCTAssertEqual(page, ListObjectsV2Page(objects: [], commonPrefixes: [], isTruncated: false,
                                               nextContinuationToken: nil, keyCount: 0))
    }

    func testRejectsBodiesThatAreNotAListBucketResult() {
        let cases: [(body: String, error: S3Error)] = [
            ("", .malformedResponse("ListObjectsV2 response is not XML: no root element at byte 0")),
            ("<html><body>502 Bad Gateway</body></html>",
             .malformedResponse("ListObjectsV2 response is <html>, not <ListBucketResult>")),
            ("<Error><Code>AccessDenied</Code></Error>",
             .malformedResponse("ListObjectsV2 response is <Error>, not <ListBucketResult>")),
            ("<ListBucketResult><Contents><Key>a</Key><Size>1</Si",
             .malformedResponse("ListObjectsV2 response is not XML: unterminated end tag at byte 47")),
            ("<ListBucketResult><Contents><Key>a</Key></Contents></ListBucketResult>",
             .malformedResponse("ListObjectsV2 <Contents> without <Key> or <Size>")),
            ("<ListBucketResult><Contents><Key>a</Key><Size>12kB</Size></Contents></ListBucketResult>",
             .malformedResponse("ListObjectsV2 <Size> is not a byte count")),
            ("<ListBucketResult><KeyCount>many</KeyCount></ListBucketResult>",
             .malformedResponse("ListObjectsV2 <KeyCount> is not a count")),
            ("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>",
             .malformedResponse("ListObjectsV2 page is truncated but has no <NextContinuationToken>")),
            ("<ListBucketResult><Contents></ListBucketResult></Contents>",
             .malformedResponse("ListObjectsV2 response is not XML: mismatched end tag at byte 28")),
            ("<ListBucketResult></ListBucketResult><ListBucketResult/>",
             .malformedResponse("ListObjectsV2 response is not XML: content after the root element at byte 37")),
            ("<ListBucketResult><Key>a</Key ></ListBucketResul>",
             .malformedResponse("ListObjectsV2 response is not XML: mismatched end tag at byte 31")),
            ("<ListBucketResult>",
             .malformedResponse("ListObjectsV2 response is not XML: unclosed element at byte 1")),
            ("Service Unavailable",
             .malformedResponse("ListObjectsV2 response is not XML: text outside the root element at byte 0")),
        ]
        for (body, expected) in cases {
            XCTAssertThrowsError(try ListObjectsV2Page.parse(Array(body.utf8)), body) { error in
                XCTAssertEqual(error as? S3Error, expected, body)
            }
        }
    }

    func testScansAThousandKeyPageWithOneElementRecordPerTag() throws {
        var body = #"<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        body += "<Name>music-library</Name><Prefix></Prefix><KeyCount>1000</KeyCount><MaxKeys>1000</MaxKeys>"
        body += "<IsTruncated>true</IsTruncated><NextContinuationToken>abc/+=</NextContinuationToken>"
        for i in 0..<1000 {
            body += "<Contents><Key>Artist \(i % 37)/Album \(i % 11)/\(i) Song &amp; Title.mp3</Key>"
            body += "<LastModified>2024-01-01T00:00:00.000Z</LastModified>"
            body += "<ETag>&quot;\(String(repeating: "a", count: 32))&quot;</ETag>"
            body += "<Size>\(i * 1000)</Size><StorageClass>STANDARD</StorageClass></Contents>"
        }
        body += "</ListBucketResult>"
        let bytes = Array(body.utf8)

        // The work is one record per element, linear in the page: root + 6 header + 6 per object.
        XCTAssertEqual(try S3XMLScanner(bytes).elements.count, 1 + 6 + 1000 * 6)
        let page = try ListObjectsV2Page.parse(bytes)
        XCTAssertEqual(page.objects.count, 1000)
        XCTAssertEqual(page.objects[999].key, "Artist 0/Album 9/999 Song & Title.mp3")
        XCTAssertEqual(page.objects[999].size, 999_000)
        XCTAssertEqual(page.nextContinuationToken, "abc/+=")
    }

    // MARK: The scanner underneath

    func testScannerDecodesEntitiesCharacterReferencesAndCDATA() throws {
        let body = """
            <r><a>&amp;&lt;&gt;&quot;&apos;</a><b>&#65;&#x42;&#X43;&#x1F600;</b>\
            <c><![CDATA[<not & markup>]]>tail</c><d>&unknown; &#xD800; 5 &amp 6</d></r>
            """
        let xml = try S3XMLScanner(Array(body.utf8))
        let texts = xml.children(of: xml.root).map { xml.text(of: $0) }
        XCTAssertEqual(texts, ["&<>\"'", "ABC😀", "<not & markup>tail", "&unknown; \u{FFFD} 5 &amp 6"])
    }

    func testScannerSkipsDeclarationsCommentsAttributesAndNamespacePrefixes() throws {
        let body = "\u{FEFF}" + """
            <?xml version="1.0"?>
            <!DOCTYPE r>
            <!-- <fake>comment</fake> -->
            <s3:r xmlns:s3="x" note='a > b'><s3:Key>k</s3:Key><Empty/><Size> 42 </Size></s3:r>
            """
        let xml = try S3XMLScanner(Array(body.utf8))
        XCTAssertTrue(xml.isNamed(xml.root, "r"))
        XCTAssertEqual(xml.element(at: "r", "Key").map(xml.text(of:)), "k")
        XCTAssertEqual(xml.element(at: "r", "Empty").map(xml.text(of:)), "")
        XCTAssertEqual(xml.element(at: "r", "Size").flatMap(xml.integer(of:)), 42)
        XCTAssertNil(xml.element(at: "r", "Missing"))
    }
}
