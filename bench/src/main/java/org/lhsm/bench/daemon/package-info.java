/**
 * {@code lhsm-bench daemon}: the emulator daemon's own ceiling. It queues ARCHIVE requests for tiny
 * files through the emulation library and drains them with the fastest agent possible (actions
 * received, begun and ended at once, no data copied), and reports actions per second and the
 * daemon's CPU time per 1000 actions read from {@code /proc/<pid>/stat}. Threads: the calling
 * thread drives the rounds; queueing uses a pool, each agent one receiving thread and a pool of
 * workers. Nullness: no nulls unless documented.
 */
package org.lhsm.bench.daemon;
