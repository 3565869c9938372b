package org.lhsm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static Map<String, Object> sample() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\nd\u0001");
    m.put("n", 1L << 40);
    m.put("d", 812.345678);
    m.put("e", TimeUnit.SECONDS);
    m.put("none", null);
    m.put("flat", List.of(1, 2.5, "x"));
    m.put("nested", List.of(Map.of("a", true), List.of()));
    m.put("empty", Map.of());
    return m;
  }

  @Test
  void compactIsOneLineWithoutBlanks() {
    assertThat(Json.compact(sample()))
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":1099511627776,\"d\":812.3457,"
                + "\"e\":\"SECONDS\",\"none\":null,\"flat\":[1,2.5,\"x\"],"
                + "\"nested\":[{\"a\":true},[]],\"empty\":{}}");
    assertThat(Json.compact(List.of())).isEqualTo("[]");
    assertThat(Json.compact(Set.of(7))).isEqualTo("[7]");
  }

  @Test
  void prettyIndentsByTwoAndKeepsScalarArraysOnOneLine() {
    assertThat(Json.pretty(sample()))
        .isEqualTo(
            String.join(
                "\n",
                "{",
                "  \"s\": \"a\\\"b\\\\c\\nd\\u0001\",",
                "  \"n\": 1099511627776,",
                "  \"d\": 812.3457,",
                "  \"e\": \"SECONDS\",",
                "  \"none\": null,",
                "  \"flat\": [1, 2.5, \"x\"],",
                "  \"nested\": [",
                "    {",
                "      \"a\": true",
                "    },",
                "    []",
                "  ],",
                "  \"empty\": {}",
                "}"));
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThatThrownBy(() -> Json.compact(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.compact(Map.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys must be strings");
    assertThatThrownBy(() -> Json.pretty(List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
