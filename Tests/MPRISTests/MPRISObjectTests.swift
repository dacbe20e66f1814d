import DBus
import Foundation
@testable import MPRIS
import Player
import Synchronization
import Storage
import XCTest

/// The MPRIS object answering calls as a bus would deliver them, over a control that records
/// the player commands it is sent and serves a set snapshot (the seam MPRIS has to the
/// player; the real player behind the real bus is PlayerUITests' MPRISEndToEndTests).
final class MPRISObjectTests: XCTestCase {
    private let control = RecordingControl()
    private var object: MPRISObject { MPRISObject(player: control, identity: "s3play", artURL: { _ in nil }) }

    private func call(_ member: String, _ arguments: [DBusValue] = [], interface: String? = "org.mpris.MediaPlayer2.Player",
                      path: String = "/org/mpris/MediaPlayer2") -> MPRISObject.Answer {
        object.answer(DBusMethodCall(sender: ":1.9", serial: 4, path: path, interface: interface, member: member,
                                     arguments: arguments))
    }

    private func playing(duration: Double? = 200, elapsed: Double = 12.5) -> PlayerSnapshot {
        var snapshot = PlayerSnapshot()
        let item = QueueItem(title: "Blue in Green", artist: "Miles Davis", album: "Kind of Blue",
                             location: TrackLocation(.s3(bucket: "music", key: "Miles Davis/Kind of Blue/03.mp3")), durationSeconds: duration)
        snapshot.current = QueueEntry(id: QueueEntryID(41), item: item)
        snapshot.entries = [snapshot.current!]
        snapshot.currentIndex = 0
        snapshot.state = .playing
        snapshot.elapsedSeconds = elapsed
        snapshot.durationSeconds = duration
        snapshot.volumePercent = 35
        return snapshot
    }

    func testTransportMethodsSendThePlayersOwnCommands() {
        for member in ["PlayPause", "Play", "Pause", "Stop", "Next", "Previous"] {
            XCTAssertEqual(call(member), .values([]), member)
        }
        XCTAssertEqual(control.sent, [.togglePause, .play, .pause, .stop, .next, .previous])
    }

    func testSeekIsRelativeInMicrosecondsAndDoesNothingWithoutATrack() {
        XCTAssertEqual(call("Seek", [.int64(5_000_000)]), .values([]))
        XCTAssertEqual(control.sent, [])
        control.set(playing())
        XCTAssertEqual(call("Seek", [.int64(-2_500_000)]), .values([]))
        XCTAssertEqual(control.sent, [.seekBy(seconds: -2.5)])
        if case .error(let name, _) = call("Seek", [.string("x")]) { XCTAssertEqual(name, DBusErrorName.invalidArgs) } else { XCTFail() }
    }

    func testSetPositionOnlyForTheCurrentTrackAndWithinIt() {
        control.set(playing(duration: 200))
        XCTAssertEqual(call("SetPosition", [.objectPath("/org/s3play/track/40"), .int64(1_000_000)]), .values([]))
        XCTAssertEqual(call("SetPosition", [.objectPath("/org/s3play/track/41"), .int64(-1)]), .values([]))
        XCTAssertEqual(call("SetPosition", [.objectPath("/org/s3play/track/41"), .int64(201_000_000)]), .values([]))
        XCTAssertEqual(control.sent, [])
        XCTAssertEqual(call("SetPosition", [.objectPath("/org/s3play/track/41"), .int64(90_000_000)]), .values([]))
        XCTAssertEqual(control.sent, [.seek(toSeconds: 90)])
    }

    func testMetadataOfTheCurrentEntry() {
        control.set(playing(duration: 183.5))
        guard case .values(let values) = call("Get", [.string("org.mpris.MediaPlayer2.Player"), .string("Metadata")],
                                              interface: "org.freedesktop.DBus.Properties"),
              let metadata = values.first?.unwrapped.stringKeyedEntries else { return XCTFail("no metadata") }
        XCTAssertEqual(metadata, [
            "mpris:trackid": .objectPath("/org/s3play/track/41"),
            "xesam:title": .string("Blue in Green"),
            "xesam:artist": .stringArray(["Miles Davis"]),
            "xesam:album": .string("Kind of Blue"),
            "mpris:length": .int64(183_500_000),
            "xesam:url": .string("s3://music/Miles Davis/Kind of Blue/03.mp3"),
        ])
    }

    func testNoTrackIsTheReservedTrackID() {
        let properties = object.playerProperties(PlayerSnapshot())
        XCTAssertEqual(properties["Metadata"]?.stringKeyedEntries,
                       ["mpris:trackid": .objectPath("/org/mpris/MediaPlayer2/TrackList/NoTrack")])
        XCTAssertEqual(properties["PlaybackStatus"], .string("Stopped"))
        XCTAssertEqual(properties["CanPlay"], .boolean(false))
        XCTAssertEqual(properties["CanSeek"], .boolean(false))
    }

