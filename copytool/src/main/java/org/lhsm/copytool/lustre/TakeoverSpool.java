package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over requests another copytool left STARTED, on orders {@code agentctl takeover} drops in a
 * spool directory ({@code --takeover-dir}), and hands them back to the coordinator at once.
 *
 * <p>The coordinator finds a request by its cookie alone and accepts a progress report or an end
 * for it from any registered client (Lustre 2.16 {@code mdt_hsm_update_request_state}: the progress
 * FID must be the request's FID or data FID; the sender is not checked). So this copytool ends the
 * orphan itself, through its own registration: an error end ({@code ETIMEDOUT}) with {@code
 * HP_FLAG_RETRY}. Without the NoRetryAction policy the record returns to WAITING (same cookie) and
 * is dispatched again; with it (the default) the record ends FAILED, and the request is submitted
 * again for the same file, action, archive id, flags and data, so that it is queued anew. Nothing
 * is copied here: the copytool that left the request may still be alive and writing, and a request
 * handed back is copied by whichever copytool the coordinator picks next, through the usual
 * temporary name and rename.
 *
 * <p>Spool protocol (one directory, owned by this user and closed to others):
 *
 * <ul>
 *   <li>{@code agent}: written here every second: {@code uuid=<agent uuid> pid=<pid> mount=<mount>
 *       time=<epoch ms>}; removed at close.
 *   <li>{@code <name>.order}: written by agentctl (temporary name, then rename); one request per
 *       line: {@code mdt= cookie=0x… action= fid=[…] dfid=[…] archive= flags=0x… extent=0x…-0x…
 *       datalen= data=<hex>}. Renamed to {@code <name>.working} when taken, so two copytools
 *       sharing the directory never both take it.
 *   <li>{@code <name>.result}: written here (temporary name, then rename), one line per order line:
 *       {@code cookie=0x… result=requeued|resubmitted|ended|failed errno=<NAME|-> message=…}.
 * </ul>
 */
public final class TakeoverSpool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TakeoverSpool.class);

  /** How often the directory is looked at (and the heartbeat rewritten). */
  static final long POLL_MILLIS = 500;

  private static final Pattern COOKIE = Pattern.compile("cookie=(\\S+)");

  /** The errno a handed-back request ends with (it shows in the changelog). */
  static final Errno HAND_BACK_ERRNO = Errno.ETIMEDOUT;

  private final ActionSource source;
  private final Path mount;
  private final Path dir;
  private final String agentUuid;
  private final Thread thread;
  private volatile boolean stopped;

  TakeoverSpool(ActionSource source, Path mount, Path dir, String agentUuid) {
    this.source = source;
    this.mount = mount;
    this.dir = dir;
    this.agentUuid = agentUuid;
    this.thread = new Thread(this::loop, "takeover-spool");
    thread.setDaemon(true);
  }

  /**
   * Starts watching {@code dir} (created with mode 0700 if missing) for the copytool registered as
   * {@code source} on {@code mount}.
   *
   * @throws IOException if the directory is usable by other users, or cannot be made
   */
  public static TakeoverSpool start(ActionSource source, Path mount, Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("takeover directory " + dir + " is not a directory");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          "takeover directory "
              + dir
              + " is writable by group or others ("
              + PosixFilePermissions.toString(perms)
              + "): anyone could order takeovers");
    }
    int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (owner != me) {
      throw new IOException(
          "takeover directory "
              + dir
              + " belongs to uid "
              + owner
              + ", not to this user ("
              + me
              + ")");
    }
    TakeoverSpool s = new TakeoverSpool(source, mount, dir, HsmClient.agentUuid(mount));
    s.heartbeat();
    s.thread.start();
    LOG.info("taking over orphaned requests on orders in '{}'", dir);
    return s;
  }

  private void loop() {
    long lastBeat = 0;
    while (!stopped) {
      try {
        long now = System.currentTimeMillis();
        if (now - lastBeat >= 1000) {
          heartbeat();
          lastBeat = now;
        }
        takeOrders();
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("takeover spool '{}': {}", dir, e.toString());
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Takes every order in the directory now; returns how many. */
  int takeOrders() throws IOException {
    List<Path> orders = orders();
    for (Path order : orders) {
      take(order);
    }
    return orders.size();
  }

  void heartbeat() throws IOException {
    write(
        dir.resolve("agent"),
        "uuid="
            + agentUuid
            + " pid="
            + ProcessHandle.current().pid()
            + " mount="
            + mount
            + " time="
            + System.currentTimeMillis()
            + "\n");
  }

  private List<Path> orders() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.order")) {
      for (Path p : ds) {
        out.add(p);
      }
    }
    out.sort(null);
    return out;
  }

  private void take(Path order) throws IOException {
    String name = order.getFileName().toString();
    String base = name.substring(0, name.length() - ".order".length());
    Path working = dir.resolve(base + ".working");
    try {
      Files.move(order, working, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // another copytool took it
    }
    List<String> results = new ArrayList<>();
    for (String line : Files.readAllLines(working, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        results.add(handBack(l));
      }
    }
    write(dir.resolve(base + ".result"), String.join("\n", results) + "\n");
    Files.deleteIfExists(working);
  }

  /** Hands back the request of one order line; returns its result line. */
  String handBack(String line) {
    Matcher cm = COOKIE.matcher(line);
    String cookieText = cm.find() ? cm.group(1) : "?";
    HsmActionItem item;
    int archiveId;
    long flags;
    long dataLength;
    try {
      Map<String, String> f = fields(line);
      CopytoolAction action = CopytoolAction.fromWireName(f.get("action"));
      long cookie = Long.parseUnsignedLong(strip0x(f.get("cookie")), 16);
      Fid fid = Fid.parseLenient(f.get("fid"));
      Fid dfid = Fid.parseLenient(f.get("dfid"));
      String[] ext = f.get("extent").split("-", 2);
      HsmExtent extent =
          new HsmExtent(
              Long.parseUnsignedLong(strip0x(ext[0]), 16),
              Long.parseUnsignedLong(strip0x(ext[1]), 16));
      archiveId = Integer.parseUnsignedInt(f.get("archive"));
      flags = Long.parseUnsignedLong(strip0x(f.getOrDefault("flags", "0")), 16);
      String hex = f.getOrDefault("data", "");
      byte[] data = hex.isEmpty() || hex.equals("-") ? new byte[0] : HexFormat.of().parseHex(hex);
      dataLength = Long.parseLong(f.getOrDefault("datalen", String.valueOf(data.length)));
      item = new HsmActionItem(action, fid, dfid, extent, cookie, 0, data);
    } catch (RuntimeException e) {
      return result(cookieText, "failed", Errno.EINVAL, "bad order line: " + e.getMessage());
    }
    try {
      ActionHandle h = source.beginError(item);
      h.end(item.extent().offset(), 0, true, HAND_BACK_ERRNO.number());
    } catch (IOException e) {
      Errno errno = Errno.of(e).orElse(Errno.EIO);
      LOG.warn("takeover of {} {}: {}", item.cookieHex(), item.fid(), e.getMessage());
      return result(cookieText, "failed", errno, "cannot end the request: " + e.getMessage());
    }
    LOG.info(
        "took over {} {} {}: ended with {} and retry",
        item.action().wireName(),
        item.cookieHex(),
        item.fid(),
        HAND_BACK_ERRNO.name());
    if (item.action() == CopytoolAction.CANCEL) {
      return result(cookieText, "ended", null, "ended");
    }
    UserAction kind = UserAction.valueOf(item.action().name());
    if (pendingAgain(item.fid(), kind)) {
      return result(cookieText, "requeued", null, "back in the queue (WAITING) with its cookie");
    }
    if (dataLength > item.data().length) {
      return result(
          cookieText,
          "ended",
          null,
          "ended FAILED (NoRetryAction): its "
              + dataLength
              + " bytes of data are not all visible, submit it again by hand");
    }
    try {
      HsmClient.request(
          mount,
          new HsmUserRequest(
              kind, archiveId, RequestFlag.fromMask(flags), List.of(item.fid()), item.data()));
    } catch (IOException e) {
      return result(
          cookieText,
          "ended",
          Errno.of(e).orElse(Errno.EIO),
          "ended FAILED (NoRetryAction); submitting it again failed: " + e.getMessage());
    }
    return result(
        cookieText, "resubmitted", null, "ended FAILED (NoRetryAction) and submitted again");
  }

  /** Whether the file again has a request of this kind waiting or running. */
  private boolean pendingAgain(Fid fid, UserAction kind) {
    try {
      HsmCurrentAction a =
          HsmClient.currentAction(mount.resolve(".lustre/fid").resolve(fid.toNoBraceString()));
      return a.isPending() && a.action() == kind;
    } catch (IOException e) {
      return false;
    }
  }

  private static String result(String cookie, String result, Errno errno, String message) {
    return "cookie="
        + cookie
        + " result="
        + result
        + " errno="
        + (errno == null ? "-" : errno.name())
        + " message="
        + message.replace('\n', ' ');
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String tok : line.split("\\s+")) {
      int eq = tok.indexOf('=');
      if (eq > 0) {
        m.put(tok.substring(0, eq).toLowerCase(Locale.ROOT), tok.substring(eq + 1));
      }
    }
    for (String k : List.of("cookie", "action", "fid", "dfid", "extent", "archive")) {
      if (!m.containsKey(k)) {
        throw new IllegalArgumentException("no " + k + "=");
      }
    }
    return m;
  }

  private static String strip0x(String s) {
    return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
  }

  private static void write(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(dir.resolve("agent"));
    } catch (IOException e) {
      LOG.debug("cannot remove {}: {}", dir.resolve("agent"), e.toString());
    }
  }
}
