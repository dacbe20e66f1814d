// The loopback servers (the Discogs stand-in, the fault-injecting proxy) live in TestServers so
// the stand-alone tools that run them (`s3play-discogs-standin`, `s3play-testproxy`, which the
// demo builds) never link XCTest; tests keep reaching them through TestSupport.
@_exported import TestServers
