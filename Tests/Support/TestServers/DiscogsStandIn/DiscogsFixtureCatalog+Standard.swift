/// The catalogue served by default. It mirrors scripts/make-sample-library (same artist, album and
/// song names, years and genres) so the demo finds details for every sample song, and adds what a
/// client must cope with: a duplicate name with Discogs' " (2)" suffix, a master with two versions,
/// disc headings, a release without a master, a duration "" and one "H:MM:SS"; and, shaped like
/// real Discogs releases (the API documentation's release example, public clients' recorded
/// fixtures): index tracks with `sub_tracks` under headings, credits (`extraartists`) for the
/// release and per track, a second label with catno "none" and one with a " (2)" suffix, `year` 0,
/// notes and profiles in Discogs markup, a "Various" compilation whose tracks carry `anv` and `join`.
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
        .init(id: 1001, name: "Les Frères Ñandú", realname: "", profile: "[b]Invented[/b] duo of brothers playing café songs.",
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
        .init(id: 1007, name: "Квартет", realname: "",
              profile: "[b][u]Line-up:[/u][/b] [a=Zoë Østergård] (violin) and friends.\r\n\r\n"
                  + "Invented string quartet; not [a1005] [a4242]. Their suite is on [r=3009] and [m=2004] "
                  + "was [i]their[/i] first love. Recorded for [l=Studio 33 Records (2)] and [l4007]. "
                  + "More at [url=https://example.invalid/kvartet]their page[/url].",
              nameVariations: [], hasImage: false),
        // Hostile text: terminal escape sequences in a profile (a title change, BEL, a screen clear).
        .init(id: 1099, name: "Invented Escape Artist", realname: "",
              profile: "Harmless\u{1B}]0;pwned\u{07}\u{1B}[2J text.", nameVariations: [], hasImage: false),
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
        // Index tracks with parts, as classical releases and suites have them (Discogs' Atom Heart
        // Mother lists side A as one index track of six parts): 4 rows under 2 headings, 7 parts.
        .init(id: 3009, masterID: nil, title: "Suite Imaginaire", artists: [kvartet], year: 0, released: "",
              country: "France", genres: ["Classical"], styles: ["Modern"],
              label: (4007, "Studio 33 Records (2)", "S33-009"), format: ("Vinyl", 1, ["LP", "Album"]), tracklist: [
                  .heading("Face A"),
                  .index("A", "Suite du Nord", duration: "9:27", [
                      .track("A1", "Aube", "2:10"), .track("A2", "Glace", "3:05"),
                      .track("A3", "Malagueña", "4:12",
                             credits: [.init(id: 1006, name: "Zoë Østergård", anv: "Zoë Ø.", role: "Violin [Solo]")]),
                  ]),
                  .track("A4", "Interlude", "1:00"),
                  .heading("Face B"),
                  .index("", "Trois Danses", [
                      .track("B1", "Valse", "2:00"), .track("B2", "Polka", "1:30"),
                  ]),
                  .track("B3", "Finale", "5:00", credits: [.init(id: 1004, name: "فرقة النخيل", role: "Arranged By")]),
              ], moreLabels: [(4002, "Disques Imaginaires", "none")],
              extraartists: [
                  .init(id: 1006, name: "Zoë Østergård", role: "Producer"),
                  .init(id: 1005, name: "Северный Ветер (2)", role: "Mixed By, Recorded By"),
                  .init(id: 1002, name: "月光の楽団", role: "Written-By [Lyrics, Music]", tracks: "A1 to A3"),
              ],
              notes: "[b]Recorded live.[/b] With [a=Zoë Østergård] and [a1006].\n\nSee [url=https://example.invalid/suite][/url]."),
        // A "Various" compilation: each track's artists, with a name variation (`anv`) and joins.
        .init(id: 3010, masterID: nil, title: "Échos du Monde: Vol. 2", artists: [various], year: 2023,
              released: "2023-05-05", country: "Europe", genres: ["Pop"], styles: ["Chanson"],
              label: (4002, "Disques Imaginaires", "DI 201"), format: ("CD", 1, ["Compilation"]), tracklist: [
                  .track("1", "Nuit Blanche", "3:01", by: [
                      .init(id: 1006, name: "Zoë Østergård", join: "Feat.", anv: "Zoé"), kvartet,
                  ]),
                  .track("2", "Тишина", "4:44", by: [veterTwo]),
                  .track("3", "Duo", "2:02", by: [.init(id: 1002, name: "月光の楽団", join: ","), nakheel]),
              ], role: "TrackAppearance"),
    ]
}
