import Foundation

/// Lists everything under a prefix faster than one page after another: ListObjectsV2 pages
/// are sequential (each needs the previous page's token), so a long listing costs one round
/// trip per 1,000 keys. One delimiter listing gives the "folders" under the prefix; a few of
/// them become boundaries that split the key space into ranges, each listed with start-after
/// on its own thread. Objects are still delivered in the server's order.
public struct S3ParallelLister: Sendable {
    private let client: S3Client
    private let rangeCount: Int
    /// Keys the whole listing may hold (ListingGuard.defaultKeyCap); each range has the same cap.
    private let keyCap: Int

    public init(client: S3Client, rangeCount: Int = 6, keyCap: Int = ListingGuard.defaultKeyCap) {
        self.client = client
        self.rangeCount = max(1, rangeCount)
        self.keyCap = keyCap
    }

    /// `isCancelled` is asked after every page (Ctrl-C during a long listing ends it within one
    /// round trip); a cancelled listing returns what it delivered so far without an error.
    public func listAll(bucket: String, prefix: String?, isCancelled: @escaping @Sendable () -> Bool = { false },
                        onObjects: ([S3ObjectSummary]) -> Void) throws(S3Error) {
        guard !isCancelled() else { return }
        let boundaries = rangeCount > 1 ? try splitPoints(bucket: bucket, prefix: prefix) : []
        if boundaries.isEmpty {
            try client.listObjects(bucket: bucket, prefix: prefix, keyCap: keyCap) { page throws(S3Error) in
                onObjects(page.objects)
                return !isCancelled()
            }
            return
        }
        let ranges = (0...boundaries.count).map { index in
            KeyRange(startAfter: index == 0 ? nil : boundaries[index - 1],
                     lastKey: index == boundaries.count ? nil : boundaries[index])
        }
        let results = RangeResults(count: ranges.count)
        for (index, range) in ranges.enumerated() {
            Thread.detachNewThread { [client] in
                do {
                    try client.listObjects(bucket: bucket, prefix: prefix, startAfter: range.startAfter,
                                           keyCap: keyCap) { page throws(S3Error) in
                        guard !results.isAbandoned else { return false }
                        let (inRange, reachedEnd) = range.clip(page.objects)
                        results.append(inRange, to: index)
                        return !reachedEnd && !isCancelled()
                    }
                    results.finish(index, error: nil)
                } catch let error as S3Error {
                    results.finish(index, error: error)
                } catch {
                    results.finish(index, error: .malformedResponse(String(describing: error)))
                }
            }
        }
        defer { results.abandon() }
        var keysSoFar = 0
        for index in ranges.indices {
            while let objects = try results.next(from: index) {
                keysSoFar += objects.count
                if keysSoFar > keyCap {
                    throw .endlessListing(bucket: bucket, detail: "it passed \(keyCap) keys, the sanity cap")
                }
                onObjects(objects)
                if isCancelled() { return }
            }
        }
    }

    /// Up to rangeCount-1 "folder" prefixes spread evenly over the first delimiter page.
    private func splitPoints(bucket: String, prefix: String?) throws(S3Error) -> [String] {
        let folders = try client.listObjectsPage(bucket: bucket, prefix: prefix, delimiter: "/").commonPrefixes
        guard folders.count >= 2 else { return [] }
        let count = min(rangeCount, folders.count)
        var points: [String] = []
        for step in 1..<count {
            let point = folders[step * folders.count / count]
            if points.last != point { points.append(point) }
        }
        return points
    }
}

/// Keys after `startAfter` up to and including `lastKey`, compared as S3 does: by UTF-8 bytes
/// (Swift's String `<` compares canonically equivalent NFC and NFD keys as equal).
struct KeyRange: Sendable {
    var startAfter: String?
    var lastKey: String?

    func clip(_ objects: [S3ObjectSummary]) -> (objects: [S3ObjectSummary], reachedEnd: Bool) {
        guard let lastKey else { return (objects, false) }
        guard let firstOutside = objects.firstIndex(where: { lastKey.utf8.lexicographicallyPrecedes($0.key.utf8) }) else {
            return (objects, false)
        }
        return (Array(objects[..<firstOutside]), true)
    }
}

/// Pages of each range as they arrive, handed to the caller range by range.
private final class RangeResults: @unchecked Sendable {
    private let condition = NSCondition()
    private var pages: [[[S3ObjectSummary]]]
    private var finished: [Bool]
    private var failure: S3Error?
    private var abandoned = false

    init(count: Int) {
        pages = Array(repeating: [], count: count)
        finished = Array(repeating: false, count: count)
    }

    var isAbandoned: Bool {
        condition.lock(); defer { condition.unlock() }
        return abandoned || failure != nil
    }

    func append(_ objects: [S3ObjectSummary], to index: Int) {
        condition.lock()
        pages[index].append(objects)
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ index: Int, error: S3Error?) {
        condition.lock()
        finished[index] = true
        if let error, failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    func abandon() {
        condition.lock()
        abandoned = true
        condition.unlock()
    }

    /// The next page of range `index`, nil when the range is done; throws any range's failure.
    func next(from index: Int) throws(S3Error) -> [S3ObjectSummary]? {
        condition.lock()
        defer { condition.unlock() }
        while pages[index].isEmpty && !finished[index] && failure == nil { condition.wait() }
        if let failure { throw failure }
        if pages[index].isEmpty { return nil }
        return pages[index].removeFirst()
    }
}
