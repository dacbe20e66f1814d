import ArgumentParser
import Foundation
import Library
import S3
import Storage

/// Options of the commands that work on the library's catalog.
struct LibraryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The music: s3://BUCKET[/PREFIX] or a folder.",
                               discussion: "Overrides S3PLAY_LIBRARY and `library` in config.toml."))
    var library: String?

    @OptionGroup var storage: StorageOptions

    /// The library, refusing one that was never scanned (the catalog-reading commands).
    func openScanned() throws -> OpenedLibrary {
        let opened = try open(settings: try UserSettings.load())
        try opened.requireScanned()
        return opened
    }

    /// The storage source and its catalog, opened as configured. `notice` takes the catalog's
    /// notices (a damaged file moved aside).
    func open(settings: UserSettings, notice: @escaping @Sendable (String) -> Void = StandardError.notice)
        throws(CommandFailure) -> OpenedLibrary
    {
        let location = try settings.libraryLocation(option: library)
        let source: any StorageSource
        var s3Client: S3Client?
        if location.hasPrefix("s3://") {
            guard let parsed = S3Location(location) else {
                throw CommandFailure("'\(location)' is not a library address: write s3://BUCKET[/PREFIX].")
            }
            let client = try storage.makeClient()
            s3Client = client
            source = S3StorageSource(client: client, location: parsed)
        } else {
            do {
                source = try LocalFolderSource(path: location)
            } catch {
                throw CommandFailure(error.description)
            }
        }
        // On a custom endpoint the catalog is named by endpoint, bucket and prefix (two servers
        // may each have a bucket "music"); on AWS a bucket name is global, and a folder is a path.
        var catalogName = source.locationDescription
        var formerNames: [String] = []
        if let endpoint = s3Client?.settings.endpoint {
            catalogName = endpoint.identity + " " + source.locationDescription
            formerNames = [source.locationDescription]
        }
        let store: CatalogStore
        do {
            store = try CatalogStore.open(directory: URL(fileURLWithPath: settings.cacheDirectory),
                                          libraryLocation: catalogName, formerLocations: formerNames,
                                          location: { [source] key in source.storageLocation(forKey: key) },
                                          onNotice: notice)
        } catch {
            throw CommandFailure(error.description)
        }
        if let s3Client {
            rememberBucketRegions(of: s3Client, in: store, notice: notice)
        }
        return OpenedLibrary(source: source, store: store, s3Client: s3Client, location: location)
    }
}

/// A bucket's region found by a redirect is kept in the catalog, and handed to the client on the
/// next run, so its first request is signed for the right region (no redirect round trip).
private func rememberBucketRegions(of client: S3Client, in store: CatalogStore,
                                   notice: @escaping @Sendable (String) -> Void) {
    if let known = try? store.bucketRegions() {
        for (bucket, region) in known { client.bucketRegions.remember(region, for: bucket) }
    }
    client.bucketRegions.observe { [store] bucket, region in
        do {
            try store.rememberRegion(region, ofBucket: bucket)
        } catch {
            notice("\(error) (the bucket's region is found again on the next run)")
        }
    }
}

struct OpenedLibrary: Sendable {
    let source: any StorageSource
    let store: CatalogStore
    /// The client of an S3 library (the shared Discogs tier lives in the same bucket).
    let s3Client: S3Client?
    let location: String

    /// Commands that read the catalog refuse a library that was never scanned, with the fix.
    func requireScanned() throws(CommandFailure) {
        let scanned: Bool
        do {
            scanned = try store.lastCompleteScan() != nil || store.counts().songs > 0
        } catch {
            throw CommandFailure("\(error)")
        }
        if !scanned {
            throw CommandFailure("the catalog of \(source.locationDescription) is empty: run `s3play scan` first.")
        }
    }
}
