import Foundation
import TestSupport
import XCTest

/// The player as a person uses it (issue #6, "Tests that must exist"): `s3play` in tmux on the
/// sample library in SeaweedFS, the Discogs stand-in serving details, ALSA routed to the file
/// plugin. Keys go in with send-keys; every fact is read off the screen with capture-pane, from
/// `remote status --json`, from state.json, or from the PCM that reached ALSA.
final class PlaybackEndToEndTests: XCTestCase {
    private var home: PlayerHome!
    private var card: PacedSoundCard?

    override func setUpWithError() throws {
        home = try PlayerHome()
        try home.scan()
    }

    override func tearDown() {
        card?.stop()
        home?.close()
    }

    private let gekko = "月光の楽団"
    private let dawn = "夜明けの音"

    /// Browse to 月光の楽団's album, queue its three songs, move one, remove one, play, pause,
    /// resume, seek both ways, skip, ask the remote, quit; start again and find the queue and the
    /// position restored, paused; resume there. The PCM that reached the sound card is checked
    /// against mpg123's decode where it must be exact (before the first seek, after the skip).
    func testQueueEditPlayPauseSeekSkipQuitAndRestoreAtThePosition() throws {
        let card = try PacedSoundCard(directory: home.root)
        self.card = card
        home.alsaOutput = card.path
        let session = try home.startPlayer()
        var screen = PlayerScreenCapture(try session.waitFor("the artists") { lines in
            lines.first?.hasPrefix("Artists (5)") == true && lines.contains { $0.hasPrefix(self.gekko) }
        })

        // Down to the artist, as many rows as the screen shows above it, then into the songs.
        let artistRow = try XCTUnwrap(screen.listRows.firstIndex { $0.hasPrefix(gekko) }) - 1
        for _ in 0..<artistRow { try session.sendKeys("j") }
        try session.waitFor("the album's three songs") { lines in
            lines.first?.contains("Songs (3, 0:36)") == true && lines.joined().contains(self.dawn)
        }
        try session.sendKeys("l", "l", "a", "j", "a", "j", "a", "Tab")
        screen = PlayerScreenCapture(try session.waitFor("three queue entries") { $0.first?.hasPrefix("Queue: 3 entries, 0:36") == true })
        XCTAssertEqual(queueTitles(screen), ["桜の雨", "遠い汽笛", "静かな海 #2"], screen.text)

        // J moves the first entry down (the selection follows it); then the last one goes.
        try session.sendKeys("J")
        try session.waitFor("桜の雨 moved down") { self.queueTitles(PlayerScreenCapture($0)) == ["遠い汽笛", "桜の雨", "静かな海 #2"] }
        try session.sendKeys("j", "d")
        screen = PlayerScreenCapture(try session.waitFor("two entries left") { $0.first?.hasPrefix("Queue: 2 entries, 0:28") == true })
        XCTAssertEqual(queueTitles(screen), ["遠い汽笛", "桜の雨"], screen.text)

        // Enter on the first entry plays it. Two seconds in, at least one has reached the card
        // (the pipe and the file plugin's buffer hold about 0.6 s), for the PCM check below.
        try session.sendKeys("g", "Enter")
        screen = try waitForPlaying(session, "遠い汽笛", elapsedAtLeast: 2)
        XCTAssertTrue(screen.header.hasSuffix("playing 1/2"), screen.header)
        XCTAssertTrue(screen.listRows.first?.hasPrefix("▶ 1. 月光の楽団") == true && screen.listRows.first?.contains("  遠い汽笛") == true, screen.text)
        XCTAssertEqual(screen.totalSeconds, 18, screen.progress)

        let status = try home.remoteStatus()
        XCTAssertEqual(status["state"] as? String, "playing")
        XCTAssertEqual(status["title"] as? String, "遠い汽笛")
        XCTAssertEqual(status["artist"] as? String, gekko)
        XCTAssertGreaterThan(status["elapsed"] as? Double ?? 0, 0, "\(status)")
        XCTAssertEqual(status["queue_position"] as? Int, 1)
        XCTAssertEqual(status["queue_length"] as? Int, 2)

        // Pause: the status bar says so, and once the pipe has drained no byte comes and the
        // clock stands still (a second is long enough to see 176 kB that should not come).
        try session.sendKeys("c")
        try session.waitFor("paused") { PlayerScreenCapture($0).isPaused }
        try waitUntil("the sound card to go quiet") { Date().timeIntervalSince(card.lastByteTime) > 0.5 }
        let bytesWhenPaused = card.byteCount
        let elapsedWhenPaused = try XCTUnwrap(PlayerScreenCapture(try session.screen()).elapsedSeconds)
        usleep(1_000_000)
        XCTAssertEqual(card.byteCount, bytesWhenPaused, "PCM reached ALSA while paused")
        screen = PlayerScreenCapture(try session.screen())
        XCTAssertTrue(screen.isPaused, screen.statusBar)
        XCTAssertEqual(screen.elapsedSeconds, elapsedWhenPaused, screen.progress)

        try session.sendKeys("c")
        try waitForPlaying(session, "遠い汽笛", elapsedAtLeast: elapsedWhenPaused + 1)
        XCTAssertGreaterThan(card.byteCount, bytesWhenPaused)

        // `.` jumps 5 s ahead and the clock goes on from there; `,` comes back 5 s.
        let beforeForward = try XCTUnwrap(PlayerScreenCapture(try session.screen()).elapsedSeconds)
        try session.sendKeys(".")
        let forward = try XCTUnwrap(try waitForPlaying(session, "遠い汽笛", elapsedAtLeast: beforeForward + 5).elapsedSeconds)
        XCTAssertLessThanOrEqual(forward, beforeForward + 7, "seek overshot")
        let afterForward = try XCTUnwrap(try waitForPlaying(session, "遠い汽笛", elapsedAtLeast: forward + 1).elapsedSeconds)
        try session.sendKeys(",")
        screen = PlayerScreenCapture(try session.waitFor("5 s back") { lines in
            let screen = PlayerScreenCapture(lines)
            return screen.isPlaying && (screen.elapsedSeconds ?? .max) <= afterForward - 3
        })

        // `b` skips to the next entry, which plays from its start.
        try session.sendKeys("b")
        screen = try waitForPlaying(session, "桜の雨", elapsedAtLeast: 3)
        XCTAssertTrue(screen.header.hasSuffix("playing 2/2"), screen.header)
        XCTAssertTrue(screen.listRows.dropFirst().first?.hasPrefix("▶ 2. 月光の楽団") == true && screen.listRows.dropFirst().first?.contains("  桜の雨") == true, screen.text)

        try home.quit(session)
        let state = try savedState()
        XCTAssertEqual(state.titles, ["遠い汽笛", "桜の雨"])
        XCTAssertEqual(state.currentIndex, 1)
        XCTAssertGreaterThanOrEqual(state.position, 3)
        try waitUntil("the sound card to go quiet after quit") { Date().timeIntervalSince(card.lastByteTime) > 0.5 }
        let bytesAtQuit = card.byteCount

        // The next start shows the same queue, the skipped-to song current and paused where it
        // was; nothing is played until asked, then it goes on from there.
        let again = try home.startPlayer()
        screen = PlayerScreenCapture(try again.waitFor("the restored song, paused") { lines in
            let screen = PlayerScreenCapture(lines)
            return screen.isPaused && screen.statusBar.contains("桜の雨 – 月光の楽団")
        })
        XCTAssertEqual(screen.elapsedSeconds, Int(state.position), screen.progress)
        try again.sendKeys("Tab")
        screen = PlayerScreenCapture(try again.waitFor("the restored queue") { $0.first?.hasPrefix("Queue: 2 entries, 0:28  playing 2/2") == true })
        XCTAssertEqual(queueTitles(screen), ["遠い汽笛", "桜の雨"], screen.text)
        XCTAssertEqual(card.byteCount, bytesAtQuit, "a restored player plays nothing until asked")
        try again.sendKeys("c")
        screen = try waitForPlaying(again, "桜の雨", elapsedAtLeast: Int(state.position))
        XCTAssertLessThan(screen.elapsedSeconds ?? .max, Int(state.position) + 3, "resumed where it was, not later")
        try home.quit(again)
        card.stop()
        self.card = nil

        // What reached ALSA: whole frames, no more than the two songs hold, the start of 遠い汽笛
        // exactly as mpg123 decodes it up to the pause, and 桜の雨's first second after the skip.
        let pcm = card.bytes
        let first = try TestAudioFiles.referencePCM(try SampleBucket.file(artist: gekko, album: dawn, song: "02 遠い汽笛.mp3"))
        let second = try TestAudioFiles.referencePCM(try SampleBucket.file(artist: gekko, album: dawn, song: "01 桜の雨.mp3"))
        XCTAssertEqual(pcm.count % 4, 0, "whole 16-bit stereo frames")
        XCTAssertLessThanOrEqual(pcm.count, first.count + second.count)
        XCTAssertGreaterThanOrEqual(bytesWhenPaused, PacedSoundCard.bytesPerSecond)
        XCTAssertTrue(pcm[..<bytesWhenPaused].elementsEqual(first[..<bytesWhenPaused]),
                      "the first \(bytesWhenPaused) bytes differ from mpg123's decode of 遠い汽笛")
        let secondStart = Data(second[..<PacedSoundCard.bytesPerSecond])
        XCTAssertNotNil(Data(pcm[bytesWhenPaused...]).range(of: secondStart), "桜の雨 did not start from its first frame")
    }

