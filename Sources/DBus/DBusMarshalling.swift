import CDBus

/// Values in and out of a libdbus message through its iterators: the only place that knows how
/// `DBusValue` maps onto `dbus_message_iter_*` (D-Bus specification, "Marshaling").
enum DBusMarshalling {
    private static let invalid = s3play_dbus_type_invalid()

    /// Every argument of `message`, in order. A type this wrapper does not model (unix fds)
    /// ends the list: nothing MPRIS accepts carries one.
    static func read(_ message: OpaquePointer) -> [DBusValue] {
        var iterator = DBusMessageIter()
        guard dbus_message_iter_init(message, &iterator) != 0 else { return [] }
        return readAll(&iterator)
    }

    /// Appends `values` as the message's arguments; false when libdbus ran out of memory.
    static func append(_ values: [DBusValue], to message: OpaquePointer) -> Bool {
        var iterator = DBusMessageIter()
        dbus_message_iter_init_append(message, &iterator)
        return values.allSatisfy { append($0, to: &iterator) }
    }

    // MARK: reading

    private static func readAll(_ iterator: inout DBusMessageIter) -> [DBusValue] {
        var values: [DBusValue] = []
        while dbus_message_iter_get_arg_type(&iterator) != invalid {
            guard let value = readOne(&iterator) else { break }
            values.append(value)
            guard dbus_message_iter_next(&iterator) != 0 else { break }
        }
        return values
    }

    private static func readOne(_ iterator: inout DBusMessageIter) -> DBusValue? {
        let type = dbus_message_iter_get_arg_type(&iterator)
        switch type {
        case s3play_dbus_type_boolean(): return .boolean(basic(&iterator, as: dbus_bool_t.self) != 0)
        case s3play_dbus_type_byte(): return .byte(basic(&iterator, as: UInt8.self))
        case s3play_dbus_type_int32(): return .int32(basic(&iterator, as: Int32.self))
        case s3play_dbus_type_uint32(): return .uint32(basic(&iterator, as: UInt32.self))
        case s3play_dbus_type_int64(): return .int64(basic(&iterator, as: Int64.self))
        case s3play_dbus_type_uint64(): return .uint64(basic(&iterator, as: UInt64.self))
        case s3play_dbus_type_double(): return .double(basic(&iterator, as: Double.self))
        case s3play_dbus_type_string(): return .string(text(&iterator))
        case s3play_dbus_type_object_path(): return .objectPath(text(&iterator))
        case s3play_dbus_type_signature(): return .signature(text(&iterator))
        case s3play_dbus_type_variant():
            var inner = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &inner)
            return readOne(&inner).map(DBusValue.variant)
        case s3play_dbus_type_array():
            let element = String(currentSignature(&iterator).dropFirst())
            var inner = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &inner)
            return .array(elementSignature: element, readAll(&inner))
        case s3play_dbus_type_dict_entry():
            var inner = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &inner)
            let fields = readAll(&inner)
            guard fields.count == 2 else { return nil }
            return .dictEntry(key: fields[0], value: fields[1])
        case s3play_dbus_type_struct():
            var inner = DBusMessageIter()
            dbus_message_iter_recurse(&iterator, &inner)
            return .structure(readAll(&inner))
        default:
            return nil
        }
    }

    private static func basic<T>(_ iterator: inout DBusMessageIter, as: T.Type) -> T where T: FixedWidthInteger {
        var value: T = 0
        withUnsafeMutablePointer(to: &value) { dbus_message_iter_get_basic(&iterator, $0) }
        return value
    }

    private static func basic(_ iterator: inout DBusMessageIter, as: Double.Type) -> Double {
        var value = 0.0
        withUnsafeMutablePointer(to: &value) { dbus_message_iter_get_basic(&iterator, $0) }
        return value
    }

    /// A string, object path or signature: libdbus hands out a pointer into the message.
    private static func text(_ iterator: inout DBusMessageIter) -> String {
        var pointer: UnsafePointer<CChar>?
        withUnsafeMutablePointer(to: &pointer) { dbus_message_iter_get_basic(&iterator, $0) }
        return pointer.map { String(cString: $0) } ?? ""
    }

    private static func currentSignature(_ iterator: inout DBusMessageIter) -> String {
        guard let signature = dbus_message_iter_get_signature(&iterator) else { return "" }
        defer { dbus_free(signature) }
        return String(cString: signature)
    }

    // MARK: writing

    private static func append(_ value: DBusValue, to iterator: inout DBusMessageIter) -> Bool {
        switch value {
        case .boolean(let flag): return appendBasic(dbus_bool_t(flag ? 1 : 0), s3play_dbus_type_boolean(), &iterator)
        case .byte(let number): return appendBasic(number, s3play_dbus_type_byte(), &iterator)
        case .int32(let number): return appendBasic(number, s3play_dbus_type_int32(), &iterator)
        case .uint32(let number): return appendBasic(number, s3play_dbus_type_uint32(), &iterator)
        case .int64(let number): return appendBasic(number, s3play_dbus_type_int64(), &iterator)
        case .uint64(let number): return appendBasic(number, s3play_dbus_type_uint64(), &iterator)
        case .double(let number): return appendBasic(number, s3play_dbus_type_double(), &iterator)
        case .string(let text): return appendText(text, s3play_dbus_type_string(), &iterator)
        case .objectPath(let text): return appendText(text, s3play_dbus_type_object_path(), &iterator)
        case .signature(let text): return appendText(text, s3play_dbus_type_signature(), &iterator)
        case .variant(let inner):
            return appendContainer(s3play_dbus_type_variant(), signature: inner.signature, [inner], &iterator)
        case .array(let element, let elements):
            return appendContainer(s3play_dbus_type_array(), signature: element, elements, &iterator)
        case .dictEntry(let key, let entryValue):
            return appendContainer(s3play_dbus_type_dict_entry(), signature: nil, [key, entryValue], &iterator)
        case .structure(let fields):
            return appendContainer(s3play_dbus_type_struct(), signature: nil, fields, &iterator)
        }
    }

    private static func appendBasic<T>(_ value: T, _ type: Int32, _ iterator: inout DBusMessageIter) -> Bool {
        var copy = value
        return withUnsafePointer(to: &copy) { dbus_message_iter_append_basic(&iterator, type, $0) } != 0
    }

    /// libdbus checks that strings are UTF-8 without NUL (a Swift `String` is UTF-8; an embedded
    /// NUL ends the C string here, so the check holds).
    private static func appendText(_ text: String, _ type: Int32, _ iterator: inout DBusMessageIter) -> Bool {
        text.withCString { characters in
            var pointer: UnsafePointer<CChar>? = characters
            return withUnsafePointer(to: &pointer) { dbus_message_iter_append_basic(&iterator, type, $0) } != 0
        }
    }

    private static func appendContainer(_ type: Int32, signature: String?, _ contents: [DBusValue],
                                        _ iterator: inout DBusMessageIter) -> Bool {
        var inner = DBusMessageIter()
        let opened: Bool = if let signature {
            signature.withCString { dbus_message_iter_open_container(&iterator, type, $0, &inner) } != 0
        } else {
            dbus_message_iter_open_container(&iterator, type, nil, &inner) != 0
        }
        guard opened else { return false }
        guard contents.allSatisfy({ append($0, to: &inner) }) else {
            dbus_message_iter_abandon_container(&iterator, &inner)
            return false
        }
        return dbus_message_iter_close_container(&iterator, &inner) != 0
    }
}
