// C stdio's stderr, routed through one sink, with per-thread capture.
//
// libxlsxwriter prints its errors with fprintf(stderr, ...). Redirecting file descriptor 2 to
// silence it would also silence every other thread (a stop message, a warning) for as long as
// the redirection lasts. Instead, the stdio stream itself is replaced, once, by one whose
// writes go to the process's single stderr writer, and a thread that calls into the library
// can keep the library's text for itself while the rest of the process keeps writing.
#define _GNU_SOURCE
#include "CStdioRoute.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static _Atomic(stdio_route_sink) route_sink = NULL;
static atomic_int route_installed = 0;
static pthread_mutex_t route_lock = PTHREAD_MUTEX_INITIALIZER;

/// The memory stream of this thread's capture, if one is running.
static _Thread_local FILE *capture_stream = NULL;
static _Thread_local char *capture_text = NULL;
static _Thread_local size_t capture_length = 0;

static size_t route_write(const char *bytes, size_t count) {
    if (capture_stream != NULL) {
        return fwrite(bytes, 1, count, capture_stream);
    }
    stdio_route_sink sink = atomic_load(&route_sink);
    if (sink != NULL && count > 0) {
        sink(bytes, count);
    }
    return count;
}

#if defined(__GLIBC__)
static ssize_t cookie_write(void *cookie, const char *bytes, size_t count) {
    (void)cookie;
    return (ssize_t)route_write(bytes, count);
}

static FILE *open_route_stream(void) {
    cookie_io_functions_t functions = {NULL, cookie_write, NULL, NULL};
    return fopencookie(NULL, "w", functions);
}
#elif defined(__APPLE__) || defined(__FreeBSD__)
static int cookie_write(void *cookie, const char *bytes, int count) {
    (void)cookie;
    return count < 0 ? -1 : (int)route_write(bytes, (size_t)count);
}

static FILE *open_route_stream(void) { return funopen(NULL, NULL, cookie_write, NULL, NULL); }
#else
static FILE *open_route_stream(void) { return NULL; }
#endif

int stdio_route_install(stdio_route_sink sink) {
    pthread_mutex_lock(&route_lock);
    if (!route_installed) {
        FILE *stream = open_route_stream();
        if (stream != NULL) {
            setvbuf(stream, NULL, _IONBF, 0);
            atomic_store(&route_sink, sink);
            fflush(stderr);
            stderr = stream;
            atomic_store(&route_installed, 1);
        }
    }
    int result = atomic_load(&route_installed) ? 0 : -1;
    pthread_mutex_unlock(&route_lock);
    return result;
}

int stdio_route_capture_begin(void) {
    if (!atomic_load(&route_installed) || capture_stream != NULL) return -1;
    capture_text = NULL;
    capture_length = 0;
    capture_stream = open_memstream(&capture_text, &capture_length);
    return capture_stream != NULL ? 0 : -1;
}

char *stdio_route_capture_end(size_t *length) {
    *length = 0;
    if (capture_stream == NULL) return NULL;
    FILE *stream = capture_stream;
    capture_stream = NULL;
    fclose(stream);
    char *text = capture_text;
    *length = capture_length;
    capture_text = NULL;
    capture_length = 0;
    if (text != NULL && *length == 0) {
        free(text);
        return NULL;
    }
    return text;
}
