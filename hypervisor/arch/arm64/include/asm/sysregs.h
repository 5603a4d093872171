/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

#define HCR_VM	   (1UL << 0)
#define HCR_SWIO   (1UL << 1)
#define HCR_FMO	   (1UL << 3)
#define HCR_IMO	   (1UL << 4)
#define HCR_AMO	   (1UL << 5)
#define HCR_FB	   (1UL << 9)
#define HCR_BSU_IS (1UL << 10)
#define HCR_TWI	   (1UL << 13)
#define HCR_TWE	   (1UL << 14)
#define HCR_TSC	   (1UL << 19)
#define HCR_TSW	   (1UL << 22)
#define MDCR_TPMCR (1UL << 5)
#define MDCR_TPM   (1UL << 6)
#define HCR_RW	   (1UL << 31)

#define SCTLR_EL2_M   (1UL << 0)
#define SCTLR_EL2_A   (1UL << 1)
#define SCTLR_EL2_C   (1UL << 2)
#define SCTLR_EL2_SA  (1UL << 3)
#define SCTLR_EL2_I   (1UL << 12)
#define SCTLR_EL2_WXN (1UL << 19)
#define SCTLR_EL2_RES1                                                         \
	((3UL << 28) | (3UL << 22) | (1UL << 18) | (1UL << 16) | (1UL << 11) | \
	 (3UL << 4))

/* EL1 reset state for a cell CPU: MMU and caches off, RES1 bits set */
#define SCTLR_EL1_RES1 ((3UL << 28) | (3UL << 22) | (1UL << 20) | (1UL << 11))

#define SPSR_EL1H 0x5UL
#define SPSR_DAIF (0xfUL << 6)

#define ESR_EC_SHIFT 26
#define ESR_EC(esr)  (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL	     (1UL << 25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

#define EC_UNKNOWN  0x00
#define EC_WFX	    0x01
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYSREG   0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25
#define EC_SERROR   0x2f

#define TCR_EL2_RES1   ((1UL << 31) | (1UL << 23))
#define TCR_T0SZ(n)    ((n)&0x3f)
#define TCR_IRGN0_WBWA (1UL << 8)
#define TCR_ORGN0_WBWA (1UL << 10)
#define TCR_SH0_INNER  (3UL << 12)
#define TCR_PS_SHIFT   16

#define VTCR_RES1     (1UL << 31)
#define VTCR_SL0_L1   (1UL << 6)
#define VTCR_PS_SHIFT 16

#define MPIDR_AFF_MASK 0xff00ffffffULL

#define CPTR_EL2_RES1 0x33ffUL /* TFP clear: cells use FP/SIMD */

#ifndef __ASSEMBLY__
#define stringify_1(x) #x
#define stringify(x)   stringify_1(x)

#define read_sysreg(reg)                                             \
	({                                                           \
		unsigned long long __v;                              \
		asm volatile("mrs %0, " stringify(reg) : "=r"(__v)); \
		__v;                                                 \
	})

#define write_sysreg(reg, val)                                           \
	do {                                                             \
		unsigned long __v = (unsigned long)(val);                \
		asm volatile("msr " stringify(reg) ", %0" : : "r"(__v)); \
	} while (0)

#define isb()	 asm volatile("isb" ::: "memory")
#define dsb(opt) asm volatile("dsb " #opt ::: "memory")
#define dmb(opt) asm volatile("dmb " #opt ::: "memory")
#define wfe()	 asm volatile("wfe")
#define sev()	 asm volatile("sev")
#endif

#endif
