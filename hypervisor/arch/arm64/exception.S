/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runtime EL2 vectors: save the guest's registers, let C decide, restore.
 */
#include <asm/asm-defs.h>

.macro vector handler
	.align	7
	save_frame
	mov	x0, sp
	bl	\handler
	b	return_to_guest
.endm

/* for IRQ and FIQ: see save_caller_saved */
.macro vector_irq handler
	.align	7
	save_caller_saved
	bl	\handler
	b	return_from_irq
.endm

.macro vector_hang
	.align	7
	b	.
.endm

	.text
	.align	11
	.global	hyp_vectors
hyp_vectors:
	vector_hang			/* current EL, SP0 */
	vector_hang
	vector_hang
	vector_hang
	vector	arch_handle_hyp_fault	/* current EL, SPx: our own bug */
	vector	arch_handle_hyp_fault
	vector	arch_handle_hyp_fault
	vector	arch_handle_hyp_fault
	vector	arch_handle_sync	/* lower EL, AArch64 */
	vector_irq arch_handle_irq
	vector_irq arch_handle_fiq
	vector	arch_handle_serror
	vector	arch_handle_aarch32	/* lower EL, AArch32: never allowed */
	vector	arch_handle_aarch32
	vector	arch_handle_aarch32
	vector	arch_handle_aarch32

	.global	return_to_guest
return_to_guest:
	ldr	x19, [sp, #152]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldr	x28, [sp, #224]
	/* and on: the rest is what an interrupt's exit restores */
return_from_irq:
	ldp	x0, x1, [sp, #0]
	frame_restore_x2_x17
	ldr	x18, [sp, #144]
	ldp	x29, x30, [sp, #232]
	add	sp, sp, #TRAP_FRAME_SIZE
	eret
