/// An `s3://BUCKET[/KEY-OR-PREFIX]` address as users type it; BUCKET may be an access-point
/// ARN (`s3://arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/KEY`).
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
        var bucket = rest.prefix { $0 != "/" }
        // An access point ARN as the bucket (as the AWS CLI takes it): its name follows
        // "accesspoint/", so the bucket part runs to the slash after the name.
        if rest.hasPrefix("arn:"), bucket.hasSuffix(":accesspoint"), rest.count > bucket.count + 1 {
            let name = rest.dropFirst(bucket.count + 1).prefix { $0 != "/" }
            bucket = rest.prefix(bucket.count + 1 + name.count)
        }
        guard !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        self.path = String(rest.dropFirst(bucket.count + 1))
    }

    public var description: String { "s3://\(bucket)/\(path)" }
}
