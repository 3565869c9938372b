package org.lhsm.emulator.log;

import java.util.HexFormat;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;

/** One request record ({@code llog_agent_req_rec}); mutable, owned by the request log. */
public final class ActionRecord {
  private static final String RECORD_TYPE = "10680000";
  private final int index;
  private RecordStatus status;
  private final int archiveId;
  private final long flags;
  private final long createSec;
  private long changeSec;
  private ActionItem item;
  private String agentUuid;

  /** The {@code hsm.actions} line, rendered once per state (null: to render). */
  private String formatted;

  public ActionRecord(
      int index,
      RecordStatus status,
      int archiveId,
      long flags,
      long createSec,
      long changeSec,
      ActionItem item,
      String agentUuid) {
    this.index = index;
    this.status = status;
    this.archiveId = archiveId;
    this.flags = flags;
    this.createSec = createSec;
    this.changeSec = changeSec;
    this.item = item;
    this.agentUuid = agentUuid;
  }

  public int index() {
    return index;
  }

  public RecordStatus status() {
    return status;
  }

  public int archiveId() {
    return archiveId;
  }

  public long flags() {
    return flags;
  }

  public long createSec() {
    return createSec;
  }

  public long changeSec() {
    return changeSec;
  }

  public ActionItem item() {
    return item;
  }

  /** Agent the record was last sent to, or empty. */
  public String agentUuid() {
    return agentUuid;
  }

  public long cookie() {
    return item.cookie();
  }

  public int action() {
    return item.action();
  }

  void setStatus(RecordStatus s, long nowSec) {
    status = s;
    changeSec = nowSec;
    formatted = null;
  }

  void setItem(ActionItem i) {
    item = i;
    formatted = null;
  }

  void setAgent(String uuid) {
    agentUuid = uuid;
  }

  /** A pending (WAITING or STARTED) record that is not a CANCEL: what {@code pendingFor} finds. */
  boolean isPendingNonCancel() {
    return (status == RecordStatus.WAITING || status == RecordStatus.STARTED)
        && item.action() != Hsm.HSMA_CANCEL;
  }

  /** Index, status, action, FID and cookie, for messages. */
  @Override
  public String toString() {
    return "#"
        + index
        + " "
        + status
        + " "
        + Hsm.actionName(item.action())
        + " "
        + item.fid()
        + " cookie=0x"
        + Long.toHexString(item.cookie());
  }

  /** Record length as the llog shows it: 136 bytes + data, rounded up to 8. */
  public int recordLength() {
    int data = item.len() - ActionItem.FIXED_SIZE;
    return (136 + data + 7) & ~7;
  }

  /** One line of {@code hsm.actions}, in the 2.16 format (kept until the record changes). */
  public String format() {
    String f = formatted;
    if (f == null) {
      f = render();
      formatted = f;
    }
    return f;
  }

  private String render() {
    ActionItem i = item;
    return "lrh=[type="
        + RECORD_TYPE
        + " len="
        + recordLength()
        + " idx=1/"
        + index
        + "] fid="
        + i.fid()
        + " dfid="
        + i.dfid()
        + " compound/cookie=0x0/0x"
        + Long.toHexString(i.cookie())
        + " action="
        + Hsm.actionName(i.action())
        + " archive#="
        + archiveId
        + " flags=0x"
        + Long.toHexString(flags)
        + " extent=0x"
        + Long.toHexString(i.offset())
        + "-0x"
        + Long.toHexString(i.length())
        + " gid=0x"
        + Long.toHexString(i.gid())
        + " datalen="
        + (i.len() - ActionItem.FIXED_SIZE)
        + " status="
        + status
        + " data=["
        + i.dataPreview()
        + "]";
  }

  String serialize() {
    ActionItem i = item;
    byte[] data = i.data();
    return String.join(
        " ",
        "R",
        Integer.toString(index),
        status.name(),
        Integer.toUnsignedString(archiveId),
        Long.toString(flags),
        Long.toString(createSec),
        Long.toString(changeSec),
        Integer.toString(i.action()),
        i.fid().noBrace(),
        i.dfid().noBrace(),
        Long.toUnsignedString(i.offset()),
        Long.toUnsignedString(i.length()),
        Long.toUnsignedString(i.cookie()),
        Long.toUnsignedString(i.gid()),
        data.length == 0 ? "-" : HexFormat.of().formatHex(data),
        agentUuid.isEmpty() ? "-" : agentUuid);
  }

  static ActionRecord parse(String line) {
    String[] p = line.split(" ");
    if (p.length != 16 || !p[0].equals("R")) {
      throw new IllegalArgumentException("malformed record line");
    }
    byte[] data = p[14].equals("-") ? new byte[0] : HexFormat.of().parseHex(p[14]);
    ActionItem item =
        new ActionItem(
            Integer.parseInt(p[7]),
            Fid.parse(p[8]),
            Fid.parse(p[9]),
            Long.parseUnsignedLong(p[10]),
            Long.parseUnsignedLong(p[11]),
            Long.parseUnsignedLong(p[12]),
            Long.parseUnsignedLong(p[13]),
            data);
    return new ActionRecord(
        Integer.parseInt(p[1]),
        RecordStatus.valueOf(p[2]),
        Integer.parseUnsignedInt(p[3]),
        Long.parseLong(p[4]),
        Long.parseLong(p[5]),
        Long.parseLong(p[6]),
        item,
        p[15].equals("-") ? "" : p[15]);
  }
}
