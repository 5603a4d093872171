// SPDX-License-Identifier: BSD-2-Clause
/* IRQ dispatch and the default exception report */
#include <inmate.h>

static irq_handler_t irq_handler;
static exception_hook_t exception_hook;

void irq_dispatch(void);
void exception_entry(unsigned long kind, struct exception_frame *frame);

void irq_set_handler(irq_handler_t handler)
{
	irq_handler = handler;
}

int irq_init(irq_handler_t handler)
{
	irq_handler = handler;
	return gic_init();
}

void irq_dispatch(void)
{
	unsigned int iar = gic_ack_irq();
	unsigned int intid = iar & 0x3ff; /* GICv2 adds the SGI source */

	if (intid >= 1020)
		return;
	if (channel_dispatch(intid))
		;
	else if (irq_handler)
		irq_handler(intid);
	else
		printk("irq: unhandled INTID %u\n", intid);
	gic_eoi_irq(iar);
}

void exception_set_hook(exception_hook_t hook)
{
	exception_hook = hook;
}

static const char *const kind_names[] = {
	"sync",
	"serror",
	"fiq",
	"unexpected",
};

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case 0x00:
		return "unknown/undefined instruction";
	case 0x01:
		return "WFI/WFE trap";
	case 0x07:
		return "FP/SIMD access trap";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "SVC";
	case 0x16:
		return "HVC";
	case 0x17:
		return "SMC";
	case 0x18:
		return "system register trap";
	case 0x20:
		return "instruction abort (lower EL)";
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "PC alignment fault";
	case 0x24:
		return "data abort (lower EL)";
	case 0x25:
		return "data abort";
	case 0x26:
		return "SP alignment fault";
	case 0x2f:
		return "SError";
	case 0x3c:
		return "BRK";
	default:
		return "other";
	}
}

static const char *dfsc_name(unsigned int dfsc)
{
	if (dfsc < 0x04)
		return "address size fault";
	if (dfsc < 0x08)
		return "translation fault";
	if (dfsc < 0x0c)
		return "access flag fault";
	if (dfsc < 0x10)
		return "permission fault";
	if (dfsc == 0x10)
		return "synchronous external abort";
	if (dfsc == 0x21)
		return "alignment fault";
	return "other";
}

static void report(const char *kind, struct exception_frame *f)
{
	unsigned int ec = f->esr >> 26;
	unsigned int i;

	printk("\nEXCEPTION: %s, EC=0x%02x (%s)\n", kind, ec, ec_name(ec));
	printk("  ESR=0x%016llx FAR=0x%016llx\n", f->esr, f->far);
	printk("  ELR=0x%016llx SPSR=0x%08llx SP=0x%016llx\n", f->elr, f->spsr,
	       f->sp);
	if (ec == 0x24 || ec == 0x25)
		printk("  data abort: %s, DFSC=0x%02llx (%s)\n",
		       (f->esr & (1 << 6)) ? "write" : "read", f->esr & 0x3f,
		       dfsc_name(f->esr & 0x3f));
	for (i = 0; i < 31; i += 2) {
		if (i == 30)
			printk("  x30=0x%016llx\n", f->regs[30]);
		else
			printk("  x%-2u=0x%016llx x%-2u=0x%016llx\n", i,
			       f->regs[i], i + 1, f->regs[i + 1]);
	}
	printk("STOPPED.\n");
}

void exception_entry(unsigned long kind, struct exception_frame *frame)
{
	const char *name = kind_names[kind < ARRAY_SIZE(kind_names) ? kind : 3];

	if (exception_hook && exception_hook(name, frame))
		return;
	report(name, frame);
	if (inmate_in_cell()) {
		/* Tell the root cell through the hypervisor that we are dead */
		comm_set_state(BH_CELL_FAILED);
	} else {
		/* Bare: end the QEMU run, tests and scripts wait for it */
		delay_us(2000);
		psci_system_off();
	}
	inmate_halt();
}
