// SPDX-License-Identifier: GPL-2.0
/*
 * Entry of the GICv2 EOI reproducer.  QEMU's xlnx-zcu102 with
 * virtualization=on (and no secure mode) starts the ELF here at EL2, MMU
 * off, on the boot A53 only: the other CPUs start powered off.  All C
 * needs is a stack (SP_EL2: SPSel is 1 out of reset).
 */
	.section .text.entry, "ax"
	.globl	_start
_start:
	adrp	x0, stack_top
	add	x0, x0, :lo12:stack_top
	mov	sp, x0
	bl	main
	/* main() does not return; if it ever did, park here */
1:	wfi
	b	1b
