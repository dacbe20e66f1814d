/// s3play's version, in one place: `s3play --version` prints it and every User-Agent the
/// transport sends names it (S3 and Discogs alike; Discogs asks for a versioned agent).
public enum S3PlayVersion {
    public static let current = "0.1.0"
}
