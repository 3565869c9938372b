package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client half of the safe API, through JNA, against the fake library. */
class HsmClientFakeLibraryTest {
  private FakeLibrary fake;

  @BeforeEach
  void load() {
    fake = new FakeLibrary();
  }

  @AfterEach
  void unload() {
    fake.close();
  }

  @Test
  void requestIsSplitAndSentInTheCLayout() throws Exception {
    List<Fid> fids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      fids.add(new Fid(0x200000401L, i + 1, 0));
    }
    HsmUserRequest req =
        new HsmUserRequest(
            UserAction.ARCHIVE, 4, EnumSet.of(RequestFlag.FORCE_ACTION), fids, new byte[] {7});

    HsmClient.request(Path.of("/mnt/lustre"), req);

    assertThat(fake.call("fake_request_calls")).isEqualTo(2);
    byte[] last = req.splitToLimit().get(1).encode();
    assertThat(fake.call("fake_request_len")).isEqualTo(last.length);
    assertThat(fake.pointer("fake_request").getByteArray(0, last.length)).isEqualTo(last);
  }

  @Test
  void requestErrorsAreTyped() {
    HsmUserRequest req =
        new HsmUserRequest(UserAction.RESTORE, 0, Set.of(), List.of(Fid.ROOT), null);
    assertThatThrownBy(() -> HsmClient.request(Path.of("/mnt/forbidden"), req))
        .isExactlyInstanceOf(LustreException.class)
        .hasMessage("llapi_hsm_request(/mnt/forbidden): EPERM (Operation not permitted)");
    assertThatThrownBy(() -> HsmClient.request(Path.of("/mnt/missing"), req))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage("/mnt/missing");
    HsmUserRequest empty = new HsmUserRequest(UserAction.RESTORE, 0, Set.of(), List.of(), null);
    assertThatThrownBy(() -> HsmClient.request(Path.of("/mnt"), empty))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stateRoundTripsThroughSetState() throws Exception {
    fake.call("fake_set_state", 0x9, 2);
    assertThat(HsmClient.state(Path.of("/f")))
        .isEqualTo(new HsmUserState(EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED), 2));

    HsmClient.setState(
        Path.of("/f"),
        EnumSet.of(HsmState.NORELEASE, HsmState.DIRTY),
        EnumSet.of(HsmState.EXISTS),
        5);

    assertThat(fake.callLong("fake_set_mask")).isEqualTo(0x12);
    assertThat(fake.callLong("fake_clear_mask")).isEqualTo(0x1);
    assertThat(HsmClient.state(Path.of("/f")).states())
        .containsExactlyInAnyOrder(HsmState.DIRTY, HsmState.ARCHIVED, HsmState.NORELEASE);
    assertThat(HsmClient.state(Path.of("/f")).archiveId()).isEqualTo(5);
    assertThatThrownBy(() -> HsmClient.state(Path.of("/missing")))
        .isInstanceOf(NoSuchFileException.class)
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOENT));
  }

  @Test
  void currentActionIsDecoded() throws Exception {
    assertThat(HsmClient.currentAction(Path.of("/f")))
        .isEqualTo(
            new HsmCurrentAction(
                ProgressState.RUNNING, UserAction.RESTORE, new HsmExtent(4096, 8192)));
  }

  @Test
  void fidAndMountLookups() throws Exception {
    assertThat(HsmClient.path2fid(Path.of("/abc"))).isEqualTo(new Fid(0x200000401L, 4, 0));
    assertThat(HsmClient.fid2path(Path.of("/mnt"), new Fid(0x200000401L, 9, 0)))
        .isEqualTo(Path.of("dir/file"));
    assertThat(HsmClient.fsname(Path.of("/mnt"))).isEqualTo("fakefs");
    assertThatThrownBy(() -> HsmClient.fsname(Path.of("/not-lustre")))
        .isExactlyInstanceOf(LustreException.class)
        .hasMessage("llapi_search_fsname(/not-lustre): ENODEV (No such device)");
    assertThat(HsmClient.agentUuid(Path.of("/mnt"))).isEqualTo("fakefs-clilmv-ffff8881");
  }

  @Test
  void functionsTheLibraryLacksAreNotSupported() {
    assertThatThrownBy(() -> HsmClient.mountPoint(Path.of("/mnt")))
        .isExactlyInstanceOf(LustreNotSupportedException.class)
        .hasMessage("llapi_search_mounts: not supported by this liblustreapi");
    assertThatThrownBy(() -> EventFifo.register(Path.of("/tmp/fifo")))
        .isExactlyInstanceOf(LustreNotSupportedException.class);
  }

  @Test
  void messageLevelIsPassedThrough() throws Exception {
    LustreApi.setMessageLevel(MessageLevel.WARNING);
    assertThat(fake.call("llapi_msg_get_level")).isEqualTo(3);
  }

  @Test
  void libraryMessagesAreFormattedIntoSlf4j() throws Exception {
    LustreApi.routeLogsToSlf4j();
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      fake.call("fake_emit", 2, 5, "cannot archive %s: %d bytes left", "[0x1:0x2:0x0]", 42);
      fake.call("fake_emit", 3 | 0x10, 0, "plain warning %d", 7);
    } finally {
      System.setErr(saved);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("liblustreapi")
        .contains("cannot archive [0x1:0x2:0x0]: 42 bytes left: Input/output error (5)")
        .contains("plain warning 7")
        .doesNotContain("plain warning 7:");
  }
}
