import Foundation

/// Locations written to the state file and to playlists are `s3://bucket/key` or paths. Should
/// an http(s) URL ever reach a queue (a presigned GET, say), its query string, fragment and
/// user info are where the signature and credentials live: they are cut before any write, so
/// the file may be shared or synced without leaking them.
enum SecretFreeLocation {
    static func clean(_ location: String) -> String {
        let lowered = location.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
              var components = URLComponents(string: location) else { return location }
        components.query = nil
        components.fragment = nil
        components.user = nil
        components.password = nil
        return components.string ?? location
    }
}
