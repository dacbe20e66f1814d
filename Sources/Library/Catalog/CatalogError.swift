/// A catalog failure, already one sentence for the user (the CLI prints `description`).
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
