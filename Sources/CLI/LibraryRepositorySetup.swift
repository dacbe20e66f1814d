import Foundation
import Library
import Metadata
import S3

/// The repository of an opened library, with Discogs details when a token is configured.
enum LibraryRepositorySetup {
    static func repository(opened: OpenedLibrary, settings: UserSettings) -> CatalogRepository {
        CatalogRepository(store: opened.store, metadata: metadata(opened: opened, settings: settings))
    }

    /// Nil without a token (Discogs' search needs one) or when the cache cannot be opened: the
    /// catalog alone then serves, after one notice for the latter.
    static func metadata(opened: OpenedLibrary, settings: UserSettings,
                         notice: @escaping @Sendable (String) -> Void = StandardError.notice) -> DiscogsEnrichment? {
        let hasToken = !(settings.environment["DISCOGS_TOKEN"] ?? settings.configFile.discogs.token ?? "").isEmpty
        guard hasToken else { return nil }
        var shared: (client: S3Client, bucket: String)?
        if let client = opened.s3Client, let location = S3Location(opened.location) {
            shared = (client, location.bucket)
        }
        do {
            let setup = try MetadataSetup.open(settings: settings, sharedBucket: shared, notice: notice)
            return DiscogsEnrichment(source: setup.source)
        } catch {
            notice("Discogs details are off: \(error)")
            return nil
        }
    }
}
