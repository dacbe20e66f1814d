import CDBus

/// One private connection to a message bus, used from one thread: connect (Hello), own a
/// name, read calls, answer them, emit signals, close. Its owner closes it with `close()`;
/// nothing here closes it implicitly. Messages never leave this type as pointers: calls are
/// copied into `DBusMethodCall` and replies are addressed by sender and serial.
public final class DBusConnection {
    private var handle: OpaquePointer?
    /// The name the bus gave this connection in its answer to Hello (":1.42").
    public private(set) var uniqueName = ""

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Connects to the bus at `address` (the form of DBUS_SESSION_BUS_ADDRESS), authenticates
    /// and says Hello, waiting at most `timeoutMilliseconds` for each: a bus that accepts but
    /// never answers would otherwise hold the caller without limit. A private connection, so that `close()` really ends it (a shared one belongs to
    /// libdbus), and one that never calls exit() when the bus goes away.
    public static func connect(address: String, timeoutMilliseconds: Int32) throws(DBusError) -> DBusConnection {
        _ = dbus_threads_init_default()
        let (opened, openFailure) = withError { error in dbus_connection_open_private(address, error) }
        guard let opened else { throw openFailure ?? .outOfMemory }
        dbus_connection_set_exit_on_disconnect(opened, 0)
        let connection = DBusConnection(handle: opened)
        do throws(DBusError) {
            try connection.authenticate(timeoutMilliseconds: timeoutMilliseconds)
            // What dbus_bus_register does, with our timeout (D-Bus specification, "Hello").
            let answer = try connection.callBus("Hello", [], timeoutMilliseconds: timeoutMilliseconds)
            guard let name = answer.first?.stringValue, dbus_bus_set_unique_name(opened, name) != 0 else {
                throw DBusError(name: DBusErrorName.invalidArgs, message: "the bus answered Hello without a name")
            }
            connection.uniqueName = name
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// Asks for a well-known name without queueing for it; false when another connection
    /// owns it (D-Bus specification, "org.freedesktop.DBus.RequestName").
    public func requestName(_ name: String, timeoutMilliseconds: Int32) throws(DBusError) -> Bool {
        let answer = try callBus("RequestName", [.string(name), .uint32(s3play_dbus_name_flag_do_not_queue())],
                                 timeoutMilliseconds: timeoutMilliseconds)
        return answer.first == .uint32(UInt32(s3play_dbus_request_name_reply_primary_owner()))
    }

    /// Calls a method and waits up to `timeoutMilliseconds` for its answer; an error answer or
    /// no answer in time is thrown.
    public func call(destination: String, path: String, interface: String, member: String, _ arguments: [DBusValue] = [],
                     timeoutMilliseconds: Int32) throws(DBusError) -> [DBusValue] {
        guard let handle else { throw Self.closed }
        guard DBusValue.isValidObjectPath(path) else { throw Self.malformed }
        guard let message = dbus_message_new_method_call(destination, path, interface, member) else { throw .outOfMemory }
        defer { dbus_message_unref(message) }
        try Self.append(arguments, to: message)
        let (reply, failure) = Self.withError { error in
            dbus_connection_send_with_reply_and_block(handle, message, timeoutMilliseconds, error)
        }
        guard let reply else { throw failure ?? .outOfMemory }
        defer { dbus_message_unref(reply) }
        return DBusMarshalling.read(reply)
    }

    /// Runs the SASL exchange (D-Bus specification, "Authentication Protocol") with bounded
    /// waits. libdbus authenticates inside a blocking call without looking at that call's
    /// timeout (measured: a Hello with a 200 ms timeout to a socket that never answers was still
    /// waiting after 40 s), so the handshake is driven here with `read_write`, which keeps to
    /// its timeout, before any call is made.
    private func authenticate(timeoutMilliseconds: Int32) throws(DBusError) {
        guard let handle else { throw Self.closed }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(timeoutMilliseconds)))
        while dbus_connection_get_is_authenticated(handle) == 0 {
            let left = clock.now.duration(to: deadline).components
            let leftMilliseconds = left.seconds * 1_000 + left.attoseconds / 1_000_000_000_000_000
            guard leftMilliseconds > 0 else {
                throw DBusError(name: "org.freedesktop.DBus.Error.Timeout",
                                message: "the bus did not authenticate within \(timeoutMilliseconds) ms")
            }
            guard dbus_connection_read_write(handle, Int32(min(leftMilliseconds, 50))) != 0 else {
                throw DBusError(name: "org.freedesktop.DBus.Error.Disconnected", message: "the bus closed the connection")
            }
        }
    }

    private func callBus(_ member: String, _ arguments: [DBusValue], timeoutMilliseconds: Int32) throws(DBusError) -> [DBusValue] {
        try call(destination: DBUS_SERVICE_DBUS, path: DBUS_PATH_DBUS, interface: DBUS_INTERFACE_DBUS, member: member,
                 arguments, timeoutMilliseconds: timeoutMilliseconds)
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
