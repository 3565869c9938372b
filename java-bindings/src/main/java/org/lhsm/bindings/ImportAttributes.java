package org.lhsm.bindings;

/**
 * Attributes of a file imported from the archive ({@code llapi_hsm_import}).
 *
 * @param size file size in bytes
 * @param atimeSec access time, seconds
 * @param atimeNsec access time, nanoseconds
 * @param mtimeSec modification time, seconds
 * @param mtimeNsec modification time, nanoseconds
 * @param uid owner
 * @param gid group
 * @param mode permission bits (only 0777 is applied) plus the file type bits
 */
public record ImportAttributes(
    long size,
    long atimeSec,
    int atimeNsec,
    long mtimeSec,
    int mtimeNsec,
    int uid,
    int gid,
    int mode) {}
