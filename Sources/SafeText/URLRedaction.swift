// A URL can carry secrets in two places: user info ("name:password@host") and the query (a
// presigned S3 URL's X-Amz-Credential, X-Amz-Security-Token and X-Amz-Signature). Any message
// that repeats a URL the user gave shows it without both (issue #19: a malformed endpoint URL and
// a presigned URL given to `remote add` were echoed whole).

/// URLs as they may appear in messages.
public enum URLRedaction {
    /// "https://user:pw@host/path?X-Amz-Signature=…#f" → "https://host/path".
    /// Text without "://" is returned as is; everything up to the last "@" of the authority goes
    /// (passwords may hold "/").
    public static func redacted(_ text: String) -> String {
        let shown = withoutQuery(text)
        guard let scheme = shown.firstRange(of: "://") else { return shown }
        let authority = shown[scheme.upperBound...].prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return shown }
        return String(shown[..<scheme.upperBound] + shown[shown.index(after: at)...])
    }

    /// The URL without its query and fragment ("?" or "#" after the scheme and all that follows).
    public static func withoutQuery(_ text: String) -> String {
        guard let scheme = text.firstRange(of: "://"),
              let query = text[scheme.upperBound...].firstIndex(where: { $0 == "?" || $0 == "#" }) else { return text }
        return String(text[..<query])
    }

    /// Whether `text` is a URL with a scheme other than s3:// ("https://…", "file://…").
    public static func isNonS3URL(_ text: String) -> Bool {
        guard let scheme = text.firstRange(of: "://"), scheme.lowerBound > text.startIndex else { return false }
        let name = text[..<scheme.lowerBound]
        return name.lowercased() != "s3" && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
