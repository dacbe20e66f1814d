/// Text with emphasis, as an outside source marks it up: the player draws the runs with terminal
/// attributes, line-oriented output prints `plain`.
public struct StyledText: Sendable, Hashable {
    public struct Run: Sendable, Hashable {
        public var text: String
        public var bold: Bool
        public var italic: Bool
        public var underline: Bool

        public init(text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.underline = underline
        }
    }

    public var runs: [Run]

    public init(runs: [Run]) {
        self.runs = runs
    }

    public var plain: String { runs.map(\.text).joined() }
}
