#ifndef S3PLAY_CCURL_SHIM_H
#define S3PLAY_CCURL_SHIM_H
// Swift cannot call variadic C functions, so every curl_easy_setopt / curl_easy_getinfo /
// curl_multi_setopt form the project uses gets one typed inline wrapper here.
#include <curl/curl.h>

typedef size_t (*s3play_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*s3play_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                             curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode s3play_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode s3play_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode s3play_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode s3play_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode s3play_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode s3play_easy_setopt_data_callback(CURL *h, CURLoption o, s3play_curl_data_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode s3play_easy_setopt_xferinfo_callback(CURL *h, s3play_curl_xferinfo_callback v) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v); }

static inline CURLcode s3play_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode s3play_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode s3play_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode s3play_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// CURL_WRITEFUNC_PAUSE is a macro expression; expose its value rather than retyping it.
static inline size_t s3play_curl_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline int s3play_curl_pause_cont(void) { return CURLPAUSE_CONT; }
static inline curl_version_info_data *s3play_curl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
#endif
