package org.lhsm.copytool.core;

/** Attributes of the Lustre file being archived, as copied onto the archive file. */
public record SourceAttributes(
    int mode, int uid, int gid, long atimeSec, long mtimeSec, long size) {}
