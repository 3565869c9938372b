/* Entry point of liblhsmprobe.so / liblhsmprobe-real.so. */
#ifndef LHSM_ABI_PROBE_H
#define LHSM_ABI_PROBE_H

/*
 * Returns a static, NUL-terminated text of "key=value\n" lines:
 * sizeof.<tag>, offsetof.<tag>.<field>, const.<NAME>; values in decimal.
 * Thread-safe; the text is built once.
 */
__attribute__((visibility("default"))) const char *lhsm_abi_probe(void);

#endif
