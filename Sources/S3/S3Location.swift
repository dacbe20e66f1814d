/// An `s3://BUCKET[/KEY-OR-PREFIX]` address as users type it.
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    public var bucket: String
    /// The key or prefix exactly as typed after "BUCKET/" (may be empty).
    public var path: String

    public init(bucket: String, path: String) {
        self.bucket = bucket
        self.path = path
    }

    /// Nil for anything that is not an s3:// address with a bucket name.
    public init?(_ text: String) {
        guard text.hasPrefix("s3://") else { return nil }
        let rest = text.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        self.path = String(rest.dropFirst(bucket.count + 1))
    }

    public var description: String { "s3://\(bucket)/\(path)" }
}
