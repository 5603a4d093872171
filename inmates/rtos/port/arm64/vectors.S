/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RTOS exception vectors for EL1 (SP_EL1 everywhere: tasks run on their own
 * stack with SPSel=1, so an exception pushes its frame onto the interrupted
 * task's stack).  Every entry saves the full integer context (x0-x30, ELR,
 * SPSR: 272 bytes) and calls port_exception(kind, sp), which returns the
 * stack pointer of the frame to resume: a context switch is just a
 * different return value.  The kernel's voluntary switch is an SVC, so
 * every task that is not running has the same frame on top of its stack.
 *
 * FP/SIMD registers are not saved: the RTOS and its applications are built
 * with -mgeneral-regs-only.
 */

#include <bulkhead/arm64-frame.h>

#define FRAME_SIZE	272
#define KIND_SYNC	0
#define KIND_IRQ	1
#define KIND_FIQ	2
#define KIND_SERROR	3
#define KIND_BAD	4

	.macro	entry kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	rtos_entry_common
	.endm

	.section .text.rtos_vectors, "ax"
	.balign	0x800
	.globl	rtos_vectors
rtos_vectors:
	/* current EL, SP_EL0: not used */
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	/* current EL, SP_EL1: tasks, the idle loop and the kernel */
	entry	KIND_SYNC
	entry	KIND_IRQ
	entry	KIND_FIQ
	entry	KIND_SERROR
	/* lower EL: nothing runs below EL1 */
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD
	entry	KIND_BAD

rtos_entry_common:
	frame_save_x2_x17
	frame_save_x18_x29
	mrs	x1, elr_el1
	stp	x30, x1, [sp, #240]
	mrs	x1, spsr_el1
	str	x1, [sp, #256]
	mov	x1, sp
	bl	port_exception
	/* fall through with x0 = frame to resume */

	.globl	port_restore_frame
port_restore_frame:
	mov	sp, x0
	ldr	x1, [sp, #256]
	msr	spsr_el1, x1
	ldp	x30, x1, [sp, #240]
	msr	elr_el1, x1
	frame_restore_x2_x17
	frame_restore_x18_x29
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
