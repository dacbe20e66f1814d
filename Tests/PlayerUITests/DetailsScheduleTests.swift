@testable import PlayerUI
import Library
import XCTest

/// The details line asks Discogs only for what the cursor rests on (issue 17), on a stepped clock.
final class DetailsScheduleTests: XCTestCase {
    func testPassingArtistsAsksForNothingAndTheOneRestedOnIsAskedOnce() {
        var schedule = DetailsSchedule(delay: 0.3)
        var asked: [DetailsRequest] = []
        var now = 0.0
        // j held: a new artist every 30 ms for 70 artists.
        for index in 0..<70 {
            schedule.focus(on: .artist("Artist \(index)"), at: now)
            if let due = schedule.due(at: now) { asked.append(due) }
            now += 0.03
        }
        XCTAssertEqual(asked, [], "nothing asked while the cursor moves")
        // The loop's turns go on while the cursor rests on the last one.
        for _ in 0..<20 {
            schedule.focus(on: .artist("Artist 69"), at: now)
            if let due = schedule.due(at: now) { asked.append(due) }
            now += 0.05
        }
        XCTAssertEqual(asked, [.artist("Artist 69")])
    }

    func testBackOnAnArtistAlreadyAskedForItIsAskedAgainAfterTheRest() {
        var schedule = DetailsSchedule(delay: 0.3)
        schedule.focus(on: .artist("A"), at: 0)
        XCTAssertEqual(schedule.due(at: 0.3), .artist("A"))
        schedule.focus(on: .artist("B"), at: 0.4)
        schedule.focus(on: .artist("A"), at: 0.45)
        XCTAssertNil(schedule.due(at: 0.7))
        XCTAssertEqual(schedule.due(at: 0.75), .artist("A"))
        XCTAssertNil(schedule.due(at: 2))
    }
}
