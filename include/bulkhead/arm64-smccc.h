/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMC Calling Convention calls with up to three arguments, as firmware
 * (PSCI) takes them: the hypervisor's and the inmates' (BSD, so that code
 * in cells may use it too).  The callee may change x0-x17.
 */
#ifndef _BULKHEAD_ARM64_SMCCC_H
#define _BULKHEAD_ARM64_SMCCC_H

#define BH_SMCCC_CALL(insn, fn, a1, a2, a3)                               \
	({                                                                \
		register unsigned long x0 asm("x0") = (fn);               \
		register unsigned long x1 asm("x1") = (a1);               \
		register unsigned long x2 asm("x2") = (a2);               \
		register unsigned long x3 asm("x3") = (a3);               \
		asm volatile(insn                                         \
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)     \
			     :                                            \
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", \
			       "x11", "x12", "x13", "x14", "x15", "x16",  \
			       "x17", "memory");                          \
		(long)x0;                                                 \
	})

static inline long bh_smc_call(unsigned long fn, unsigned long a1,
			       unsigned long a2, unsigned long a3)
{
	return BH_SMCCC_CALL("smc #0", fn, a1, a2, a3);
}

static inline long bh_hvc_call(unsigned long fn, unsigned long a1,
			       unsigned long a2, unsigned long a3)
{
	return BH_SMCCC_CALL("hvc #0", fn, a1, a2, a3);
}

#endif
