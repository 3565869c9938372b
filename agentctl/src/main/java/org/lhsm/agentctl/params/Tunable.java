package org.lhsm.agentctl.params;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's {@code hsm.*} parameters that are single values (spec §3), with the validation
 * the kernel applies, so a bad value is refused before anything is written.
 */
public enum Tunable {
  MAX_REQUESTS("max_requests", Kind.POSITIVE),
  LOOP_PERIOD("loop_period", Kind.POSITIVE),
  GRACE_DELAY("grace_delay", Kind.POSITIVE),
  ACTIVE_REQUEST_TIMEOUT("active_request_timeout", Kind.POSITIVE),
  DEFAULT_ARCHIVE_ID("default_archive_id", Kind.POSITIVE),
  POLICY("policy", Kind.POLICY),
  USER_REQUEST_MASK("user_request_mask", Kind.MASK),
  GROUP_REQUEST_MASK("group_request_mask", Kind.MASK),
  OTHER_REQUEST_MASK("other_request_mask", Kind.MASK),
  REMOVE_ARCHIVE_ON_LAST_UNLINK("remove_archive_on_last_unlink", Kind.BOOLEAN),
  ARCHIVE_COUNT("archive_count", Kind.READ_ONLY),
  RESTORE_COUNT("restore_count", Kind.READ_ONLY),
  REMOVE_COUNT("remove_count", Kind.READ_ONLY);

  /** How a value is checked before writing. */
  public enum Kind {
    POSITIVE,
    BOOLEAN,
    POLICY,
    MASK,
    READ_ONLY
  }

  /** Policy names and nicknames (spec §3). */
  public static final List<String> POLICY_NAMES = List.of("NonBlockingRestore", "NoRetryAction");

  private static final List<String> POLICY_NICKNAMES = List.of("NBR", "NRA");
  private static final List<String> MASK_ACTIONS =
      List.of("NOOP", "ARCHIVE", "RESTORE", "REMOVE", "CANCEL");

  private final String paramName;
  private final Kind kind;

  Tunable(String paramName, Kind kind) {
    this.paramName = paramName;
    this.kind = kind;
  }

  /** File name under {@code mdt/<dev>/hsm/}. */
  public String paramName() {
    return paramName;
  }

  public Kind kind() {
    return kind;
  }

  /** Accepts {@code max_requests} and {@code hsm.max_requests}. */
  public static Optional<Tunable> byName(String name) {
    String n = name.strip();
    if (n.startsWith("hsm.")) {
      n = n.substring(4);
    }
    for (Tunable t : values()) {
      if (t.paramName.equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks {@code value} and returns the text to write.
   *
   * @throws IllegalArgumentException saying which parameter and what is accepted
   */
  public String validate(String value) {
    String v = value.strip();
    String what = "invalid value '" + value + "' for hsm." + paramName + ": ";
    switch (kind) {
      case READ_ONLY:
        throw new IllegalArgumentException("hsm." + paramName + " is read-only");
      case POSITIVE:
        try {
          long n = Numbers.parseU64(v);
          if (n == 0 || !v.matches("[0-9]+|0[xX][0-9a-fA-F]+")) {
            throw new NumberFormatException();
          }
          if (this == DEFAULT_ARCHIVE_ID && Long.compareUnsigned(n, 0xffffffffL) > 0) {
            throw new NumberFormatException();
          }
          return Long.toUnsignedString(n);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(what + "must be a positive integer");
        }
      case BOOLEAN:
        switch (v.toLowerCase(Locale.ROOT)) {
          case "1":
          case "y":
          case "yes":
          case "on":
          case "true":
            return "1";
          case "0":
          case "n":
          case "no":
          case "off":
          case "false":
            return "0";
          default:
            throw new IllegalArgumentException(what + "must be 0 or 1");
        }
      case POLICY:
        return validatePolicy(v, what);
      case MASK:
        return validateMask(v, what);
      default:
        throw new AssertionError(kind);
    }
  }

  private static String validatePolicy(String v, String what) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException(what + "expected policy names");
    }
    List<String> out = new ArrayList<>();
    for (String tok : v.split("[\\s,]+")) {
      String sign = tok.startsWith("+") || tok.startsWith("-") ? tok.substring(0, 1) : "";
      String name = tok.substring(sign.length());
      String canonical = null;
      for (int i = 0; i < POLICY_NAMES.size(); i++) {
        if (name.equalsIgnoreCase(POLICY_NAMES.get(i))
            || name.equalsIgnoreCase(POLICY_NICKNAMES.get(i))) {
          canonical = POLICY_NAMES.get(i);
        }
      }
      if (canonical == null) {
        throw new IllegalArgumentException(
            what
                + "unknown policy '"
                + name
                + "' (known: NonBlockingRestore/NBR, NoRetryAction/NRA)");
      }
      out.add(sign + canonical);
    }
    return String.join(" ", out);
  }

  private static String validateMask(String v, String what) {
    Set<String> out = new LinkedHashSet<>();
    if (v.isEmpty()) {
      return "";
    }
    for (String tok : v.split("[\\s,]+")) {
      String up = tok.toUpperCase(Locale.ROOT);
      if (!MASK_ACTIONS.contains(up)) {
        throw new IllegalArgumentException(
            what + "unknown action '" + tok + "' (known: " + String.join(" ", MASK_ACTIONS) + ")");
      }
      out.add(up);
    }
    return String.join(" ", out);
  }

  /** Enabled policies of a read {@code hsm.policy} value: the bracketed names. */
  public static Set<String> enabledPolicies(String read) {
    Set<String> on = new LinkedHashSet<>();
    for (String tok : read.strip().split("\\s+")) {
      if (tok.startsWith("[") && tok.endsWith("]") && tok.length() > 2) {
        on.add(tok.substring(1, tok.length() - 1));
      }
    }
    return on;
  }
}
