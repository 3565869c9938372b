package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lhsm.agentctl.Fixtures;
import org.lhsm.agentctl.testing.ParamTree;

class ParamLocatorTest {
  @TempDir Path tmp;

  private ParamLocator locator(ParamTree tree) {
    return tree.layout() == ParamTree.Layout.EMULATOR
        ? new ParamLocator(List.of(tree.emulatorRoot()))
        : new ParamLocator(tree.systemRoots());
  }

  @ParameterizedTest
  @EnumSource(ParamTree.Layout.class)
  void findsTheSameParametersInEveryLayout(ParamTree.Layout layout) throws Exception {
    ParamTree tree = new ParamTree(tmp, layout);
    tree.defaults("lustre-MDT0000");
    tree.defaults("lustre-MDT0001");
    tree.defaults("scratch-MDT0000");
    tree.put("lustre-MDT0000", "agents", Fixtures.rawFileText("agents-2.16.1.txt", "agents"));
    ParamLocator loc = locator(tree);
    assertThat(loc.filesystems()).containsExactly("lustre", "scratch");
    assertThat(loc.mdts("lustre")).containsExactly("lustre-MDT0000", "lustre-MDT0001");
    assertThat(loc.mdts("nope")).isEmpty();
    ParamStore store = new ParamStore(loc);
    assertThat(store.agents("lustre-MDT0000")).hasSize(2);
    assertThat(store.control("lustre-MDT0001")).isEqualTo("enabled");
    assertThat(store.read("scratch-MDT0000", "max_requests").strip()).isEqualTo("3");
    Path control = loc.hsmControl("lustre-MDT0000").orElseThrow();
    assertThat(control.getFileName().toString()).isEqualTo("hsm_control");
    assertThat(control.getParent().getFileName().toString()).isEqualTo("lustre-MDT0000");
  }

  @Test
  void listsAreInDebugfsAndTunablesInSysfsSince213() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.SYSFS_DEBUGFS);
    tree.defaults("lustre-MDT0000");
    ParamLocator loc = locator(tree);
    assertThat(loc.hsmParam("lustre-MDT0000", "actions").orElseThrow())
        .startsWith(tmp.resolve("sys/kernel/debug/lustre"));
    assertThat(loc.hsmParam("lustre-MDT0000", "max_requests").orElseThrow())
        .startsWith(tmp.resolve("sys/fs/lustre"));
  }

  @Test
  void firstRootWinsLikeLctl() throws Exception {
    ParamTree sys = new ParamTree(tmp, ParamTree.Layout.SYSFS_DEBUGFS);
    ParamTree proc = new ParamTree(tmp, ParamTree.Layout.PROCFS);
    sys.put("lustre-MDT0000", "max_requests", "7\n");
    proc.put("lustre-MDT0000", "max_requests", "9\n");
    assertThat(new ParamStore(locator(sys)).read("lustre-MDT0000", "max_requests"))
        .isEqualTo("7\n");
  }

  @Test
  void writingATunableWritesTheFile() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.EMULATOR);
    tree.defaults("lustre-MDT0000");
    ParamStore store = new ParamStore(locator(tree));
    store.write("lustre-MDT0000", "max_requests", "12");
    assertThat(tree.get("lustre-MDT0000", "max_requests")).isEqualTo("12\n");
  }

  @Test
  void missingParameterNamesWhereItLooked() throws Exception {
    ParamTree tree = new ParamTree(tmp, ParamTree.Layout.PROCFS);
    tree.put("lustre-MDT0000", "max_requests", "3\n");
    ParamStore store = new ParamStore(locator(tree));
    assertThatThrownBy(() -> store.read("lustre-MDT0000", "archive_count"))
        .isInstanceOf(ParamNotFoundException.class)
        .hasMessageContaining("mdt.lustre-MDT0000.hsm.archive_count not found")
        .hasMessageContaining(
            tmp.resolve("proc/fs/lustre/mdt/lustre-MDT0000/hsm/archive_count").toString());
  }

  @Test
  void ignoresNonMdtEntries() throws Exception {
    Path mdt = tmp.resolve("mdt");
    Files.createDirectories(mdt.resolve("lustre-MDT0000"));
    Files.createDirectories(mdt.resolve("num_refs"));
    Files.writeString(mdt.resolve("lustre-MDT0001"), "a file, not a device");
    ParamLocator loc = new ParamLocator(List.of(tmp));
    assertThat(loc.mdts("lustre")).containsExactly("lustre-MDT0000");
  }
}
