/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inmate entry and EL1 exception vectors.
 *
 * Entered at CONFIG_INMATE_BASE with the MMU off.  A cell CPU arrives at
 * EL1 with x0 = comm region, x1 = BH_CELL_BOOT_MAGIC; QEMU with
 * virtualization=on arrives at EL2 with garbage in x0/x1.
 */

#include <bulkhead/arm64-frame.h>

#define HCR_EL2_RW		(1 << 31)
#define SCTLR_EL1_RES1		0x30d00800
#define SPSR_EL1H_MASKED	0x3c5	/* EL1h, DAIF all masked */
#define CPACR_FPEN		(3 << 20)
#define FRAME_SIZE		288	/* struct exception_frame */
#define IRQ_FRAME_SIZE		176	/* x0-x18, x30, elr, spsr */

/*
 * Leave EL2 as neutral as possible (no traps, counter visible, 64-bit
 * EL1) and continue at \target at EL1 with SP_EL1, DAIF masked.
 * Clobbers x3, x4.
 */
	.macro	el2_to_el1 target
	mov	x3, #HCR_EL2_RW
	msr	hcr_el2, x3
	mov	x3, #3			/* EL1PCTEN | EL1PCEN */
	msr	cnthctl_el2, x3
	msr	cntvoff_el2, xzr
	mov	x3, #0x33ff
	msr	cptr_el2, x3
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x3, midr_el1
	msr	vpidr_el2, x3
	mrs	x3, mpidr_el1
	msr	vmpidr_el2, x3
#ifdef CONFIG_GIC_V3
	/* Let EL1 use the ICC system registers */
	mrs	x3, S3_4_C12_C9_5	/* ICC_SRE_EL2 */
	mov	x4, #0x9		/* Enable | SRE */
	orr	x3, x3, x4
	msr	S3_4_C12_C9_5, x3
	isb
#endif
	ldr	x3, =SCTLR_EL1_RES1
	msr	sctlr_el1, x3
	mov	x3, #SPSR_EL1H_MASKED
	msr	spsr_el2, x3
	adr	x3, \target
	msr	elr_el2, x3
	eret
	.endm

	.section .text.entry, "ax"
	.globl	_start
_start:
	mov	x19, x0
	mov	x20, x1
	mrs	x21, CurrentEL
	lsr	x21, x21, #2
	and	x21, x21, #3
	cmp	x21, #2
	b.ne	.Lat_el1
	el2_to_el1 .Lat_el1

.Lat_el1:
	adrp	x0, __stack_top
	add	x0, x0, :lo12:__stack_top
	mov	sp, x0

	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
	b	2f
1:	str	xzr, [x0], #8
2:	cmp	x0, x1
	b.lo	1b

	adrp	x0, inmate_vectors
	add	x0, x0, :lo12:inmate_vectors
	msr	vbar_el1, x0
	/* FP/SIMD untrapped: the library does not use it, programs may */
	mov	x0, #CPACR_FPEN
	msr	cpacr_el1, x0
	isb

	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	inmate_start
3:	wfi
	b	3b

/*
 * A further CPU started by cpu_start() (PSCI CPU_ON): x0 = its struct
 * cpu_boot, whose first field is the top of its stack; MMU off, at EL2
 * or EL1.
 */
	.globl	secondary_entry
secondary_entry:
	mov	x19, x0
	mrs	x21, CurrentEL
	lsr	x21, x21, #2
	and	x21, x21, #3
	cmp	x21, #2
	b.ne	.Lsecondary_el1
	el2_to_el1 .Lsecondary_el1

.Lsecondary_el1:
	ldr	x0, [x19]
	mov	sp, x0
	adrp	x0, inmate_vectors
	add	x0, x0, :lo12:inmate_vectors
	msr	vbar_el1, x0
	mov	x0, #CPACR_FPEN
	msr	cpacr_el1, x0
	isb
	mov	x0, x19
	bl	secondary_start
4:	wfi
	b	4b

/* ------------------------------------------------------------------ */

	.macro	vec_full kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	exception_common
	.endm

	.macro	vec_irq
	.balign	0x80
	sub	sp, sp, #IRQ_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	b	irq_common
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	inmate_vectors
inmate_vectors:
	/* Current EL with SP_EL0: never used */
	vec_full 3
	vec_full 3
	vec_full 3
	vec_full 3
	/* Current EL with SP_ELx */
	vec_full 0		/* sync */
	vec_irq
	vec_full 2		/* fiq */
	vec_full 1		/* serror */
	/* Lower EL, AArch64 / AArch32: we never run anything below EL1 */
	vec_full 3
	vec_full 3
	vec_full 3
	vec_full 3
	vec_full 3
	vec_full 3
	vec_full 3
	vec_full 3

irq_common:
	frame_save_x2_x17
	stp	x18, x30, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #160]
	bl	irq_dispatch
	ldp	x0, x1, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x30, [sp, #144]
	frame_restore_x2_x17
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #IRQ_FRAME_SIZE
	eret

exception_common:
	frame_save_x2_x17
	frame_save_x18_x29
	add	x1, sp, #FRAME_SIZE
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #256]
	mrs	x1, esr_el1
	mrs	x2, far_el1
	stp	x1, x2, [sp, #272]
	mov	x1, sp
	bl	exception_entry		/* returns only to resume */
	ldp	x1, x2, [sp, #256]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	ldp	x30, xzr, [sp, #240]
	frame_restore_x18_x29
	frame_restore_x2_x17
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
