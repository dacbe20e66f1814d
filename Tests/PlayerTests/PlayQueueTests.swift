import Player
import Storage
import XCTest

/// The queue state machine, step by step, with a seeded generator wherever shuffle decides.
final class PlayQueueTests: XCTestCase {
    private func queue(_ count: Int, seed: UInt64 = 1) -> (PlayQueue, [QueueEntryID]) {
        var queue = PlayQueue(random: SeededRandom(seed: seed))
        let ids = queue.append((0..<count).map { QueueItem(title: "t\($0)", location: TrackLocation(.file(path: "/m/\($0).mp3")), durationSeconds: Double($0 + 1)) })
        return (queue, ids)
    }

    private func titles(_ entries: [QueueEntry]) -> [String] { entries.map(\.title) }

    func testNextPlaysInListOrderThenEndsWithNothingCurrent() {
        var (queue, ids) = queue(3)
        XCTAssertNil(queue.current)
        XCTAssertEqual(queue.next()?.id, ids[0], "with nothing current, next starts at the first entry")
        XCTAssertEqual(queue.next()?.id, ids[1])
        XCTAssertEqual(queue.next(.trackEnded)?.id, ids[2])
        XCTAssertNil(queue.next(.trackEnded))
        XCTAssertNil(queue.currentIndex)
    }

    func testRepeatAllWrapsToTheFirstEntry() {
        var (queue, ids) = queue(3)
        queue.repeatMode = .all
        queue.jump(toIndex: 2)
        XCTAssertEqual(queue.next(.trackEnded)?.id, ids[0])
        queue.jump(toIndex: 2)
        XCTAssertEqual(queue.next(.skip)?.id, ids[0])
    }

    func testRepeatOneRepeatsOnNaturalEndButExplicitNextAndPreviousMove() {
        var (queue, ids) = queue(3)
        queue.repeatMode = .one
        queue.jump(toIndex: 1)
        XCTAssertEqual(queue.next(.trackEnded)?.id, ids[1])
        XCTAssertEqual(queue.next(.trackEnded)?.id, ids[1])
        XCTAssertEqual(queue.next(.skip)?.id, ids[2])
        XCTAssertEqual(queue.previous()?.id, ids[1])
        XCTAssertEqual(queue.previous()?.id, ids[0])
        queue.jump(toIndex: 2)
        XCTAssertNil(queue.next(.skip), "repeat one changes only the natural end: skipping past the last ends")
    }

    func testPreviousAtTheStartStaysOnTheFirstEntryAndWrapsOnlyWithRepeatAll() {
        var (queue, ids) = queue(3)
        queue.jump(toIndex: 0)
        XCTAssertEqual(queue.previous()?.id, ids[0])
        XCTAssertEqual(queue.currentIndex, 0)
        queue.repeatMode = .all
        XCTAssertEqual(queue.previous()?.id, ids[2])
        var ended = queue
        ended.repeatMode = .off
        ended.next()
        XCTAssertNil(ended.current)
        XCTAssertEqual(ended.previous()?.id, ids[2], "after the end, previous goes back to the last entry")
    }

    func testInsertNextPlaysRightAfterTheCurrentEntryInTheGivenOrder() {
        var (queue, ids) = queue(3)
        queue.jump(toIndex: 0)
        let added = queue.insertNext([QueueItem(title: "x", location: TrackLocation(.file(path: "/x"))), QueueItem(title: "y", location: TrackLocation(.file(path: "/y")))])
        XCTAssertEqual(titles(queue.entries), ["t0", "x", "y", "t1", "t2"])
        XCTAssertEqual(queue.upcoming.map(\.id), added + [ids[1], ids[2]])
        XCTAssertEqual(queue.next()?.title, "x")
        XCTAssertEqual(queue.next()?.title, "y")
        XCTAssertEqual(queue.next()?.id, ids[1])

        var idle = self.queue(2).0
        idle.insertNext([QueueItem(title: "first", location: TrackLocation(.file(path: "/f")))])
        XCTAssertEqual(titles(idle.entries), ["first", "t0", "t1"], "with nothing current they go first")
    }

