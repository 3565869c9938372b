/**
 * {@code lhsm-bench s3}: jhsmtool's S3 backend against {@code rclone} on the same S3 server
 * (S3Proxy with its filesystem backend, started as a child JVM from this jar), and the memory of a
 * JVM running the backend with 16 multipart uploads in flight. Single-threaded harness; the S3
 * server and the RSS driver are child processes stopped by the harness.
 */
package org.lhsm.bench.s3;
