// Where and as whom to talk to S3: credentials, region, endpoint and addressing style, resolved
// from the environment and the AWS shared files with the AWS CLI's precedence, so that a user's
// existing `aws s3 ls` setup (including MinIO/SeaweedFS profiles) works unchanged. The environment
// is passed in as a dictionary, never read from the process, so tests are hermetic.

import Foundation
import HTTPTransport

public enum S3AddressingStyle: String, Sendable {
    /// https://BUCKET.s3.REGION.amazonaws.com/KEY
    case virtualHosted = "virtual"
    /// https://s3.REGION.amazonaws.com/BUCKET/KEY
    case path
}

public struct S3RequestTarget: Sendable, Equatable {
    /// "scheme://host[:port]" (no trailing slash).
    public var baseURL: String
    /// Value for the Host header: host, plus ":port" only when non-default for the scheme. SigV4
    /// signs this header, so it must be byte-identical to what the HTTP library sends.
    public var hostHeader: String
    /// Raw (unencoded) path: "/bucket/key" (path style) or "/key" (virtual-hosted); "/bucket/" or
    /// "/" for bucket-level requests. Encode with `SigV4Signer.canonicalURI` before sending.
    public var path: String

    public init(baseURL: String, hostHeader: String, path: String) {
        self.baseURL = baseURL
        self.hostHeader = hostHeader
        self.path = path
    }
}

public struct S3ClientSettings: Sendable {
    public var credentials: AWSCredentials
    /// Default "us-east-1" (what MinIO and SeaweedFS expect when nothing is configured).
    public var region: String
    /// nil → AWS (https://s3.REGION.amazonaws.com).
    public var endpoint: S3Endpoint?
    public var addressingStyle: S3AddressingStyle
    public var profile: String
    /// Temporary credentials from a role, SSO, a process, the container or the instance: when
    /// set, requests are signed with its current credentials instead of `credentials`.
    public var credentialCache: AWSCredentialCache?
    /// AWS_MAX_ATTEMPTS / max_attempts and AWS_RETRY_MODE / retry_mode.
    public var retry: S3RetrySettings = S3RetrySettings()
    /// Accelerate, dualstack and FIPS hosts on AWS (S3EndpointFeatures.swift).
    public var endpointFeatures = S3EndpointFeatures()
    /// "requester" for requester-pays buckets: sent, signed, as x-amz-request-payer on every
    /// request (--request-payer, or request_payer in the profile).
    public var requestPayer: String?
    /// AWS_CA_BUNDLE / ca_bundle: the PEM file the transport trusts instead of the system's CAs,
    /// named in the untrusted-certificate message. The transport itself is given it
    /// (HTTPTransportConfiguration.caBundlePath) by whoever makes it.
    public var caBundle: String?

    /// `addressingStyle: nil` picks the default: virtual-hosted on AWS, path style on a custom
    /// endpoint (MinIO, Ceph RGW, SeaweedFS and most other S3-compatible servers need it).
    public init(credentials: AWSCredentials, region: String = "us-east-1", endpoint: S3Endpoint? = nil,
                addressingStyle: S3AddressingStyle? = nil, profile: String = "default") {
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint
        self.addressingStyle = addressingStyle ?? (endpoint == nil ? .virtualHosted : .path)
        self.profile = profile
    }

