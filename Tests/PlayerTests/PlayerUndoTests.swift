import Foundation
import Player
import Storage
import XCTest

/// `u` (issue 17): one step back over the last queue edit, the entry ids kept honest.
final class PlayerUndoTests: XCTestCase {
    private func items(_ names: String...) -> [QueueItem] {
        names.map { QueueItem(title: $0, location: TrackLocation(.file(path: "/nowhere/\($0).mp3"))) }
    }

    func testUndoBringsBackAClearedQueueWithItsIdsThenHasNothingMoreToUndo() {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.undoQueueChange)
        XCTAssertEqual(player.snapshot.notice?.text, "Nothing to undo.")
        player.send(.enqueue(items("a", "b", "c"), at: .end))
        let before = player.snapshot.entries
        player.send(.jump(toIndex: 1))
        player.send(.stop)
        player.send(.clearQueue)
        XCTAssertTrue(player.snapshot.entries.isEmpty)
        player.send(.undoQueueChange)
        XCTAssertEqual(player.snapshot.entries, before)
        XCTAssertEqual(player.snapshot.notice?.text, "Undone: the queue has 3 entries again.")
        player.send(.undoQueueChange)
        XCTAssertEqual(player.snapshot.notice?.text, "Nothing to undo.")
        XCTAssertEqual(player.snapshot.entries, before, "one step only: the add is not undone too")
    }

    func testUndoOfRemoveMoveAndAddAndNewIdsAreNeverReused() {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue(items("a", "b", "c"), at: .end))
        let ids = player.snapshot.entries.map(\.id)
        player.send(.remove(ids[1]))
        player.send(.undoQueueChange)
        XCTAssertEqual(player.snapshot.entries.map(\.id), ids)
        player.send(.move(ids[0], by: 1))
        player.send(.undoQueueChange)
        XCTAssertEqual(player.snapshot.entries.map(\.title), ["a", "b", "c"])

        player.send(.enqueue(items("d"), at: .end))
        let undoneID = player.snapshot.entries.last!.id
        player.send(.undoQueueChange)
        XCTAssertEqual(player.snapshot.entries.map(\.title), ["a", "b", "c"])
        player.send(.enqueue(items("e"), at: .end))
        XCTAssertNotEqual(player.snapshot.entries.last!.id, undoneID, "an id the user saw never names another entry")
        XCTAssertGreaterThan(player.snapshot.entries.last!.id, undoneID)
    }
}
