// SPDX-License-Identifier: BSD-2-Clause
/* PSCI over SMC, and the Bulkhead hypercall */
#include <bulkhead/arm64-smccc.h>
#include <inmate.h>

/*
 * A cell always gets SMC (the hypervisor traps it).  Bare, QEMU emulates
 * the firmware: xlnx-zcu102 always on SMC, virt on SMC only if the CPU has
 * EL2 or EL3 (virtualization=on) and on HVC otherwise, where an SMC would
 * be undefined.
 */
static bool psci_use_hvc(void)
{
#ifdef CONFIG_BOARD_QEMU_VIRT
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	if (comm_region)
		return false;
	return !((pfr0 >> 8) & 0xf) && !((pfr0 >> 12) & 0xf);
#else
	return false;
#endif
}

long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3)
{
	if (psci_use_hvc())
		return bh_hvc_call(fn, a1, a2, a3);
	return bh_smc_call(fn, a1, a2, a3);
}

void psci_cpu_off(void)
{
	psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2,
	       unsigned long arg3)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;
	register unsigned long x3 asm("x3") = arg3;

	asm volatile("hvc %4"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     : "i"(BH_HVC_IMM)
		     : "memory");
	return x0;
}
