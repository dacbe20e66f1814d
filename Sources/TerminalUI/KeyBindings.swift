import Curses

/// Which action each key means: cmus' and vim's keys by default, changed by the `[keys]` table.
public struct KeyBindings: Sendable, Equatable {
    private var actionsByKey: [KeyEvent: KeyAction]

    /// `/` searches the whole library (cmus searches with it too); the column filter that `/`
    /// was before is on `F`. `I` opens the details pane (`i` is cmus' jump to the playing track).
    /// cmus' keys where cmus has one (space marks, x c v for play/pause/stop, z b for previous/next, , . < > to seek, - + to
    /// change volume), vim's h j k l g G, ncmpcpp's J K to move queue entries.
    public static let defaults = KeyBindings(actionsByKey: [
        .up: .up, .character("k"): .up, .down: .down, .character("j"): .down,
        .left: .left, .character("h"): .left, .right: .right, .character("l"): .right,
        .pageUp: .pageUp, .control("b"): .pageUp, .pageDown: .pageDown, .control("f"): .pageDown,
        .home: .top, .character("g"): .top, .end: .bottom, .character("G"): .bottom,
        .tab: .switchView, .enter: .activate,
        .character("a"): .append, .character("e"): .insertNext, .character("d"): .remove,
        .delete: .remove, .character("J"): .moveDown, .character("K"): .moveUp,
        .character("C"): .clearQueue, .character("u"): .undo, .character("D"): .remove,
        // cmus' views 1-7 are library tree, sorted library, playlist, queue, browser, filters,
        // settings; s3play has a library and a queue view.
        .character("1"): .showLibrary, .character("2"): .showLibrary,
        .character("3"): .showQueue, .character("4"): .showQueue,
        .character(" "): .mark, .character("c"): .togglePause,
        .character("x"): .play, .character("v"): .stop, .character("i"): .jumpToPlaying,
        .character("b"): .next, .character("z"): .previous,
        .character(","): .seekBack5, .character("."): .seekForward5,
        .character("<"): .seekBack60, .character(">"): .seekForward60,
        .character("-"): .volumeDown, .character("+"): .volumeUp, .character("="): .volumeUp,
        .character("s"): .toggleShuffle, .character("r"): .cycleRepeat,
        .character("q"): .quit, .character("?"): .help, .character(":"): .command,
        .character("/"): .search, .character("o"): .showInLibrary, .character("I"): .details, .character("F"): .filter, .character("n"): .nextMatch, .character("N"): .previousMatch,
        .escape: .cancel,
    ])

    public func action(for key: KeyEvent) -> KeyAction? { actionsByKey[key] }

    /// The keys bound to `action`, in a stable order (named keys by spec name).
    public func keys(for action: KeyAction) -> [KeyEvent] {
        actionsByKey.filter { $0.value == action }.map(\.key)
            .sorted { KeySpec.name(of: $0) < KeySpec.name(of: $1) }
    }

    /// Applies a `[keys]` table: action name → one key spec, or several separated by spaces
    /// ("j down"). An action named here loses its default keys; a key taken from another action
    /// leaves that action. Refused (nothing changes, the first error in action-name order is
    /// thrown): an unknown name or key, one key given to two actions, and a key taken from an
    /// action not named in the table that has no other key (it could no longer be reached).
    public mutating func rebind(_ table: [String: String]) throws(KeyBindingError) {
        var parsed: [(KeyAction, [KeyEvent])] = []
        var claimedBy: [KeyEvent: String] = [:]
        for (name, specs) in table.sorted(by: { $0.key < $1.key }) {
            guard let action = KeyAction(configName: name) else { throw .unknownAction(name) }
            let tokens = specs.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            // A lone " " is the space key written literally.
            let keySpecs = tokens.isEmpty && specs == " " ? ["space"] : tokens
            guard !keySpecs.isEmpty else { throw .noKey(action: name) }
            var keys: [KeyEvent] = []
            for spec in keySpecs {
                guard let key = KeySpec.parse(spec) else { throw .unknownKey(spec, action: name) }
                if let other = claimedBy[key], other != name {
                    throw .keyTwice(KeySpec.name(of: key), actions: [other, name])
                }
                claimedBy[key] = name
                keys.append(key)
            }
            parsed.append((action, keys))
        }
        var result = actionsByKey
        for (action, _) in parsed {
            result = result.filter { $0.value != action }
        }
        for (action, keys) in parsed {
            for key in keys { result[key] = action }
        }
        let named = Set(parsed.map(\.0))
        for action in KeyAction.allCases where !named.contains(action) {
            let before = actionsByKey.filter { $0.value == action }.map(\.key)
            guard !before.isEmpty, !result.values.contains(action) else { continue }
            let taker = before.sorted { KeySpec.name(of: $0) < KeySpec.name(of: $1) }.first!
            throw .lastKeyTaken(action: action.rawValue, key: KeySpec.name(of: taker), by: claimedBy[taker] ?? "?")
        }
        actionsByKey = result
    }

    /// Default bindings with `table` applied.
    public static func load(_ table: [String: String]) throws(KeyBindingError) -> KeyBindings {
        var bindings = defaults
        try bindings.rebind(table)
        return bindings
    }
}

public enum KeyBindingError: Error, Equatable, CustomStringConvertible {
    case unknownAction(String)
    case unknownKey(String, action: String)
    case noKey(action: String)
    case keyTwice(String, actions: [String])
    case lastKeyTaken(action: String, key: String, by: String)

    public var description: String {
        switch self {
        case .unknownAction(let name):
            return "[keys]: unknown action \"\(name)\" (known: \(KeyAction.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownKey(let spec, let action):
            return "[keys] \(action): unknown key \"\(spec)\" (use a character, space, ctrl-x, f1-f63, or a key name such as up, pgdn, enter, esc)"
        case .noKey(let action):
            return "[keys] \(action): no key given"
        case .keyTwice(let key, let actions):
            return "[keys]: \"\(key)\" is given to both \(actions.joined(separator: " and ")): give each key to one action"
        case .lastKeyTaken(let action, let key, let by):
            return "[keys] \(by): \"\(key)\" is \(action)'s only key; give \(action) another key too (\(action) = \"…\")"
        }
    }
}
