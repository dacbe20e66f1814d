import Foundation

/// SeaweedFS behind TLS with a private CA, as a MinIO, Ceph or NAS endpoint is: the test makes a
/// CA and a server certificate for 127.0.0.1 with the openssl CLI (in a temporary directory,
/// never committed) and runs scripts/lib/tls-proxy.py, which terminates TLS on loopback and
/// forwards to SeaweedFS's gateway. `stop()` ends the proxy and removes the keys.
public final class TLSTestProxy: @unchecked Sendable {
    /// https://127.0.0.1:PORT
    public let endpoint: String
    /// The PEM of the CA that signed the server's certificate.
    public let caBundle: String
    /// The PEM of another CA, which did not sign it.
    public let unrelatedCABundle: String
    private let directory: URL
    private let process: Process
    private let input: Pipe

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let dir = directory.path
        try Self.makeCA(named: "ca", in: dir)
        try Self.makeCA(named: "other-ca", in: dir)
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: "\(dir)/server.ext", atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", "\(dir)/server.key", "-out", "\(dir)/server.csr", "-subj", "/CN=127.0.0.1"])
        try Self.openssl(["x509", "-req", "-in", "\(dir)/server.csr", "-CA", "\(dir)/ca.pem", "-CAkey", "\(dir)/ca.key",
                          "-CAcreateserial", "-days", "1", "-extfile", "\(dir)/server.ext", "-out", "\(dir)/server.pem"])
        caBundle = "\(dir)/ca.pem"
        unrelatedCABundle = "\(dir)/other-ca.pem"

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/lib/tls-proxy.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "\(dir)/server.pem", "\(dir)/server.key", String(try SeaweedFS.port())]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the port; the pipe's reading end stays open until the proxy exits.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw TestSupportError("scripts/lib/tls-proxy.py did not start (python3 with the ssl module is needed)")
        }
        endpoint = "https://127.0.0.1:\(port)"
    }

    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func makeCA(named name: String, in dir: String) throws {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", "\(dir)/\(name).key", "-out", "\(dir)/\(name).pem", "-days", "1",
                     "-subj", "/CN=s3play test \(name)",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    private static func openssl(_ arguments: [String]) throws {
        let outcome = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["openssl"] + arguments)
        guard outcome.status == 0 else {
            throw TestSupportError("openssl \(arguments.first ?? "") failed: \(outcome.standardError.split(separator: "\n").first ?? "")")
        }
    }
}
