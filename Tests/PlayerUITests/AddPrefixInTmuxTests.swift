import Foundation
import TestSupport
import XCTest

/// Issue 17: Tab completes s3:// keys on the command line from the bucket's listing, and `:add`
/// of a prefix queues everything under it in catalog order (SeaweedFS, the sample bucket).
final class AddPrefixInTmuxTests: XCTestCase {
    private var home: PlayerHome!

    override func setUpWithError() throws {
        home = try PlayerHome()
        try home.scan()
    }

    override func tearDown() { home?.close() }

    func testTabCompletesKeysAndAddOfAPrefixQueuesItInCatalogOrder() throws {
        let session = try home.startPlayer()
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }

        // "Les" is one folder of the bucket: Tab completes it whole, with its "/".
        try session.sendKeys(":")
        try session.sendText("add \(home.library)/Les")
        try session.sendKeys("Tab")
        try session.waitFor("the folder completed") { $0.last == ":add \(self.home.library)/Les Frères Ñandú/" }
        // Two albums under it: "R" completes the second one.
        try session.sendText("R")
        try session.sendKeys("Tab")
        try session.waitFor("the album completed") { $0.last == ":add \(self.home.library)/Les Frères Ñandú/Rêverie Pâle (Édition Deluxe)/" }

        // Back to the artist's folder: both albums, six songs, in catalog order (album, disc, track).
        try session.sendKeys("C-u")
        try session.sendText("add \(home.library)/Les Frères Ñandú/")
        try session.sendKeys("Enter")
        try session.waitFor("the added notice") { $0.last?.contains("Added 6 entries") == true }
        try session.sendKeys("Tab")
        let lines = try session.waitFor("the queue") { $0.first?.hasPrefix("Queue: 6 entries") == true }
        let order = ["Été Brûlant", "L'Heure Bleue", "Première Neige", "Un + Un = Trois", "Noël à Zürich", "100% Café Crème"]
        for (index, title) in order.enumerated() {
            XCTAssertTrue(lines[index + 1].contains(title), "row \(index + 1) is \(title): \(lines.joined(separator: "\n"))")
        }

        // A prefix with nothing playable under it says so and queues nothing.
        try session.sendKeys(":")
        try session.sendText("add \(home.library)/Nobody/")
        try session.sendKeys("Enter")
        try session.waitFor("the refusal") { $0.last?.contains("No audio files under \(self.home.library)/Nobody/") == true }
        try home.quit(session)
    }
}
