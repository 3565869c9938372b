package org.lhsm.agentctl.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.AgentCtl;
import org.lhsm.agentctl.DocFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class TroffManPagesTest {
  private final CommandSpec root =
      new CommandLine(AgentCtl.class, new DocFactory()).getCommandSpec();

  @Test
  void escapesBackslashHyphenAndLeadingControlCharacters() {
    assertThat(Troff.escape("a\\b")).isEqualTo("a\\eb");
    assertThat(Troff.escape("--param-root")).isEqualTo("\\-\\-param\\-root");
    assertThat(Troff.escape(".SH not a request")).isEqualTo("\\&.SH not a request");
    assertThat(Troff.escape("'quoted")).isEqualTo("\\&'quoted");
    assertThat(Troff.escape("mid.dot 'mid'")).isEqualTo("mid.dot 'mid'");
    assertThat(Troff.escape("two\nlines")).isEqualTo("two lines");
    assertThat(Troff.bold("-v")).isEqualTo("\\fB\\-v\\fR");
  }

  @Test
  void archivePageHasEverySectionInOrder() {
    CommandSpec archive = root.subcommands().get("archive").getCommandSpec();
    String page = new TroffManPages("1.2.3").page(archive);
    List<String> lines = page.lines().toList();

    assertThat(lines.get(0)).startsWith(".TH \"AGENTCTL\\-ARCHIVE\" 1 ").contains("agentctl 1.2.3");
    assertThat(lines)
        .containsSubsequence(
            ".SH NAME",
            "agentctl\\-archive \\- Copy files to the archive (lfs hsm_archive).",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH \"EXIT STATUS\"",
            ".SH \"SEE ALSO\"",
            ".BR agentctl (1)");
    assertThat(lines).contains("\\fB\\-\\-param\\-root\\fR=\\fIDIR\\fR", "\\fB\\-\\-json\\fR");
    assertThat(page).contains(".TP\n\\fB9\\fR\n").contains(".TP\n\\fB0\\fR\nsuccess\n");
    // no text line may start a request by accident: every line is a macro or plain text
    for (String line : lines) {
      if (line.startsWith(".")) {
        assertThat(line).matches("\\.(TH|SH|TP|PP|br|BR) ?.*");
      }
    }
  }

  @Test
  void writesOnePagePerCommandIncludingNestedOnes(@TempDir Path dir) throws Exception {
    List<Path> written = new TroffManPages("x").writeAll(root, dir);

    assertThat(dir.resolve("agentctl.1")).exists();
    assertThat(dir.resolve("agentctl-coordinator-purge.1")).exists();
    assertThat(dir.resolve("agentctl-tunables-set.1")).exists();
    for (String sub : root.subcommands().keySet()) {
      assertThat(dir.resolve("agentctl-" + sub + ".1")).exists();
    }
    assertThat(written).allSatisfy(p -> assertThat(Files.readString(p)).startsWith(".TH "));
    String rootPage = Files.readString(dir.resolve("agentctl.1"));
    assertThat(rootPage).contains(".SH COMMANDS").contains(".BR agentctl\\-why (1)");
  }
}
