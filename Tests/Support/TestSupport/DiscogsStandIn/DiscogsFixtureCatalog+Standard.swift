/// The catalogue served by default. It mirrors scripts/make-sample-library (same artist, album and
/// song names, years and genres) so the demo finds details for every sample song, and adds what a
/// client must cope with: a duplicate name with Discogs' " (2)" suffix, a master with two versions,
/// disc headings, a release without a master, a duration "" and one "H:MM:SS".
extension DiscogsFixtureCatalog {
    public static let standard = DiscogsFixtureCatalog(artists: standardArtists, masters: standardMasters,
                                                       releases: standardReleases)

    static let nandu = DiscogsFixtureCredit(id: 1001, name: "Les Frères Ñandú")
    static let gekko = DiscogsFixtureCredit(id: 1002, name: "月光の楽団")
    static let veter = DiscogsFixtureCredit(id: 1003, name: "Северный Ветер")
    static let nakheel = DiscogsFixtureCredit(id: 1004, name: "فرقة النخيل")
    static let veterTwo = DiscogsFixtureCredit(id: 1005, name: "Северный Ветер (2)")
    static let zoe = DiscogsFixtureCredit(id: 1006, name: "Zoë Østergård", join: "&")
    static let kvartet = DiscogsFixtureCredit(id: 1007, name: "Квартет")
    /// Discogs' own id for "Various".
    static let various = DiscogsFixtureCredit(id: 194, name: "Various")

    static let standardArtists: [DiscogsFixtureArtist] = [
        .init(id: 1001, name: "Les Frères Ñandú", realname: "", profile: "Invented duo of brothers playing café songs.",
              nameVariations: ["Freres Nandu", "Los Hermanos Ñandú"], hasImage: true),
        .init(id: 1002, name: "月光の楽団", realname: "", profile: "架空のポップバンド。",
              nameVariations: ["Gekkou no Gakudan", "Moonlight Band"], hasImage: true),
        .init(id: 1003, name: "Северный Ветер", realname: "", profile: "Вымышленный фолк-ансамбль.",
              nameVariations: ["Severny Veter"], hasImage: true),
        .init(id: 1004, name: "فرقة النخيل", realname: "", profile: "فرقة خيالية.",
              nameVariations: ["Firqat al-Nakhil", "The Palm Band"], hasImage: true),
        .init(id: 1005, name: "Северный Ветер (2)", realname: "",
              profile: "Invented drone trio; not the folk ensemble [a1003].", nameVariations: [], hasImage: false,
              members: [.init(id: 1011, name: "Иван Тихий", active: true), .init(id: 1012, name: "Ольга Льдова", active: true),
                        .init(id: 1013, name: "Пётр Морозов", active: false)]),
        .init(id: 1006, name: "Zoë Østergård", realname: "Zoë Marie Østergård", profile: "Invented singer.",
              nameVariations: ["Zoe Ostergard"], hasImage: true),
        .init(id: 1007, name: "Квартет", realname: "", profile: "Invented string quartet.",
              nameVariations: [], hasImage: false),
    ]

    static let standardMasters: [DiscogsFixtureMaster] = [
        .init(id: 2001, title: "Canción del Café", mainRelease: 3001, artistIDs: [1001]),
        .init(id: 2002, title: "Rêverie Pâle", mainRelease: 3003, artistIDs: [1001]),
        .init(id: 2003, title: "夜明けの音", mainRelease: 3004, artistIDs: [1002]),
        .init(id: 2004, title: "Белые Ночи", mainRelease: 3005, artistIDs: [1003]),
        .init(id: 2005, title: "ليالي الصحراء", mainRelease: 3006, artistIDs: [1004]),
        .init(id: 2006, title: "Полярная Ночь", mainRelease: 3007, artistIDs: [1005]),
    ]

    static let cancionTracks: [DiscogsFixtureTrack] = [
        .track("1", "Été Brûlant", "0:12"),
        .track("2", "L'Heure Bleue & Moi", "0:07"),
    ]

