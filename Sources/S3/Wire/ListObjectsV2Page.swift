// One page of a ListObjectsV2 response (S3 API reference, API_ListObjectsV2):
//   <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
//     <Name/> <Prefix/> <KeyCount/> <MaxKeys/> <Delimiter/> <IsTruncated/> <EncodingType/>
//     <ContinuationToken/> <NextContinuationToken/> <StartAfter/>
//     <Contents><Key/><LastModified/><ETag/><Size/><StorageClass/><Owner/>…</Contents>…
//     <CommonPrefixes><Prefix/></CommonPrefixes>…
//   </ListBucketResult>
// Element order is not relied on. Top-level <Prefix> and <CommonPrefixes><Prefix> share a name, so
// values are always read relative to their parent element, never by a document-wide search.

/// One object of a listing, as S3 describes it.
public struct S3ObjectSummary: Sendable, Equatable {
    public var key: String
    public var size: Int64
    /// As the server sent it, quotes included (e.g. "\"9b2c…\"", or "\"…-12\"" for multipart).
    public var etag: String
    /// ISO 8601, as sent (e.g. "2009-10-12T17:50:30.000Z").
    public var lastModified: String
    /// "STANDARD" when the element is absent (S3-compatible servers often omit it).
    public var storageClass: String

    public init(key: String, size: Int64, etag: String, lastModified: String, storageClass: String = "STANDARD") {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.storageClass = storageClass
    }
}

/// The objects and common prefixes of one ListObjectsV2 response, and where the next page starts.
public struct ListObjectsV2Page: Sendable, Equatable {
    public var objects: [S3ObjectSummary]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    /// Present only when `isTruncated` (opaque; contains '/', '+', '=', so percent-encode it to send).
    public var nextContinuationToken: String?
    public var keyCount: Int?

    public init(objects: [S3ObjectSummary], commonPrefixes: [String] = [], isTruncated: Bool = false,
                nextContinuationToken: String? = nil, keyCount: Int? = nil) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
        self.nextContinuationToken = nextContinuationToken
        self.keyCount = keyCount
    }

    /// Parses a ListBucketResult. When the document says <EncodingType>url</EncodingType>, Key and
    /// Prefix (in Contents and CommonPrefixes) are percent-decoded as UTF-8, and '+' is decoded as a
    /// space (see `S3URLEncodedName`). Throws `S3Error.malformedResponse` for anything else,
    /// including a truncated page without a NextContinuationToken (following it would loop forever).
    public static func parse(_ body: [UInt8]) throws -> ListObjectsV2Page {
        let xml: S3XMLScanner
        do {
            xml = try S3XMLScanner(body)
        } catch {
            throw S3Error.malformedResponse("ListObjectsV2 response is not XML: \(error)")
        }
        guard xml.isNamed(xml.root, "ListBucketResult") else {
            throw S3Error.malformedResponse("ListObjectsV2 response is <\(xml.name(of: xml.root))>, not <ListBucketResult>")
        }
        let urlEncoded = xml.text(ofChild: "EncodingType", in: xml.root)?.lowercased() == "url"
        func name(_ element: Int) -> String {
            urlEncoded ? xml.withText(of: element, S3URLEncodedName.decode) : xml.text(of: element)
        }

        var page = ListObjectsV2Page(objects: [])
        for child in xml.children(of: xml.root) {
            if xml.isNamed(child, "Contents") {
                page.objects.append(try summary(child, in: xml, name: name))
            } else if xml.isNamed(child, "CommonPrefixes") {
                guard let prefix = xml.child(of: child, named: "Prefix") else {
                    throw S3Error.malformedResponse("ListObjectsV2 <CommonPrefixes> without <Prefix>")
                }
                page.commonPrefixes.append(name(prefix))
            } else if xml.isNamed(child, "IsTruncated") {
                page.isTruncated = xml.text(of: child).lowercased() == "true"
            } else if xml.isNamed(child, "NextContinuationToken") {
                page.nextContinuationToken = xml.text(of: child)
            } else if xml.isNamed(child, "KeyCount") {
                guard let count = xml.integer(of: child), count >= 0, count <= Int.max else {
                    throw S3Error.malformedResponse("ListObjectsV2 <KeyCount> is not a count")
                }
                page.keyCount = Int(count)
            }
        }
        if page.isTruncated, (page.nextContinuationToken ?? "").isEmpty {
            throw S3Error.malformedResponse("ListObjectsV2 page is truncated but has no <NextContinuationToken>")
        }
        return page
    }

    private static func summary(_ contents: Int, in xml: S3XMLScanner,
                                name: (Int) -> String) throws -> S3ObjectSummary {
        var key: String?
        var size: Int64?
        var etag = "", lastModified = "", storageClass = ""
        for field in xml.children(of: contents) {
            if xml.isNamed(field, "Key") {
                key = name(field)
            } else if xml.isNamed(field, "Size") {
                guard let value = xml.integer(of: field), value >= 0 else {
                    throw S3Error.malformedResponse("ListObjectsV2 <Size> is not a byte count")
                }
                size = value
            } else if xml.isNamed(field, "ETag") {
                etag = xml.text(of: field)
            } else if xml.isNamed(field, "LastModified") {
                lastModified = xml.text(of: field)
            } else if xml.isNamed(field, "StorageClass") {
                storageClass = xml.text(of: field)
            }
        }
        guard let key, let size else {
            throw S3Error.malformedResponse("ListObjectsV2 <Contents> without <Key> or <Size>")
        }
        return S3ObjectSummary(key: key, size: size, etag: etag, lastModified: lastModified,
                               storageClass: storageClass.isEmpty ? "STANDARD" : storageClass)
    }
}

/// Names under `encoding-type=url`. AWS encodes them form-style: a space becomes '+', a literal
/// '+' becomes "%2B", '/' stays, other bytes outside A-Z a-z 0-9 - . _ ~ become %XX (measured against
/// s3.ap-northeast-2: "a b.txt" → "a+b.txt", "a+b.txt" → "a%2Bb.txt"; MinIO's s3URLEncode does the
/// same; botocore decodes with unquote_plus). Servers that send "%20" instead also decode correctly,
/// since none of them leaves a literal '+' unencoded.
enum S3URLEncodedName {
    /// Decodes straight into the new String's storage: the result is never longer than the input.
    static func decode(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: utf8.count) { out in
            var i = 0
            var n = 0
            while i < utf8.count {
                let c = utf8[i]
                if c == UInt8(ascii: "+") {
                    out[n] = UInt8(ascii: " ")
                } else if c == UInt8(ascii: "%"), i + 2 < utf8.count,
                          let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2]) {
                    out[n] = high << 4 | low
                    i += 2
                } else {
                    out[n] = c  // a '%' not followed by two hex digits is kept as written
                }
                n += 1
                i += 1
            }
            return n  // bytes that are not UTF-8 become U+FFFD, as in every String made from bytes
        }
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
