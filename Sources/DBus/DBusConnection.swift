import CDBus

/// One private connection to a message bus, used from one thread: connect (Hello), own a
/// name, read calls, answer them, emit signals, close. Its owner closes it with `close()`;
/// nothing here closes it implicitly. Messages never leave this type as pointers: calls are
/// copied into `DBusMethodCall` and replies are addressed by sender and serial.
public final class DBusConnection {
    private var handle: OpaquePointer?
    /// The name the bus gave this connection in its answer to Hello (":1.42").
    public let uniqueName: String

    private init(handle: OpaquePointer, uniqueName: String) {
        self.handle = handle
        self.uniqueName = uniqueName
    }

    /// Connects to the bus at `address` (the form of DBUS_SESSION_BUS_ADDRESS) and registers
    /// with it. A private connection, so that `close()` really ends it (a shared one belongs
    /// to libdbus), and one that never calls exit() when the bus goes away.
    public static func connect(address: String) throws(DBusError) -> DBusConnection {
        _ = dbus_threads_init_default()
        let (opened, openFailure) = withError { error in dbus_connection_open_private(address, error) }
        guard let opened else { throw openFailure ?? .outOfMemory }
        dbus_connection_set_exit_on_disconnect(opened, 0)
        let (registered, registerFailure) = withError { error in dbus_bus_register(opened, error) }
        guard registered != 0, let name = dbus_bus_get_unique_name(opened) else {
            dbus_connection_close(opened)
            dbus_connection_unref(opened)
            throw registerFailure ?? .outOfMemory
        }
        return DBusConnection(handle: opened, uniqueName: String(cString: name))
    }

    /// Asks for a well-known name without queueing for it; false when another connection
    /// owns it (D-Bus specification, "org.freedesktop.DBus.RequestName").
    public func requestName(_ name: String) throws(DBusError) -> Bool {
        guard let handle else { throw Self.closed }
        let (reply, failure) = Self.withError { error in
            dbus_bus_request_name(handle, name, s3play_dbus_name_flag_do_not_queue(), error)
        }
        if let failure { throw failure }
        return reply == s3play_dbus_request_name_reply_primary_owner()
    }

    /// Sends what is queued and reads what arrived, waiting up to `timeoutMilliseconds` for
    /// something to happen. False once the connection is gone (the bus quit).
    public func readWrite(timeoutMilliseconds: Int32) -> Bool {
        guard let handle else { return false }
        return dbus_connection_read_write(handle, timeoutMilliseconds) != 0
    }

    /// The next method call that arrived; other messages (the bus' NameAcquired, signals) are
    /// dropped. nil when none is waiting.
    public func nextMethodCall() -> DBusMethodCall? {
        guard let handle else { return nil }
        while let message = dbus_connection_pop_message(handle) {
            defer { dbus_message_unref(message) }
            guard dbus_message_get_type(message) == s3play_dbus_message_type_method_call(),
                  let path = dbus_message_get_path(message), let member = dbus_message_get_member(message) else { continue }
            return DBusMethodCall(
                sender: dbus_message_get_sender(message).map { String(cString: $0) },
                serial: dbus_message_get_serial(message),
                path: String(cString: path),
                interface: dbus_message_get_interface(message).map { String(cString: $0) },
                member: String(cString: member),
                arguments: DBusMarshalling.read(message),
                expectsReply: dbus_message_get_no_reply(message) == 0)
        }
        return nil
    }

    /// The method's return values.
    public func reply(to call: DBusMethodCall, _ values: [DBusValue] = []) throws(DBusError) {
        guard call.expectsReply else { return }
        try send(type: s3play_dbus_message_type_method_return(), values) { message in
            Self.address(message, to: call)
        }
    }

    /// An error answer: `name` from the specification (`DBusErrorName`) and one line.
    public func replyError(to call: DBusMethodCall, name: String, message text: String) throws(DBusError) {
        guard call.expectsReply else { return }
        try send(type: s3play_dbus_message_type_error(), [.string(text)]) { message in
            Self.address(message, to: call) && dbus_message_set_error_name(message, name) != 0
        }
    }

    /// A signal from `path` to whoever listens.
    public func emitSignal(path: String, interface: String, member: String, _ values: [DBusValue]) throws(DBusError) {
        guard let handle else { throw Self.closed }
        guard DBusValue.isValidObjectPath(path) else { throw Self.malformed }
        guard let message = dbus_message_new_signal(path, interface, member) else { throw .outOfMemory }
        defer { dbus_message_unref(message) }
        try Self.append(values, to: message)
        guard dbus_connection_send(handle, message, nil) != 0 else { throw .outOfMemory }
    }

    /// Writes everything queued (before a close, so the last signals reach the bus).
    public func flush() {
        if let handle { dbus_connection_flush(handle) }
    }

    /// Ends the connection; the bus then releases its names. Idempotent.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        dbus_connection_close(handle)
        dbus_connection_unref(handle)
    }

    public var isOpen: Bool { handle != nil }

    // MARK: helpers

    private static let closed = DBusError(name: "org.freedesktop.DBus.Error.Disconnected", message: "the connection is closed")
    private static let malformed = DBusError(name: DBusErrorName.invalidArgs, message: "a value libdbus would refuse")

    private func send(type: Int32, _ values: [DBusValue], prepare: (OpaquePointer) -> Bool) throws(DBusError) {
        guard let handle else { throw Self.closed }
        guard let message = dbus_message_new(type) else { throw .outOfMemory }
        defer { dbus_message_unref(message) }
        guard prepare(message) else { throw .outOfMemory }
        try Self.append(values, to: message)
        guard dbus_connection_send(handle, message, nil) != 0 else { throw .outOfMemory }
    }

    private static func append(_ values: [DBusValue], to message: OpaquePointer) throws(DBusError) {
        guard values.allSatisfy(\.isWellFormed) else { throw malformed }
        guard DBusMarshalling.append(values, to: message) else { throw .outOfMemory }
    }

    /// What dbus_message_new_method_return does, from the copied call: the reply serial, the
    /// caller as destination, and no reply to the reply.
    private static func address(_ message: OpaquePointer, to call: DBusMethodCall) -> Bool {
        dbus_message_set_no_reply(message, 1)
        guard dbus_message_set_reply_serial(message, call.serial) != 0 else { return false }
        if let sender = call.sender { return dbus_message_set_destination(message, sender) != 0 }
        return true
    }

    /// Runs `body` with a fresh DBusError and turns a set one into a Swift error.
    /// Without memory for the error the call still runs, with no error to fill (libdbus takes NULL).
    private static func withError<Result>(_ body: (UnsafeMutablePointer<CDBus.DBusError>?) -> Result) -> (Result, DBusError?) {
        guard let error = s3play_dbus_error_new() else { return (body(nil), nil) }
        defer { s3play_dbus_error_free(error) }
        let result = body(error)
        guard s3play_dbus_error_is_set(error) != 0 else { return (result, nil) }
        return (result, DBusError(name: s3play_dbus_error_name(error).map { String(cString: $0) } ?? "",
                                  message: s3play_dbus_error_message(error).map { String(cString: $0) } ?? ""))
    }
}
