@testable import Player
import Storage
import XCTest

/// What the player hands the engine, and how the queue follows when the engine starts a track,
/// including the moments when an edit and the engine's hand-over cross.
final class EngineFeedTests: XCTestCase {
    private func queue(_ count: Int) -> (PlayQueue, [QueueEntryID]) {
        var queue = PlayQueue(random: SeededRandom(seed: 1))
        let ids = queue.append((0..<count).map { QueueItem(title: "t\($0)", location: TrackLocation(.file(path: "/\($0)"))) })
        queue.jump(toIndex: 0)
        return (queue, ids)
    }

    func testHandsOverTheCurrentEntryThenWhatFollowsWithoutMovingTheQueue() {
        let (queue, ids) = queue(3)
        var feed = EngineFeed()
        feed.beginRun()
        XCTAssertEqual(feed.handOver(from: queue)?.id, ids[0])
        XCTAssertEqual(feed.handOver(from: queue)?.id, ids[1])
        XCTAssertEqual(feed.handOver(from: queue)?.id, ids[2], "two ahead: the queue is replayed past both")
        XCTAssertNil(feed.handOver(from: queue))
        XCTAssertEqual(queue.currentID, ids[0])
        XCTAssertEqual(feed.started(index: 0, queue: queue), .advanced(queue))
        guard case .advanced(let moved) = feed.started(index: 1, queue: queue) else { return XCTFail() }
        XCTAssertEqual(moved.currentID, ids[1])
    }

    func testAnEditThatChangesTheNextEntryDropsWhatWasHandedAhead() {
        var (queue, ids) = queue(3)
        var feed = EngineFeed()
        feed.beginRun()
        _ = feed.handOver(from: queue)
        _ = feed.handOver(from: queue)
        queue.append([QueueItem(title: "late", location: TrackLocation(.file(path: "/late")))])
        XCTAssertTrue(feed.keepsAhead(of: queue), "appending at the end changes nothing that follows")
        queue.remove(ids[1])
        XCTAssertFalse(feed.keepsAhead(of: queue))
        XCTAssertEqual(feed.handOver(from: queue)?.id, ids[2], "asked again, it hands over the new next")
    }

    func testAStartTheQueueDidNotExpectMakesThatEntryCurrentOrReportsItGone() {
        var (queue, ids) = queue(3)
        var feed = EngineFeed()
        feed.beginRun()
        _ = feed.handOver(from: queue)
        _ = feed.handOver(from: queue)  // ids[1], fetched ahead
        _ = feed.started(index: 0, queue: queue)
        // The user moved ids[2] up; the engine reached ids[1] before it heard of the change.
        queue.move(ids[2], by: -1)
        XCTAssertEqual(feed.started(index: 1, queue: queue), .jumpedTo(ids[1]))

        var other = self.queue(3).0
        var second = EngineFeed()
        second.beginRun()
        _ = second.handOver(from: other)
        _ = second.handOver(from: other)
        _ = second.started(index: 0, queue: other)
        other.remove(ids[1])
        XCTAssertEqual(second.started(index: 1, queue: other), .removed)
    }

    func testEveryEntryFailingInARowEndsTheHandOvers() {
        var (queue, _) = queue(2)
        queue.repeatMode = .all
        var feed = EngineFeed()
        feed.beginRun()
        _ = feed.handOver(from: queue)
        _ = feed.failed(index: 0)
        XCTAssertNotNil(feed.handOver(from: queue))
        _ = feed.failed(index: 1)
        XCTAssertNil(feed.handOver(from: queue), "repeat all would otherwise retry the broken files forever")
    }
}
