import TerminalUI

/// Fixed names in several scripts, chosen to exercise the width rules: precomposed accents,
/// CJK (2 columns each, one name long enough to be cut at a wide character), Cyrillic, Arabic
/// with hamza forms, and emoji with default emoji presentation.
enum SandboxCatalog {
    static let artists = [
        "Beyoncé", "Björk", "Sigur Rós", "坂本龍一", "宇多田ヒカル", "Кино", "Земфира",
        "فيروز", "أم كلثوم", "Godspeed You! Black Emperor", "🎵 Emoji Band",
    ]
    static let albums = [
        "Ágætis byrjun", "千のナイフ", "Группа крови", "初恋", "Lemonade", "Homogenic",
        "宇多田ヒカル ファースト・ラヴ", "Лучшее", "🎸 Riffs", "Motörhead Live at Hammersmith",
    ]
    static let songs = [
        "Hoppípolla", "Звезда по имени Солнце", "Merry Christmas Mr. Lawrence", "First Love",
        "Ace of Spades", "لبيروت", "Formation", "🎵 Song for 🎶", "Jóga",
        "Enter Sandman (Remastered 2021) – Live at Wembley", "戦場のメリークリスマス",
    ]

    static func names(of pane: LibraryPane) -> [String] {
        switch pane {
        case .artists: return artists
        case .albums: return albums
        case .songs: return songs
        }
    }
}
