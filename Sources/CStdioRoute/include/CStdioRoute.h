#ifndef C_STDIO_ROUTE_H
#define C_STDIO_ROUTE_H

#include <stddef.h>

/// Where C stdio's stderr text goes once routed: every write, whole, from any thread.
typedef void (*stdio_route_sink)(const char *bytes, size_t count);

/// Replaces C stdio's `stderr` stream (not file descriptor 2) with an unbuffered stream that
/// hands each write to `sink`, so C libraries that print with fprintf(stderr, ...) go through
/// the same writer as everything else. Takes effect once per process; later calls change
/// nothing. Returns 0 when the route is in place, -1 where the C library cannot build such a
/// stream (then stdio's stderr is left as it was).
int stdio_route_install(stdio_route_sink sink);

/// From now until stdio_route_capture_end, what *this thread* writes through C stdio's stderr
/// is kept in memory instead of reaching the sink; other threads are not affected. Returns 0,
/// or -1 when the route is not installed or a capture is already running on this thread.
int stdio_route_capture_begin(void);

/// Ends this thread's capture and returns what was written (malloc'd, NUL-terminated, for the
/// caller to free; NULL when nothing was captured), its length in `length`.
char *stdio_route_capture_end(size_t *length);

#endif
