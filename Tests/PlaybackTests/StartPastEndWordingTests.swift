import PlaybackCore
import XCTest

/// A start past a long recording's end reads its times as the status bar and `info` do: a
/// 2-hour WAV is "2:00:00" long, not "120:00".
final class StartPastEndWordingTests: XCTestCase {
    func testTimesOverAnHourCarryHours() {
        let text = PlaybackError.startPastEnd("s3://music/session.wav", startSeconds: 7_260.4, durationSeconds: 7_200).description
        XCTAssertEqual(text, "s3://music/session.wav has nothing to play from 2:01:00: that is past its end (2:00:00 long)")
    }

    func testShortTracksKeepMinutesAndSeconds() {
        let text = PlaybackError.startPastEnd("/music/a.mp3", startSeconds: 100, durationSeconds: 10).description
        XCTAssertEqual(text, "/music/a.mp3 has nothing to play from 1:40: that is past its end (0:10 long)")
    }
}
