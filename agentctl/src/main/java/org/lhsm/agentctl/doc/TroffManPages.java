package org.lhsm.agentctl.doc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lhsm.agentctl.AgentCtl;
import org.lhsm.agentctl.DocFactory;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes one troff man page (section 1) per command of {@code agentctl}: {@code agentctl.1}, then
 * {@code agentctl-<sub>[-<subsub>].1} for every visible subcommand, from picocli's command model.
 * Run at build time: {@code TroffManPages OUTDIR [VERSION]}.
 */
public final class TroffManPages {
  private final String version;

  public TroffManPages(String version) {
    this.version = version;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: TroffManPages OUTDIR [VERSION]");
    }
    String version = args.length == 2 ? args[1] : "development";
    CommandSpec root = new CommandLine(AgentCtl.class, new DocFactory()).getCommandSpec();
    new TroffManPages(version).writeAll(root, Path.of(args[0]));
  }

  /** Writes the pages of {@code spec} and all its visible subcommands; returns the files. */
  public List<Path> writeAll(CommandSpec spec, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();
    Path file = outDir.resolve(pageName(spec) + ".1");
    Files.writeString(file, page(spec), StandardCharsets.UTF_8);
    written.add(file);
    for (CommandSpec sub : visibleSubcommands(spec)) {
      written.addAll(writeAll(sub, outDir));
    }
    return written;
  }

  /** The page name: the qualified command name with spaces turned into hyphens. */
  public static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  /** The complete troff source of {@code spec}'s page. */
  public String page(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    String name = pageName(spec);
    out.append(".TH ")
        .append(quoted(name.toUpperCase(Locale.ROOT)))
        .append(" 1 \"\" ")
        .append(quoted(pageName(rootOf(spec)) + " " + version))
        .append(" \"User Commands\"\n");
    out.append(".SH NAME\n")
        .append(Troff.escape(name))
        .append(" \\- ")
        .append(Troff.escape(firstLine(spec)))
        .append('\n');
    synopsis(spec, out);
    description(spec, out);
    options(spec, out);
    commands(spec, out);
    exitStatus(spec, out);
    seeAlso(spec, out);
    return out.toString();
  }

  private static void synopsis(CommandSpec spec, StringBuilder out) {
    String text =
        new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF))
            .synopsis(0)
            .strip()
            .replaceAll("\\s+", " ");
    out.append(".SH SYNOPSIS\n").append(Troff.escape(text)).append('\n');
  }

  private static void description(CommandSpec spec, StringBuilder out) {
    List<String> paragraphs = paragraphs(spec.usageMessage().description());
    if (paragraphs.isEmpty()) {
      return;
    }
    out.append(".SH DESCRIPTION\n");
    for (int i = 0; i < paragraphs.size(); i++) {
      if (i > 0) {
        out.append(".PP\n");
      }
      out.append(Troff.escape(paragraphs.get(i))).append('\n');
    }
  }

  private static void options(CommandSpec spec, StringBuilder out) {
    List<ArgSpec> args = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        args.add(p);
      }
    }
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        args.add(o);
      }
    }
    if (args.isEmpty()) {
      return;
    }
    out.append(".SH OPTIONS\n");
    for (ArgSpec arg : args) {
      out.append(".TP\n").append(term(arg)).append('\n');
      List<String> paragraphs = paragraphs(arg.description());
      for (int i = 0; i < paragraphs.size(); i++) {
        if (i > 0) {
          out.append(".br\n");
        }
        out.append(Troff.escape(paragraphs.get(i))).append('\n');
      }
      String dflt = defaultValue(arg);
      if (dflt != null) {
        out.append(".br\nDefault: ").append(Troff.escape(dflt)).append('\n');
      }
    }
  }

  private static String term(ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        names.add(Troff.bold(n));
      }
      String term = String.join(", ", names);
      if (o.typeInfo().isBoolean() || o.arity().max() == 0) {
        return term;
      }
      return term + "=" + Troff.italic(o.paramLabel());
    }
    String label = Troff.italic(arg.paramLabel());
    return arg.arity().max() > 1 ? label + "..." : label;
  }

  /** A declared default, or a field's non-trivial initial value; null when there is none. */
  private static String defaultValue(ArgSpec arg) {
    if (arg.defaultValue() != null) {
      return arg.defaultValue();
    }
    if (arg.typeInfo().isBoolean() || arg.typeInfo().isMultiValue()) {
      return null;
    }
    Object initial = arg.initialValue();
    return initial == null ? null : String.valueOf(initial);
  }

  private static void commands(CommandSpec spec, StringBuilder out) {
    List<CommandSpec> subs = visibleSubcommands(spec);
    if (subs.isEmpty()) {
      return;
    }
    out.append(".SH COMMANDS\n");
    for (CommandSpec sub : subs) {
      out.append(".TP\n")
          .append(Troff.bold(sub.name()))
          .append('\n')
          .append(Troff.escape(firstLine(sub)))
          .append(" See \\fB")
          .append(Troff.escape(pageName(sub)))
          .append("\\fR(1).\n");
    }
  }

  private static void exitStatus(CommandSpec spec, StringBuilder out) {
    Map<String, String> codes = spec.usageMessage().exitCodeList();
    if (codes.isEmpty()) {
      return;
    }
    out.append(".SH \"EXIT STATUS\"\n");
    for (Map.Entry<String, String> e : codes.entrySet()) {
      out.append(".TP\n")
          .append(Troff.bold(e.getKey().strip()))
          .append('\n')
          .append(Troff.escape(e.getValue().strip()))
          .append('\n');
    }
  }

  private static void seeAlso(CommandSpec spec, StringBuilder out) {
    List<String> refs = new ArrayList<>();
    if (spec.parent() != null) {
      refs.add(pageName(spec.parent()));
    }
    for (CommandSpec sub : visibleSubcommands(spec)) {
      refs.add(pageName(sub));
    }
    if (refs.isEmpty()) {
      return;
    }
    out.append(".SH \"SEE ALSO\"\n");
    for (int i = 0; i < refs.size(); i++) {
      out.append(".BR ")
          .append(Troff.escape(refs.get(i)))
          .append(" (1)")
          .append(i < refs.size() - 1 ? "," : "")
          .append('\n');
    }
  }

  /** Subcommands without aliases' duplicates, hidden ones left out. */
  private static List<CommandSpec> visibleSubcommands(CommandSpec spec) {
    List<CommandSpec> subs = new ArrayList<>();
    for (CommandLine sub : spec.subcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (!s.usageMessage().hidden() && !subs.contains(s)) {
        subs.add(s);
      }
    }
    return subs;
  }

  private static CommandSpec rootOf(CommandSpec spec) {
    CommandSpec s = spec;
    while (s.parent() != null) {
      s = s.parent();
    }
    return s;
  }

  private static String firstLine(CommandSpec spec) {
    List<String> p = paragraphs(spec.usageMessage().description());
    return p.isEmpty() ? spec.name() : p.get(0);
  }

  /** Description lines with picocli's %n markers turned into paragraph breaks. */
  private static List<String> paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String part : line.replace("%%", "\u0000").split("%n")) {
        String p = part.replace('\u0000', '%').strip();
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static String quoted(String s) {
    return "\"" + Troff.escape(s).replace("\"", "\\(dq") + "\"";
  }
}
