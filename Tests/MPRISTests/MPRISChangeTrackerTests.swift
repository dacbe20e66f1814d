import DBus
@testable import MPRIS
import Player
import Storage
import XCTest

/// Which signals follow from successive looks at the player, in virtual time.
final class MPRISChangeTrackerTests: XCTestCase {
    private func properties(_ state: PlayerSnapshot.State, entry: UInt64?, volume: Int = 100) -> [String: DBusValue] {
        var snapshot = PlayerSnapshot()
        snapshot.state = state
        snapshot.volumePercent = volume
        if let entry {
            snapshot.current = QueueEntry(id: QueueEntryID(entry), item: QueueItem(title: "T\(entry)", location: TrackLocation(.file(path: "/m/\(entry).mp3"))))
            snapshot.entries = [snapshot.current!]
        }
        return MPRISProperties.player(snapshot, artURL: nil)
    }

    func testFirstLookPublishesNothingAndUnchangedStaysQuiet() {
        var tracker = MPRISChangeTracker()
        XCTAssertEqual(tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 0, now: 0), .init())
        XCTAssertEqual(tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 0.1, now: 0.1), .init())
    }

    func testStatusAndVolumeChangesAreSentAloneWithoutPosition() {
        var tracker = MPRISChangeTracker()
        _ = tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 5, now: 0)
        let paused = tracker.update(properties: properties(.paused, entry: 1, volume: 40), positionSeconds: 5.1, now: 0.1)
        XCTAssertEqual(paused.changed, ["PlaybackStatus": .string("Paused"), "Volume": .double(0.4)])
        XCTAssertNil(paused.seekedTo)
    }

    func testNewTrackChangesMetadataAndIsNoSeek() {
        var tracker = MPRISChangeTracker()
        _ = tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 150, now: 0)
        let next = tracker.update(properties: properties(.playing, entry: 2), positionSeconds: 0, now: 0.1)
        XCTAssertEqual(Set(next.changed.keys), ["Metadata"])
        XCTAssertNil(next.seekedTo)
    }

    func testPositionThatRunsOnIsNoSeekAJumpIs() {
        var tracker = MPRISChangeTracker()
        _ = tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 10, now: 100)
        XCTAssertNil(tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 12.1, now: 102).seekedTo)
        XCTAssertEqual(tracker.update(properties: properties(.playing, entry: 1), positionSeconds: 60, now: 102.1).seekedTo,
                       60_000_000)
        // Paused, the position stands still: moving it is a seek, even by a little more than a second.
        _ = tracker.update(properties: properties(.paused, entry: 1), positionSeconds: 60, now: 103)
        XCTAssertNil(tracker.update(properties: properties(.paused, entry: 1), positionSeconds: 60, now: 110).seekedTo)
        XCTAssertEqual(tracker.update(properties: properties(.paused, entry: 1), positionSeconds: 50, now: 111).seekedTo,
                       50_000_000)
    }
}
