// SPDX-License-Identifier: GPL-2.0
/*
 * The shared GIC distributor, emulated: a cell sees and changes only the
 * interrupt lines it owns (and its CPUs' banked SGIs and PPIs); reads of
 * other lines give zero, writes to them are dropped.
 */
#include <asm/gic.h>
#include <hv/arch.h>
#include <hv/printk.h>

vaddr_t gicd_base;
static DEFINE_SPINLOCK(dist_lock);

struct irq_reg {
	u32 start;
	u32 end;
	unsigned int bits;	/* per interrupt */
	bool set_clear;		/* write-1-to-set/clear: no read-modify-write */
};

static const struct irq_reg irq_regs[] = {
	{ GICD_IGROUPR, GICD_ISENABLER, 1, false },
	{ GICD_ISENABLER, GICD_ICENABLER, 1, true },
	{ GICD_ICENABLER, GICD_ISPENDR, 1, true },
	{ GICD_ISPENDR, GICD_ICPENDR, 1, true },
	{ GICD_ICPENDR, GICD_ISACTIVER, 1, true },
	{ GICD_ISACTIVER, GICD_ICACTIVER, 1, true },
	{ GICD_ICACTIVER, GICD_IPRIORITYR, 1, true },
	{ GICD_IPRIORITYR, GICD_ITARGETSR, 8, false },
	{ GICD_ITARGETSR, GICD_ICFGR, 8, false },
	{ GICD_ICFGR, GICD_IGRPMODR, 2, false },
	{ GICD_IGRPMODR, GICD_IGRPMODR + 0x80, 1, false },
};

static bool irq_allowed(const struct cell *cell, unsigned int irq)
{
	if (irq_is_hypervisors(irq))
		return false;
	/* SGIs and PPIs are banked: each CPU touches only its own */
	return irq < 32 || cell_owns_irq(cell, irq);
}

static u64 access_mask(const struct cell *cell, const struct irq_reg *reg,
		       struct mmio_access *acc)
{
	unsigned int first = (acc->address - gicd_base - reg->start) * 8 /
			     reg->bits;
	unsigned int n, count = acc->size * 8 / reg->bits;
	u64 field = (1ULL << reg->bits) - 1, mask = 0;

	for (n = 0; n < count; n++)
		if (irq_allowed(cell, first + n))
			mask |= field << (n * reg->bits);
	return mask;
}

static enum mmio_result irq_reg_access(struct cell *cell,
				       const struct irq_reg *reg,
				       struct mmio_access *acc)
{
	u64 mask = access_mask(cell, reg, acc), value = acc->value;
	u64 all = acc->size == 8 ? ~0ULL : (1ULL << (8 * acc->size)) - 1;

	if (!acc->is_write) {
		mmio_perform(acc, acc->address);
		acc->value &= mask;
		return MMIO_HANDLED;
	}
	if (mask == all || reg->set_clear) {
		acc->value = value & mask;
		mmio_perform(acc, acc->address);
		return MMIO_HANDLED;
	}
	spin_lock(&dist_lock);
	acc->is_write = false;
	mmio_perform(acc, acc->address);
	acc->value = (acc->value & ~mask) | (value & mask);
	acc->is_write = true;
	mmio_perform(acc, acc->address);
	spin_unlock(&dist_lock);
	return MMIO_HANDLED;
}

#ifdef CONFIG_GIC_V3
/* Route owned SPIs only to the cell's own CPUs, never 1-of-N. */
static enum mmio_result irouter_access(struct cell *cell,
				       struct mmio_access *acc)
{
	unsigned int irq = (acc->address - gicd_base - GICD_IROUTER) / 8;
	unsigned int cpu;

	if (irq < 32 || !cell_owns_irq(cell, irq) ||
	    (acc->size != 8 && acc->size != 4)) {
		if (!acc->is_write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	if (acc->is_write) {
		for_each_cpu(cpu, cell->cpu_set)
			if (per_cpu(cpu)->mpidr ==
			    (acc->value & MPIDR_AFF_MASK))
				break;
		if (cpu == CONFIG_HV_MAX_CPUS)
			acc->value = this_cpu()->mpidr;
		acc->value &= MPIDR_AFF_MASK;	/* IRM = 0 */
	}
	mmio_perform(acc, acc->address);
	return MMIO_HANDLED;
}
#endif

/* Both GIC versions share the distributor's enable registers. */
void irqchip_disable_irq(unsigned int irq)
{
	if (irq < 32 || irq >= BH_MAX_IRQS)
		return;
	mmio_write32(gicd_base + GICD_ICENABLER + irq / 32 * 4,
		     BIT(irq % 32));
}

enum mmio_result gic_dist_access(struct cell *cell, void *arg,
				 struct mmio_access *acc)
{
	u64 offset = acc->address - gicd_base;
	unsigned int n;

	(void)arg;
	for (n = 0; n < ARRAY_SIZE(irq_regs); n++)
		if (offset >= irq_regs[n].start && offset < irq_regs[n].end)
			return irq_reg_access(cell, &irq_regs[n], acc);
#ifdef CONFIG_GIC_V3
	if (offset >= GICD_IROUTER + 32 * 8 && offset < GICD_IROUTER + 0x2000)
		return irouter_access(cell, acc);
#else
	if (offset == GICD_SGIR) {
		if (!acc->is_write)
			acc->value = 0;
		else if (!gic_dist_sgir_write(cell, acc->value))
			return MMIO_DENIED;
		return MMIO_HANDLED;
	}
#endif
	if (offset == GICD_TYPER || offset == GICD_IIDR ||
	    offset >= GICD_ID_START || (offset == GICD_CTLR && !acc->is_write)) {
		if (!acc->is_write)
			mmio_perform(acc, acc->address);
		return MMIO_HANDLED;
	}
	/* the rest is global state no cell may change: ignore, read zero */
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}
