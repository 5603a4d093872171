/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The register stores every exception frame begins with: the hypervisor's
 * trap frame, the inmate library's and the RTOS's (assembly only; BSD, so
 * that code in cells may use it too).  A frame keeps x<n> at offset n * 8
 * from sp; x0 and x1 are saved by the vector itself, before it has a free
 * register.
 */
#ifndef _BULKHEAD_ARM64_FRAME_H
#define _BULKHEAD_ARM64_FRAME_H

#ifndef __ASSEMBLY__
#error "arm64-frame.h is for assembly files"
#endif

/* assembler macros, not C */
/* clang-format off */

/* x2-x17: what every frame holds, interrupt or exception */
	.macro	frame_save_x2_x17
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	.endm

	.macro	frame_restore_x2_x17
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	.endm

/* x18-x29: a full frame's rest (x30 follows at 240, with what fits) */
	.macro	frame_save_x18_x29
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	.endm

	.macro	frame_restore_x18_x29
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	.endm

/* clang-format on */

#endif
