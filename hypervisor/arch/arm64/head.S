/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The two ways into the hypervisor with the MMU off (the image header, which
 * points at the first, is image_header.c):
 * the driver's first hypercall on each CPU (through bootstrap_vectors, which
 * Linux's hyp stub installed for us) and PSCI CPU_ON (cpu_on_entry).
 */
#include <asm/asm-defs.h>

	.text
/* sp = top of the stack of the CPU whose id is in \reg; clobbers x16, x17 */
.macro set_stack_for_cpu reg
	adr_l	x16, per_cpu_data
	mov	x17, #PERCPU_SIZE
	madd	x16, \reg, x17, x16
	add	x16, x16, #PERCPU_STACK_SIZE
	mov	sp, x16
.endm

	.align	11
	.global	bootstrap_vectors
bootstrap_vectors:
	.rept	8
	b	.
	.align	7
	.endr
	/* lower EL, AArch64, synchronous: the driver's entry hvc */
	b	bootstrap_entry
	.align	7
	.rept	7
	b	.
	.align	7
	.endr

/* The code is placed apart: the table alone fills its 2 KiB (hypervisor.lds.S) */
	.section .text.bootstrap_entry, "ax"
/*
 * From the driver: x0 = BH_ENTRY_MAGIC, x1 = cpu id.  x0 returns the result,
 * x16-x17 are clobbered, everything else is kept.
 */
bootstrap_entry:
	cmp	x1, #CONFIG_HV_MAX_CPUS
	b.hs	1f
	set_stack_for_cpu x1
	save_frame
	mov	x0, sp
	bl	hv_entry
	b	return_to_guest
1:	mov	x0, #-22
	eret

/* PSCI CPU_ON lands here at EL2, MMU off, with x0 = our cpu id. */
	.global cpu_on_entry
cpu_on_entry:
	set_stack_for_cpu x0
	sub	sp, sp, #TRAP_FRAME_SIZE
	mov	x1, sp
	bl	hv_cpu_on_entry
	b	return_to_guest
