import PlaybackCore
import XCTest

/// Issue #14: a file no decoder recognises is named in one format-neutral line that says what
/// to do, whatever its name claims (before, it was "not MPEG audio" for a .flac as well).
final class NotAudioWordingTests: XCTestCase {
    func testTheSentenceIsOneFormatNeutralLineThatNamesThePlayableFormatsAndWhatToDo() {
        for name in ["s3://music/notes.mp3", "/music/cover.flac", "/music/README", "s3://b/x.ogg"] {
            let text = PlaybackError.notAudio(name).description
            XCTAssertEqual(text, "\(name) is not audio s3play can play (MP3, FLAC, Ogg Vorbis, Opus, WAV or AIFF): "
                + "skip it, or convert it to one of those")
            XCTAssertFalse(text.contains("\n"))
            XCTAssertFalse(text.contains("MPEG"), "no codec-specific wording: \(text)")
        }
    }
}
