/* SPDX-License-Identifier: GPL-2.0 */
/*
 * void firmware_call(u64 x[8]): an SMCCC call passed on whole, arguments
 * x0..x7 from the array and results x0..x3 back into it.  The firmware
 * may change x4..x17 (caller-saved here anyway) and keeps x18..x30.
 */
	.text
	.global	firmware_call
firmware_call:
	str	x0, [sp, #-16]!
	mov	x8, x0
	ldp	x6, x7, [x8, #48]
	ldp	x4, x5, [x8, #32]
	ldp	x2, x3, [x8, #16]
	ldp	x0, x1, [x8]
	smc	#0
	ldr	x8, [sp], #16
	stp	x0, x1, [x8]
	stp	x2, x3, [x8, #16]
	ret
