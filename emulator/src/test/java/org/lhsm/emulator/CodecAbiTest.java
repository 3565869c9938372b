package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.CurrentAction;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmCopy;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.codec.UserImport;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.codec.UserState;

/**
 * The emulator's own mirror of the ABI ({@code org.lhsm.emulator.codec}) against the C compiler:
 * every numeric constant of the codec against the probe of {@code native/probe} (the {@code
 * lhsm-abi-probe} executable, which prints what {@code native/include/lhsm_hsm_abi.h} gives), the
 * encoders' field placement against the probe's {@code offsetof} values, and the errno numbers
 * against {@code <errno.h>} (the probe has no errno keys).
 */
class CodecAbiTest {
  /** Codec constants with no probe key, and why. */
  private static final Map<String, String> NOT_PROBED =
      Map.of(
          "ActionList.MAX_LIST_SIZE", "LDLM_MAXREQSIZE, a kernel constant outside the user ABI",
          "UserRequest.MAX_LEN", "the client kernel's MDS_MAXREQSIZE/3 check, not in the ABI",
          "Fid.SEQ_NORMAL", "FID_SEQ_NORMAL, a kernel constant outside the user ABI",
          "Hsm.EOF", "the whole-file extent length (-1), not a C constant");

  /** Codec constants checked under a probe key other than {@code const.<NAME>}. */
  private static final Map<String, String> PROBE_KEY =
      Map.ofEntries(
          Map.entry("ActionItem.FIXED_SIZE", "sizeof.hsm_action_item"),
          Map.entry("ActionList.HEADER_SIZE", "sizeof.hsm_action_list"),
          Map.entry("ActionList.KUC_HDR_SIZE", "sizeof.kuc_hdr"),
          Map.entry("CurrentAction.SIZE", "sizeof.hsm_current_action"),
          Map.entry("Fid.SIZE", "sizeof.lu_fid"),
          Map.entry("HsmCopy.SIZE", "sizeof.hsm_copy"),
          Map.entry("Progress.SIZE", "sizeof.hsm_progress"),
          Map.entry("UserImport.SIZE", "sizeof.hsm_user_import"),
          Map.entry("UserRequest.HEADER_SIZE", "sizeof.hsm_user_request"),
          Map.entry("UserRequest.ITEM_SIZE", "sizeof.hsm_user_item"),
          Map.entry("UserState.SIZE", "sizeof.hsm_user_state"));

  private static Map<String, Long> c;

