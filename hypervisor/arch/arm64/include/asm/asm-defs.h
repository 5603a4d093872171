/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_ASM_DEFS_H
#define _ASM_ASM_DEFS_H

#define PERCPU_STACK_SIZE 16384
#define PERCPU_SIZE	  20480 /* sizeof(struct per_cpu), checked */
#define TRAP_FRAME_SIZE	  256

#ifdef CONFIG_GIC_V3
#define GIC_VERSION 3
#else
#define GIC_VERSION 2
#endif

#ifdef __ASSEMBLY__
#include <bulkhead/arm64-frame.h>

/* clang-format off */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/*
 * An interrupt's exit calls C that returns and never reads the frame:
 * x19-x28 are the callee's to keep, so only the rest is saved, in the
 * trap frame's layout (x19 and x28 ride along in their pairs).
 */
.macro save_caller_saved
	sub	sp, sp, #TRAP_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	frame_save_x2_x17
	stp	x18, x19, [sp, #144]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
.endm

/* every register: a trap's handler may read and change any of them */
.macro save_frame
	save_caller_saved
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
.endm
/* clang-format on */
#endif

#endif