    static let standardReleases: [DiscogsFixtureRelease] = [
        .init(id: 3001, masterID: 2001, title: "Canción del Café", artists: [nandu], year: 2018, released: "2018-03-09",
              country: "Spain", genres: ["Latin"], styles: ["Bolero"], label: (4001, "Sello Inventado", "SI-001"),
              format: ("CD", 1, ["Album"]), tracklist: cancionTracks),
        .init(id: 3002, masterID: 2001, title: "Canción del Café", artists: [nandu], year: 2019, released: "2019-11-22",
              country: "France", genres: ["Latin"], styles: ["Bolero"], label: (4002, "Disques Imaginaires", "DI 77"),
              format: ("Vinyl", 1, ["LP", "Album", "Reissue"]), tracklist: [
                  .track("A", "Été Brûlant", "0:12"), .track("B", "L'Heure Bleue & Moi", "0:07"),
              ]),
        .init(id: 3003, masterID: 2002, title: "Rêverie Pâle (Édition Deluxe)", artists: [nandu], year: 2021,
              released: "2021-06-18", country: "France", genres: ["Pop"], styles: ["Chanson"],
              label: (4002, "Disques Imaginaires", "DI 101"), format: ("CD", 2, ["Album", "Deluxe Edition"]),
              tracklist: [
                  .heading("CD 1"), .track("1-1", "Première Neige", "0:09"), .track("1-2", "Un + Un = Trois", "0:05"),
                  .heading("CD 2"), .track("2-1", "Noël à Zürich", "0:14"), .track("2-2", "100% Café Crème", "0:06"),
              ]),
        .init(id: 3004, masterID: 2003, title: "夜明けの音", artists: [gekko], year: 2020, released: "2020-04-01",
              country: "Japan", genres: ["Pop"], styles: ["J-pop"], label: (4003, "架空レコード", "KR-2020"),
              format: ("CD", 1, ["Album"]), tracklist: [
                  .track("1", "桜の雨", "0:10"), .track("2", "遠い汽笛", "0:18"), .track("3", "静かな海 #2", "0:08"),
              ]),
        .init(id: 3005, masterID: 2004, title: "Белые Ночи", artists: [veter], year: 2017, released: "2017-06-21",
              country: "Russia", genres: ["Folk, World, & Country"], styles: ["Folk"],
              label: (4004, "Выдуманный Звук", "VZ-17"), format: ("CD", 1, ["Album"]), tracklist: [
                  .track("1", "Первый снег", "0:11"), .track("2", "Дорога домой", "0:20"),
              ]),
        .init(id: 3006, masterID: 2005, title: "ليالي الصحراء", artists: [nakheel], year: 2016, released: "2016",
              country: "Egypt", genres: ["Folk, World, & Country"], styles: ["Arabic"],
              label: (4005, "تسجيلات وهمية", "TW-016"), format: ("CD", 1, ["Album"]), tracklist: [
                  .track("1", "قمر", "0:13"), .track("2", "رمال الذهب", "0:09"),
              ]),
        .init(id: 3007, masterID: 2006, title: "Полярная Ночь", artists: [veterTwo], year: 2015, released: "2015-12-21",
              country: "Finland", genres: ["Electronic"], styles: ["Drone"], label: (4006, "Nowhere Tapes", "NT-3"),
              format: ("Cassette", 1, ["Album", "Limited Edition"]), tracklist: [
                  .track("A", "Полярная Ночь", "1:02:15"),
              ]),
        .init(id: 3008, masterID: nil, title: "Échos du Monde: Vol. 1", artists: [various], year: 2022,
              released: "2022-09-30", country: "Europe", genres: ["Folk, World, & Country", "Pop"], styles: ["Chanson"],
              label: (4002, "Disques Imaginaires", "DI 200"), format: ("CD", 1, ["Compilation"]), tracklist: [
                  .track("1", "Café de Medianoche", "0:06", by: [nandu]),
                  .track("2", "星の声", "0:15", by: [gekko]),
                  // Discogs leaves durations blank when the submitter did not know them.
                  .track("3", "Зимний вальс (Remix)", "", by: [zoe, kvartet]),
              ], role: "TrackAppearance"),
    ]
}
