/** Safe Java API over liblustreapi's HSM functions. */
package org.lhsm.bindings;
