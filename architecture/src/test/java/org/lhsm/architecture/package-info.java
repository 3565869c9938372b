/**
 * The build's layering rules ({@link org.lhsm.architecture.Layers}) and the test that checks them
 * against the main code of every module. Threading and nullness: tests only.
 */
package org.lhsm.architecture;