  @BeforeAll
  static void runProbe() throws Exception {
    String dir = System.getProperty("lhsm.native.dir");
    Assumptions.assumeTrue(dir != null, "system property lhsm.native.dir is not set");
    Path exe = Path.of(dir, "lhsm-abi-probe");
    Assumptions.assumeTrue(
        Files.isExecutable(exe), "ABI probe " + exe + " not built (build the native module first)");
    String text = run(List.of(exe.toString()), "");
    c = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      // "absent": our header lacks the name (a key of another Lustre version); a codec constant
      // with that name then fails below as unknown to the probe
      if (eq > 0 && !line.substring(eq + 1).strip().equals("absent")) {
        c.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
      }
    }
    assertThat(c).as("probe output").isNotEmpty();
  }

  private static String run(List<String> cmd, String stdin) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      s.transferTo(out);
    }
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ends", cmd).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(p.exitValue()).as("exit status of %s", cmd).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Every public numeric constant of the codec package, as {@code Class.NAME -> value}. */
  private static Map<String, Long> codecConstants() throws Exception {
    URL url = CodecAbiTest.class.getClassLoader().getResource("org/lhsm/emulator/codec");
    assertThat(url).isNotNull();
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(toPath(url))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$") || name.startsWith("package-info")) {
          continue;
        }
        Class<?> k = Class.forName("org.lhsm.emulator.codec." + name.replace(".class", ""));
        for (Field fd : k.getDeclaredFields()) {
          int m = fd.getModifiers();
          boolean numeric = fd.getType() == int.class || fd.getType() == long.class;
          if (numeric && Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)) {
            out.put(k.getSimpleName() + "." + fd.getName(), ((Number) fd.get(null)).longValue());
          }
        }
      }
    }
    return out;
  }

  private static Path toPath(URL url) {
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyCodecConstantMatchesTheProbe() throws Exception {
    Map<String, String> differences = new TreeMap<>();
    for (Map.Entry<String, Long> e : codecConstants().entrySet()) {
      String name = e.getKey();
      if (name.startsWith("Errno.") || NOT_PROBED.containsKey(name)) {
        continue;
      }
      String key = PROBE_KEY.getOrDefault(name, "const." + name.substring(name.indexOf('.') + 1));
      Long probed = c.get(key);
      if (!e.getValue().equals(probed)) {
        differences.put(name, "emulator " + e.getValue() + ", probe " + key + "=" + probed);
      }
    }
    assertThat(differences)
        .as("codec constants the probe reports differently or not at all")
        .isEmpty();
    assertThat(codecConstants()).containsKeys(PROBE_KEY.keySet().toArray(String[]::new));
    assertThat(codecConstants()).containsKeys(NOT_PROBED.keySet().toArray(String[]::new));
  }

  @Test
  void errnoNumbersMatchTheCompilersErrnoH() throws Exception {
    String cc = System.getenv().getOrDefault("CC", "cc");
    String macros;
    try {
      macros = run(List.of(cc, "-dM", "-E", "-x", "c", "-"), "#include <errno.h>\n");
    } catch (IOException e) {
      Assumptions.assumeTrue(false, "no C compiler '" + cc + "': " + e.getMessage());
      return;
    }
    Map<String, Long> fromC = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^#define (E[A-Z0-9]+) ([0-9]+)$").matcher(macros);
    while (m.find()) {
      fromC.put(m.group(1), Long.parseLong(m.group(2)));
    }
    Map<String, String> differences = new TreeMap<>();
    codecConstants().entrySet().stream()
        .filter(e -> e.getKey().startsWith("Errno."))
        .forEach(
            e -> {
              String name = e.getKey().substring("Errno.".length());
              if (!e.getValue().equals(fromC.get(name))) {
                differences.put(
                    name, "emulator " + e.getValue() + ", <errno.h> " + fromC.get(name));
              }
              assertThat(Errno.name(e.getValue().intValue())).isEqualTo(name);
            });
    assertThat(differences).as("errno numbers that differ from <errno.h>").isEmpty();
  }

  // ---------------------------------------------------------------- field placement

  private static int off(String struct, String field) {
    Long v = c.get("offsetof." + struct + "." + field);
    assertThat(v).as("probe offsetof.%s.%s", struct, field).isNotNull();
    return v.intValue();
  }

  private static long le(byte[] b, int at, int width) {
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  private static void field(byte[] b, int at, int width, long expected, String what) {
    assertThat(le(b, at, width)).as(what).isEqualTo(expected);
  }

  private static final Fid FID = new Fid(0x200000401L, 0x12, 0x3);
  private static final Fid DFID = new Fid(0x200000402L, 0x45, 0x6);

  private static void fidAt(byte[] b, int at, Fid fid, String what) {
    field(b, at + off("lu_fid", "f_seq"), 8, fid.seq(), what + ".f_seq");
    field(b, at + off("lu_fid", "f_oid"), 4, fid.oid(), what + ".f_oid");
    field(b, at + off("lu_fid", "f_ver"), 4, fid.ver(), what + ".f_ver");
  }

  private static void extentAt(byte[] b, int at, long offset, long length, String what) {
    field(b, at + off("hsm_extent", "offset"), 8, offset, what + ".offset");
    field(b, at + off("hsm_extent", "length"), 8, length, what + ".length");
  }

  private static final ActionItem ITEM =
      new ActionItem(Hsm.HSMA_RESTORE, FID, DFID, 0x1000, 0x2000, 0x6b06905aL, 0x77, new byte[0]);

  private static void itemAt(byte[] b, int at, ActionItem i) {
    String s = "hsm_action_item";
    field(b, at + off(s, "hai_len"), 4, i.len(), "hai_len");
    field(b, at + off(s, "hai_action"), 4, i.action(), "hai_action");
    fidAt(b, at + off(s, "hai_fid"), i.fid(), "hai_fid");
    fidAt(b, at + off(s, "hai_dfid"), i.dfid(), "hai_dfid");
    extentAt(b, at + off(s, "hai_extent"), i.offset(), i.length(), "hai_extent");
    field(b, at + off(s, "hai_cookie"), 8, i.cookie(), "hai_cookie");
    field(b, at + off(s, "hai_gid"), 8, i.gid(), "hai_gid");
  }

  @Test
  void actionListAndKucFrameFieldsSitAtTheProbeOffsets() throws Exception {
    byte[] hal = ActionList.encode("lustre", 7, 0x5, List.of(ITEM));
    String s = "hsm_action_list";
    field(hal, off(s, "hal_version"), 4, ActionList.HAL_VERSION, "hal_version");
    field(hal, off(s, "hal_count"), 4, 1, "hal_count");
    field(hal, off(s, "hal_compound_id"), 8, 0, "hal_compound_id");
    field(hal, off(s, "hal_flags"), 8, 0x5, "hal_flags");
    field(hal, off(s, "hal_archive_id"), 4, 7, "hal_archive_id");
    assertThat(new String(hal, off(s, "hal_fsname"), 6, StandardCharsets.US_ASCII))
        .isEqualTo("lustre");
    itemAt(hal, ActionList.headerSize("lustre"), ITEM);
    assertThat(ActionList.decode(hal).items()).containsExactly(ITEM);

    byte[] frame = ActionList.actionListFrame(hal);
    String k = "kuc_hdr";
    field(frame, off(k, "kuc_magic"), 2, c.get("const.KUC_MAGIC"), "kuc_magic");
    field(frame, off(k, "kuc_transport"), 1, c.get("const.KUC_TRANSPORT_HSM"), "kuc_transport");
    field(frame, off(k, "kuc_flags"), 1, 0, "kuc_flags");
    field(frame, off(k, "kuc_msgtype"), 2, c.get("const.HMT_ACTION_LIST"), "kuc_msgtype");
    field(frame, off(k, "kuc_msglen"), 2, frame.length, "kuc_msglen");
  }

  @Test
  void copytoolStructuresSitAtTheProbeOffsets() throws Exception {
    HsmCopy copy = new HsmCopy(0x1122334455L, Hsm.HP_FLAG_COMPLETED, 125, ITEM);
    byte[] hc = copy.encode();
    field(hc, off("hsm_copy", "hc_data_version"), 8, 0x1122334455L, "hc_data_version");
    field(hc, off("hsm_copy", "hc_flags"), 2, Hsm.HP_FLAG_COMPLETED, "hc_flags");
    field(hc, off("hsm_copy", "hc_errval"), 2, 125, "hc_errval");
    itemAt(hc, off("hsm_copy", "hc_hai"), ITEM);
    assertThat(HsmCopy.decode(hc)).isEqualTo(copy);

    Progress p = new Progress(FID, 0x6b06905aL, 0x1000, 0x2000, Hsm.HP_FLAG_RETRY, 5);
    byte[] hp = p.encode();
    fidAt(hp, off("hsm_progress", "hp_fid"), FID, "hp_fid");
    field(hp, off("hsm_progress", "hp_cookie"), 8, 0x6b06905aL, "hp_cookie");
    extentAt(hp, off("hsm_progress", "hp_extent"), 0x1000, 0x2000, "hp_extent");
    field(hp, off("hsm_progress", "hp_flags"), 2, Hsm.HP_FLAG_RETRY, "hp_flags");
    field(hp, off("hsm_progress", "hp_errval"), 2, 5, "hp_errval");
    assertThat(Progress.decode(hp)).isEqualTo(p);
  }

  @Test
  void userStructuresSitAtTheProbeOffsets() throws Exception {
    UserRequest req =
        new UserRequest(
            Hsm.HUA_ARCHIVE,
            3,
            Hsm.HSM_FORCE_ACTION,
            List.of(new UserRequest.Item(FID, 0x10, 0x20)),
            new byte[] {1, 2});
    byte[] hur = req.encode();
    int hr = off("hsm_user_request", "hur_request");
    field(hur, hr + off("hsm_request", "hr_action"), 4, Hsm.HUA_ARCHIVE, "hr_action");
    field(hur, hr + off("hsm_request", "hr_archive_id"), 4, 3, "hr_archive_id");
    field(hur, hr + off("hsm_request", "hr_flags"), 8, Hsm.HSM_FORCE_ACTION, "hr_flags");
    field(hur, hr + off("hsm_request", "hr_itemcount"), 4, 1, "hr_itemcount");
    field(hur, hr + off("hsm_request", "hr_data_len"), 4, 2, "hr_data_len");
    int hui = off("hsm_user_request", "hur_user_item");
    fidAt(hur, hui + off("hsm_user_item", "hui_fid"), FID, "hui_fid");
    extentAt(hur, hui + off("hsm_user_item", "hui_extent"), 0x10, 0x20, "hui_extent");
    UserRequest back = UserRequest.decode(hur);
    assertThat(back.items()).isEqualTo(req.items());
    assertThat(back.data()).isEqualTo(req.data());

    UserImport imp = new UserImport(4096, 11, 22, 33, 44, 1000, 2000, 0640, 9);
    byte[] ui = imp.encode();
    String s = "hsm_user_import";
    field(ui, off(s, "hui_size"), 8, 4096, "hui_size");
    field(ui, off(s, "hui_atime"), 8, 11, "hui_atime");
    field(ui, off(s, "hui_mtime"), 8, 22, "hui_mtime");
    field(ui, off(s, "hui_atime_ns"), 4, 33, "hui_atime_ns");
    field(ui, off(s, "hui_mtime_ns"), 4, 44, "hui_mtime_ns");
    field(ui, off(s, "hui_uid"), 4, 1000, "hui_uid");
    field(ui, off(s, "hui_gid"), 4, 2000, "hui_gid");
    field(ui, off(s, "hui_mode"), 4, 0640, "hui_mode");
    field(ui, off(s, "hui_archive_id"), 4, 9, "hui_archive_id");
    assertThat(UserImport.decode(ui)).isEqualTo(imp);

    byte[] hus = new UserState(0xd, 4).encode();
    field(hus, off("hsm_user_state", "hus_states"), 4, 0xd, "hus_states");
    field(hus, off("hsm_user_state", "hus_archive_id"), 4, 4, "hus_archive_id");

    byte[] hca = new CurrentAction(Hsm.HPS_RUNNING, Hsm.HUA_RESTORE, 0x10, 0x20).encode();
    field(hca, off("hsm_current_action", "hca_state"), 4, Hsm.HPS_RUNNING, "hca_state");
    field(hca, off("hsm_current_action", "hca_action"), 4, Hsm.HUA_RESTORE, "hca_action");
    extentAt(hca, off("hsm_current_action", "hca_location"), 0x10, 0x20, "hca_location");

    byte[] fid = new byte[Fid.SIZE];
    FID.write(ByteBuffer.wrap(fid).order(ByteOrder.LITTLE_ENDIAN));
    fidAt(fid, 0, FID, "lu_fid");
  }
}
