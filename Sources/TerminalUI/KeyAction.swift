/// Everything a key can ask the full-screen player to do. The raw values are the names the
/// `[keys]` table of config.toml uses (docs/configuration.md).
public enum KeyAction: String, CaseIterable, Sendable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    case switchView, showLibrary, showQueue, activate
    case mark, append, insertNext, remove, moveDown, moveUp, clearQueue, undo
    case togglePause, play, stop, next, previous, jumpToPlaying
    case seekBack5, seekForward5, seekBack60, seekForward60
    case volumeDown, volumeUp, toggleShuffle, cycleRepeat
    case quit, help, command, search, showInLibrary, details, filter, nextMatch, previousMatch, cancel

    /// The action a config name means. Names are compared without case, "_" or "-", so
    /// `page_down`, `page-down` and `pageDown` are the same action.
    public init?(configName: String) {
        let folded = Self.fold(configName)
        guard let action = Self.allCases.first(where: { Self.fold($0.rawValue) == folded }) else { return nil }
        self = action
    }

    private static func fold(_ name: String) -> String {
        name.lowercased().filter { $0 != "_" && $0 != "-" }
    }

    /// One line for the help overlay: at most 21 columns (its cells are 34 wide, 13 for keys).
    public var summary: String {
        switch self {
        case .up: return "move up"
        case .down: return "move down"
        case .left: return "prev pane; queue -5s"
        case .right: return "next pane; queue +5s"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "first row"
        case .bottom: return "last row"
        case .switchView: return "switch view"
        case .showLibrary: return "library (cmus 1 2)"
        case .showQueue: return "queue (cmus 3 4)"
        case .undo: return "undo queue change"
        case .activate: return "play, no duplicates"
        case .mark: return "mark for a e d"
        case .append: return "add to queue"
        case .insertNext: return "play next"
        case .remove: return "remove"
        case .moveDown: return "move entry down"
        case .moveUp: return "move entry up"
        case .clearQueue: return "clear queue (y/N)"
        case .togglePause: return "pause / resume"
        case .play: return "play (cmus: restart)"
        case .stop: return "stop"
        case .jumpToPlaying: return "go to playing track"
        case .next: return "next track"
        case .previous: return "previous track"
        case .seekBack5: return "back 5 s"
        case .seekForward5: return "forward 5 s"
        case .seekBack60: return "back 1 min"
        case .seekForward60: return "forward 1 min"
        case .volumeDown: return "volume down"
        case .volumeUp: return "volume up"
        case .toggleShuffle: return "shuffle on/off"
        case .cycleRepeat: return "repeat: off/all/one"
        case .quit: return "quit"
        case .help: return "this help"
        case .command: return "command line"
        case .search: return "search the library"
        case .showInLibrary: return "result into library"
        case .details: return "details pane"
        case .filter: return "filter the column"
        case .nextMatch: return "next match"
        case .previousMatch: return "previous match"
        case .cancel: return "cancel / clear filter"
        }
    }
}
