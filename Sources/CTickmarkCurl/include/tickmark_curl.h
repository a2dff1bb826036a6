#ifndef TICKMARK_CURL_H
#define TICKMARK_CURL_H

// libcurl, loaded with dlopen when the first HTTP probe runs: the headers give the types and
// constants, every call goes through a pointer looked up in libcurl.so.4. Nothing here links
// libcurl, so commands that send no HTTP request never load it.

#include <stddef.h>
#include <curl/curl.h>

/// Loads `library` (such as "libcurl.so.4") once and initialises it; 0 when ready, otherwise -1
/// with the reason in `error`. Later calls return the first call's answer.
int tickmark_curl_load(const char *library, char *error, size_t size);

/// Whether `library` can be opened, without keeping it or changing what `tickmark_curl_load`
/// loaded: 0 when it can, otherwise -1 with the reason in `error`.
int tickmark_curl_try_open(const char *library, char *error, size_t size);

/// The version text of the loaded libcurl ("7.88.1"), or NULL before loading.
const char *tickmark_curl_version(void);

/// Whether the loaded libcurl speaks HTTP/2.
int tickmark_curl_has_http2(void);

CURL *tickmark_curl_easy_init(void);
void tickmark_curl_easy_cleanup(CURL *handle);
CURLcode tickmark_curl_perform(CURL *handle);
const char *tickmark_curl_strerror(CURLcode code);

CURLcode tickmark_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode tickmark_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value);
CURLcode tickmark_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode tickmark_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *list);

/// Receives response bytes: `kind` 0 for a header line, 1 for body bytes. Returns 0 to go on,
/// anything else to stop the transfer.
typedef int (*tickmark_curl_sink)(void *context, int kind, const char *bytes, size_t count);

/// Where a handle's header lines and body bytes go; it must live as long as the transfer.
struct tickmark_curl_sink_slot {
    tickmark_curl_sink function;
    void *context;
};

/// Sends header lines and body bytes to `slot->function` with `slot->context`.
CURLcode tickmark_curl_set_sink(CURL *handle, struct tickmark_curl_sink_slot *slot);

CURLcode tickmark_curl_info_long(CURL *handle, CURLINFO info, long *value);
CURLcode tickmark_curl_info_offset(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode tickmark_curl_info_string(CURL *handle, CURLINFO info, const char **value);

struct curl_slist *tickmark_curl_list_append(struct curl_slist *list, const char *text);
void tickmark_curl_list_free(struct curl_slist *list);

#endif
