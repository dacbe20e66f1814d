import Curses

/// What a piece of the screen is, for colouring.
public enum ThemeRole: String, CaseIterable, Sendable {
    case normal, selected, selectedInactive, header, headerInactive, statusBar, progress, notice, error, dim

    /// Accepts `selected_inactive` and `selected-inactive` as well, like `KeyAction`.
    public init?(configName: String) {
        let folded = configName.lowercased().filter { $0 != "_" && $0 != "-" }
        guard let role = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = role
    }
}

/// A colour as the `[theme]` table names it: "default" (the terminal's own, -1 in
/// default_colors.3x), the eight ANSI names, "bright-" names for 8-15, or 0-255.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    public init?(name: String) {
        let lowered = name.trimmingSpaces().lowercased()
        if lowered.isEmpty || lowered == "default" || lowered == "-1" {
            self = .terminalDefault
        } else if let index = Self.ansiNames.firstIndex(of: lowered) {
            self = .indexed(index)
        } else if lowered.hasPrefix("bright-"), let index = Self.ansiNames.firstIndex(of: String(lowered.dropFirst(7))) {
            self = .indexed(index + 8)
        } else if let number = Int(lowered), (0...255).contains(number) {
            self = .indexed(number)
        } else {
            return nil
        }
    }

    public var colorNumber: ColorNumber {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let number): return number
        }
    }
}

public struct ThemeStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(_ foreground: ThemeColor = .terminalDefault, _ background: ThemeColor = .terminalDefault,
                _ attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    static let attributeNames: [String: TextAttributes] = [
        "bold": .bold, "reverse": .reverse, "dim": .dim, "underline": .underline,
        "italic": .italic, "standout": .standout,
    ]

    /// Parses "fg,bg,attr,attr…": "yellow", "white,blue,bold", ",,reverse" (empty colours are
    /// the terminal's own), "none" for no attributes.
    public init(spec: String, role: String) throws(ThemeError) {
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard let foreground = ThemeColor(name: parts[0]) else { throw .unknownColor(parts[0], role: role) }
        let backgroundName = parts.count > 1 ? parts[1] : ""
        guard let background = ThemeColor(name: backgroundName) else { throw .unknownColor(backgroundName, role: role) }
        var attributes: TextAttributes = []
        for name in parts.dropFirst(2) where !name.isEmpty && name.lowercased() != "none" {
            guard let attribute = Self.attributeNames[name.lowercased()] else {
                throw .unknownAttribute(name, role: role)
            }
            attributes.insert(attribute)
        }
        self.init(foreground, background, attributes)
    }
}

/// The colours and attributes of each role. The default uses the terminal's own foreground and
/// background for text and marks selection and bars with reverse video, so it reads on dark and
/// light terminals alike; the few colours it adds (red, green, blue, magenta) are the ones that
/// stay legible on both (yellow and cyan vanish on white, blue is dim on black: used bold).
public struct Theme: Hashable, Sendable {
    public private(set) var styles: [ThemeRole: ThemeStyle]
    /// False under NO_COLOR (no-color.org): roles keep their attributes, and no colour is drawn.
    public private(set) var usesColor: Bool

    public static let standard = Theme(styles: [
        .normal: ThemeStyle(),
        // The focused column is the one with a reversed header and a reversed selection bar;
        // the others underline their selection and dim their header, so the focus shows by
        // attributes alone under NO_COLOR (issue 17).
        .selected: ThemeStyle(.terminalDefault, .terminalDefault, [.reverse, .bold]),
        .selectedInactive: ThemeStyle(.terminalDefault, .terminalDefault, [.underline]),
        .header: ThemeStyle(.indexed(4), .terminalDefault, [.bold, .reverse]),
        .headerInactive: ThemeStyle(.terminalDefault, .terminalDefault, [.dim]),
        .statusBar: ThemeStyle(.terminalDefault, .terminalDefault, [.reverse]),
        .progress: ThemeStyle(.indexed(2), .terminalDefault, [.bold]),
        .notice: ThemeStyle(.indexed(5), .terminalDefault, []),
        .error: ThemeStyle(.indexed(1), .terminalDefault, [.bold]),
        .dim: ThemeStyle(.terminalDefault, .terminalDefault, [.dim]),
    ], usesColor: true)

    public init(styles: [ThemeRole: ThemeStyle], usesColor: Bool) {
        self.styles = styles
        self.usesColor = usesColor
    }

    public func style(for role: ThemeRole) -> ThemeStyle {
        let style = styles[role] ?? ThemeStyle()
        return usesColor ? style : ThemeStyle(.terminalDefault, .terminalDefault, style.attributes)
    }

    /// The standard theme with a `[theme]` table (role → "fg,bg,attrs") applied, colourless when
    /// NO_COLOR is set to anything non-empty.
    public static func load(_ table: [String: String], environment: [String: String]) throws(ThemeError) -> Theme {
        var theme = standard
        for (name, spec) in table.sorted(by: { $0.key < $1.key }) {
            guard let role = ThemeRole(configName: name) else { throw .unknownRole(name) }
            theme.styles[role] = try ThemeStyle(spec: spec, role: name)
        }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { theme.usesColor = false }
        return theme
    }
}

public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case unknownRole(String)
    case unknownColor(String, role: String)
    case unknownAttribute(String, role: String)

    public var description: String {
        switch self {
        case .unknownRole(let name):
            return "[theme]: unknown role \"\(name)\" (known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownColor(let name, let role):
            return "[theme] \(role): unknown colour \"\(name)\" (use default, black, red, green, yellow, blue, magenta, cyan, white, bright-NAME or 0-255)"
        case .unknownAttribute(let name, let role):
            return "[theme] \(role): unknown attribute \"\(name)\" (use bold, reverse, dim, underline, italic, standout)"
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
