/// One D-Bus value as Swift sees it: the basic types MPRIS uses, variants, arrays and
/// dictionaries (arrays of dict entries). The wire signature of each value follows from it
/// (D-Bus specification, "Type System"); an array keeps its element signature so that an empty
/// array is still typed (`as` vs `a{sv}`).
public indirect enum DBusValue: Sendable, Hashable {
    case boolean(Bool)
    case byte(UInt8)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case uint64(UInt64)
    case double(Double)
    case string(String)
    case objectPath(String)
    case signature(String)
    case variant(DBusValue)
    /// Every element has the signature `elementSignature`.
    case array(elementSignature: String, [DBusValue])
    /// Only inside an array (`a{…}`), as the specification allows.
    case dictEntry(key: DBusValue, value: DBusValue)
    case structure([DBusValue])

    /// The value's complete type, as D-Bus writes it.
    public var signature: String {
        switch self {
        case .boolean: "b"
        case .byte: "y"
        case .int32: "i"
        case .uint32: "u"
        case .int64: "x"
        case .uint64: "t"
        case .double: "d"
        case .string: "s"
        case .objectPath: "o"
        case .signature: "g"
        case .variant: "v"
        case .array(let element, _): "a" + element
        case .dictEntry(let key, let value): "{" + key.signature + value.signature + "}"
        case .structure(let fields): "(" + fields.map(\.signature).joined() + ")"
        }
    }

    /// `a{sv}`, the shape of MPRIS' Metadata and of PropertiesChanged, in key order (so equal
    /// dictionaries make equal messages).
    public static func stringVariantDictionary(_ entries: [String: DBusValue]) -> DBusValue {
        .array(elementSignature: "{sv}", entries.sorted { $0.key < $1.key }.map {
            .dictEntry(key: .string($0.key), value: .variant($0.value))
        })
    }

    /// `as`.
    public static func stringArray(_ strings: [String]) -> DBusValue {
        .array(elementSignature: "s", strings.map(DBusValue.string))
    }

    // MARK: reading what a caller sent

    public var stringValue: String? {
        switch self {
        case .string(let text), .objectPath(let text), .signature(let text): text
        default: nil
        }
    }

    /// Any integer or double, as a double (Volume is `d`, but clients send what they like).
    public var doubleValue: Double? {
        switch self {
        case .double(let number): number
        case .byte(let number): Double(number)
        case .int32(let number): Double(number)
        case .uint32(let number): Double(number)
        case .int64(let number): Double(number)
        case .uint64(let number): Double(number)
        default: nil
        }
    }

    /// Any integer type that fits, as Int64 (Seek's offset is `x`).
    public var int64Value: Int64? {
        switch self {
        case .byte(let number): Int64(number)
        case .int32(let number): Int64(number)
        case .uint32(let number): Int64(number)
        case .int64(let number): number
        case .uint64(let number): Int64(exactly: number)
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .boolean(let flag) = self { return flag }
        return nil
    }

    /// The value inside a variant, or the value itself.
    public var unwrapped: DBusValue {
        if case .variant(let inner) = self { return inner.unwrapped }
        return self
    }

    /// The entries of an `a{sv}` (or any dictionary with string keys), values unwrapped.
    public var stringKeyedEntries: [String: DBusValue]? {
        guard case .array(_, let elements) = self else { return nil }
        var entries: [String: DBusValue] = [:]
        for element in elements {
            guard case .dictEntry(let key, let value) = element, let name = key.stringValue else { return nil }
            entries[name] = value.unwrapped
        }
        return entries
    }
}

extension DBusValue {
    /// True when libdbus will take the value: every array element has the array's element
    /// signature, dict entries sit in arrays with a basic key, object paths are valid. libdbus
    /// aborts the process on a mismatch (its checks are fatal by default), so the wrapper
    /// refuses such a value before handing it over.
    public var isWellFormed: Bool {
        switch self {
        case .objectPath(let path): return Self.isValidObjectPath(path)
        case .variant(let inner): return inner.isWellFormed
        case .array(let element, let elements):
            return elements.allSatisfy { $0.signature == element && ($0.isWellFormed || $0.isWellFormedEntry) }
        case .dictEntry: return false  // only as an array's element
        case .structure(let fields): return !fields.isEmpty && fields.allSatisfy(\.isWellFormed)
        default: return true
        }
    }

    private var isWellFormedEntry: Bool {
        guard case .dictEntry(let key, let value) = self else { return false }
        return key.isBasic && key.isWellFormed && value.isWellFormed
    }

    private var isBasic: Bool {
        switch self {
        case .variant, .array, .dictEntry, .structure: false
        default: true
        }
    }

    /// "/" or "/" followed by elements of [A-Za-z0-9_], separated by single slashes, no trailing
    /// slash (specification, "Valid Object Paths").
    static func isValidObjectPath(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        if path == "/" { return true }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).allSatisfy { element in
            !element.isEmpty && element.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            }
        }
    }
}
