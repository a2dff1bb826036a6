#include "tickmark_curl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long);
    curl_version_info_data *(*version_info)(CURLversion);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLSH *(*share_init)(void);
    CURLSHcode (*share_setopt)(CURLSH *, CURLSHoption, ...);
    CURLSHcode (*share_cleanup)(CURLSH *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} api;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static int load_state;          // 0 not tried, 1 loaded, -1 failed
static char load_error[512];
static const char *loaded_version;
static int loaded_http2;

static int look_up(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot == NULL) {
        snprintf(load_error, sizeof load_error, "libcurl has no %s", name);
        return -1;
    }
    return 0;
}

int tickmark_curl_load(const char *library, char *error, size_t size) {
    pthread_mutex_lock(&load_lock);
    if (load_state == 0) {
        // Lazy binding: libcurl and its thirty-odd libraries resolve a function when it is first
        // called, not all at load, which is most of what loading costs.
        void *handle = dlopen(library, RTLD_LAZY | RTLD_LOCAL);
        if (handle == NULL) {
            const char *reason = dlerror();
            snprintf(load_error, sizeof load_error, "%s", reason ? reason : "cannot be loaded");
            load_state = -1;
        } else if (look_up(handle, "curl_global_init", (void **)&api.global_init)
                   || look_up(handle, "curl_version_info", (void **)&api.version_info)
                   || look_up(handle, "curl_easy_init", (void **)&api.easy_init)
                   || look_up(handle, "curl_easy_cleanup", (void **)&api.easy_cleanup)
                   || look_up(handle, "curl_easy_setopt", (void **)&api.easy_setopt)
                   || look_up(handle, "curl_share_init", (void **)&api.share_init)
                   || look_up(handle, "curl_share_setopt", (void **)&api.share_setopt)
                   || look_up(handle, "curl_share_cleanup", (void **)&api.share_cleanup)
                   || look_up(handle, "curl_multi_init", (void **)&api.multi_init)
                   || look_up(handle, "curl_multi_setopt", (void **)&api.multi_setopt)
                   || look_up(handle, "curl_multi_add_handle", (void **)&api.multi_add_handle)
                   || look_up(handle, "curl_multi_remove_handle", (void **)&api.multi_remove_handle)
                   || look_up(handle, "curl_multi_perform", (void **)&api.multi_perform)
                   || look_up(handle, "curl_multi_poll", (void **)&api.multi_poll)
                   || look_up(handle, "curl_multi_wakeup", (void **)&api.multi_wakeup)
                   || look_up(handle, "curl_multi_info_read", (void **)&api.multi_info_read)
                   || look_up(handle, "curl_easy_getinfo", (void **)&api.easy_getinfo)
                   || look_up(handle, "curl_easy_strerror", (void **)&api.easy_strerror)
                   || look_up(handle, "curl_slist_append", (void **)&api.slist_append)
                   || look_up(handle, "curl_slist_free_all", (void **)&api.slist_free_all)) {
            load_state = -1;
        } else if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            snprintf(load_error, sizeof load_error, "curl_global_init failed");
            load_state = -1;
        } else {
            curl_version_info_data *info = api.version_info(CURLVERSION_NOW);
            loaded_version = info ? info->version : "unknown";
            loaded_http2 = info && (info->features & CURL_VERSION_HTTP2) != 0;
            load_state = 1;
        }
    }
    int state = load_state;
    if (state == -1) load_state = 0;   // a failure is not kept: the library may be installed later
    if (state != 1 && error != NULL && size > 0) snprintf(error, size, "%s", load_error);
    pthread_mutex_unlock(&load_lock);
    return state == 1 ? 0 : -1;
}

int tickmark_curl_try_open(const char *library, char *error, size_t size) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        if (error != NULL && size > 0) snprintf(error, size, "%s", reason ? reason : "cannot be loaded");
        return -1;
    }
    dlclose(handle);
    return 0;
}

