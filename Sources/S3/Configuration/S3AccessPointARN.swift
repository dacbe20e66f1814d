// An S3 access point given where a bucket goes: arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME
// (or accesspoint:NAME). Requests go to NAME-ACCOUNT.s3-accesspoint.REGION.amazonaws.com, always
// virtual-hosted, signed for the ARN's region whatever region is configured (the SDKs' S3 endpoint
// rules with UseArnRegion unset: "vanilla access point arn with region mismatch" signs for the ARN's
// region). FIPS: s3-accesspoint-fips; dualstack: s3-accesspoint.dualstack; acceleration: refused
// ("Access Points do not support S3 Accelerate"). Outposts, Object Lambda and multi-region access
// points are other services with other signers and are refused with a sentence.

import Foundation

public struct S3AccessPointARN: Sendable, Equatable {
    public var partition: String
    public var region: String
    public var account: String
    public var name: String

    /// The ARN as a bucket name: "arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME".
    public static func looksLikeARN(_ bucket: String) -> Bool { bucket.hasPrefix("arn:") }

    /// Parses an access-point ARN; the error says what is wrong with it in one sentence.
    public init(parsing text: String) throws(S3Error) {
        func fail(_ reason: String) -> S3Error { .unsupportedAddress("\(text) is not an S3 access point ARN usable here: \(reason)") }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn" else { throw fail("write arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME") }
        guard parts[2] == "s3" else {
            throw fail("only s3 access points are supported (not \(parts[2]): Outposts and Object Lambda access points are not)")
        }
        guard ["aws", "aws-cn", "aws-us-gov"].contains(parts[1]) else { throw fail("unknown partition \(parts[1])") }
        guard !parts[3].isEmpty else {
            throw fail("it has no region (a multi-region access point needs SigV4A, which s3play does not implement)")
        }
        let resource = parts[5]
        guard resource.hasPrefix("accesspoint/") || resource.hasPrefix("accesspoint:") else {
            throw fail("the resource must be accesspoint/NAME")
        }
        let name = String(resource.dropFirst("accesspoint/".count))
        guard !name.isEmpty, !name.contains("/"), !name.contains(":") else {
            throw fail("the ARN may only contain a single resource component after accesspoint")
        }
        // Both become DNS labels of the host name.
        func isLabel(_ text: String) -> Bool {
            !text.isEmpty && text.utf8.count <= 63 && !text.hasPrefix("-") && !text.hasSuffix("-")
                && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        }
        guard isLabel(parts[3]) else { throw fail("the region \(parts[3]) is not a valid region name") }
        guard parts[4].count == 12, parts[4].allSatisfy(\.isASCII), parts[4].allSatisfy(\.isNumber) else {
            throw fail("the account \(parts[4]) must be 12 digits")
        }
        guard isLabel(name) else { throw fail("the access point name \(name) must be lowercase letters, digits and '-'") }
        partition = parts[1]
        region = parts[3]
        account = parts[4]
        self.name = name
    }

    /// The access point's host for the requested variants.
    func host(features: S3EndpointFeatures) throws(S3Error) -> String {
        if features.accelerate {
            throw .unsupportedAddress("access points do not support S3 Transfer Acceleration: turn use_accelerate_endpoint off to use arn:…:accesspoint/\(name)")
        }
        let service = features.fips ? "s3-accesspoint-fips" : "s3-accesspoint"
        let domain = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"
        return "\(name)-\(account).\(service)\(features.dualstack ? ".dualstack" : "").\(region).\(domain)"
    }
}
