package org.lhsm.copytool.core;

/**
 * The archive backend serving each archive id (the {@code hal_archive_id} of the list an item came
 * in). A single backend for every id is {@code id -> backend}. Called from worker threads.
 */
@FunctionalInterface
public interface ArchiveBackends {

  /** The backend for {@code archiveId}; never null. */
  ArchiveBackend forArchive(int archiveId);
}
