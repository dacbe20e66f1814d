import CCurl

/// An owned `curl_slist` of request header lines ("Name: value"). libcurl reads the list during
/// the transfer, so it must outlive the easy handle's use of it: the easy handle keeps it.
final class CurlHeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ lines: [String]) {
        for line in lines {
            pointer = curl_slist_append(pointer, line)
        }
    }

    deinit { curl_slist_free_all(pointer) }
}
