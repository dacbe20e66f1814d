/// What `:add s3://BUCKET/PREFIX/` and Tab after `:add s3://…` need from the bucket. The CLI
/// wires it to its S3 client (PlayerUI knows no S3); nil: neither is available.
public struct StorageListing: Sendable {
    /// Every object under a prefix URL ("s3://bucket/prefix/"), as URLs in key order.
    public var objects: @Sendable (String) throws -> [String]
    /// One level under a prefix URL: object URLs, and folder URLs ending in "/".
    public var children: @Sendable (String) throws -> [String]

    public init(objects: @escaping @Sendable (String) throws -> [String],
                children: @escaping @Sendable (String) throws -> [String]) {
        self.objects = objects
        self.children = children
    }
}
