package org.lhsm.copytool.posix;

/**
 * Settings of the POSIX backend.
 *
 * @param paths archive root and layout
 * @param noAttr do not copy mode/owner/times onto archive files
 * @param noXattr do not copy extended attributes onto archive files
 * @param noShadow do not maintain the {@code shadow/} symlink tree
 * @param checksum checksum written beside archive files and verified on restore
 */
public record PosixOptions(
    ArchivePaths paths,
    boolean noAttr,
    boolean noXattr,
    boolean noShadow,
    ChecksumAlgorithm checksum) {}
