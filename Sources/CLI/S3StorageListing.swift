import Foundation
import PlayerUI
import S3

/// The player's `:add s3://…/` and Tab completion of keys, over an S3 client: the library's own
/// when it is in S3, else one made at the first use (a folder library need not have credentials
/// until an s3:// address is typed).
enum S3StorageListing {
    static func make(client existing: S3Client?, storage: StorageOptions) -> StorageListing {
        let client = LazyClient(existing: existing, storage: storage)
        return StorageListing(
            objects: { url in
                let (s3, location) = try client.resolve(url)
                var urls: [String] = []
                try s3.listObjects(bucket: location.bucket, prefix: location.path.isEmpty ? nil : location.path) { page in
                    urls += page.objects.map { "s3://\(location.bucket)/\($0.key)" }
                    return true
                }
                return urls
            },
            children: { url in
                let (s3, location) = try client.resolve(url)
                // One page (1,000 names) is plenty to complete from.
                let page = try s3.listObjectsPage(bucket: location.bucket, prefix: location.path.isEmpty ? nil : location.path,
                                                  delimiter: "/")
                return page.commonPrefixes.map { "s3://\(location.bucket)/\($0)" }
                    + page.objects.map { "s3://\(location.bucket)/\($0.key)" }
            })
    }

    private final class LazyClient: @unchecked Sendable {
        private let lock = NSLock()
        private var client: S3Client?
        private let storage: StorageOptions

        init(existing: S3Client?, storage: StorageOptions) {
            client = existing
            self.storage = storage
        }

        func resolve(_ url: String) throws -> (S3Client, S3Location) {
            guard let location = S3Location(url) else { throw CommandFailure("\(url) is not s3://BUCKET/PREFIX") }
            lock.lock()
            defer { lock.unlock() }
            if let client { return (client, location) }
            let made = try storage.makeClient()
            client = made
            return (made, location)
        }
    }
}
