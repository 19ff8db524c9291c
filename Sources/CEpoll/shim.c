// The useful part of this target is include/CEpoll.h; this file holds the one call that needs
// _GNU_SOURCE, which must be defined before any system header.
#ifdef __linux__
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/socket.h>
#endif
#include <malloc.h>
#include "CEpoll.h"

#ifdef __linux__
int cepoll_accept_nonblocking(int fd) {
    return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

void cepoll_release_free_memory(void) {
    malloc_trim(0);
}
#endif
