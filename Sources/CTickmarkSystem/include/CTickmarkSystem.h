#ifndef CTICKMARK_SYSTEM_H
#define CTICKMARK_SYSTEM_H

/*
 * The few system calls and C macros Swift cannot reach through the Glibc and COpenSSL modules:
 * GNU extensions of posix_spawn (new session, chdir, closefrom) and OpenSSL macros.
 * OpenSSL types are only forward-declared so this header does not re-export OpenSSL.
 */

#include <sys/types.h>

struct ssl_st;
struct ssl_ctx_st;
struct X509_name_st;

/*
 * Starts `path` with `argv` and `envp` in a new session (so in its own process group, whose id is
 * its pid), in `directory`, with standard input from /dev/null, standard output on `output_fd`,
 * standard error on `error_fd`, every other descriptor closed, and default signal dispositions
 * and an empty signal mask. Returns 0 and sets `*pid`, or an errno value.
 */
int tickmark_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                   const char *directory, int output_fd, int error_fd);

/* pipe2(fds, O_CLOEXEC | O_NONBLOCK) on the read end only. Returns 0, or an errno value. */
int tickmark_pipe(int fds[2]);

/*
 * SSL_OP_IGNORE_UNEXPECTED_EOF (a macro): a server closing the connection without a TLS
 * close_notify ends the stream instead of failing the read.
 */
void tickmark_ssl_ctx_ignore_unexpected_eof(struct ssl_ctx_st *context);

/* SSL_set_tlsext_host_name (a macro): sets the server name sent in the handshake (SNI). */
long tickmark_ssl_set_server_name(struct ssl_st *ssl, const char *name);

/*
 * Writes `name` on one line ("C = FR, O = Example, CN = example.com", UTF-8) into `buffer`,
 * NUL-terminated, truncated to `capacity` bytes. Returns the length written.
 */
int tickmark_x509_name_line(const struct X509_name_st *name, char *buffer, int capacity);

#endif
