import Foundation
import GRDB

/// Buckets' regions, kept with the catalog of the library that reads them: a bucket found in
/// another region than the configured one is addressed right on the next run.
extension CatalogStore {
    /// Every remembered bucket → region.
    public func bucketRegions() throws(CatalogError) -> [String: String] {
        try read("read the buckets' regions") { db in
            var regions: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT bucket, region FROM bucket_region") {
                regions[row["bucket"]] = row["region"]
            }
            return regions
        }
    }

    public func rememberRegion(_ region: String, ofBucket bucket: String) throws(CatalogError) {
        do {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO bucket_region (bucket, region) VALUES (?, ?)
                    ON CONFLICT (bucket) DO UPDATE SET region = excluded.region
                    """, arguments: [bucket, region])
            }
        } catch {
            throw CatalogError("Cannot update the catalog \(fileURL.path): \(Self.describe(error)).")
        }
    }
}
