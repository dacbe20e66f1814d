/// The names of the MPRIS D-Bus Interface Specification v2.2 that this module serves.
enum MPRISNames {
    static let busNamePrefix = "org.mpris.MediaPlayer2."
    static let objectPath = "/org/mpris/MediaPlayer2"
    static let rootInterface = "org.mpris.MediaPlayer2"
    static let playerInterface = "org.mpris.MediaPlayer2.Player"
    static let propertiesInterface = "org.freedesktop.DBus.Properties"
    static let introspectableInterface = "org.freedesktop.DBus.Introspectable"
    static let peerInterface = "org.freedesktop.DBus.Peer"
    /// The trackid the specification reserves for "no current track".
    static let noTrack = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
    /// Our track ids: one per queue entry, so the same song queued twice is two tracks, and
    /// SetPosition for an entry that has stopped being current is ignored as the spec asks.
    static let trackPathPrefix = "/org/s3play/track/"
    static let notSupported = "org.freedesktop.DBus.Error.NotSupported"
}