    /// Two songs queued and left to play to the end: what reached ALSA is, byte for byte, mpg123's
    /// decode of the two files one after the other (no gap, no lost or repeated frame).
    func testTwoSongsPlayedToTheEndReachALSAByteForByteAsMpg123DecodesThem() throws {
        let output = home.root.appendingPathComponent("alsa.raw")
        home.alsaOutput = output
        let nandu = "Les Frères Ñandú", cafe = "Canción del Café"
        let expected = try TestAudioFiles.referencePCM(try SampleBucket.file(artist: nandu, album: cafe, song: "01 Été Brûlant.mp3"))
            + (try TestAudioFiles.referencePCM(try SampleBucket.file(artist: nandu, album: cafe, song: "02 L'Heure Bleue & Moi.mp3")))

        let session = try home.startPlayer()
        try session.waitFor("the first artist's albums") { lines in
            lines.dropFirst().first?.hasPrefix(nandu) == true && lines.joined().contains("Été Brûlant")
        }
        // The first album (in the albums column) into the queue, then Enter on its first entry.
        try session.sendKeys("l", "a")
        try session.waitFor("the added notice") { PlayerScreenCapture($0).messageLine.contains("Added 2 songs") }
        try session.sendKeys("Tab")
        try session.waitFor("the queue") { $0.first?.hasPrefix("Queue: 2 entries") == true }
        try session.sendKeys("Enter")
        // Over the null plugin nothing paces the player: both songs are written in a moment.
        try waitUntil("\(expected.count) bytes of PCM") { self.fileSize(output) >= expected.count }
        try session.waitFor("the end of the queue") { PlayerScreenCapture($0).statusBar.hasPrefix("■ stopped") }
        try home.quit(session)

        let played = try [UInt8](Data(contentsOf: output))
        XCTAssertEqual(played.count, expected.count)
        XCTAssertTrue(played == expected, "the PCM that reached ALSA differs from mpg123 -s of the two files")
    }

