package org.lhsm.copytool.core;

/** What {@code --import} gives the new released file: the archive file's stat. */
public record ImportAttributes(
    long size, long atimeSec, long mtimeSec, int uid, int gid, int mode) {}
