import HTTPTransport

// A GetObject answer is checked against the request before a byte of it is used: a server behind
// a misconfigured proxy or CDN answers well-formed and wrong (a 200 with the whole object for a
// range, a Content-Range that starts elsewhere, a 206 with no bytes, a total that lies), and
// using such bytes plays the wrong audio or asks again forever (issue #19: 716 identical
// requests for one empty range; 28,885 requests for a total 10x the real size).
// Rules (RFC 9110 §14.4, §15.3.7):
// - 206: Content-Range must start at the first byte asked for, end where the range (or the
//   object) ends, and name the object's size; the body is exactly last - first + 1 bytes.
// - 200 to a ranged request: the server ignored Range (RFC 9110 §14.2 allows it); the body is the
//   whole object, used by skipping to the offset asked for.
// - Size and ETag pinned by the caller (from a listing, a HEAD or the first GET) must agree.

/// What a GetObject answer delivers once checked against the request.
struct ObjectAnswerShape: Equatable {
    /// The whole object's size.
    var size: Int64
    /// Offset in the object of the first byte delivered.
    var firstByteOffset: Int64
    /// Bytes delivered in all; nil when the answer does not say (a whole-object GET, chunked).
    var length: Int64?
    /// Leading body bytes to drop before delivering (a 200 for a range).
    var bytesToSkip: Int64
    /// The body goes on past `length` (a 200 for a range): stop reading there.
    var stopsEarly: Bool
}

/// What the caller already knows about the object; a disagreeing answer means it changed.
struct PinnedObject {
    var size: Int64?
    var etag: String?
}

enum ObjectAnswerCheck {
    static func shape(status: Int, headers: HTTPHeaders, range: S3ByteRange?, pinned: PinnedObject,
                      bucket: String, key: String) throws(S3Error) -> ObjectAnswerShape {
        let wrong = { (detail: String) in S3Error.wrongBytes(bucket: bucket, key: key, detail: detail) }
        let incomplete = { (detail: String) in S3Error.incompleteAnswer(bucket: bucket, key: key, detail: detail) }
        let contentLength = headers["Content-Length"].flatMap { Int64($0) }
        if let pinnedETag = pinned.etag, let etag = headers["ETag"], !sameETag(pinnedETag, etag) {
            throw .objectChanged(bucket: bucket, key: key)
        }
        let shape: ObjectAnswerShape
        switch (status, range) {
        case (200, nil):
            shape = ObjectAnswerShape(size: contentLength ?? pinned.size ?? 0, firstByteOffset: 0, length: contentLength,
                                      bytesToSkip: 0, stopsEarly: false)
        case (200, let range?):
            guard let size = contentLength else {
                throw wrong("HTTP 200 without Content-Length to a request for \(range.headerValue)")
            }
            let (first, end) = range.bounds(in: size)
            guard first < end else { throw .invalidRange(bucket: bucket, key: key) }
            shape = ObjectAnswerShape(size: size, firstByteOffset: first, length: end - first, bytesToSkip: first,
                                      stopsEarly: end < size)
        case (206, let range?):
            guard let value = headers["Content-Range"], let answered = ContentRange(value) else {
                throw wrong("HTTP 206 without a usable Content-Range to a request for \(range.headerValue)")
            }
            guard let size = answered.total else {
                throw wrong("Content-Range \(value) does not name the object's size")
            }
            let (first, end) = range.bounds(in: size)
            guard answered.first == first, answered.last >= answered.first, answered.last < size else {
                throw wrong("asked for \(range.headerValue), got Content-Range \(value)")
            }
            let answeredLength = answered.last - answered.first + 1
            if answeredLength > end - first { throw wrong("asked for \(range.headerValue), got Content-Range \(value)") }
            if answeredLength < end - first {
                throw incomplete("asked for \(range.headerValue), got Content-Range \(value)")
            }
            if let contentLength, contentLength < answeredLength {
                throw incomplete("Content-Length \(contentLength) for Content-Range \(value)")
            }
            if let contentLength, contentLength > answeredLength {
                throw wrong("Content-Length \(contentLength) for Content-Range \(value)")
            }
            shape = ObjectAnswerShape(size: size, firstByteOffset: first, length: answeredLength, bytesToSkip: 0,
                                      stopsEarly: false)
        default:
            throw wrong("HTTP \(status) to a request for \(range?.headerValue ?? "the whole object")")
        }
        if let pinnedSize = pinned.size, range != nil || contentLength != nil, shape.size != pinnedSize {
            throw .objectChanged(bucket: bucket, key: key)
        }
        return shape
    }

    /// ETags compared without quotes or a weak prefix: listings and heads of one server may differ
    /// in quoting, not in the tag.
    static func sameETag(_ a: String, _ b: String) -> Bool {
        func bare(_ tag: String) -> Substring {
            var tag = Substring(tag)
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count >= 2 ? tag.dropFirst().dropLast() : tag
        }
        return bare(a) == bare(b)
    }
}

extension S3ByteRange {
    /// The first byte and one past the last byte this range names in an object of `size` bytes.
    func bounds(in size: Int64) -> (first: Int64, end: Int64) {
        switch self {
        case .bounded(let first, let last): return (first, min(last + 1, size))
        case .from(let first): return (first, size)
        case .suffix(let count): return (max(0, size - count), size)
        }
    }
}
