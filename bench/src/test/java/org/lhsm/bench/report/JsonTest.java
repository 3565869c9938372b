package org.lhsm.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lhsm.json.Json;

class JsonTest {

  @Test
  void writtenReportsParseBackToTheSameValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "archive/jhsmtool-crc32c");
    m.put("quote\"back\\slash\nnl\ttab\u0001", "é ✓");
    m.put("long", 1L << 40);
    m.put("int", -3);
    m.put("double", 812.345678);
    m.put("tiny", 1e-9);
    m.put("big", 1.5e12);
    m.put("flag", true);
    m.put("none", null);
    m.put("flat", List.of(1L, 2.5, "x"));
    m.put("nested", List.of(Map.of("a", 1), List.of()));
    m.put("empty", Map.of());

    Map<String, Object> back = JsonParser.object(Json.pretty(m));

    assertThat(back.keySet()).containsExactlyElementsOf(m.keySet());
    assertThat(back.get("quote\"back\\slash\nnl\ttab\u0001")).isEqualTo("é ✓");
    assertThat(back.get("long")).isEqualTo((double) (1L << 40));
    assertThat(back.get("double")).isEqualTo(812.3457);
    assertThat(back.get("tiny")).isEqualTo(0.0);
    assertThat(back.get("big")).isEqualTo(1.5e12);
    assertThat(back.get("flag")).isEqualTo(true);
    assertThat(back).containsEntry("none", null);
    assertThat(back.get("flat")).isEqualTo(Arrays.asList(1.0, 2.5, "x"));
    assertThat(back.get("empty")).isEqualTo(Map.of());
  }

  @Test
  void numbersArePlainDecimals() {
    assertThat(Json.number(1.5e12)).isEqualTo("1500000000000");
    assertThat(Json.number(-0.0)).isEqualTo("0");
    assertThat(Json.number(0.1)).isEqualTo("0.1");
    assertThatThrownBy(() -> Json.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.pretty(Map.of("x", Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.pretty(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTestParserRejectsWhatIsNotJson() {
    for (String bad :
        List.of(
            "",
            "{",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\":1}x",
            "01",
            "1.",
            "'x'",
            "{\"a\":1,\"a\":2}",
            "\"\u0001\"",
            "NaN",
            "[1,]")) {
      assertThatThrownBy(() -> JsonParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
