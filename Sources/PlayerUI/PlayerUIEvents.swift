import Player

/// The thread-safe door into a running UI: the player's change callback and the app's own
/// notices (an output that fell back to silence, a lookup that failed) post here from any
/// thread, and the UI loop picks them up on its next turn.
public final class PlayerUIEvents: Sendable {
    let inbox = UIInbox()

    public init() {}

    public func player(_ event: PlayerEvent) {
        switch event {
        case .notice(let text): inbox.post(.notice(text))
        case .trackFailed(let entry, let message):
            inbox.post(.notice(entry.map { "\($0.item.displayName): \(message)" } ?? message))
        case .queueFinished, .trackStarted, .changed:
            break  // the loop reads the snapshot every turn
        }
    }

    public func notice(_ text: String) { inbox.post(.notice(text)) }
}
