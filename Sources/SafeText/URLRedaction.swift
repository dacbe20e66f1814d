// A URL can carry secrets in two places: user info ("name:password@host") and the query (a
// presigned S3 URL's X-Amz-Credential, X-Amz-Security-Token and X-Amz-Signature). Any message
// that repeats a URL the user gave shows it without both (issue #19: a malformed endpoint URL and
// a presigned URL given to `remote add` were echoed whole).

/// URLs as they may appear in messages.
public enum URLRedaction {
    /// "https://user:pw@host/path?X-Amz-Signature=…#f" → "https://…@host/path?…".
    /// Text without "://" is returned as is; a "?" or "#" anywhere after the scheme starts what
    /// is cut, and everything up to the last "@" of the authority goes (passwords may hold "/").
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.firstRange(of: "://") else { return text }
        var shown = Substring(text)
        var cutQuery = false
        if let query = shown[scheme.upperBound...].firstIndex(where: { $0 == "?" || $0 == "#" }) {
            shown = shown[..<query]
            cutQuery = true
        }
        if let at = shown[scheme.upperBound...].lastIndex(of: "@") {
            shown = shown[..<scheme.upperBound] + "…" + shown[at...]
        }
        return String(shown) + (cutQuery ? "?…" : "")
    }

    /// Whether `text` is a URL with a scheme other than s3:// ("https://…", "file://…").
    public static func isNonS3URL(_ text: String) -> Bool {
        guard let scheme = text.firstRange(of: "://"), scheme.lowerBound > text.startIndex else { return false }
        let name = text[..<scheme.lowerBound]
        return name.lowercased() != "s3" && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
