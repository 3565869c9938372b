package org.lhsm.it.targets;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link OnlyOn} against the selected target kind. */
public final class OnlyOnCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<OnlyOn> only = AnnotationSupport.findAnnotation(context.getElement(), OnlyOn.class);
    if (only.isEmpty()) {
      return ConditionEvaluationResult.enabled("no target restriction");
    }
    Target.Kind selected = Targets.selectedKind();
    if (only.get().value() == selected) {
      return ConditionEvaluationResult.enabled("runs on " + selected);
    }
    return ConditionEvaluationResult.disabled(
        only.get().value() + " only (selected target: " + selected + "): " + only.get().reason());
  }
}
