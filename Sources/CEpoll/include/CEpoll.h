#ifndef CEPOLL_H
#define CEPOLL_H
// Glibc's Swift module does not export these headers; this target re-exports them, plus the
// flag values as plain constants (Swift imports the EPOLL_EVENTS enum, and 1u << 31, awkwardly).
#ifdef __linux__
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static const uint32_t CEPOLL_IN = EPOLLIN;
static const uint32_t CEPOLL_OUT = EPOLLOUT;
static const uint32_t CEPOLL_ERR = EPOLLERR;
static const uint32_t CEPOLL_HUP = EPOLLHUP;
static const uint32_t CEPOLL_RDHUP = EPOLLRDHUP;
static const uint32_t CEPOLL_ET = EPOLLET;
static const int CEPOLL_CLOEXEC = EPOLL_CLOEXEC;
static const int CEPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int CEPOLL_CTL_DEL = EPOLL_CTL_DEL;
static const int CEVENTFD_NONBLOCK = EFD_NONBLOCK;
static const int CEVENTFD_CLOEXEC = EFD_CLOEXEC;

// accept4 needs _GNU_SOURCE, which Glibc's module is not built with; shim.c defines it.
/// accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC).
int cepoll_accept_nonblocking(int fd);
/// malloc_trim(0): hands freed heap pages of every arena back to the system (malloc.h is not
/// in Glibc's Swift module either).
void cepoll_release_free_memory(void);
#endif
#endif
