// SPDX-License-Identifier: GPL-2.0
/*
 * Bare-metal reproducer, without Bulkhead: when a vCPU EOIs an interrupt
 * whose list register has the HW bit, QEMU's GICv2 (hw/intc/arm_gic.c)
 * deactivates the physical interrupt but then recomputes only the virtual
 * interface (gic_update_virt()), not the physical one (gic_update()).  A
 * level interrupt whose line is still high is pending again, yet GICC_HPPIR
 * and the CPU's IRQ line stay stale until an unrelated GIC access.  Bulkhead
 * probes the same sequence (virtual_eoi_resignals() in its gicv2.c).
 *
 * At EL2, MMU off, PSTATE.I set as out of reset: the interrupt is looked at,
 * never taken.  Its source, the EL2 physical timer (CNTHP, PPI 26) with
 * compare value 0, keeps its line high.
 * QEMU: -M xlnx-zcu102,virtualization=on -m 2G -nographic -kernel repro.elf
 */
#define UART0	       0xff000000UL /* Cadence uart0: the first -serial */
#define UART_CR	       0x00
#define UART_CR_TXEN   (1U << 4)
#define UART_SR	       0x2c
#define UART_SR_TXFULL (1U << 4)
#define UART_FIFO      0x30

#define GICD		0xf9010000UL
#define GICD_CTLR	0x000
#define GICD_ISENABLER0 0x100
#define GICD_ISPENDR0	0x200
#define GICD_ISACTIVER0 0x300
#define GICD_IPRIORITYR 0x400

/* GICC registers; GICV, the virtual CPU interface, has the same layout */
#define GICC		  0xf9020000UL
#define GICV		  0xf9060000UL
#define GICC_CTLR	  0x00
#define GICC_CTLR_EN	  (1U << 0)
#define GICC_CTLR_EOIMODE (1U << 9) /* EOIR drops priority, DIR deactivates */
#define GICC_PMR	  0x04
#define GICC_IAR	  0x0c
#define GICC_EOIR	  0x10
#define GICC_HPPIR	  0x18

#define GICH		0xf9040000UL
#define GICH_HCR	0x000
#define GICH_VMCR	0x008
#define GICH_LR0	0x100
#define GICH_LR_HW	(1U << 31)
#define GICH_LR_PENDING (1U << 28)

#define PPI		26 /* CNTHP: the EL2 physical timer */
#define SPURIOUS	1023
#define ISR_I		(1U << 7) /* ISR_EL1.I: physical IRQ asserted */
#define PSCI_SYSTEM_OFF 0x84000008UL

#define read_sysreg(r)                                   \
	({                                               \
		unsigned long __v;                       \
		asm volatile("mrs %0, " #r : "=r"(__v)); \
		__v;                                     \
	})
#define write_sysreg(r, v) \
	asm volatile("msr " #r ", %0" ::"r"((unsigned long)(v)))
#define isb() asm volatile("isb" ::: "memory")

static unsigned int rd(unsigned long addr)
{
	return *(volatile unsigned int *)addr;
}

static void wr(unsigned long addr, unsigned int v)
{
	*(volatile unsigned int *)addr = v;
}

static void uart_putc(char c)
{
	while (rd(UART0 + UART_SR) & UART_SR_TXFULL)
		;
	wr(UART0 + UART_FIFO, (unsigned char)c);
}

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s);
	}
}

static void puthex(unsigned long v)
{
	int shift = 60;

	uart_puts("0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

/* "gicv2-eoi: step <n> <what> value 0x.. expect 0x..": expect = real GIC */
static void report(int step, const char *what, unsigned long value,
		   unsigned long expect)
{
	uart_puts("gicv2-eoi: step ");
	uart_putc('0' + step);
	uart_puts(" ");
	uart_puts(what);
	uart_puts(" value ");
	puthex(value);
	uart_puts(" expect ");
	puthex(expect);
	uart_puts("\n");
}

static unsigned int hppir(void)
{
	return rd(GICC + GICC_HPPIR) & 0x3ff;
}

static unsigned int irq_line(void)
{
	return !!(read_sysreg(isr_el1) & ISR_I);
}

int main(void)
{
	unsigned int tries = 1000, iar, line;

	/* uart0 comes out of reset with its transmitter disabled */
	wr(UART0 + UART_CR, UART_CR_TXEN);
	report(1, "CurrentEL", (read_sysreg(CurrentEL) >> 2) & 3, 2);

	/* 1: distributor, CPU interface with split EOI, virtual interface */
	wr(GICD + GICD_CTLR, 1);
	wr(GICC + GICC_PMR, 0xff);
	wr(GICC + GICC_CTLR, GICC_CTLR_EN | GICC_CTLR_EOIMODE);
	wr(GICH + GICH_HCR, 1);		       /* En */
	wr(GICH + GICH_VMCR, 1 | 0x1fU << 27); /* VMGrp0En, VMPriMask */

	/* 2: CNTHP at priority 0, firing at once and for good (CVAL 0) */
	*(volatile unsigned char *)(GICD + GICD_IPRIORITYR + PPI) = 0;
	wr(GICD + GICD_ISENABLER0, 1U << PPI);
	write_sysreg(cnthp_cval_el2, 0);
	write_sysreg(cnthp_ctl_el2, 1); /* ENABLE, not masked */
	isb();
	while (hppir() != PPI && --tries)
		;
	report(2, "GICC_HPPIR", hppir(), PPI);

	/* 3: acknowledge; with EOImode the EOI only drops the priority */
	iar = rd(GICC + GICC_IAR) & 0x3ff;
	report(3, "GICC_IAR", iar, PPI);
	wr(GICC + GICC_EOIR, iar);
	/* active (and pending): no longer a candidate */
	report(3, "GICC_HPPIR", hppir(), SPURIOUS);

	/* 4: hand it to the vCPU with the HW bit; the vCPU acks and EOIs it */
	wr(GICH + GICH_LR0, GICH_LR_HW | GICH_LR_PENDING | PPI << 10 | PPI);
	iar = rd(GICV + GICC_IAR) & 0x3ff;
	report(4, "GICV_IAR", iar, PPI);
	wr(GICV + GICC_EOIR, iar);

	/* 5: the physical interrupt is inactive, its line high: pending */
	report(5, "GICD_ISACTIVER0.26", (rd(GICD + GICD_ISACTIVER0) >> PPI) & 1,
	       0);
	report(5, "GICD_ISPENDR0.26", (rd(GICD + GICD_ISPENDR0) >> PPI) & 1, 1);
	iar = hppir();
	line = irq_line();
	report(5, "GICC_HPPIR", iar, PPI);
	report(5, "ISR_EL1.I", line, 1);

	/* 6: an unrelated write that makes QEMU recompute the CPU interface */
	wr(GICC + GICC_PMR, 0xff);
	report(6, "GICC_HPPIR", hppir(), PPI);
	report(6, "ISR_EL1.I", irq_line(), 1);

	/* the verdict is step 5's: what a guest would have seen */
	if (iar == PPI && line)
		uart_puts("gicv2-eoi: verdict: re-signalled\n");
	else
		uart_puts("gicv2-eoi: verdict: NOT re-signalled (pending, not "
			  "signalled until an unrelated GIC event)\n");

	/* the line drops; then QEMU's own PSCI (SMC conduit) powers off */
	write_sysreg(cnthp_ctl_el2, 2); /* IMASK */
	isb();
	register unsigned long x0 asm("x0") = PSCI_SYSTEM_OFF;
	asm volatile("smc #0" : "+r"(x0)::"memory");
	for (;;)
		asm volatile("wfi");
}