    func testSuccessivePlayNextsPlayInTheOrderChosenUntilTheCurrentEntryChanges() {
        var (queue, ids) = queue(3)
        queue.jump(toIndex: 0)
        for name in ["e1", "e2", "e3"] { queue.insertNext([QueueItem(title: name, location: TrackLocation(.file(path: "/\(name)")))]) }
        XCTAssertEqual(titles(queue.entries), ["t0", "e1", "e2", "e3", "t1", "t2"])
        queue.next()
        queue.insertNext([QueueItem(title: "f1", location: TrackLocation(.file(path: "/f1")))])
        queue.insertNext([QueueItem(title: "f2", location: TrackLocation(.file(path: "/f2")))])
        XCTAssertEqual(titles(queue.entries), ["t0", "e1", "f1", "f2", "e2", "e3", "t1", "t2"],
                       "a new current entry starts a new run right after it")
        XCTAssertEqual(queue.upcoming.map(\.title), ["f1", "f2", "e2", "e3", "t1", "t2"])
        _ = ids

        var shuffled = self.queue(4, seed: 5).0
        shuffled.setShuffle(true)
        shuffled.next()
        for name in ["s1", "s2", "s3"] { shuffled.insertNext([QueueItem(title: name, location: TrackLocation(.file(path: "/\(name)")))]) }
        XCTAssertEqual(shuffled.upcoming.prefix(3).map(\.title), ["s1", "s2", "s3"], "shuffled too")
    }

    func testRemovingThePlayingEntryMakesTheNextOneCurrent() {
        var (queue, ids) = queue(4)
        queue.jump(toIndex: 1)
        XCTAssertTrue(queue.remove(ids[1]))
        XCTAssertEqual(queue.currentID, ids[2])
        XCTAssertEqual(queue.currentIndex, 1)
        XCTAssertTrue(queue.remove(ids[0]), "removing an entry before the current one")
        XCTAssertEqual(queue.currentID, ids[2])
        XCTAssertEqual(queue.currentIndex, 0)
        queue.jump(toIndex: 1)
        XCTAssertTrue(queue.remove(ids[3]))
        XCTAssertNil(queue.currentID, "the last entry removed while playing: nothing follows")
        XCTAssertEqual(queue.entries.map(\.id), [ids[2]])
        XCTAssertFalse(queue.remove(ids[3]), "an id that is gone")
    }

    func testMoveSwapsWithANeighbourAndPastEitherEndIsANoOp() {
        var (queue, ids) = queue(3)
        queue.jump(toIndex: 0)
        XCTAssertFalse(queue.move(ids[0], by: -1))
        XCTAssertFalse(queue.move(ids[2], by: +1))
        XCTAssertEqual(queue.entries.map(\.id), ids)
        XCTAssertTrue(queue.move(ids[0], by: +1))
        XCTAssertEqual(queue.entries.map(\.id), [ids[1], ids[0], ids[2]])
        XCTAssertEqual(queue.currentIndex, 1, "the current entry moved with its id")
        XCTAssertTrue(queue.move(ids[2], by: -1))
        XCTAssertEqual(queue.entries.map(\.id), [ids[1], ids[2], ids[0]])
    }

    func testClearLeavesNothingAndNewIdsAreNeverReused() {
        var (queue, ids) = queue(3)
        queue.jump(toIndex: 1)
        queue.clear()
        XCTAssertTrue(queue.entries.isEmpty)
        XCTAssertNil(queue.current)
        XCTAssertNil(queue.next())
        XCTAssertNil(queue.previous())
        let again = queue.append([QueueItem(title: "n", location: TrackLocation(.file(path: "/n")))])
        XCTAssertFalse(ids.contains(again[0]))
    }

    func testPlayNowJumpTotalDurationAndUpcoming() {
        var (queue, ids) = queue(4)
        XCTAssertEqual(queue.totalDurationSeconds, 1 + 2 + 3 + 4)
        XCTAssertEqual(queue.playNow(ids[2])?.id, ids[2])
        XCTAssertEqual(queue.upcoming.map(\.id), [ids[3]])
        XCTAssertNil(queue.jump(toIndex: 4))
        XCTAssertEqual(queue.jump(toIndex: 0)?.id, ids[0])
        XCTAssertEqual(queue.upcoming.map(\.id), Array(ids[1...]))
    }

    func testShuffleNeverRepeatsAnEntryBeforeAllHavePlayedAndReordersEachCycle() {
        var (queue, ids) = queue(7, seed: 42)
        queue.repeatMode = .all
        queue.setShuffle(true)
        var played: [QueueEntryID] = []
        for _ in 0..<(7 * 6) { played.append(queue.next(.trackEnded)!.id) }
        let cycles = stride(from: 0, to: played.count, by: 7).map { Array(played[$0..<($0 + 7)]) }
        for (number, cycle) in cycles.enumerated() {
            XCTAssertEqual(Set(cycle), Set(ids), "cycle \(number) plays every entry exactly once")
        }
        XCTAssertGreaterThan(Set(cycles).count, 1, "the order changes between cycles")
        for (before, after) in zip(cycles, cycles.dropFirst()) {
            XCTAssertNotEqual(before.last, after.first, "a new cycle does not open with the entry that closed the last")
        }
        XCTAssertNotEqual(cycles[0], ids, "shuffled, not list order")
    }

