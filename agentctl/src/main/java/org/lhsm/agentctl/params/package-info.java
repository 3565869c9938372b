/**
 * Plain-Java model and parsers for the coordinator's parameter files ({@code hsm.agents}, {@code
 * hsm.actions}, {@code hsm.active_requests}, the {@code hsm.*} tunables and {@code hsm_control})
 * and discovery of where those files live on each Lustre version.
 *
 * <p>Parsers accept both the raw file content and {@code lctl get_param} output. They keep unknown
 * {@code key=value} fields (newer Lustre versions may add some) and reject broken lines with a
 * {@link org.lhsm.agentctl.params.ParamFormatException} naming the line.
 *
 * <p>Threading: all types are immutable values or stateless helpers, safe to share. Nullness:
 * nothing returns or accepts {@code null} unless documented; absence is an {@code Optional}.
 */
package org.lhsm.agentctl.params;
