package org.lhsm.it.targets;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (or class) that only makes sense on one kind of target; on the other it is reported
 * as disabled with {@link #reason()}. The kind is known from {@code -Dlhsm.mount} before any target
 * is opened.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyOnCondition.class)
public @interface OnlyOn {
  org.lhsm.it.targets.Target.Kind value();

  /** Why the test cannot run on the other target. */
  String reason();
}
