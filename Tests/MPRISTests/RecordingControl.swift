@testable import MPRIS
import Player
import Synchronization

/// The player as MPRIS sees it (`MediaPlayerControl`), with a snapshot the test sets and a
/// record of the commands sent: the seam between MPRIS and the player, for tests of MPRIS
/// alone. The real player behind it is PlayerUITests' MPRISEndToEndTests.
final class RecordingControl: MediaPlayerControl {
    private let state = Mutex<(snapshot: PlayerSnapshot, sent: [PlayerCommand])>((PlayerSnapshot(), []))
    var snapshot: PlayerSnapshot { state.withLock { $0.snapshot } }
    var sent: [PlayerCommand] { state.withLock { $0.sent } }
    func send(_ command: PlayerCommand) { state.withLock { $0.sent.append(command) } }
    func set(_ snapshot: PlayerSnapshot) { state.withLock { $0.snapshot = snapshot } }
}
