/// What a request proves about its sender. Discogs takes a personal token as
/// `Authorization: Discogs token=T` or as `?token=T` (developers page, "Authentication").
enum DiscogsCredential: Equatable {
    case none
    case valid
    case invalid

    /// `required`: the one token accepted; nil accepts any token.
    init(head: HTTPRequestHead, target: DiscogsRequestTarget, required: String?) {
        let sent: String?
        if let header = head.headers["Authorization"] {
            let prefix = "Discogs token="
            // Any other scheme (key/secret, OAuth) is not a token this stand-in can check.
            sent = header.hasPrefix(prefix) ? String(header.dropFirst(prefix.count)) : ""
        } else {
            sent = target.query["token"]
        }
        guard let sent else { self = .none; return }
        if sent.isEmpty { self = .invalid; return }
        self = required == nil || required == sent ? .valid : .invalid
    }
}
