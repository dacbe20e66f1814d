import SafeText
import Foundation

/// Discogs' own text markup in profiles and notes (the `discogs` flavour of the v2 media type;
/// Discogs' formatting guide, "Text Formatting"): `[a=Name]`, `[a123]`, `[l=Label]`, `[l123]`,
/// `[m=123]`, `[r=123]`, `[url=…]…[/url]`, `[b]…[/b]`, `[i]…[/i]`, `[u]…[/u]`. Rendered to text
/// with style runs: names as names, id-only references through a resolver (the cache; never a
/// request) or dropped, links as their text. Anything else in brackets stays as written.
public enum DiscogsMarkup {
    /// An id-only reference.
    public enum Reference: Sendable, Hashable {
        case artist(Int), label(Int), master(Int), release(Int)
    }

    /// A tag longer than this is not a tag (a bracketed sentence); it stays text.
    static let longestTag = 1024

    /// The id-only references in `text`, in order, each once.
    public static func references(in text: String) -> [Reference] {
        var found: [Reference] = []
        _ = render(text) { reference in
            if !found.contains(reference) { found.append(reference) }
            return nil
        }
        return found
    }

    /// `resolve` names an id-only reference, or returns nil to drop it.
    public static func render(_ text: String, resolve: (Reference) -> String? = { _ in nil }) -> StyledText {
        var builder = Builder()
        let characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "[", let close = closingBracket(characters, from: index) else {
                builder.append(String(character))
                index += 1
                continue
            }
            let tag = String(characters[(index + 1)..<close])
            if !builder.apply(tag: tag, resolve: resolve) { builder.append("[" + tag + "]") }
            index = close + 1
        }
        return builder.finish()
    }

    private static func closingBracket(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index < characters.count && index - start <= longestTag {
            switch characters[index] {
            case "]": return index
            case "[", "\n": return nil
            default: index += 1
            }
        }
        return nil
    }

    /// Accumulates runs and the open styles.
    private struct Builder {
        var runs: [StyledText.Run] = []
        var bold = 0, italic = 0, underline = 0
        var linkTarget: String?
        var textSinceLink = false
        /// A reference was dropped just now: a space before the next punctuation or space goes.
        var droppedReference = false

        mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            var text = text
            if droppedReference, let first = text.first, first == " " || ".,;:!?)".contains(first),
               runs.last?.text.hasSuffix(" ") == true {
                runs[runs.count - 1].text.removeLast()
            }
            if droppedReference, text.first == " ", runs.last?.text.last == nil || runs.last?.text.last == "\n" {
                text.removeFirst()
            }
            droppedReference = false
            textSinceLink = true
            let run = StyledText.Run(text: text, bold: bold > 0, italic: italic > 0, underline: underline > 0)
            if let last = runs.last, last.bold == run.bold, last.italic == run.italic, last.underline == run.underline {
                runs[runs.count - 1].text += text
            } else {
                runs.append(run)
            }
        }

        /// False when `tag` is not Discogs markup.
        mutating func apply(tag: String, resolve: (Reference) -> String?) -> Bool {
            switch tag.lowercased() {
            case "b": bold += 1; return true
            case "/b": bold = max(0, bold - 1); return true
            case "i": italic += 1; return true
            case "/i": italic = max(0, italic - 1); return true
            case "u": underline += 1; return true
            case "/u": underline = max(0, underline - 1); return true
            case "url": linkTarget = nil; textSinceLink = false; return true
            case "/url":
                // "[url=https://x][/url]": no text of its own, so the address is the text.
                if !textSinceLink, let target = linkTarget { append(target) }
                linkTarget = nil
                return true
            default: break
            }
            guard let kind = tag.first?.lowercased() else { return false }
            let rest = tag.dropFirst()
            if kind == "u", rest.lowercased().hasPrefix("rl=") {
                linkTarget = String(rest.dropFirst(3))
                textSinceLink = false
                return true
            }
            guard "almr".contains(kind) else { return false }
            let value = rest.hasPrefix("=") ? String(rest.dropFirst()) : String(rest)
            if let id = Int(value), id > 0 {
                let reference: Reference = switch kind {
                case "a": .artist(id)
                case "l": .label(id)
                case "m": .master(id)
                default: .release(id)
                }
                if let name = resolve(reference), !name.isEmpty {
                    append(name)
                } else {
                    droppedReference = true
                }
                return true
            }
            // "[a=Name]", "[l=Label]": a name; [m=…] and [r=…] take ids only.
            guard rest.hasPrefix("="), kind == "a" || kind == "l", !value.isEmpty else { return false }
            append(DiscogsName.display(value))
            return true
        }

        mutating func finish() -> StyledText {
            StyledText(runs: runs)
        }
    }
}
