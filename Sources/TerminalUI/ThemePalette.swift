import Curses

/// A theme installed on a terminal: each role's attributes and the colour pair registered for it.
public struct ThemePalette: Sendable {
    public struct Paint: Hashable, Sendable {
        public var attributes: TextAttributes
        public var colorPair: Int

        public init(attributes: TextAttributes, colorPair: Int) {
            self.attributes = attributes
            self.colorPair = colorPair
        }
    }

    private var paints: [ThemeRole: Paint]

    /// Registers one colour pair per coloured role (pairs 1…9, role order). On a terminal without
    /// colours, or with NO_COLOR, every role is drawn with pair 0 and its attributes only.
    public init(theme: Theme, terminal: Terminal) {
        var paints: [ThemeRole: Paint] = [:]
        for (offset, role) in ThemeRole.allCases.enumerated() {
            let style = theme.style(for: role)
            var pair = 0
            if theme.usesColor, terminal.hasColors,
               style.foreground != .terminalDefault || style.background != .terminalDefault {
                do {
                    try terminal.defineColorPair(offset + 1, foreground: style.foreground.colorNumber,
                                                 background: style.background.colorNumber)
                    pair = offset + 1
                } catch {
                    pair = 0  // The terminal refused the pair: the role keeps its attributes.
                }
            }
            paints[role] = Paint(attributes: style.attributes, colorPair: pair)
        }
        self.paints = paints
    }

    public subscript(role: ThemeRole) -> Paint {
        paints[role] ?? Paint(attributes: [], colorPair: 0)
    }
}