    func testTheSameSeedReplaysTheSameShuffle() {
        func order(seed: UInt64) -> [String] {
            var (queue, _) = queue(9, seed: seed)
            queue.repeatMode = .all
            queue.setShuffle(true)
            return (0..<20).map { _ in queue.next()!.title }
        }
        XCTAssertEqual(order(seed: 5), order(seed: 5))
        XCTAssertNotEqual(order(seed: 5), order(seed: 6))
    }

    func testTogglingShuffleKeepsTheCurrentEntryAndItDoesNotComeBackInTheCycle() {
        var (queue, ids) = queue(6, seed: 3)
        queue.jump(toIndex: 2)
        queue.setShuffle(true)
        XCTAssertEqual(queue.currentID, ids[2])
        XCTAssertEqual(Set(queue.upcoming.map(\.id)), Set(ids).subtracting([ids[2]]))
        var rest: [QueueEntryID] = []
        while let entry = queue.next(.trackEnded) { rest.append(entry.id) }
        XCTAssertEqual(rest.count, 5, "repeat off: the cycle ends after the other five")
        XCTAssertEqual(Set(rest), Set(ids).subtracting([ids[2]]))

        var toggled = self.queue(6, seed: 3).0
        toggled.jump(toIndex: 4)
        toggled.setShuffle(true)
        toggled.setShuffle(false)
        XCTAssertEqual(toggled.currentIndex, 4)
        XCTAssertEqual(toggled.next()?.title, "t5", "shuffle off plays on in list order")
    }

    func testShuffleAddsNewEntriesToTheUnplayedPartAndInsertNextComesNext() {
        var (queue, ids) = queue(4, seed: 11)
        queue.setShuffle(true)
        let first = queue.next()!.id
        let second = queue.next()!.id
        let appended = queue.append([QueueItem(title: "late", location: TrackLocation(.file(path: "/late")))])
        let urgent = queue.insertNext([QueueItem(title: "urgent", location: TrackLocation(.file(path: "/u")))])
        XCTAssertEqual(queue.upcoming.first?.id, urgent[0])
        var rest: [QueueEntryID] = []
        while let entry = queue.next() { rest.append(entry.id) }
        XCTAssertEqual(rest.first, urgent[0])
        XCTAssertEqual(Set([first, second] + rest), Set(ids + appended + urgent))
        XCTAssertEqual(rest.count + 2, 6, "no entry twice")
    }

    func testShuffleRemoveCurrentMovesToTheNextOfTheCycleAndPreviousRetracesIt() {
        var (queue, ids) = queue(5, seed: 9)
        queue.setShuffle(true)
        let a = queue.next()!.id, b = queue.next()!.id
        let following = queue.upcoming.first!.id
        XCTAssertTrue(queue.remove(b))
        XCTAssertEqual(queue.currentID, following)
        XCTAssertEqual(queue.previous()?.id, a)
        XCTAssertEqual(queue.previous()?.id, a, "at the cycle's first entry previous stays")
        XCTAssertEqual(queue.next()?.id, following)
        XCTAssertEqual(queue.entries.count, 4)
        XCTAssertFalse(queue.entries.map(\.id).contains(b))
        _ = ids
    }

    func testRepeatModeCyclesOffAllOne() {
        XCTAssertEqual(RepeatMode.off.cycled, .all)
        XCTAssertEqual(RepeatMode.all.cycled, .one)
        XCTAssertEqual(RepeatMode.one.cycled, .off)
    }
}

extension PlayQueueTests {
    func testAppendingManyEntriesToAShuffledQueueKeepsEveryOneOnceAndStaysFast() {
        var queue = PlayQueue(random: SeededRandom(seed: 2))
        queue.append((0..<10).map { QueueItem(title: "a\($0)", location: TrackLocation(.file(path: "/a\($0)"))) })
        queue.setShuffle(true)
        queue.next()
        queue.next()
        let started = Date()
        let added = queue.append((0..<50_000).map { QueueItem(title: "b\($0)", location: TrackLocation(.file(path: "/b\($0)"))) })
        XCTAssertEqual(queue.upcoming.count, 8 + 50_000)
        XCTAssertEqual(Set(queue.upcoming.map(\.id)).count, 8 + 50_000)
        XCTAssertTrue(Set(queue.upcoming.map(\.id)).isSuperset(of: added))
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "linear, not one insert at a time")
    }
}
