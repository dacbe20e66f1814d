import Foundation

/// A decoded Discogs answer, one case per endpoint.
public enum DiscogsDecoded: Sendable, Hashable {
    case artist(DiscogsArtist)
    case release(DiscogsRelease)
    case master(DiscogsMaster)
    case searchPage(DiscogsSearchPage)
    case artistReleasesPage(DiscogsArtistReleasesPage)
    case masterVersionsPage(DiscogsMasterVersionsPage)
}

/// Turns a response body into values. Separate from the client because the cache stores the raw
/// bytes of a 200 and decodes them again when it serves them.
public enum DiscogsDocument {
    public static func decode(_ bytes: [UInt8], as resource: DiscogsResource) throws(DiscogsError) -> DiscogsDecoded {
        switch resource {
        case .artist: return .artist(try decode(WireArtist.self, bytes).value)
        case .release: return .release(try decode(WireRelease.self, bytes).value)
        case .master: return .master(try decode(WireMaster.self, bytes).value)
        case .search: return .searchPage(try decode(WireSearchPage.self, bytes).value)
        case .artistReleases: return .artistReleasesPage(try decode(WireArtistReleasesPage.self, bytes).value)
        case .masterVersions: return .masterVersionsPage(try decode(WireMasterVersionsPage.self, bytes).value)
        }
    }

    private static func decode<Shape: Decodable>(_ shape: Shape.Type, _ bytes: [UInt8]) throws(DiscogsError) -> Shape {
        do {
            return try JSONDecoder().decode(shape, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformedResponse(reason: summary(of: error))
        } catch {
            throw .malformedResponse(reason: "\(error)")
        }
    }

    /// A short reason for the one-line message; DecodingError's own text spans lines.
    private static func summary(of error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "the document" : path
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not JSON"
        case .dataCorrupted(let context):
            return "unreadable \(path(context))"
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "no \"\(key.stringValue)\"\(parent)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(path(context))"
        @unknown default:
            return "unexpected shape"
        }
    }
}

// MARK: - Wire shapes to values

extension WireArtist {
    var value: DiscogsArtist {
        DiscogsArtist(id: id, name: name ?? "", realName: nonEmpty(realname), profile: nonEmpty(profile),
                      uri: DiscogsWebLink.absolute(uri),
                      members: (members ?? []).map { .init(id: $0.id?.value, name: $0.name ?? "", active: $0.active) },
                      nameVariations: namevariations ?? [], urls: (urls ?? []).filter { !$0.isEmpty },
                      images: WireImage.values(images))
    }
}

extension WireRelease {
    var value: DiscogsRelease {
        DiscogsRelease(id: id, title: title ?? "", year: positive(year), artists: WireCredit.values(artists),
                       genres: genres ?? [], styles: styles ?? [],
                       labels: (labels ?? []).map { .init(id: $0.id?.value, name: $0.name ?? "", catalogNumber: catalogNumber($0.catno)) },
                       tracklist: (tracklist ?? []).map(\.value), credits: WireCredit.values(extraartists),
                       notes: nonEmpty(notes), images: WireImage.values(images),
                       uri: DiscogsWebLink.absolute(uri), masterID: positive(master_id))
    }
}

extension WireMaster {
    var value: DiscogsMaster {
        DiscogsMaster(id: id, title: title ?? "", year: positive(year), artists: WireCredit.values(artists),
                      genres: genres ?? [], styles: styles ?? [], tracklist: (tracklist ?? []).map(\.value),
                      notes: nonEmpty(notes), mainReleaseID: positive(main_release), images: WireImage.values(images),
                      uri: DiscogsWebLink.absolute(uri))
    }
}

extension WireTrack {
    var value: DiscogsTrack {
        let text = duration ?? ""
        return DiscogsTrack(position: position ?? "", title: title ?? "", durationText: text,
                            durationSeconds: DiscogsDuration.seconds(text), kind: DiscogsTrack.Kind(type_),
                            artists: WireCredit.values(artists), credits: WireCredit.values(extraartists),
                            subTracks: (sub_tracks ?? []).map(\.value))
    }
}

extension WireCredit {
    static func values(_ credits: [WireCredit]?) -> [DiscogsArtistCredit] {
        (credits ?? []).map { DiscogsArtistCredit(id: $0.id?.value, name: $0.name ?? "", anv: nonEmpty($0.anv),
                                                  join: nonEmpty($0.join), role: nonEmpty($0.role), tracks: nonEmpty($0.tracks)) }
    }
}

extension WireImage {
    /// An image without a link is of no use to anyone; it is dropped.
    static func values(_ images: [WireImage]?) -> [DiscogsImage] {
        (images ?? []).compactMap { image in
            nonEmpty(image.uri).map { DiscogsImage(type: nonEmpty(image.type), uri: $0, width: image.width?.value,
                                                   height: image.height?.value) }
        }
    }
}

extension WirePagination? {
    /// Without a pagination object the page is taken to be all there is.
    func value(itemCount: Int) -> DiscogsPagination {
        DiscogsPagination(page: self?.page?.value ?? 1, pages: self?.pages?.value ?? 1,
                          perPage: self?.per_page?.value ?? itemCount, items: self?.items?.value ?? itemCount)
    }
}

extension WireSearchPage {
    var value: DiscogsSearchPage {
        DiscogsSearchPage(pagination: pagination.value(itemCount: results.count), results: results.map { result in
            DiscogsSearchResult(id: result.id, type: result.type ?? "", title: result.title ?? "",
                                year: positive(result.year), uri: DiscogsWebLink.absolute(result.uri),
                                thumb: nonEmpty(result.thumb))
        })
    }
}

extension WireArtistReleasesPage {
    var value: DiscogsArtistReleasesPage {
        DiscogsArtistReleasesPage(pagination: pagination.value(itemCount: releases.count), releases: releases.map { item in
            DiscogsArtistRelease(id: item.id, kind: item.type == "master" ? .master : .release, title: item.title ?? "",
                                 year: positive(item.year), role: nonEmpty(item.role), artist: nonEmpty(item.artist),
                                 mainReleaseID: positive(item.main_release))
        })
    }
}

extension WireMasterVersionsPage {
    var value: DiscogsMasterVersionsPage {
        DiscogsMasterVersionsPage(pagination: pagination.value(itemCount: versions.count), versions: versions.map { item in
            DiscogsMasterVersion(id: item.id, title: item.title ?? "", format: nonEmpty(item.format),
                                 label: nonEmpty(item.label), country: nonEmpty(item.country),
                                 released: nonEmpty(item.released), majorFormats: item.major_formats ?? [])
        })
    }
}

/// Discogs sends "" for unknown text (a blank `anv`, `realname`); the app sees nil.
private func nonEmpty(_ text: String?) -> String? {
    text.flatMap { $0.isEmpty ? nil : $0 }
}

/// Discogs writes "none" (any case) for a release without a catalogue number.
private func catalogNumber(_ text: String?) -> String? {
    guard let text = nonEmpty(text?.trimmingCharacters(in: .whitespaces)), text.lowercased() != "none" else { return nil }
    return text
}

/// Discogs sends 0 for "no year" and "no master" (search results' `master_id`).
private func positive(_ number: LenientInt?) -> Int? {
    number?.value.flatMap { $0 > 0 ? $0 : nil }
}
