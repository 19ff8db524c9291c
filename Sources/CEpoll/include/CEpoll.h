#ifndef CEPOLL_H
#define CEPOLL_H
// Glibc's Swift module does not export these headers; this target only re-exports them.
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
#endif
