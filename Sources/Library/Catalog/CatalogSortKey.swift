/// The orders the catalog lists in, cmus-like: case and accents ignored ("Beyoncé" beside
/// "Beyonce"), and a leading "The " left out of artist names ("The Beatles" under B).
enum CatalogSortKey {
    static func artist(foldedName: String) -> String {
        let article = "the "
        guard foldedName.hasPrefix(article), foldedName.utf8.count > article.utf8.count else {
            return foldedName
        }
        return String(foldedName.dropFirst(article.count))
    }
}
