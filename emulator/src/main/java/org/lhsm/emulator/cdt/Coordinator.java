package org.lhsm.emulator.cdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.codec.CurrentAction;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmCopy;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.emulator.log.RequestLog;

/**
 * The emulated MDT coordinator: the entry points the daemon calls, each handed to the part that
 * owns it ({@link Control}, {@link Registration}, {@link RequestAdmission}, {@link CopyLifecycle},
 * {@link Housekeeping}, {@link Dispatcher}); all parts share one {@link CoordinatorState}. See the
 * package documentation for the threading rule.
 */
public final class Coordinator {
  /** Names of writable parameters. */
  public static final List<String> WRITABLE = writable();

  private final CoordinatorState state;
  private final Dispatcher dispatcher;
  private final Control control;
  private final Registration registration;
  private final RequestAdmission admission;
  private final CopyLifecycle copies;
  private final Housekeeping housekeeping;

  public Coordinator(EmulatedFs fs, RequestLog log, MountTable mounts, Clock clock, String fsname) {
    state = new CoordinatorState(fs, log, mounts, clock, fsname);
    dispatcher = new Dispatcher(state);
    control = new Control(state, dispatcher);
    registration = new Registration(state);
    admission = new RequestAdmission(state);
    copies = new CopyLifecycle(state);
    housekeeping = new Housekeeping(state);
  }

  private static List<String> writable() {
    List<String> names = new ArrayList<>();
    names.add("hsm_control");
    names.addAll(Tunables.WRITABLE);
    return List.copyOf(names);
  }

  /** Called after anything that may need a dispatch or a parameter refresh. */
  public void setOnEvent(Runnable r) {
    state.setOnEvent(r);
  }

  public CdtState state() {
    return state.cdtState();
  }

  public Tunables tunables() {
    return state.tunables();
  }

  /** Daemon start (an MDT restart: from the request log alone); see {@link Control#recover()}. */
  public void recover() {
    control.recover();
  }

  /** Applies an {@code hsm_control} command. */
  public void control(String command) throws HsmException {
    control.apply(command);
  }

  /** Registers a copytool on a client mount; returns the agent (client) UUID. */
  public String register(String mount, List<Integer> archives, AgentSink sink) throws HsmException {
    return registration.register(mount, archives, sink);
  }

  /** True if an agent with this UUID is registered and its event connection is open. */
  public boolean isConnected(String uuid) {
    return state.agents().contains(uuid) && state.kuc().hasLive(uuid);
  }

  /** True if an agent with this UUID is registered (possibly lingering after a crash). */
  public boolean isRegistered(String uuid) {
    return state.agents().contains(uuid);
  }

  /** Clean unregister. */
  public void unregister(String uuid) throws HsmException {
    registration.unregister(uuid);
  }

  /** The event connection hit EOF without an unregister: the copytool died. */
  public void connectionLost(String uuid, AgentSink sink) {
    registration.connectionLost(uuid, sink);
  }

  /** Sends the shutdown frame to every copytool (filesystem stop). */
  public void shutdownAgents() {
    registration.shutdownAgents();
  }

  /** {@code LL_IOC_HSM_REQUEST}; RELEASE is executed at once, the others are queued. */
  public void request(Peer peer, UserRequest req) throws HsmException {
    admission.request(peer, req);
  }

  /** {@code LL_IOC_HSM_COPY_START}. */
  public CopyStart copyStart(HsmCopy c) throws HsmException {
    return copies.copyStart(c);
  }

  /** {@code LL_IOC_HSM_PROGRESS}. */
  public void progress(Progress p) throws HsmException {
    copies.progress(p);
  }

  /** {@code LL_IOC_HSM_COPY_END}: the data-version guard of the client kernel, then completion. */
  public void copyEnd(HsmCopy c) throws HsmException {
    copies.copyEnd(c);
  }

  /** Creates the volatile file of a restore. */
  public FileRecord createVolatile(Fid target) throws HsmException {
    return copies.createVolatile(target);
  }

  /** {@code hsm_current_action} of a file. */
  public CurrentAction currentAction(Fid fid) {
    return copies.currentAction(fid);
  }

  /**
   * One wake-up of the coordinator thread: housekeeping every {@code loop_period} seconds (tree
   * scan, timeouts, purge of finished records), then a dispatch scan. Nothing but the tree scan
   * happens unless the coordinator is enabled.
   */
  public void tick() {
    boolean full = housekeeping.runIfDue();
    if (state.cdtState() == CdtState.RUNNING) {
      for (int attempt = 0; attempt <= state.agents().size(); attempt++) {
        if (!dispatcher.dispatchOnce(full)) {
          break;
        }
      }
    }
  }

  /** Sets a writable parameter ({@code hsm_control} or {@code hsm/<name>}). */
  public void setParam(String name, String value) throws HsmException {
    String v = value.trim();
    if (name.equals("hsm_control")) {
      control.apply(v);
    } else {
      state.tunables().set(name, v);
    }
    state.signalEvent();
  }

  /** Every parameter with its file content, relative to {@code mdt/<fs>-MDT0000/}. */
  public Map<String, String> params() {
    return ParamsRenderer.params(state);
  }

  /**
   * The parameters whose text is a list that grows with the load ({@code hsm/actions}, {@code
   * hsm/active_requests}); the others are a few short lines each.
   */
  public static List<String> listParams() {
    return ParamsRenderer.LISTS;
  }

  /**
   * Moves whenever a parameter other than the {@link #listParams() lists} may render differently:
   * the {@code hsm_control} state or a tunable set, an agent added or removed, an active request
   * added or removed (the counts, and an agent's {@code current}/{@code ok}/{@code errors}, which
   * change only with those). Every counter only grows, so the sum moves when any does.
   */
  public long smallVersion() {
    return state.stateVersion()
        + state.tunables().version()
        + state.agents().version()
        + state.active().version();
  }

  /**
   * Moves when the coordinator's shape changes: its {@code hsm_control} state, a tunable, an agent
   * registered or gone. On a real MDT these show in the parameters as soon as the call that made
   * them returns ({@code lctl set_param}, the copytool's register and unregister), so they are
   * never left for a later publication, whatever the load.
   */
  public long shapeVersion() {
    return state.stateVersion() + state.tunables().version() + state.agents().version();
  }

  /** Every parameter but the {@link #listParams()}, with its file content. */
  public Map<String, String> smallParams() {
    return ParamsRenderer.small(state);
  }

  /** One parameter's file content ({@code hsm_control}, {@code hsm/<name>}), or null. */
  public String param(String name) {
    return ParamsRenderer.param(state, name);
  }

  /**
   * Moves whenever list parameter {@code name} would render differently: for {@code hsm/actions} a
   * record added, changed or deleted; for {@code hsm/active_requests} that, or an active request
   * added, removed, or showing other progress (both counters only grow, so their sum moves when
   * either does).
   */
  public long listVersion(String name) {
    long records = state.log().modCount();
    return name.equals("hsm/actions") ? records : records + state.active().version();
  }
}
