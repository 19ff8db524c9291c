// SwiftPM needs one source file in a C target; the useful part is include/CEpoll.h.
#include "CEpoll.h"
