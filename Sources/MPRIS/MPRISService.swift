import DBus
import Foundation
import Synchronization

/// The player on the session bus as `org.mpris.MediaPlayer2.s3play`, so media keys, desktop
/// widgets and `playerctl` control it. One thread owns the connection from start to `stop()`:
/// it connects (so a slow or absent bus never delays the player's start), claims the name,
/// answers calls through `MPRISObject`, compares the player's snapshot after each wait and
/// emits PropertiesChanged and Seeked. Without a bus it ends at once and says nothing: MPRIS
/// is a convenience, and a terminal player often runs where there is no desktop.
public final class MPRISService: Sendable {
    public struct Configuration: Sendable {
        /// DBUS_SESSION_BUS_ADDRESS.
        public var busAddress: String
        /// The name widgets show (MPRIS `Identity`).
        public var identity = "s3play"
        /// The bus name is `org.mpris.MediaPlayer2.` + this, or + this + `.instance<pid>` when a
        /// second player runs (MPRIS, "Bus Name Policy").
        public var playerName = "s3play"
        /// How long one wait for bus traffic lasts. The snapshot is compared after each wait,
        /// so this is also the longest delay of a PropertiesChanged behind the player and of
        /// `stop()`. 100 ms is below what a person notices on a widget.
        public var waitMilliseconds: Int32 = 100
        /// How long authentication, Hello and RequestName may each take. A local bus answers in
        /// well under a millisecond; a bus that accepts but never answers would otherwise hold
        /// the thread, and so the player's quit, without limit.
        public var busTimeoutMilliseconds: Int32 = 2_000
        public var processID = getpid()

        public init(busAddress: String) {
            self.busAddress = busAddress
        }

        /// The session bus from the environment; nil (MPRIS off, silently) when there is none.
        public init?(environment: [String: String]) {
            guard let address = environment["DBUS_SESSION_BUS_ADDRESS"], !address.isEmpty else { return nil }
            self.init(busAddress: address)
        }
    }

    /// What the thread shares with its owner; the thread's closure holds this, never the service.
    private final class Run: Sendable {
        let stopRequested = Atomic(false)
        let claimedName = Mutex<String?>(nil)
    }

    private let run = Run()
    private let finished = DispatchGroup()

    /// Starts serving on a thread of its own. Returns at once, whether or not a bus answers.
    public init(configuration: Configuration, player: any MediaPlayerControl) {
        finished.enter()
        Thread { [run, finished] in
            Self.serve(configuration: configuration, player: player, run: run)
            finished.leave()
        }.start()
    }

    /// Ends serving: the thread stops after its current wait, closes the connection (the bus
    /// then drops the name) and exits before this returns. Idempotent.
    public func stop() {
        run.stopRequested.store(true, ordering: .relaxed)
        finished.wait()
    }

    /// The bus name owned right now (nil before the claim, without a bus, and after `stop()`).
    public var busName: String? { run.claimedName.withLock { $0 } }

    // MARK: the thread

    private static func serve(configuration: Configuration, player: any MediaPlayerControl, run: Run) {
        guard let connection = try? DBusConnection.connect(address: configuration.busAddress,
                                                                 timeoutMilliseconds: configuration.busTimeoutMilliseconds) else { return }
        defer {
            run.claimedName.withLock { $0 = nil }
            // No flush: on a bus that stopped reading it would wait without limit, and what is
            // left unsent at quit (a last PropertiesChanged) matters to nobody.
            connection.close()
        }
        guard let name = claimName(on: connection, configuration: configuration) else { return }
        run.claimedName.withLock { $0 = name }
        let locator = AlbumArtLocator()
        let object = MPRISObject(player: player, identity: configuration.identity,
                                 artURL: { locator.artURL(forLocation: $0) })
        var tracker = MPRISChangeTracker()
        let clock = ContinuousClock()
        let start = clock.now
        while !run.stopRequested.load(ordering: .relaxed) {
            guard connection.readWrite(timeoutMilliseconds: configuration.waitMilliseconds) else { return }
            while let call = connection.nextMethodCall() {
                switch object.answer(call) {
                case .values(let values): try? connection.reply(to: call, values)
                case .error(let errorName, let message): try? connection.replyError(to: call, name: errorName, message: message)
                }
            }
            let snapshot = player.snapshot
            let elapsed = start.duration(to: clock.now)
            let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let signals = tracker.update(properties: object.playerProperties(snapshot),
                                         positionSeconds: snapshot.elapsedSeconds, now: now)
            publish(signals, on: connection)
        }
    }

    /// `org.mpris.MediaPlayer2.s3play`, else the per-process instance name; nil when neither
    /// can be had (the service then ends quietly).
    private static func claimName(on connection: DBusConnection, configuration: Configuration) -> String? {
        let base = MPRISNames.busNamePrefix + configuration.playerName
        for name in [base, base + ".instance\(configuration.processID)"] {
            if (try? connection.requestName(name, timeoutMilliseconds: configuration.busTimeoutMilliseconds)) == true {
                return name
            }
        }
        return nil
    }

    private static func publish(_ signals: MPRISChangeTracker.Signals, on connection: DBusConnection) {
        if !signals.changed.isEmpty {
            try? connection.emitSignal(path: MPRISNames.objectPath, interface: MPRISNames.propertiesInterface,
                                       member: "PropertiesChanged",
                                       [.string(MPRISNames.playerInterface), .stringVariantDictionary(signals.changed),
                                        .stringArray([])])
        }
        if let position = signals.seekedTo {
            try? connection.emitSignal(path: MPRISNames.objectPath, interface: MPRISNames.playerInterface,
                                       member: "Seeked", [.int64(position)])
        }
        // Sent by the next readWrite, which returns as soon as the socket takes them.
    }
}
