import Storage

/// Tags of one file outside a scan (a file added to the queue by hand): its size from a HEAD or
/// stat, then the same one or two ranged reads and the same grouping as the scanner's.
public enum SongFileReader {
    /// The entry as a scan would store it (with `problem` set for a file that is not MP3), or
    /// the storage's one-line error.
    public static func read(key: String, from source: any StorageSource,
                            grouping: SongGrouping = SongGrouping()) -> Result<CatalogEntry, StorageError> {
        let object: StoredObject
        do {
            object = try source.object(key: key)
        } catch {
            return .failure(error)
        }
        switch TagFetcher(source: source, grouping: grouping).fetch(object).outcome {
        case .entry(let entry): return .success(entry)
        case .failed(let problem): return .failure(StorageError(problem.problem))
        case .gone: return .failure(StorageError("\(source.playableLocation(forKey: key)) does not exist.", isMissingObject: true))
        }
    }
}
