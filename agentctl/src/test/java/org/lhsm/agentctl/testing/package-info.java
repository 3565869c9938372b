/**
 * Test doubles and harnesses: {@link org.lhsm.agentctl.testing.FakeHsmFiles} (Lustre-free file
 * layer driven by its own polling), {@link org.lhsm.agentctl.testing.ParamTree} (parameter trees in
 * each layout), {@link org.lhsm.agentctl.testing.Cli} (in-process runs with captured output).
 *
 * <p>Threading: single-threaded, one instance per test. Nullness: no nulls.
 */
package org.lhsm.agentctl.testing;
