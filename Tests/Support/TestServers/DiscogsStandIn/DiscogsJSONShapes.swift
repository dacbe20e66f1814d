import Foundation

/// Fixture values in the JSON shapes of Discogs' API v2 (developers page, "Database" section; the
/// field list in docs/reference apis.md §1). Link fields (`resource_url`, `*_url`, image URLs) point
/// at the stand-in itself, so a client that follows them never leaves loopback; `uri` keeps the form
/// of a discogs.com page, which a client only displays.
struct DiscogsJSONShapes {
    let catalog: DiscogsFixtureCatalog
    /// "http://127.0.0.1:PORT"
    let base: String

    func artist(_ artist: DiscogsFixtureArtist) -> [String: Any] {
        var json: [String: Any] = [
            "id": artist.id, "name": artist.name, "realname": artist.realname, "profile": artist.profile,
            "namevariations": artist.nameVariations, "urls": [String](), "data_quality": "Correct",
            "resource_url": "\(base)/artists/\(artist.id)", "releases_url": "\(base)/artists/\(artist.id)/releases",
            "uri": "https://www.discogs.com/artist/\(artist.id)",
        ]
        // Discogs omits `images` for an artist without any.
        if artist.hasImage { json["images"] = images("A-\(artist.id)") }
        if !artist.members.isEmpty {
            json["members"] = artist.members.map { member in
                ["id": member.id, "name": member.name, "active": member.active,
                 "resource_url": "\(base)/artists/\(member.id)"] as [String: Any]
            }
        }
        return json
    }

    func release(_ release: DiscogsFixtureRelease) -> [String: Any] {
        var json: [String: Any] = [
            "id": release.id, "status": "Accepted", "title": release.title, "year": release.year,
            "released": release.released, "released_formatted": release.released, "country": release.country,
            "artists": release.artists.map(credit), "artists_sort": artistLine(release.artists),
            "extraartists": release.extraartists.map(credit), "labels": labels(release),
            "formats": [["name": release.format.name, "qty": String(release.format.quantity),
                         "descriptions": release.format.descriptions]],
            "format_quantity": release.format.quantity, "genres": release.genres, "styles": release.styles,
            "tracklist": release.tracklist.map(track), "images": images("R-\(release.id)"),
            "thumb": thumb("R-\(release.id)"), "identifiers": [Any](), "videos": [Any](),
            "data_quality": "Correct", "community": community,
            "resource_url": "\(base)/releases/\(release.id)", "uri": "https://www.discogs.com/release/\(release.id)",
        ]
        if let masterID = release.masterID {
            json["master_id"] = masterID
            json["master_url"] = "\(base)/masters/\(masterID)"
        }
        if !release.notes.isEmpty { json["notes"] = release.notes }
        return json
    }

    func master(_ master: DiscogsFixtureMaster) -> [String: Any] {
        let main = catalog.release(master.mainRelease)!
        let recent = catalog.mostRecentVersion(of: master) ?? main
        return [
            "id": master.id, "title": master.title, "year": main.year,
            "main_release": main.id, "main_release_url": "\(base)/releases/\(main.id)",
            "most_recent_release": recent.id, "most_recent_release_url": "\(base)/releases/\(recent.id)",
            "versions_url": "\(base)/masters/\(master.id)/versions",
            "artists": master.artistIDs.compactMap(catalog.artist).map { credit(.init(id: $0.id, name: $0.name)) },
            "genres": main.genres, "styles": main.styles, "tracklist": main.tracklist.map(track),
            "images": images("R-\(main.id)"), "videos": [Any](), "num_for_sale": 0, "data_quality": "Correct",
            "resource_url": "\(base)/masters/\(master.id)", "uri": "https://www.discogs.com/master/\(master.id)",
        ]
    }

    /// One `versions[]` item of /masters/{id}/versions.
    func version(_ release: DiscogsFixtureRelease) -> [String: Any] {
        [
            "id": release.id, "title": release.title, "status": "Accepted", "format": formatLine(release),
            "label": release.label.name, "catno": release.label.catno, "country": release.country,
            "released": String(release.released.prefix(4)), "major_formats": [release.format.name],
            "thumb": thumb("R-\(release.id)"), "resource_url": "\(base)/releases/\(release.id)",
            "stats": ["community": ["in_wantlist": 3, "in_collection": 7],
                      "user": ["in_wantlist": 0, "in_collection": 0]],
        ]
    }

    /// One `releases[]` item of /artists/{id}/releases: the master when there is one, else the release.
    func artistReleaseItem(master: DiscogsFixtureMaster) -> [String: Any] {
        let main = catalog.release(master.mainRelease)!
        return [
            "id": master.id, "type": "master", "main_release": main.id, "title": master.title,
            "artist": artistLine(main.artists), "role": main.role, "year": main.year, "thumb": thumb("R-\(main.id)"),
            "resource_url": "\(base)/masters/\(master.id)",
            "stats": ["community": ["in_wantlist": 3, "in_collection": 7]],
        ]
    }

