/// The only failure `MetadataCache.open` reports: everything else (a corrupt file, a failed write)
/// is repaired or worked around, and told through `onNotice`.
public enum MetadataCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cache directory cannot be created or written.
    case directoryNotWritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .directoryNotWritable(let path, let reason):
            return "Cannot write the metadata cache directory \(path) (\(reason)): make it writable, or set XDG_CACHE_HOME to a writable directory."
        }
    }
}
