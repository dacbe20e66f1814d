// Buckets that live in another region than the configured one. S3 says so with 301
// PermanentRedirect (x-amz-bucket-region header) or 400 AuthorizationHeaderMalformed (<Region>);
// the client re-signs for that region and remembers it, so later requests go there at once
// (botocore's S3RegionRedirector keeps the same per-client cache).

import Foundation

public final class S3BucketRegions: @unchecked Sendable {
    private let lock = NSLock()
    private var regions: [String: String] = [:]

    public init() {}

    public func region(of bucket: String) -> String? { lock.withLock { regions[bucket] } }

    /// Also for a region known from before (the catalog), so the first request goes right.
    public func remember(_ region: String, for bucket: String) { lock.withLock { regions[bucket] = region } }
}
