package org.lhsm.copytool.fakes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.Fid;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.SourceAttributes;

/** Delegates every call; subclasses override what they observe. */
public class ForwardingHandle implements ActionHandle {
  private final ActionHandle d;

  public ForwardingHandle(ActionHandle d) {
    this.d = d;
  }

  @Override
  public Fid dataFid() throws IOException {
    return d.dataFid();
  }

  @Override
  public FileChannel openDataChannel() throws IOException {
    return d.openDataChannel();
  }

  @Override
  public void progress(long offset, long length, long total) throws IOException {
    d.progress(offset, length, total);
  }

  @Override
  public void end(long offset, long length, boolean retry, int errno) throws IOException {
    d.end(offset, length, retry, errno);
  }

  @Override
  public SourceAttributes sourceAttributes() throws IOException {
    return d.sourceAttributes();
  }

  @Override
  public Map<String, byte[]> sourceXattrs() throws IOException {
    return d.sourceXattrs();
  }

  @Override
  public Optional<byte[]> sourceLayout() throws IOException {
    return d.sourceLayout();
  }

  @Override
  public Optional<String> relativePath() {
    return d.relativePath();
  }

  @Override
  public String dataDescription() {
    return d.dataDescription();
  }
}
