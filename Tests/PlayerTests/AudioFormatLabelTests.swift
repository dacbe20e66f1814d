import PlaybackCore
import Player
import XCTest

/// The status bar's format word: shown for everything but a 16-bit MP3.
final class AudioFormatLabelTests: XCTestCase {
    func testLosslessTracksShowCodecDepthAndRate() {
        XCTAssertEqual(AudioFormatLabel.text(location: "s3://music/take.flac",
                                             format: PCMFormat(sampleRate: 96000, channels: 2, encoding: .signed24Packed)),
                       "FLAC 24/96")
        XCTAssertEqual(AudioFormatLabel.text(location: "/home/me/a.WAV", format: PCMFormat(sampleRate: 44100, channels: 2)),
                       "WAV 16/44.1")
        XCTAssertEqual(AudioFormatLabel.text(location: "s3://m/b.aif",
                                             format: PCMFormat(sampleRate: 48000, channels: 2, encoding: .float32)),
                       "AIFF 32f/48")
    }

    func testMP3AndUnknownFormatsShowNothing() {
        XCTAssertNil(AudioFormatLabel.text(location: "s3://music/a.mp3", format: PCMFormat(sampleRate: 44100, channels: 2)))
        XCTAssertNil(AudioFormatLabel.text(location: "s3://music/a.flac", format: nil))
        XCTAssertNil(AudioFormatLabel.text(location: "s3://music.d/noextension", format: PCMFormat(sampleRate: 8000, channels: 1)))
    }
}
