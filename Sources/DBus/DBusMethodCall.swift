/// A method call that arrived for this process, copied out of libdbus' message so that no
/// message pointer outlives the read: the reply is addressed from `sender` and `serial`.
public struct DBusMethodCall: Sendable, Equatable {
    public var sender: String?
    public var serial: UInt32
    public var path: String
    public var interface: String?
    public var member: String
    public var arguments: [DBusValue]
    /// The caller set NO_REPLY_EXPECTED: an answer would only be dropped by the bus.
    public var expectsReply: Bool

    public init(sender: String?, serial: UInt32, path: String, interface: String?, member: String,
                arguments: [DBusValue], expectsReply: Bool = true) {
        self.sender = sender
        self.serial = serial
        self.path = path
        self.interface = interface
        self.member = member
        self.arguments = arguments
        self.expectsReply = expectsReply
    }
}
