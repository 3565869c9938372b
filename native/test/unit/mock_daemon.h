/* A tiny in-process stand-in for the emulator daemon (a few RPCs only). */
#ifndef LHSM_MOCK_DAEMON_H
#define LHSM_MOCK_DAEMON_H

#include <limits.h>
#include <pthread.h>
#include <stdint.h>

struct mock {
	char dir[256];        /* D */
	char sock[300];       /* D/state/emulator.sock */
	int lfd;
	int stop[2];
	pthread_t th;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int event_fd;         /* event connection of the registered copytool */
	int registrations;
	int requests;         /* requests answered so far */
	uint32_t last_op;
	uint8_t last_body[8192];
	size_t last_len;
	uint8_t op_body[64][2048]; /* last body per op number */
	size_t op_len[64];
	char prev_uuid[64];   /* prev_agent_uuid of the last CT_REGISTER */
	uint64_t reregister_cookie; /* list sent after a re-registration */
	uint32_t stall_op;    /* answer the next request of this op with a header
	                       * whose body never comes (then cleared) */
};

/* Creates D (fs/, mnt -> fs, state/) and starts serving. */
void mock_start(struct mock *m);
/* Stops serving: closes the listener and every connection (a "crash"). */
void mock_stop(struct mock *m);
/* Starts serving again on the same socket path. */
void mock_restart(struct mock *m);
/* Sends a KUC list frame on the event connection. */
int mock_send_list(struct mock *m, uint32_t archive_id, uint64_t cookie);
/* Copies the last request (op, body) under the lock. */
uint32_t mock_last(struct mock *m, uint8_t *body, size_t *len);
/* Requests answered so far (+ registrations and last prev uuid), locked. */
int mock_count(struct mock *m, int *registrations, char *prev, size_t prevsz);
/* Copies the last request of the given op; 0 if there was none. */
int mock_last_of(struct mock *m, uint32_t op, uint8_t *body, size_t *len);

#endif
