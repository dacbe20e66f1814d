// Buckets that live in another region than the configured one. S3 says so with 301
// PermanentRedirect (x-amz-bucket-region header) or 400 AuthorizationHeaderMalformed (<Region>);
// the client re-signs for that region and remembers it, so later requests go there at once
// (botocore's S3RegionRedirector keeps the same per-client cache). Whoever keeps regions across
// runs (the catalog) observes what is learned and hands it back with `remember` on the next start.

import Foundation

public final class S3BucketRegions: @unchecked Sendable {
    private let lock = NSLock()
    private var regions: [String: String] = [:]
    private var observer: (@Sendable (_ bucket: String, _ region: String) -> Void)?

    public init() {}

    public func region(of bucket: String) -> String? { lock.withLock { regions[bucket] } }

    /// Also for a region known from before (the catalog), so the first request goes right.
    public func remember(_ region: String, for bucket: String) { lock.withLock { regions[bucket] = region } }

    /// `handler` hears of every region found by a redirect from now on (not of `remember`ed ones).
    public func observe(_ handler: @escaping @Sendable (_ bucket: String, _ region: String) -> Void) {
        lock.withLock { observer = handler }
    }

    /// A region found by a redirect: remembered and reported to the observer (outside the lock).
    func learned(_ region: String, for bucket: String) {
        let observer = lock.withLock {
            regions[bucket] = region
            return self.observer
        }
        observer?(bucket, region)
    }
}
