/* lhsm-abi-probe: prints the probe text (handy on a Lustre VM). */
#include <stdio.h>

#include "abi_probe.h"

int main(void)
{
	return fputs(lhsm_abi_probe(), stdout) == EOF ? 1 : 0;
}
