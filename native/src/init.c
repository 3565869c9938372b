/* Library constructor (ABI spec 0.3). */
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"

bool liblustreapi_initialized;

static void __attribute__((constructor)) emu_lib_init(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	srandom((unsigned int)(ts.tv_nsec ^ ts.tv_sec ^ getpid()));
	liblustreapi_initialized = true;
}
