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
	unsigned int bits; /* per interrupt */
	bool set_clear;	   /* write-1-to-set/clear: no read-modify-write */
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

/* Channel doorbells: edge-triggered, whatever their owner writes */
static u32 doorbells[BH_IRQ_BITMAP_WORDS];

static bool is_doorbell(unsigned int irq)
{
	return irq < BH_MAX_IRQS && (doorbells[irq / 32] & BIT(irq % 32));
}

static u64 access_mask(const struct cell *cell, const struct irq_reg *reg,
		       struct mmio_access *acc)
{
	unsigned int first = (acc->address - gicd_base - reg->start) * 8 /
			     reg->bits;
	unsigned int n, count = acc->size * 8 / reg->bits;
	u64 field = (1ULL << reg->bits) - 1, mask = 0;

	for (n = 0; n < count; n++)
		if (irq_allowed(cell, first + n) &&
		    !(acc->is_write && reg->start == GICD_ICFGR &&
		      is_doorbell(first + n)))
			mask |= field << (n * reg->bits);
	return mask;
}

static enum mmio_result irq_reg_access(struct cell *cell,
				       const struct irq_reg *reg,
				       struct mmio_access *acc)
{
	u64 mask = access_mask(cell, reg, acc), value = acc->value;
	u64 all = acc->size == 8 ? ~0ULL : (1ULL << (8 * acc->size)) - 1;
	bool done;

	if (!acc->is_write) {
		done = mmio_perform(acc, acc->address);
		acc->value &= mask;
		return done ? MMIO_HANDLED : MMIO_FAULTED;
	}
	if (mask == all || reg->set_clear) {
		acc->value = value & mask;
		return mmio_pass(acc, acc->address);
	}
	/* a fault returns here too (mmio-guard.S): the lock is always let go */
	spin_lock(&dist_lock);
	acc->is_write = false;
	done = mmio_perform(acc, acc->address);
	acc->value = (acc->value & ~mask) | (value & mask);
	acc->is_write = true;
	done = done && mmio_perform(acc, acc->address);
	spin_unlock(&dist_lock);
	return done ? MMIO_HANDLED : MMIO_FAULTED;
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
			if (per_cpu(cpu)->mpidr == (acc->value & MPIDR_AFF_MASK))
				break;
		if (cpu == CONFIG_HV_MAX_CPUS)
			acc->value = this_cpu()->mpidr;
		acc->value &= MPIDR_AFF_MASK; /* IRM = 0 */
	}
	return mmio_pass(acc, acc->address);
}
#endif

/* The config names the maintenance PPI; this build has it fixed. */
int gic_check_platform(const struct bh_platform *plat)
{
	if (plat->maintenance_irq == PPI_MAINTENANCE)
		return 0;
	printk("FATAL: system config: platform.maintenance_irq %u, this "
	       "build handles %u\n",
	       plat->maintenance_irq, PPI_MAINTENANCE);
	return -BH_EINVAL;
}

/* The trigger of each SPI as the root cell had it, while a cell has it */
static u32 root_icfgr[BH_MAX_IRQS / 16];

/*
 * An SPI changing hands starts clean, in both directions: off, neither
 * pending nor active, at the default priority (on GICv3 in group 1; a
 * GICv2 without security extensions signals only the group the firmware
 * left it in, and no cell can change it), routed to a CPU
 * of its new owner.  Whatever the last owner did to it (a line held high
 * and aimed at a CPU it does not own, a group-0 FIQ) ends here.  The
 * trigger describes the wiring: the root's is kept and given back.
 */
