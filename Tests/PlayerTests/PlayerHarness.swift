import Foundation
import Library
import MPEGDecoding
import PlaybackCore
import Player
import Storage
import TestAssertions
import TestSupport
import XCTest

/// A `Player` over local fixture files and fast outputs, and what it reported.
final class PlayerHarness: @unchecked Sendable {
    let tally = PCMTally()
    let player: Player
    private let events = LockedBox<[PlayerEvent]>([])

    /// `wrapSource` puts a test double around each entry's source (by location); `errorLog`
    /// is the player's.
    init(directory: URL? = nil, seed: UInt64 = 7, positionSaveInterval: Double = 5,
         wrapSource: @escaping @Sendable (String, ByteSource) -> ByteSource = { $1 }, errorLog: ErrorLog? = nil) {
        let tally = self.tally, events = self.events
        var configuration = Player.Configuration(
            makeOutput: { tally.makeOutput() },
            decoders: DecoderRegistry([MPEGDecoderFactory()]),
            openTrack: { entry in
                PlaybackTrack(title: entry.title) { () throws(ByteSourceError) -> ByteSource in
                    wrapSource(entry.location.description, try LocalFileSource(path: entry.location.description))
                }
            })
        configuration.random = SeededRandom(seed: seed)
        configuration.positionSaveInterval = positionSaveInterval
        configuration.errorLog = errorLog
        if let directory {
            configuration.stateStore = PlayerStateStore(fileURL: directory.appendingPathComponent("state.json"))
            configuration.playlists = PlaylistStore(directory: directory.appendingPathComponent("playlists"))
        }
        player = Player(configuration: configuration) { event in events.mutate { $0.append(event) } }
    }

    var reported: [PlayerEvent] { events.value }

    /// Titles of the entries whose playback started, in order.
    var startedTitles: [String] {
        reported.compactMap { if case .trackStarted(let entry) = $0 { entry.title } else { nil } }
    }

    var notices: [String] {
        reported.compactMap { if case .notice(let text) = $0 { text } else { nil } }
    }

    func waitForQueueEnd(file: StaticString = #filePath, line: UInt = #line) {
        waitUntil("the queue finishes", file: file, line: line) { self.reported.contains(.queueFinished) }
        player.waitUntilSettled()
    }
}

/// A fixture as a queue item titled by its kind.
func item(_ kind: TestAudioFiles.Kind) throws -> QueueItem {
    QueueItem(title: kind.rawValue, location: TrackLocation(.file(path: try TestAudioFiles.url(kind).path)))
}

func reference(_ kind: TestAudioFiles.Kind) throws -> [UInt8] {
    try TestAudioFiles.referencePCM(try TestAudioFiles.url(kind))
}


/// A fresh directory under the temp folder, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-player-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// 44.1 kHz stereo S16.
let cdBytesPerSecond = 44_100 * 4
