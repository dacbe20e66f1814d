// The AWS endpoint variants a user can ask for, read and combined as the SDKs' S3 endpoint rules
// do (the rule set's own test cases, e.g. aws-sdk-ruby gems/aws-sdk-s3/spec/endpoint_provider_spec.rb):
//   plain         BUCKET.s3.REGION.amazonaws.com
//   dualstack     BUCKET.s3.dualstack.REGION.amazonaws.com
//   FIPS          BUCKET.s3-fips.REGION.amazonaws.com        (+ dualstack: s3-fips.dualstack.REGION)
//   accelerate    BUCKET.s3-accelerate.amazonaws.com         (+ dualstack: s3-accelerate.dualstack)
// "Accelerate cannot be used with FIPS"; accelerate needs a bucket in the host name; FIPS and
// dualstack have no meaning on a custom endpoint ("FIPS and custom endpoint are not supported").

import Foundation

public struct S3EndpointFeatures: Sendable, Equatable {
    /// `s3 = use_accelerate_endpoint = true` in the profile.
    public var accelerate: Bool
    /// AWS_USE_DUALSTACK_ENDPOINT, `use_dualstack_endpoint` (also in the s3 block).
    public var dualstack: Bool
    /// AWS_USE_FIPS_ENDPOINT, `use_fips_endpoint`.
    public var fips: Bool

    public init(accelerate: Bool = false, dualstack: Bool = false, fips: Bool = false) {
        self.accelerate = accelerate
        self.dualstack = dualstack
        self.fips = fips
    }

    /// The S3 service host for a region, without a bucket: "s3.REGION.amazonaws.com" and its variants.
    func serviceHost(region: String) -> String {
        let domain = Self.dnsSuffix(region: region)
        if accelerate { return dualstack ? "s3-accelerate.dualstack.\(domain)" : "s3-accelerate.\(domain)" }
        let service = fips ? "s3-fips" : "s3"
        return dualstack ? "\(service).dualstack.\(region).\(domain)" : "\(service).\(region).\(domain)"
    }

    /// The China partition lives under amazonaws.com.cn.
    static func dnsSuffix(region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }
}

extension AWSConfigSources {
    /// The variants asked for, refused when they cannot be combined (one line naming the settings).
    func endpointFeatures(region: String, customEndpoint: Bool,
                          style: S3AddressingStyle?) throws(S3ConfigurationError) -> S3EndpointFeatures {
        let accelerate = try flag(env: nil, profile: nil, s3Block: "use_accelerate_endpoint")
        let dualstack = try flag(env: "AWS_USE_DUALSTACK_ENDPOINT", profile: "use_dualstack_endpoint",
                                 s3Block: "use_dualstack_endpoint")
        let fips = try flag(env: "AWS_USE_FIPS_ENDPOINT", profile: "use_fips_endpoint", s3Block: nil)
        let features = S3EndpointFeatures(accelerate: accelerate, dualstack: dualstack, fips: fips)
        if customEndpoint {
            // botocore: a custom endpoint is used as given; FIPS or dualstack with it is an error.
            if fips || dualstack || accelerate {
                let names = [(accelerate, "use_accelerate_endpoint"), (dualstack, "use_dualstack_endpoint"),
                             (fips, "use_fips_endpoint")].filter(\.0).map(\.1).joined(separator: ", ")
                throw .conflictingSettings("The AWS host settings \(names) cannot be used with a custom endpoint "
                    + "(endpoint_url / --endpoint-url), as in botocore: turn them off or remove the endpoint")
            }
            return features
        }
        if accelerate && fips {
            throw .conflictingSettings("S3 Transfer Acceleration (use_accelerate_endpoint) cannot be used with use_fips_endpoint: it has no FIPS endpoint; turn one off")
        }
        if accelerate && region.hasPrefix("cn-") {
            throw .conflictingSettings("S3 Transfer Acceleration (use_accelerate_endpoint) is not available in region \(region); turn it off")
        }
        if fips && region.hasPrefix("cn-") {
            throw .conflictingSettings("The China partition (region \(region)) has no FIPS endpoints: turn use_fips_endpoint off")
        }
        if accelerate && style == .path {
            throw .conflictingSettings("S3 Transfer Acceleration (use_accelerate_endpoint) needs the bucket in the host name: remove addressing_style = path")
        }
        return features
    }

    /// The environment wins over the profile, the profile's top level over its s3 block, as in botocore.
    /// Only true and false (any case) are accepted; botocore's ensure_boolean would silently read
    /// anything else as false.
    private func flag(env envName: String?, profile name: String?, s3Block blockName: String?) throws(S3ConfigurationError) -> Bool {
        var found: (text: String, source: String)?
        if let envName, let value = env(envName) {
            found = (value, envName)
        } else if let name, let value = setting(name, ofProfile: profile) {
            found = (value.value.text, "\(value.path) line \(value.value.line)")
        } else if let blockName, let value = profileNestedSetting(block: "s3", name: blockName) {
            found = (value.value.text, "\(value.path) line \(value.value.line)")
        }
        guard let found else { return false }
        switch found.text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw .conflictingSettings("The setting \(envName ?? name ?? blockName ?? "") '\(found.text)' from \(found.source) must be true or false")
        }
    }
}