void irqchip_reset_spi(unsigned int irq, const struct cell *owner)
{
	unsigned int word = irq / 32 * 4, cfg = irq / 16 * 4;
	unsigned int shift = irq % 16 * 2;
	u32 bit = BIT(irq % 32), icfgr;

	if (irq < 32 || irq >= BH_MAX_IRQS)
		return;
	mmio_write32(gicd_base + GICD_ICENABLER + word, bit);
	mmio_write32(gicd_base + GICD_ICPENDR + word, bit);
	mmio_write32(gicd_base + GICD_ICACTIVER + word, bit);
	spin_lock(&dist_lock);
#ifdef CONFIG_GIC_V3
	mmio_write32(gicd_base + GICD_IGROUPR + word,
		     mmio_read32(gicd_base + GICD_IGROUPR + word) | bit);
#endif
	icfgr = mmio_read32(gicd_base + GICD_ICFGR + cfg);
	if (cell_is_root(owner))
		icfgr = (icfgr & ~(3U << shift)) |
			(root_icfgr[irq / 16] & 3U << shift);
	else
		root_icfgr[irq / 16] = (root_icfgr[irq / 16] & ~(3U << shift)) |
				       (icfgr & 3U << shift);
	mmio_write32(gicd_base + GICD_ICFGR + cfg, icfgr);
	spin_unlock(&dist_lock);
	*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + irq) = SPI_PRIORITY;
	gic_route_spi(irq, owner);
}

unsigned int irqchip_num_spis(void)
{
	return (mmio_read32(gicd_base + GICD_TYPER) & 0x1f) * 32;
}

/*
 * A line only the hypervisor raises (a vUART's): edge-triggered while on,
 * whatever its owner writes.  Off, the owner's writes count again; the
 * trigger goes back to the root's with irqchip_reset_spi().
 */
void irqchip_hv_line(unsigned int irq, bool on)
{
	unsigned int cfg = irq / 16 * 4, shift = irq % 16 * 2;

	spin_lock(&dist_lock);
	doorbells[irq / 32] &= ~BIT(irq % 32);
	if (on) {
		doorbells[irq / 32] |= BIT(irq % 32);
		mmio_write32(gicd_base + GICD_ICFGR + cfg,
			     mmio_read32(gicd_base + GICD_ICFGR + cfg) |
				     2U << shift);
	}
	spin_unlock(&dist_lock);
}

/* A channel's doorbell: edge-triggered for good, also in the root. */
void irqchip_make_doorbell(unsigned int irq)
{
	irqchip_hv_line(irq, true);
	spin_lock(&dist_lock);
	root_icfgr[irq / 16] |= 2U << (irq % 16 * 2);
	spin_unlock(&dist_lock);
}

/*
 * Write-1-to-set: no lock, whatever else changes the line meanwhile.  What
 * the ringing side wrote before it rang must reach the peer first.
 */
void irqchip_set_spi_pending(unsigned int irq)
{
	dsb(ish);
	mmio_write32(gicd_base + GICD_ISPENDR + irq / 32 * 4, BIT(irq % 32));
}

/* Priority bytes as a cell may set them: never above CELL_PRIORITY_MAX. */
u64 gic_cap_priorities(u64 value, unsigned int bytes)
{
	unsigned int n;

	for (n = 0; n < bytes; n++) {
		u64 byte = (value >> (8 * n)) & 0xff;

		if (byte < CELL_PRIORITY_MAX)
			value += (CELL_PRIORITY_MAX - byte) << (8 * n);
	}
	return value;
}

/* A group-0 SPI would be an FIQ to EL2 that nobody acknowledges. */
static bool is_group_reg(u64 offset)
{
	return (offset >= GICD_IGROUPR && offset < GICD_ISENABLER) ||
	       (offset >= GICD_IGRPMODR && offset < GICD_IGRPMODR + 0x80);
}

enum mmio_result gic_dist_access(struct cell *cell, void *arg,
				 struct mmio_access *acc)
{
	u64 offset = acc->address - gicd_base;
	unsigned int n;

	(void)arg;
	if (acc->is_write && is_group_reg(offset))
		return MMIO_HANDLED;
	if (acc->is_write && offset >= GICD_IPRIORITYR &&
	    offset < GICD_ITARGETSR)
		acc->value = gic_cap_priorities(acc->value, acc->size);
#ifndef CONFIG_GIC_V3
	if (acc->is_write && offset >= GICD_ITARGETSR + 32 &&
	    offset < GICD_ICFGR)
		gic_filter_targets(cell, acc);
#endif
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
		return acc->is_write ? MMIO_HANDLED :
				       mmio_pass(acc, acc->address);
	}
	/* the rest is global state no cell may change: ignore, read zero */
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}