const char *tickmark_curl_version(void) { return loaded_version; }
int tickmark_curl_has_http2(void) { return loaded_http2; }

CURL *tickmark_curl_easy_init(void) { return api.easy_init(); }
void tickmark_curl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
const char *tickmark_curl_strerror(CURLcode code) { return api.easy_strerror(code); }

CURLcode tickmark_curl_set_long(CURL *handle, CURLoption option, long value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode tickmark_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode tickmark_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return api.easy_setopt(handle, option, value);
}

CURLcode tickmark_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *list) {
    return api.easy_setopt(handle, option, list);
}

static size_t on_header(char *bytes, size_t size, size_t count, void *data) {
    struct tickmark_curl_sink_slot *sink = data;
    return sink->function(sink->context, 0, bytes, size * count) == 0 ? size * count : 0;
}

static size_t on_body(char *bytes, size_t size, size_t count, void *data) {
    struct tickmark_curl_sink_slot *sink = data;
    return sink->function(sink->context, 1, bytes, size * count) == 0 ? size * count : 0;
}

CURLcode tickmark_curl_set_sink(CURL *handle, struct tickmark_curl_sink_slot *slot) {
    CURLcode code;
    if ((code = api.easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header)) != CURLE_OK) return code;
    if ((code = api.easy_setopt(handle, CURLOPT_HEADERDATA, slot)) != CURLE_OK) return code;
    if ((code = api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body)) != CURLE_OK) return code;
    return api.easy_setopt(handle, CURLOPT_WRITEDATA, slot);
}

CURLcode tickmark_curl_info_long(CURL *handle, CURLINFO info, long *value) {
    return api.easy_getinfo(handle, info, value);
}

CURLcode tickmark_curl_info_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return api.easy_getinfo(handle, info, value);
}

CURLcode tickmark_curl_info_string(CURL *handle, CURLINFO info, const char **value) {
    return api.easy_getinfo(handle, info, value);
}

CURLcode tickmark_curl_set_own_dns_cache(CURL *handle, CURLSH **share) {
    *share = api.share_init();
    if (*share == NULL) return CURLE_OUT_OF_MEMORY;
    if (api.share_setopt(*share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK) return CURLE_FAILED_INIT;
    return api.easy_setopt(handle, CURLOPT_SHARE, *share);
}

void tickmark_curl_share_cleanup(CURLSH *share) {
    if (share != NULL) api.share_cleanup(share);
}

CURLM *tickmark_curl_multi_init(void) { return api.multi_init ? api.multi_init() : NULL; }

CURLMcode tickmark_curl_multi_set_long(CURLM *multi, CURLMoption option, long value) {
    return api.multi_setopt(multi, option, value);
}

CURLMcode tickmark_curl_multi_add(CURLM *multi, CURL *handle) { return api.multi_add_handle(multi, handle); }
CURLMcode tickmark_curl_multi_remove(CURLM *multi, CURL *handle) { return api.multi_remove_handle(multi, handle); }
CURLMcode tickmark_curl_multi_perform(CURLM *multi, int *running) { return api.multi_perform(multi, running); }
CURLMcode tickmark_curl_multi_poll(CURLM *multi, int milliseconds) { return api.multi_poll(multi, NULL, 0, milliseconds, NULL); }
CURLMcode tickmark_curl_multi_wakeup(CURLM *multi) { return api.multi_wakeup(multi); }

int tickmark_curl_multi_next_done(CURLM *multi, CURL **handle, CURLcode *result) {
    int left = 0;
    CURLMsg *message;
    while ((message = api.multi_info_read(multi, &left)) != NULL) {
        if (message->msg != CURLMSG_DONE) continue;
        *handle = message->easy_handle;
        *result = message->data.result;
        return 1;
    }
    return 0;
}

struct curl_slist *tickmark_curl_list_append(struct curl_slist *list, const char *text) {
    return api.slist_append(list, text);
}

void tickmark_curl_list_free(struct curl_slist *list) { api.slist_free_all(list); }
