/**
 * End-to-end tests of the safe API through the real JNA path: against an emulated filesystem
 * (emulator daemon + emulation library, started per test class) or, with {@code -Dlhsm.mount}, a
 * real Lustre client mount. Tests use only the public API of {@code org.lhsm.bindings}.
 *
 * <p>Threading: each test class owns one {@link org.lhsm.bindings.e2e.HsmTarget}; tests run
 * sequentially. Nullness: nothing is null unless documented.
 */
package org.lhsm.bindings.e2e;
