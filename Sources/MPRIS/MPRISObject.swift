import DBus
import Player

/// /org/mpris/MediaPlayer2: answers one method call at a time from the player's snapshot and
/// turns requests into `PlayerCommand`s. Runs on the MPRIS thread; holds no D-Bus handle, so
/// it is tested by calling `answer` directly.
struct MPRISObject {
    enum Answer: Equatable {
        case values([DBusValue])
        case error(name: String, message: String)
    }

    let player: any MediaPlayerControl
    let identity: String
    /// The cover image URL for a track's location, when one is known.
    let artURL: (String) -> String?

    func playerProperties(_ snapshot: PlayerSnapshot) -> [String: DBusValue] {
        MPRISProperties.player(snapshot, artURL: snapshot.current.flatMap { artURL($0.item.location.description) })
    }

    func answer(_ call: DBusMethodCall) -> Answer {
        switch call.path {
        case MPRISNames.objectPath: break
        case "/", "/org", "/org/mpris":
            // Tools walk the tree from "/" (d-feet, busctl tree) before finding the object.
            guard call.member == "Introspect" else { return unknownObject(call.path) }
            return .values([.string(MPRISIntrospection.parentNode(path: call.path))])
        default: return unknownObject(call.path)
        }
        switch (call.interface, call.member) {
        case (MPRISNames.introspectableInterface?, "Introspect"), (nil, "Introspect"):
            return .values([.string(MPRISIntrospection.objectXML)])
        case (MPRISNames.peerInterface?, "Ping"), (nil, "Ping"):
            return .values([])
        case (MPRISNames.propertiesInterface?, _):
            return properties(call)
        case (MPRISNames.rootInterface?, "Raise"), (MPRISNames.rootInterface?, "Quit"), (nil, "Raise"), (nil, "Quit"):
            // CanRaise and CanQuit are false: a terminal player has no window to raise and
            // quits from its own keys, where its state is saved.
            return .values([])
        case (MPRISNames.playerInterface?, let member), (nil, let member):
            return playerMethod(member, call.arguments)
        default:
            return .error(name: DBusErrorName.unknownInterface, message: "no interface \(call.interface ?? "") here")
        }
    }

    // MARK: org.mpris.MediaPlayer2.Player

    private func playerMethod(_ member: String, _ arguments: [DBusValue]) -> Answer {
        switch member {
        case "Next": player.send(.next)
        case "Previous": player.send(.previous)
        case "Pause": player.send(.pause)
        case "PlayPause": player.send(.togglePause)
        case "Stop": player.send(.stop)
        case "Play": player.send(.play)
        case "Seek":
            guard let offset = arguments.first?.int64Value else { return invalidArguments("Seek takes an offset (x)") }
            // No current track: the specification has Seek do nothing.
            if player.snapshot.current != nil { player.send(.seekBy(seconds: Double(offset) / 1_000_000)) }
        case "SetPosition":
            guard arguments.count == 2, let track = arguments[0].stringValue, let position = arguments[1].int64Value else {
                return invalidArguments("SetPosition takes a track id (o) and a position (x)")
            }
            let snapshot = player.snapshot
            // Ignored for a track that is no longer current, a negative position or one past
            // the end (MPRIS, SetPosition).
            guard track == MPRISProperties.trackID(snapshot.current), snapshot.current != nil, position >= 0 else { break }
            if let length = snapshot.durationSeconds, Double(position) / 1_000_000 > length { break }
            player.send(.seek(toSeconds: Double(position) / 1_000_000))
        case "OpenUri":
            return .error(name: MPRISNames.notSupported, message: "s3play opens no URIs over MPRIS; use `s3play remote add`")
        default:
            return .error(name: DBusErrorName.unknownMethod, message: "no method \(member)")
        }
        return .values([])
    }

    // MARK: org.freedesktop.DBus.Properties

    private func properties(_ call: DBusMethodCall) -> Answer {
        let arguments = call.arguments
        guard let interface = arguments.first?.stringValue else { return invalidArguments("the interface name comes first") }
        switch call.member {
        case "GetAll":
            guard let table = table(interface) else { return unknownInterface(interface) }
            return .values([.stringVariantDictionary(table)])
        case "Get":
            guard arguments.count == 2, let name = arguments[1].stringValue else { return invalidArguments("Get takes (ss)") }
            guard let table = table(interface) else { return unknownInterface(interface) }
            guard let value = table[name] else { return unknownProperty(name) }
            return .values([.variant(value)])
        case "Set":
            guard arguments.count == 3, let name = arguments[1].stringValue else { return invalidArguments("Set takes (ssv)") }
            guard let table = table(interface) else { return unknownInterface(interface) }
            guard table[name] != nil else { return unknownProperty(name) }
            return set(interface: interface, name: name, to: arguments[2].unwrapped)
        default:
            return .error(name: DBusErrorName.unknownMethod, message: "no method \(call.member)")
        }
    }

    private func table(_ interface: String) -> [String: DBusValue]? {
        switch interface {
        case MPRISNames.rootInterface: MPRISProperties.root(identity: identity)
        case MPRISNames.playerInterface: playerProperties(player.snapshot)
        default: nil
        }
    }

    private func set(interface: String, name: String, to value: DBusValue) -> Answer {
        guard interface == MPRISNames.playerInterface else { return readOnly(name) }
        switch name {
        case "Volume":
            guard let level = value.doubleValue, level.isFinite else { return invalidArguments("Volume is a number (d)") }
            // MPRIS volume is 0.0–1.0 (more may amplify; we do not), below 0 is 0.
            player.send(.setVolume(percent: Int((min(max(level, 0), 1) * 100).rounded())))
        case "LoopStatus":
            guard let text = value.stringValue, let mode = MPRISProperties.repeatMode(loopStatus: text) else {
                return invalidArguments("LoopStatus is None, Track or Playlist")
            }
            player.send(.setRepeat(mode))
        case "Shuffle":
            guard let flag = value.boolValue else { return invalidArguments("Shuffle is a boolean (b)") }
            player.send(.setShuffle(flag))
        case "Rate":
            // Only 1.0 is offered (MinimumRate = MaximumRate = 1); other values are ignored.
            break
        default:
            return readOnly(name)
        }
        return .values([])
    }

    // MARK: errors

    private func invalidArguments(_ message: String) -> Answer { .error(name: DBusErrorName.invalidArgs, message: message) }
    private func unknownInterface(_ name: String) -> Answer { .error(name: DBusErrorName.unknownInterface, message: "no interface \(name) here") }
    private func unknownProperty(_ name: String) -> Answer { .error(name: DBusErrorName.unknownProperty, message: "no property \(name)") }
    private func readOnly(_ name: String) -> Answer { .error(name: DBusErrorName.propertyReadOnly, message: "\(name) is read-only") }
    private func unknownObject(_ path: String) -> Answer { .error(name: DBusErrorName.unknownObject, message: "no object at \(path)") }
}
