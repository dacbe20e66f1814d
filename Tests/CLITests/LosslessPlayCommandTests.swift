import Foundation
import S3
import TestSupport
import XCTest

/// `s3play play` on FLAC, WAV and AIFF end to end (issue #14): the real binary into ALSA's file
/// plugin, from a folder and from SeaweedFS, compared with `flac -d` / `sox … -t raw` exactly,
/// at the source's own depth.
final class LosslessPlayCommandTests: XCTestCase {
    static let kinds: [LosslessTestFiles.Kind] = [.wav16x44, .flac24x96, .aiff24x48, .wavFloat32]

    private func upload(_ kinds: [LosslessTestFiles.Kind], bucketName: String = #function) throws -> String {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client, name: bucketName)
        for kind in kinds {
            let file = try LosslessTestFiles.url(kind)
            try client.putObject(bucket: bucket, key: "rec/\(file.lastPathComponent)", body: Array(try Data(contentsOf: file)))
        }
        return bucket
    }

    func testEachFormatFromAFolderAndFromS3ReachesALSABitExactAtItsOwnDepth() throws {
        let bucket = try upload(Self.kinds)
        for kind in Self.kinds {
            let file = try LosslessTestFiles.url(kind)
            let reference = try LosslessTestFiles.referencePCM(file)
            for source in [file.path, "s3://\(bucket)/rec/\(file.lastPathComponent)"] {
                let played = try ALSACapture.play(["play", "--quiet", source])
                XCTAssertEqual(played.outcome.status, 0, "\(source): \(played.outcome.standardError)")
                XCTAssertEqual(played.outcome.standardError, "", source)
                XCTAssertEqual(played.pcm.count, reference.count, source)
                XCTAssertTrue(played.pcm == reference, "\(source): PCM differs from the reference decoder")
            }
        }
    }

    func testTwoFLACTracksCutFromOneTakePlayAsTheTakeExactly() throws {
        let bucket = try upload([.takeSecondPart])
        let first = try LosslessTestFiles.url(.takeFirstPart)
        let second = try LosslessTestFiles.url(.takeSecondPart)
        let take = try LosslessTestFiles.referencePCM(try LosslessTestFiles.url(.take))
        for arguments in [[first.path, second.path], [first.path, "s3://\(bucket)/rec/\(second.lastPathComponent)"]] {
            let played = try ALSACapture.play(["play", "--quiet"] + arguments)
            XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
            XCTAssertEqual(played.pcm.count, take.count)
            XCTAssertTrue(played.pcm == take, "gapless: the two halves are the take, no sample lost or added")
        }
    }

    func testStartFarIntoA24Bit96kFLACFromS3IsSampleExact() throws {
        let bucket = try upload([.flac24x96])
        let file = try LosslessTestFiles.url(.flac24x96)
        let reference = try LosslessTestFiles.referencePCM(file)
        let played = try ALSACapture.play(["play", "--quiet", "--start", "26.5", "s3://\(bucket)/rec/\(file.lastPathComponent)"])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        let offset = 2_544_000 * 6  // 26.5 s at 96 kHz, 6 bytes a stereo frame
        XCTAssertEqual(played.pcm.count, reference.count - offset)
        XCTAssertTrue(played.pcm == Array(reference[offset...]))
    }

    func testCutFLACAndLyingWAVAreOneLineEachAndTheNextSongPlays() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let flac = try LosslessTestFiles.url(.takeFirstPart)
        let flacSize = try Data(contentsOf: flac).count
        try client.putObject(bucket: bucket, key: "cut.flac",
                             body: try LosslessTestFiles.truncated(.takeFirstPart, toBytes: flacSize / 2))
        var wav = [UInt8](try Data(contentsOf: try LosslessTestFiles.url(.wav16x44)))
        let dataAt = try XCTUnwrap((0..<(wav.count - 4)).first { wav[$0..<($0 + 4)].elementsEqual(Array("data".utf8)) })
        for byte in 0..<4 { wav[dataAt + 4 + byte] = byte == 3 ? 0x10 : 0 }  // claims 256 MiB
        try client.putObject(bucket: bucket, key: "lying.wav", body: wav)
        let good = try LosslessTestFiles.url(.aiff24x48)
        let played = try ALSACapture.play(["play", "--quiet", "s3://\(bucket)/cut.flac", "s3://\(bucket)/lying.wav", good.path])
        XCTAssertNotEqual(played.outcome.status, 0)
        let lines = played.outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, played.outcome.standardError)
        XCTAssertTrue(lines.first?.contains("cut.flac was cut short") ?? false, played.outcome.standardError)
        XCTAssertTrue(lines.last?.contains("lying.wav was cut short") ?? false, played.outcome.standardError)
        // What the two files hold plays, then the good song whole.
        let cutReference = try LosslessTestFiles.referencePCM(flac)
        let wavReference = try LosslessTestFiles.referencePCM(try LosslessTestFiles.url(.wav16x44))
        let goodReference = try LosslessTestFiles.referencePCM(good)
        XCTAssertTrue(played.pcm.suffix(goodReference.count).elementsEqual(goodReference), "the next song plays whole")
        let before = played.pcm.count - goodReference.count - wavReference.count
        XCTAssertGreaterThan(before, 0)
        XCTAssertTrue(played.pcm.prefix(before).elementsEqual(cutReference.prefix(before)))
        XCTAssertTrue(played.pcm[before..<(before + wavReference.count)].elementsEqual(wavReference))
    }
}
