import DBus

/// Decides which signals a new look at the player calls for: PropertiesChanged with the
/// properties whose values differ from what was last published, and Seeked when the position
/// jumped instead of running on (MPRIS: Position changes are never announced through
/// PropertiesChanged; clients extrapolate it from PlaybackStatus and Rate and listen for
/// Seeked). Pure: the caller passes the time.
struct MPRISChangeTracker {
    struct Signals: Equatable {
        var changed: [String: DBusValue] = [:]
        /// The new position in microseconds, when it jumped.
        var seekedTo: Int64?
    }

    /// A difference between where the position should be and where it is that counts as a
    /// jump. The player's clock moves in its engine's write steps (a few hundred ms at most),
    /// so a second keeps steady playback from looking like seeks; the player's smallest seek
    /// step (`,`/`.`) is 10 s.
    var jumpToleranceSeconds = 1.0

    private var published: [String: DBusValue]?
    private var lastPosition: (track: DBusValue?, seconds: Double, playing: Bool, time: Double)?

    /// `properties` as `MPRISProperties.player` makes them; `now` in seconds on any monotonic clock.
    mutating func update(properties: [String: DBusValue], positionSeconds: Double, now: Double) -> Signals {
        var signals = Signals()
        var comparable = properties
        comparable.removeValue(forKey: "Position")
        if let published {
            for (name, value) in comparable where published[name] != value { signals.changed[name] = value }
        }
        published = comparable

        let track = Self.trackID(in: properties)
        let playing = properties["PlaybackStatus"] == .string("Playing")
        if let last = lastPosition, last.track == track {
            let expected = last.seconds + (last.playing ? now - last.time : 0)
            if abs(positionSeconds - expected) > jumpToleranceSeconds {
                signals.seekedTo = MPRISProperties.microseconds(positionSeconds)
            }
        }
        lastPosition = (track, positionSeconds, playing, now)
        return signals
    }

    private static func trackID(in properties: [String: DBusValue]) -> DBusValue? {
        properties["Metadata"]?.stringKeyedEntries?["mpris:trackid"]
    }
}
