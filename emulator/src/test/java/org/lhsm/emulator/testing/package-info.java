/**
 * Test helpers: a protocol client acting as user or copytool, a manual clock and deadline-based
 * waits. Each helper instance is used from one test thread (the copytool's reader thread only feeds
 * a blocking queue). Arguments are never null.
 */
package org.lhsm.emulator.testing;
