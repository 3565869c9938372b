package org.lhsm.emulator.cdt;

/**
 * Result of {@code COPY_START}: the data version sampled for an ARCHIVE and the path the copytool
 * opens (the file for ARCHIVE/REMOVE, the volatile file for RESTORE; empty if gone).
 */
public record CopyStart(long dataVersion, String dataPath) {}
