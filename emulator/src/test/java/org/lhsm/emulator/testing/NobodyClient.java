package org.lhsm.emulator.testing;

import java.nio.file.Path;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.server.Op;

/**
 * Run as an unprivileged user: tries root-only and mask-controlled operations and prints {@code
 * name=rc} pairs on one line.
 */
public final class NobodyClient {
  private NobodyClient() {}

  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    Path mount = Path.of(args[1]);
    Path file = Path.of(args[2]);
    Path readOnly = Path.of(args[3]);
    try (ProtocolClient c = new ProtocolClient(socket)) {
      int register =
          c.call(
                  Op.CT_REGISTER,
                  new WireWriter().string(mount.toString()).u32(1).u32(0).string("").toBytes())
              .rc();
      Fid fid = c.path2fid(file);
      int stateSetRoot = c.stateSet(file, Hsm.HS_EXISTS, 0, 0);
      int stateSetUser = c.stateSet(file, Hsm.HS_NORELEASE, 0, 0);
      int stateSetReadOnly = c.stateSet(readOnly, Hsm.HS_NORELEASE, 0, 0);
      int archive = c.request(file, Hsm.HUA_ARCHIVE, 0, 0, new byte[0], fid);
      ActionItem item = new ActionItem(Hsm.HSMA_ARCHIVE, fid, fid, 0, -1L, 1, 0, new byte[0]);
      int copyStart = c.copyStart(item).rc();
      int stateGet = c.call(Op.STATE_GET, ProtocolClient.openFile(file).toBytes()).rc();
      System.out.println(
          "register="
              + register
              + " stateset_root="
              + stateSetRoot
              + " stateset_user="
              + stateSetUser
              + " stateset_readonly="
              + stateSetReadOnly
              + " archive="
              + archive
              + " copystart="
              + copyStart
              + " stateget="
              + stateGet);
    }
  }
}
