import Foundation
import MPG123
import TestAssertions
import TestSupport
import XCTest

/// Software volume and ReplayGain, against mpg123's own scale (`-f`, 32768 = 1.0) and RVA options.
final class MPG123VolumeTests: XCTestCase {
    func testVolumeOneIsBitExact() throws {
        let decoder = try MPG123Decoder()
        decoder.setVolume(1.0)
        let decoded = try Fixture.decode(.cbr320, decoder: decoder)
        XCTAssertSamePCM(decoded.pcm, try TestAudioFiles.referencePCM(TestAudioFiles.url(.cbr320)))
    }

    func testHalfVolumeChangesTheSamplesAsMpg123sHalfScaleDoes() throws {
        let decoder = try MPG123Decoder()
        decoder.setVolume(0.5)
        let decoded = try Fixture.decode(.cbr320, decoder: decoder)
        let url = try TestAudioFiles.url(.cbr320)
        let (full, half) = (try TestAudioFiles.referencePCM(url), try TestAudioFiles.referencePCM(url, arguments: ["-f", "16384"]))
        XCTAssertNotEqual(decoded.pcm, full)
        XCTAssertSamePCM(decoded.pcm, half)
    }

    func testReplayGainTrackAndAlbumModesApplyTheTagsGainsAsMpg123Does() throws {
        let url = try TestAudioFiles.url(.taggedID3v24UTF8)
        let plain = try Fixture.decode(.taggedID3v24UTF8, decoder: MPG123Decoder(replayGain: .off))
        let track = try Fixture.decode(.taggedID3v24UTF8, decoder: MPG123Decoder(replayGain: .track))
        let album = try Fixture.decode(.taggedID3v24UTF8, decoder: MPG123Decoder(replayGain: .album))
        XCTAssertEqual(plain.decoder.replayGainDecibels, 0)
        XCTAssertEqual(track.decoder.replayGainDecibels, -4.5, accuracy: 0.01)
        XCTAssertEqual(album.decoder.replayGainDecibels, -9.0, accuracy: 0.01)
        XCTAssertSamePCM(plain.pcm, try TestAudioFiles.referencePCM(url))
        XCTAssertSamePCM(track.pcm, try TestAudioFiles.referencePCM(url, arguments: ["--rva-mix"]))
        XCTAssertSamePCM(album.pcm, try TestAudioFiles.referencePCM(url, arguments: ["--rva-album"]))
    }

    func testTheLAMETagsTrackGainAppliesInTrackModeOnly() throws {
        let url = try TestAudioFiles.url(.cbr320)
        let track = try Fixture.decode(.cbr320, decoder: MPG123Decoder(replayGain: .track))
        let album = try Fixture.decode(.cbr320, decoder: MPG123Decoder(replayGain: .album))
        XCTAssertNotEqual(track.decoder.replayGainDecibels, 0)
        XCTAssertSamePCM(track.pcm, try TestAudioFiles.referencePCM(url, arguments: ["--rva-mix"]))
        XCTAssertEqual(album.decoder.replayGainDecibels, 0)
        XCTAssertSamePCM(album.pcm, try TestAudioFiles.referencePCM(url))
    }

    func testPreampOnTopOfReplayGainScalesLikeTheSameVolume() throws {
        // +6.0206 dB is a factor of 2: with -9 dB album gain, as volume 2 with that gain.
        let preamp = try Fixture.decode(.taggedID3v24UTF8,
                                        decoder: MPG123Decoder(replayGain: .album, preampDecibels: 20 * log10(2)))
        let doubled = try MPG123Decoder(replayGain: .album)
        doubled.setVolume(2)
        let volume = try Fixture.decode(.taggedID3v24UTF8, decoder: doubled)
        XCTAssertSamePCM(preamp.pcm, volume.pcm)
        let album = try Fixture.decode(.taggedID3v24UTF8, decoder: MPG123Decoder(replayGain: .album))
        XCTAssertNotEqual(preamp.pcm, album.pcm)
    }

    func testPreampIsIgnoredWithReplayGainOff() throws {
        let decoded = try Fixture.decode(.cbr320, decoder: MPG123Decoder(replayGain: .off, preampDecibels: 6))
        XCTAssertSamePCM(decoded.pcm, try TestAudioFiles.referencePCM(TestAudioFiles.url(.cbr320)))
    }
}
