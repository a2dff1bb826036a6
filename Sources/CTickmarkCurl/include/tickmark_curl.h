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

/// Gives `handle` a DNS cache of its own (a share object holding only DNS, stored in `*share`):
/// names it resolves and its CURLOPT_RESOLVE entries are seen by no other transfer. Free the
/// share with `tickmark_curl_share_cleanup` after `tickmark_curl_easy_cleanup(handle)`.
CURLcode tickmark_curl_set_own_dns_cache(CURL *handle, CURLSH **share);
void tickmark_curl_share_cleanup(CURLSH *share);

// The multi interface: one multi handle performs many transfers on one thread. Only
// `tickmark_curl_multi_wakeup` may be called from another thread than the one performing.
/// A new multi handle; NULL when libcurl is not loaded or has none to give.
CURLM *tickmark_curl_multi_init(void);
CURLMcode tickmark_curl_multi_set_long(CURLM *multi, CURLMoption option, long value);
CURLMcode tickmark_curl_multi_add(CURLM *multi, CURL *handle);
CURLMcode tickmark_curl_multi_remove(CURLM *multi, CURL *handle);
CURLMcode tickmark_curl_multi_perform(CURLM *multi, int *running);
/// Waits up to `milliseconds` for activity, less when a transfer's timer expires sooner.
CURLMcode tickmark_curl_multi_poll(CURLM *multi, int milliseconds);
CURLMcode tickmark_curl_multi_wakeup(CURLM *multi);
/// The next finished transfer: 1 with its handle and result, 0 when none is left.
int tickmark_curl_multi_next_done(CURLM *multi, CURL **handle, CURLcode *result);

struct curl_slist *tickmark_curl_list_append(struct curl_slist *list, const char *text);
void tickmark_curl_list_free(struct curl_slist *list);

#endif
