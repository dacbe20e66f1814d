import Foundation
import S3
import TestSupport
import XCTest

/// s3play signing in through a credential_process profile, as a user runs it, against moto_server.
final class AWSSignInCommandTests: XCTestCase {
    func testTemporaryCredentialsNeverReachOutputOrAnyFileS3playWrites() throws {
        let temporary = try MotoServer.temporaryCredentials()
        let bucket = try MotoServer.bucket(withObject: "01 Song.mp3", body: Array("not really audio".utf8))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-signin-\(UUID())")
        let home = scratch.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The script (which must hold the secret) lives outside HOME: everything under HOME is
        // s3play's to write, and none of it may contain a secret.
        let script = scratch.appendingPathComponent("creds.sh").path
        try """
        #!/bin/sh
        printf '%s' '{"Version":1,"AccessKeyId":"\(temporary.credentials.accessKeyID)","SecretAccessKey":"\(temporary.credentials.secretAccessKey)","SessionToken":"\(temporary.credentials.sessionToken!)","Expiration":"\(temporary.expiration)"}'
        """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script)
        try "[profile music]\ncredential_process = \(script)\n"
            .write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let environment: [String: String?] = [
            "HOME": home.path, "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil, "AWS_SESSION_TOKEN": nil,
            "AWS_PROFILE": "music", "AWS_SHARED_CREDENTIALS_FILE": nil, "AWS_CONFIG_FILE": nil,
            "AWS_ENDPOINT_URL_S3": try MotoServer.endpoint(), "XDG_CACHE_HOME": nil, "XDG_CONFIG_HOME": nil,
            "XDG_STATE_HOME": nil, "XDG_DATA_HOME": nil, "S3PLAY_CONFIG": nil,
        ]
        // `info` reads the object (HEAD and ranged GETs); `ls` would send delimiter=/, which
        // moto's own signature check gets wrong.
        let listing = try S3PlayProcess.run(["info", "s3://\(bucket)/01 Song.mp3"], environment: environment)
        // The bytes were read with the process's credentials: the only complaint is the content.
        XCTAssertTrue(listing.standardError.hasSuffix("01 Song.mp3 is not audio s3play can play (MP3, FLAC, Ogg Vorbis, Opus, WAV or AIFF): skip it, or convert it to one of those\n"), listing.standardError)
        let scan = try S3PlayProcess.run(["scan", "--library", "s3://\(bucket)/"], environment: environment)

        let secrets = [temporary.credentials.secretAccessKey, temporary.credentials.sessionToken!]
        for outcome in [listing, scan] {
            for secret in secrets {
                XCTAssertFalse(outcome.standardOutput.contains(secret))
                XCTAssertFalse(outcome.standardError.contains(secret))
            }
        }
        let files = FileManager.default.enumerator(at: home, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            for secret in secrets {
                XCTAssertNil(data.range(of: Data(secret.utf8)), "\(url.path) holds a secret")
            }
        }
    }
}