    func artistReleaseItem(release: DiscogsFixtureRelease) -> [String: Any] {
        [
            "id": release.id, "type": "release", "title": release.title, "artist": artistLine(release.artists),
            "role": release.role, "year": release.year, "format": formatLine(release), "label": release.label.name,
            "status": "Accepted", "thumb": thumb("R-\(release.id)"), "resource_url": "\(base)/releases/\(release.id)",
            "stats": ["community": ["in_wantlist": 1, "in_collection": 2]],
        ]
    }

    /// Search result items. Note `year` is a string here, unlike in /releases/{id}.
    func searchItem(artist: DiscogsFixtureArtist) -> [String: Any] {
        [
            "id": artist.id, "type": "artist", "title": artist.name,
            "thumb": artist.hasImage ? thumb("A-\(artist.id)") : "",
            "cover_image": artist.hasImage ? "\(base)/images/A-\(artist.id)-primary.jpg" : "",
            "resource_url": "\(base)/artists/\(artist.id)", "uri": "/artist/\(artist.id)",
            "user_data": ["in_wantlist": false, "in_collection": false],
        ]
    }

    func searchItem(release: DiscogsFixtureRelease, asMaster master: DiscogsFixtureMaster?) -> [String: Any] {
        let title = master?.title ?? release.title
        var json: [String: Any] = [
            "id": master?.id ?? release.id, "type": master == nil ? "release" : "master",
            "title": "\(artistLine(release.artists)) - \(title)",
            "country": release.country, "format": [release.format.name] + release.format.descriptions,
            "label": [release.label.name], "genre": release.genres, "style": release.styles, "barcode": [String](),
            "catno": release.label.catno, "thumb": thumb("R-\(release.id)"),
            "cover_image": "\(base)/images/R-\(release.id)-primary.jpg",
            "community": ["have": 7, "want": 3], "user_data": ["in_wantlist": false, "in_collection": false],
            "resource_url": master.map { "\(base)/masters/\($0.id)" } ?? "\(base)/releases/\(release.id)",
            "uri": master.map { "/master/\($0.id)" } ?? "/release/\(release.id)",
        ]
        // A string here, unlike /releases/{id}; left out when Discogs has no year (0 there).
        if release.year > 0 { json["year"] = String(release.year) }
        if let masterID = release.masterID {
            json["master_id"] = masterID
            json["master_url"] = "\(base)/masters/\(masterID)"
        } else {
            json["master_id"] = 0
            json["master_url"] = NSNull()
        }
        return json
    }

    // MARK: - Parts

    func credit(_ credit: DiscogsFixtureCredit) -> [String: Any] {
        ["id": credit.id, "name": credit.name, "anv": credit.anv, "join": credit.join, "role": credit.role,
         "tracks": credit.tracks, "resource_url": "\(base)/artists/\(credit.id)"]
    }

    /// A tracklist row; an index track nests its parts in `sub_tracks`, each with `type_` "track".
    func track(_ track: DiscogsFixtureTrack) -> [String: Any] {
        var json: [String: Any] = ["position": track.position, "type_": track.type, "title": track.title,
                                   "duration": track.duration]
        if !track.artists.isEmpty { json["artists"] = track.artists.map(credit) }
        if !track.extraartists.isEmpty { json["extraartists"] = track.extraartists.map(credit) }
        if !track.subTracks.isEmpty { json["sub_tracks"] = track.subTracks.map(self.track) }
        return json
    }

    func labels(_ release: DiscogsFixtureRelease) -> [[String: Any]] {
        ([release.label] + release.moreLabels).map { label in
            ["id": label.id, "name": label.name, "catno": label.catno,
             "entity_type": "1", "entity_type_name": "Label", "resource_url": "\(base)/labels/\(label.id)"]
        }
    }

    func images(_ stem: String) -> [[String: Any]] {
        let uri = "\(base)/images/\(stem)-primary.jpg"
        return [["type": "primary", "uri": uri, "resource_url": uri, "uri150": thumb(stem), "width": 600, "height": 600]]
    }

    func thumb(_ stem: String) -> String { "\(base)/images/\(stem)-150.jpg" }

    /// "A & B" the way Discogs writes credits in titles: each name, then its join.
    func artistLine(_ credits: [DiscogsFixtureCredit]) -> String {
        credits.map { $0.join.isEmpty ? $0.name : "\($0.name) \($0.join)" }.joined(separator: " ")
    }

    func formatLine(_ release: DiscogsFixtureRelease) -> String {
        ([release.format.name] + release.format.descriptions).joined(separator: ", ")
    }

    let community: [String: Any] = ["have": 7, "want": 3, "rating": ["count": 2, "average": 4.5],
                                    "status": "Accepted", "data_quality": "Correct"]
}
