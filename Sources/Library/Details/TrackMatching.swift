extension AlbumDetails {
    /// The playable part of this album a library song is, matched by title: a plain track or a
    /// sub-track of an index track (a file "04 Malagueña" is the B1 of a release whose B is the
    /// suite it belongs to). A leading track number in the song's title ("04 ", "B1. ", "2-03 - ")
    /// is ignored; an equal title beats one that contains the other ("Malagueña (Live)").
    public func part(forSongTitled songTitle: String) -> Track? {
        let title = TrackMatching.withoutLeadingNumber(songTitle)
        return NameMatching.best(of: tracklist.flatMap(\.playableParts)) { NameMatching.confidence($0.title, title) }?.candidate
    }
}

enum TrackMatching {
    /// "04 Malagueña" → "Malagueña"; "B1. Alborada" → "Alborada"; "2-03 - Intro" → "Intro". A
    /// title that is only a number ("1999") stays as it is.
    static func withoutLeadingNumber(_ title: String) -> String {
        let characters = Array(title)
        var index = 0
        // An optional side letter, then digits, optionally "-digits" (disc-track).
        if index < characters.count, characters[index].isLetter, characters[index].isUppercase,
           index + 1 < characters.count, characters[index + 1].isNumber {
            index += 1
        }
        let digitsStart = index
        while index < characters.count, characters[index].isNumber || characters[index] == "-" { index += 1 }
        guard index > digitsStart, characters[digitsStart].isNumber else { return title }
        var end = index
        while end < characters.count, " .-_)".contains(characters[end]) { end += 1 }
        // A separator is required ("04 X", "04. X"), and something after it.
        guard end > index, end < characters.count else { return title }
        return String(characters[end...])
    }
}
