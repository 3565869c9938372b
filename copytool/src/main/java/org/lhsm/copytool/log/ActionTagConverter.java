package org.lhsm.copytool.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code {cookie=… fid=… act=… archive=…} } for lines logged while an action is processed, empty
 * otherwise.
 */
public final class ActionTagConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    StringBuilder b = new StringBuilder();
    append(b, event);
    return b.toString();
  }

  static void append(StringBuilder b, ILoggingEvent event) {
    String tag = event.getMDCPropertyMap().get("action");
    if (tag != null) {
      b.append('{').append(tag).append("} ");
    }
  }
}
