/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only instructions that touch a device on a cell's behalf.  A bus
 * error on one of them (a redistributor frame with no CPU behind it, an
 * address the interconnect refuses) must not park the CPU: the EL2 fault
 * handler sees the faulting PC in [mmio_guard_start, mmio_guard_end) and
 * resumes at mmio_guard_fault, which returns to the caller as if the
 * access had happened, and mmio_perform() reports it failed.
 */
	.text
	.global	mmio_guard_start, mmio_guard_end, mmio_guard_fault

mmio_guard_start:
	/* u64 mmio_guarded_read(vaddr_t addr, unsigned int size) */
	.global	mmio_guarded_read
mmio_guarded_read:
	cmp	w1, #1
	b.eq	1f
	cmp	w1, #2
	b.eq	2f
	cmp	w1, #4
	b.eq	4f
	ldr	x0, [x0]
	ret
1:	ldrb	w0, [x0]
	ret
2:	ldrh	w0, [x0]
	ret
4:	ldr	w0, [x0]
	ret

	/* void mmio_guarded_write(vaddr_t addr, u64 value, unsigned int size) */
	.global	mmio_guarded_write
mmio_guarded_write:
	cmp	w2, #1
	b.eq	1f
	cmp	w2, #2
	b.eq	2f
	cmp	w2, #4
	b.eq	4f
	str	x1, [x0]
	ret
1:	strb	w1, [x0]
	ret
2:	strh	w1, [x0]
	ret
4:	str	w1, [x0]
	ret
mmio_guard_end:

mmio_guard_fault:
	mov	x0, #0
	ret
