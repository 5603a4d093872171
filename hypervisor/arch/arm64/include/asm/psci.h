/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PSCI_H
#define _ASM_PSCI_H

#include <hv/types.h>

#define PSCI_VERSION	       0x84000000
#define PSCI_CPU_SUSPEND_32    0x84000001
#define PSCI_CPU_SUSPEND       0xc4000001
#define PSCI_CPU_OFF	       0x84000002
#define PSCI_CPU_ON_32	       0x84000003
#define PSCI_CPU_ON	       0xc4000003
#define PSCI_AFFINITY_INFO_32  0x84000004
#define PSCI_AFFINITY_INFO     0xc4000004
#define PSCI_MIGRATE_INFO_TYPE 0x84000006
#define PSCI_SYSTEM_OFF	       0x84000008
#define PSCI_SYSTEM_RESET      0x84000009
#define PSCI_FEATURES	       0x8400000a

#define SMCCC_VERSION		0x80000000
#define SMCCC_ARCH_FEATURES	0x80000001
/* Spectre mitigations the firmware may offer (SMCCC 1.1 and later) */
#define SMCCC_ARCH_WORKAROUND_1 0x80008000
#define SMCCC_ARCH_WORKAROUND_2 0x80007fff
#define SMCCC_ARCH_WORKAROUND_3 0x80003fff

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)

#define PSCI_VERSION_1_1     0x10001
#define SMCCC_VERSION_1_1    0x10001
#define PSCI_TOS_NOT_PRESENT 2

/* SMCCC x0..x7 in, x0..x3 out (firmware-call.S) */
void firmware_call(u64 *x);
long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3);

#endif
