import Foundation

/// Credits (`extraartists`) grouped by role, as Discogs' release page lists them: one line per
/// role, names in Discogs' order. One credit may carry several roles ("Mixed By, Recorded By"),
/// and a role may carry details in brackets ("Violin [Solo]", "Written-By [Lyrics, Music]") whose
/// commas do not split it.
public struct DiscogsCreditGroup: Sendable, Hashable {
    public var role: String
    /// Display names; a release-level credit for some tracks only says which ("Jean Dupont (A1 to A3)").
    public var names: [String]

    public init(role: String, names: [String]) {
        self.role = role
        self.names = names
    }

    public static func grouped(_ credits: [DiscogsArtistCredit]) -> [DiscogsCreditGroup] {
        var groups: [DiscogsCreditGroup] = []
        for credit in credits {
            let name = credit.displayName + (credit.tracks.map { " (\($0))" } ?? "")
            for role in roles(credit.role ?? "") {
                if let index = groups.firstIndex(where: { $0.role == role }) {
                    if !groups[index].names.contains(name) { groups[index].names.append(name) }
                } else {
                    groups.append(DiscogsCreditGroup(role: role, names: [name]))
                }
            }
        }
        return groups
    }

    /// "Mixed By, Recorded By" → two roles; "Written-By [Lyrics, Music]" → one. A blank role is "Credit".
    static func roles(_ text: String) -> [String] {
        var roles: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "[": depth += 1; current.append(character)
            case "]": depth = max(0, depth - 1); current.append(character)
            case "," where depth == 0:
                roles.append(current)
                current = ""
            default: current.append(character)
            }
        }
        roles.append(current)
        let trimmed = roles.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return trimmed.isEmpty ? ["Credit"] : trimmed
    }
}