    /// Resolves as the AWS CLI does: env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, then the profile
    /// (AWS_PROFILE or `profile` arg, default "default") in AWS_SHARED_CREDENTIALS_FILE (default $HOME/.aws/credentials)
    /// then AWS_CONFIG_FILE (default $HOME/.aws/config; sections "[default]" and "[profile NAME]"); region from
    /// AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region`, default us-east-1; endpoint from the
    /// `endpointURL` argument (the --endpoint-url flag), then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then the
    /// profile's s3-nested endpoint_url / services section / top-level endpoint_url; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
    /// disables all configured (non-argument) endpoints. Custom endpoints use path style unless config says addressing_style = virtual; AWS uses virtual-hosted,
    /// except bucket names containing dots (path style, TLS wildcard issue).
    ///
    /// As in the AWS CLI (botocore's credential chain), a profile given explicitly as `profile`
    /// (the --profile flag) takes its credentials from the files and ignores AWS_ACCESS_KEY_ID;
    /// AWS_PROFILE does not. A profile other than "default" that neither file defines is an error.
    ///
    /// Credentials come from the whole provider chain (AWSCredentialChain.swift); sources other
    /// than static keys are fetched once here through `transport` (without one, only static keys,
    /// and instance metadata is not tried).
    public static func resolve(environment: [String: String], endpointURL: String? = nil,
                               profile: String? = nil, transport: HTTPTransport? = nil,
                               credentialRefresh: AWSCredentialRefreshTiming = AWSCredentialRefreshTiming(),
                               now: @escaping @Sendable () -> Date = { Date() }) throws -> S3ClientSettings {
        let sources = try AWSConfigSources(environment: environment, explicitProfile: profile)
        let region = try sources.region()
        let endpoint = try sources.endpoint(argument: endpointURL)
        let style = try sources.addressingStyle()
        let retry = try sources.retrySettings()
        let features = try sources.endpointFeatures(region: region, customEndpoint: endpoint != nil, style: style)
        let requestPayer = try sources.requestPayer()
        let caBundle = try sources.caBundle()
        let chain = AWSCredentialChain(sources: sources, region: region, transport: transport,
                                       timing: credentialRefresh, now: now)
        var settings: S3ClientSettings
        switch try chain.resolve() {
        case .fixed(let credentials):
            settings = S3ClientSettings(credentials: credentials, region: region, endpoint: endpoint,
                                        addressingStyle: style, profile: sources.profile)
        case .refreshing(let cache):
            settings = S3ClientSettings(credentials: try cache.credentials(), region: region, endpoint: endpoint,
                                        addressingStyle: style, profile: sources.profile)
            settings.credentialCache = cache
        }
        settings.retry = retry
        settings.endpointFeatures = features
        settings.requestPayer = requestPayer
        settings.caBundle = caBundle?.path
        return settings
    }

    /// Where a request for `bucket` goes and the region it is signed for. An access-point ARN
    /// as the bucket addresses the access point, signed for the ARN's region.
    public func target(bucket: String, key: String?, region: String) throws(S3Error) -> (target: S3RequestTarget, signingRegion: String) {
        if S3AccessPointARN.looksLikeARN(bucket) {
            let arn = try S3AccessPointARN(parsing: bucket)
            if let endpoint {
                throw .unsupportedAddress("access-point ARNs are supported on AWS only; with the custom endpoint "
                    + "\(endpoint.identity) give the bucket name instead of \(bucket)")
            }
            let host = try arn.host(features: endpointFeatures)
            return (S3RequestTarget(baseURL: "https://\(host)", hostHeader: host, path: "/" + (key ?? "")), arn.region)
        }
        if endpointFeatures.accelerate && !Self.canAddressVirtually(bucket: bucket, scheme: "https", serviceHost: "s3-accelerate.amazonaws.com") {
            throw .unsupportedAddress("S3 Transfer Acceleration needs a bucket name that fits in a host name (no dots, no capitals); "
                + "turn use_accelerate_endpoint off to use \(bucket)")
        }
        return (requestTarget(bucket: bucket, key: key, region: region), region)
    }

    /// key nil → bucket-level (ListObjectsV2).
    /// `region` (default: the configured one) picks the AWS host; a configured endpoint stays as is.
    public func requestTarget(bucket: String, key: String?, region: String? = nil) -> S3RequestTarget {
        let scheme = endpoint?.scheme ?? "https"
        let serviceHost = endpoint?.host ?? endpointFeatures.serviceHost(region: region ?? self.region)
        let virtual = (addressingStyle == .virtualHosted || endpointFeatures.accelerate)
            && Self.canAddressVirtually(bucket: bucket, scheme: scheme, serviceHost: serviceHost)
        let host = virtual ? "\(bucket).\(serviceHost)" : serviceHost
        var hostHeader = host
        if let port = endpoint?.port, port != S3Endpoint.defaultPort(scheme: scheme) {
            hostHeader += ":\(port)"
        }
        let path = virtual ? "/" + (key ?? "") : "/\(bucket)/" + (key ?? "")
        return S3RequestTarget(baseURL: "\(scheme)://\(hostHeader)", hostHeader: hostHeader, path: path)
    }

    /// Virtual-hosted addressing puts the bucket in a DNS name, which needs a DNS-compatible bucket
    /// (3-63 characters of a-z 0-9 "-" ".", starting and ending alphanumeric: S3 bucket naming
    /// rules) and a service host that is a name, not an IP literal. Over https a dotted bucket
    /// fails the *.s3.REGION.amazonaws.com wildcard certificate (one label only), so it goes path
    /// style, as botocore does.
    static func canAddressVirtually(bucket: String, scheme: String, serviceHost: String) -> Bool {
        let bytes = Array(bucket.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              isAlphanumeric(first), isAlphanumeric(last),
              bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }),
              !bucket.contains("..") else { return false }
        if scheme == "https" && bucket.contains(".") { return false }
        let hostIsIPLiteral = serviceHost.hasPrefix("[")
            || serviceHost.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }
        return !hostIsIPLiteral
    }
}
