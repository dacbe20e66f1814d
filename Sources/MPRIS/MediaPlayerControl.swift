import Player

/// What MPRIS needs of the player: its snapshot, and the same `PlayerCommand`s that keys, the
/// `:` line and the remote socket send, so no behaviour is written twice.
public protocol MediaPlayerControl: AnyObject, Sendable {
    var snapshot: PlayerSnapshot { get }
    func send(_ command: PlayerCommand)
}

extension Player: MediaPlayerControl {}
