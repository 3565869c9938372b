/**
 * NON-API: raw JNA mapping of liblustreapi and libc, with C names and signatures and no logic. Only
 * {@code org.lhsm.bindings} may use it; its types never appear in the public API and may change
 * without notice.
 *
 * <p>Threading: the mappings are stateless; the library's own rules apply (the receive call and the
 * event FIFO are not thread-safe). Nullness: pointer arguments may be null only where the C
 * function accepts NULL.
 */
package org.lhsm.bindings.raw;
