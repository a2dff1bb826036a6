#include "CTickmarkSystem.h"

#include <string.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

void tickmark_ssl_ctx_ignore_unexpected_eof(struct ssl_ctx_st *context) {
    SSL_CTX_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF);
}

long tickmark_ssl_set_server_name(struct ssl_st *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

int tickmark_x509_name_line(const struct X509_name_st *name, char *buffer, int capacity) {
    if (capacity <= 0) return 0;
    buffer[0] = 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return 0;
    unsigned long flags = (XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB) | ASN1_STRFLGS_UTF8_CONVERT;
    int length = 0;
    if (X509_NAME_print_ex(bio, name, 0, flags) >= 0) {
        char *data = NULL;
        long available = BIO_get_mem_data(bio, &data);
        length = available < capacity - 1 ? (int)available : capacity - 1;
        if (length > 0 && data != NULL) memcpy(buffer, data, (size_t)length);
        buffer[length > 0 ? length : 0] = 0;
    }
    BIO_free(bio);
    return length > 0 ? length : 0;
}