    func testGetAllGivesStatusVolumeAndPosition() {
        var snapshot = playing(elapsed: 12.5)
        snapshot.state = .waiting
        control.set(snapshot)
        guard case .values(let values) = call("GetAll", [.string("org.mpris.MediaPlayer2.Player")],
                                              interface: "org.freedesktop.DBus.Properties"),
              let all = values.first?.stringKeyedEntries else { return XCTFail("no properties") }
        XCTAssertEqual(all["PlaybackStatus"], .string("Playing"))
        XCTAssertEqual(all["Volume"], .double(0.35))
        XCTAssertEqual(all["Position"], .int64(12_500_000))
        XCTAssertEqual(all["CanGoNext"], .boolean(true))
        XCTAssertEqual(all["LoopStatus"], .string("None"))
        // Every property the specification gives the Player interface, as introspection declares them.
        XCTAssertEqual(Set(all.keys), ["PlaybackStatus", "LoopStatus", "Rate", "Shuffle", "Metadata", "Volume", "Position",
                                       "MinimumRate", "MaximumRate", "CanGoNext", "CanGoPrevious", "CanPlay", "CanPause",
                                       "CanSeek", "CanControl"])
    }

    func testSettingVolumeLoopAndShuffle() {
        let properties = "org.freedesktop.DBus.Properties"
        let player = DBusValue.string("org.mpris.MediaPlayer2.Player")
        XCTAssertEqual(call("Set", [player, .string("Volume"), .variant(.double(0.5))], interface: properties), .values([]))
        XCTAssertEqual(call("Set", [player, .string("Volume"), .variant(.double(-3))], interface: properties), .values([]))
        XCTAssertEqual(call("Set", [player, .string("Volume"), .variant(.double(1.7))], interface: properties), .values([]))
        XCTAssertEqual(call("Set", [player, .string("LoopStatus"), .variant(.string("Track"))], interface: properties), .values([]))
        XCTAssertEqual(call("Set", [player, .string("Shuffle"), .variant(.boolean(true))], interface: properties), .values([]))
        XCTAssertEqual(control.sent, [.setVolume(percent: 50), .setVolume(percent: 0), .setVolume(percent: 100),
                                      .setRepeat(.one), .setShuffle(true)])
    }

    func testErrorsNameWhatWasWrong() {
        let properties = "org.freedesktop.DBus.Properties"
        let player = DBusValue.string("org.mpris.MediaPlayer2.Player")
        func errorName(_ answer: MPRISObject.Answer) -> String? {
            if case .error(let name, _) = answer { return name }
            return nil
        }
        XCTAssertEqual(errorName(call("Set", [player, .string("PlaybackStatus"), .variant(.string("Playing"))], interface: properties)),
                       DBusErrorName.propertyReadOnly)
        XCTAssertEqual(errorName(call("Set", [player, .string("LoopStatus"), .variant(.string("Forever"))], interface: properties)),
                       DBusErrorName.invalidArgs)
        XCTAssertEqual(errorName(call("Get", [player, .string("Colour")], interface: properties)), DBusErrorName.unknownProperty)
        XCTAssertEqual(errorName(call("GetAll", [.string("org.example.Nothing")], interface: properties)), DBusErrorName.unknownInterface)
        XCTAssertEqual(errorName(call("Dance")), DBusErrorName.unknownMethod)
        XCTAssertEqual(errorName(call("Next", path: "/elsewhere")), DBusErrorName.unknownObject)
        XCTAssertEqual(errorName(call("OpenUri", [.string("file:///x.mp3")])), "org.freedesktop.DBus.Error.NotSupported")
        XCTAssertEqual(control.sent, [])
    }

    func testIntrospectionListsBothInterfacesAndTheWayDown() {
        guard case .values(let values) = call("Introspect", interface: "org.freedesktop.DBus.Introspectable"),
              let xml = values.first?.stringValue else { return XCTFail() }
        XCTAssertTrue(xml.contains("<interface name=\"org.mpris.MediaPlayer2.Player\">"))
        XCTAssertTrue(xml.contains("<property name=\"Volume\" type=\"d\" access=\"readwrite\"/>"))
        guard case .values(let root) = call("Introspect", interface: "org.freedesktop.DBus.Introspectable", path: "/") else {
            return XCTFail()
        }
        XCTAssertTrue(root.first?.stringValue?.contains("<node name=\"org\"/>") == true)
    }

    func testRootInterfaceIdentity() {
        guard case .values(let values) = call("Get", [.string("org.mpris.MediaPlayer2"), .string("Identity")],
                                              interface: "org.freedesktop.DBus.Properties") else { return XCTFail() }
        XCTAssertEqual(values, [.variant(.string("s3play"))])
    }
}
