/**
 * The S3 archive backend: archived files are objects in one bucket, one object per Lustre file,
 * keyed by the file's FID (see {@link org.lhsm.copytool.s3.ObjectKeys}).
 *
 * <p>Layers: {@link org.lhsm.copytool.s3.S3Store} moves bytes between file channels and objects
 * (single PUT or parallel multipart upload from a shared {@link
 * org.lhsm.copytool.s3.PartBufferPool}, streaming and ranged GET, CRC32C verification, bounded
 * retries by {@link org.lhsm.copytool.s3.Retrier}, stale-upload sweep); it knows neither the engine
 * nor Lustre and reports failures as {@link org.lhsm.copytool.s3.S3StoreException} with an errno.
 * It is a facade over package-private parts sharing one client and retrier ({@code StorePart}):
 * {@code SinglePut} and {@code MultipartPut} (with {@code UploadBodies} and {@code PartWaits}),
 * {@code ObjectDownload} (with {@code DownloadSink}), {@code ServerSideCopy}, {@code UploadSweeper}
 * (aborts, stale-upload sweep), {@code ObjectRequests} (HEAD, DELETE, list), {@code StartupChecks}
 * (bucket access, checksum probe) and {@code S3Clients} (SDK client set-up). {@link
 * org.lhsm.copytool.s3.S3ArchiveBackend} adapts it to the engine's archive backend interface, and
 * {@link org.lhsm.copytool.s3.S3Import} serves {@code --import}.
 *
 * <p>Threading: a store and a backend are shared by all worker threads and are thread-safe; each
 * transfer runs on the calling worker thread, parts of a multipart upload also on the store's
 * upload pool. Nullness: nothing here accepts or returns null unless documented.
 */
package org.lhsm.copytool.s3;