    // MARK: helpers

    /// Waits until the status bar says `title` is playing and the clock shows at least `seconds`.
    @discardableResult
    private func waitForPlaying(_ session: TmuxSession, _ title: String, elapsedAtLeast seconds: Int) throws -> PlayerScreenCapture {
        PlayerScreenCapture(try session.waitFor("\(title) playing at \(seconds) s or later") { lines in
            let screen = PlayerScreenCapture(lines)
            return screen.isPlaying && screen.statusBar.contains(title) && (screen.elapsedSeconds ?? -1) >= seconds
        })
    }

    /// The titles of the queue view's rows ("▶ 1. Artist   Title   Album   0:18": the second cell).
    private func queueTitles(_ screen: PlayerScreenCapture) -> [String] {
        screen.listRows.compactMap { row -> String? in
            guard let dot = row.range(of: ". ") else { return nil }
            let cells = row[dot.upperBound...].components(separatedBy: "  ")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return cells.count >= 2 ? cells[1] : nil
        }
    }

    private func savedState() throws -> (titles: [String], currentIndex: Int?, position: Double) {
        let data = try Data(contentsOf: home.stateFile)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try XCTUnwrap(object["entries"] as? [[String: Any]])
        return (entries.compactMap { $0["title"] as? String }, object["currentIndex"] as? Int,
                object["positionSeconds"] as? Double ?? -1)
    }

    private func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
    }
}
