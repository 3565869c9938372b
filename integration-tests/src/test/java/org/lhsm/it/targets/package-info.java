/**
 * The two targets of the suite (emulated filesystem, real Lustre mounts) behind one interface,
 * chosen by {@code -Dlhsm.mount}. A target is used by one test class at a time (not thread-safe);
 * nothing is null unless documented.
 */
package org.lhsm.it.targets;
