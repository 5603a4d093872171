// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3: physical interrupts reach EL2, are dropped in priority at once and
 * handed to the running cell through list registers with the hardware bit,
 * so the cell's own deactivation ends them physically: one exit per
 * interrupt, none for the EOI.  The distributor and the redistributors are
 * emulated so each cell touches only what it owns.
 *
 * A cell with BH_CELL_DIRECT_IRQ gets its group-1 interrupts straight at
 * EL1 (HCR_EL2.IMO clear): no exit at all.  HCR_EL2.FMO stays set, so its
 * SGI writes still trap and group 0 still comes to EL2, as an FIQ the cell
 * cannot mask: on its CPUs our management SGI is moved to group 0.
 */
#include <asm/gic.h>
#include <asm/paging.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/printk.h>
#include <hv/setup.h>

#define GICR_FRAME_SIZE		0x20000
#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		BIT(3)
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		BIT(4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	BIT(1)
#define GICR_SGI_BASE		0x10000
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x180)
#define GICR_ISPENDR0		(GICR_SGI_BASE + 0x200)
#define GICR_ICPENDR0		(GICR_SGI_BASE + 0x280)
#define GICR_ISACTIVER0		(GICR_SGI_BASE + 0x300)
#define GICR_ICACTIVER0		(GICR_SGI_BASE + 0x380)
#define GICR_IPRIORITYR0	(GICR_SGI_BASE + 0x400)
#define GICR_ICFGR1		(GICR_SGI_BASE + 0xc04)
#define GICR_IGRPMODR0		(GICR_SGI_BASE + 0xd00)
#define GICR_PIDR2		0xffe8

/* our two banked interrupts */
#define HV_BANKED		((u32)(BIT(SGI_MGMT) | BIT(PPI_MAINTENANCE) | \
				       BIT(PPI_HYP_TIMER)))
#define HV_PRIORITY		0x80
/* group 0 on a direct CPU: above any priority a cell can give its IRQs */
#define DIRECT_MGMT_PRIORITY	0x00

#define ICH_HCR_EN		BIT(0)
#define ICH_HCR_UIE		BIT(1)
#define ICH_LR_PENDING		(1ULL << 62)
#define ICH_LR_HW		(1ULL << 61)
#define ICH_LR_GROUP1		(1ULL << 60)
#define ICH_LR_STATE		(3ULL << 62)

#define ICC_SRE_SRE		BIT(0)
#define ICC_SRE_ENABLE		BIT(3)
#define ICC_CTLR_EOIMODE	BIT(1)
#define ICC_CTLR_PRIBITS(c)	((((c) >> 8) & 7) + 1)

#define ICH_VMCR_VENG1		BIT(1)
#define ICH_VMCR_VEOIM		BIT(9)
#define ICH_VMCR_VBPR1_SHIFT	18
#define ICH_VMCR_VPMR_SHIFT	24

static vaddr_t gicr_base;
static u64 gicr_size;

#define ICH_LR(n) "S3_4_C12_C12_" #n
#define ICH_LR8(n) "S3_4_C12_C13_" #n

static u64 lr_read(unsigned int n)
{
	u64 v = 0;

	switch (n) {
#define LR_CASE(i, name) case i: asm volatile("mrs %0, " name : "=r"(v)); break
	LR_CASE(0, ICH_LR(0)); LR_CASE(1, ICH_LR(1)); LR_CASE(2, ICH_LR(2));
	LR_CASE(3, ICH_LR(3)); LR_CASE(4, ICH_LR(4)); LR_CASE(5, ICH_LR(5));
	LR_CASE(6, ICH_LR(6)); LR_CASE(7, ICH_LR(7)); LR_CASE(8, ICH_LR8(0));
	LR_CASE(9, ICH_LR8(1)); LR_CASE(10, ICH_LR8(2));
	LR_CASE(11, ICH_LR8(3)); LR_CASE(12, ICH_LR8(4));
	LR_CASE(13, ICH_LR8(5)); LR_CASE(14, ICH_LR8(6));
	LR_CASE(15, ICH_LR8(7));
#undef LR_CASE
	}
	return v;
}

static void lr_write(unsigned int n, u64 v)
{
	switch (n) {
#define LR_CASE(i, name) case i: asm volatile("msr " name ", %0" : : "r"(v)); break
	LR_CASE(0, ICH_LR(0)); LR_CASE(1, ICH_LR(1)); LR_CASE(2, ICH_LR(2));
	LR_CASE(3, ICH_LR(3)); LR_CASE(4, ICH_LR(4)); LR_CASE(5, ICH_LR(5));
	LR_CASE(6, ICH_LR(6)); LR_CASE(7, ICH_LR(7)); LR_CASE(8, ICH_LR8(0));
	LR_CASE(9, ICH_LR8(1)); LR_CASE(10, ICH_LR8(2));
	LR_CASE(11, ICH_LR8(3)); LR_CASE(12, ICH_LR8(4));
	LR_CASE(13, ICH_LR8(5)); LR_CASE(14, ICH_LR8(6));
	LR_CASE(15, ICH_LR8(7));
#undef LR_CASE
	}
}

/*
 * A free list register for irq, or -BH_EEXIST when irq is already pending
 * in one (an SGI raised twice coalesces; one being handled gets pending
 * again in place, never a second LR with the same ID).
 */
int gic_lr_find_free(struct per_cpu *pcpu, unsigned int irq)
{
	u64 elrsr = read_sysreg(S3_4_C12_C11_5);	/* ICH_ELRSR_EL2 */
	int free_lr = -BH_EBUSY;
	unsigned int n;

	for (n = 0; n < pcpu->arch.num_lrs; n++) {
		u64 lr;

		if (elrsr & BIT(n)) {
			if (free_lr < 0)
				free_lr = n;
			continue;
		}
		lr = lr_read(n);
		if ((u32)lr != irq)
			continue;
		if (!(lr & ICH_LR_HW))
			lr_write(n, lr | ICH_LR_PENDING);
		return -BH_EEXIST;
	}
	return free_lr;
}

int gic_lr_first_free(struct per_cpu *pcpu)
{
	u64 empty = read_sysreg(S3_4_C12_C11_5) &	/* ICH_ELRSR_EL2 */
		    (BIT(pcpu->arch.num_lrs) - 1);

	return empty ? __builtin_ctzll(empty) : -BH_EBUSY;
}

void gic_lr_write(struct per_cpu *pcpu, unsigned int lr, unsigned int irq,
		  bool hw, unsigned int source)
{
	u64 v = ICH_LR_PENDING | ICH_LR_GROUP1 | (u64)LR_PRIORITY << 48 | irq;

	(void)pcpu;
	(void)source;
	if (hw)
		v |= ICH_LR_HW | (u64)irq << 32;
	lr_write(lr, v);
}

void gic_set_underflow_irq(bool on)
{
	u64 hcr = read_sysreg(S3_4_C12_C11_0);		/* ICH_HCR_EL2 */

	write_sysreg(S3_4_C12_C11_0, on ? hcr | ICH_HCR_UIE :
		     hcr & ~ICH_HCR_UIE);
}

static vaddr_t rdist_of(u64 mpidr)
{
	vaddr_t frame;

	for (frame = gicr_base; frame < gicr_base + gicr_size;
	     frame += GICR_FRAME_SIZE) {
		u64 typer = mmio_read64(frame + GICR_TYPER);
		u64 aff = typer >> 32;

		if (((aff & 0xff000000) << 8 | (aff & 0xffffff)) == mpidr)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

/*
 * Entered from a live Linux: an SGI or PPI it had acknowledged but not yet
 * deactivated would be ended through the virtual interface, which no longer
 * reaches the physical one.  End such leftovers here.
 */
static void end_active_banked(vaddr_t rd)
{
	u32 active = mmio_read32(rd + GICR_ISACTIVER0);
	unsigned int irq;

	for (irq = 0; irq < 32; irq++)
		if (active & BIT(irq))
			write_sysreg(S3_0_C12_C11_1, irq);	/* DIR */
}

static void rdist_wait_rwp(vaddr_t rd)
{
	unsigned int spins = 1000000;

	while (mmio_read32(rd + GICR_CTLR) & GICR_CTLR_RWP && --spins)
		asm volatile("yield" ::: "memory");
}

static void set_hv_priority(vaddr_t rd, u8 prio)
{
	*(volatile u8 *)(rd + GICR_IPRIORITYR0 + SGI_MGMT) = prio;
	*(volatile u8 *)(rd + GICR_IPRIORITYR0 + PPI_MAINTENANCE) = prio;
	*(volatile u8 *)(rd + GICR_IPRIORITYR0 + PPI_HYP_TIMER) = prio;
}

/*
 * Direct delivery: the cell acknowledges and ends its interrupts on the
 * physical interface itself.  Its EOIR1 must also deactivate (EOImode 0:
 * with FMO set its DIR writes only reach the virtual interface), and our
 * two interrupts go to group 0, which FMO still routes to EL2.
 */
static void direct_irq_enter(struct per_cpu *pcpu, vaddr_t rd)
{
	/* a sender that sees SGI 15 in group 0 must see the flag too */
	WRITE_ONCE(pcpu->arch.direct_irq, true);
	dsb(ish);
	/* nothing left behind may fire into the cell: it enables its own */
	mmio_write32(rd + GICR_ICENABLER0, ~HV_BANKED);
	rdist_wait_rwp(rd);
	mmio_write32(rd + GICR_ICACTIVER0, ~HV_BANKED);
	mmio_write32(rd + GICR_IGRPMODR0, 0);
	mmio_write32(rd + GICR_IGROUPR0, ~HV_BANKED);
	set_hv_priority(rd, DIRECT_MGMT_PRIORITY);
	dsb(ish);
	write_sysreg(S3_0_C12_C8_3, 0);			/* BPR0: FIQ preempts */
	write_sysreg(S3_0_C12_C12_4, 0);		/* CTLR: EOImode 0 */
	write_sysreg(S3_0_C12_C12_6, 1);		/* IGRPEN0 */
}

/* The cell's SPIs still active on this CPU: nobody else would end them. */
static void end_active_spis(struct per_cpu *pcpu)
{
	const struct cell *cell = pcpu->cell;
	unsigned int word, bit;

	for (word = 1; word < BH_IRQ_BITMAP_WORDS; word++) {
		u32 active = mmio_read32(gicd_base + GICD_ISACTIVER + word * 4) &
			     cell->irq_bitmap[word];

		for (bit = 0; active && bit < 32; bit++) {
			unsigned int irq = word * 32 + bit;
			u64 route = mmio_read64(gicd_base + GICD_IROUTER + irq * 8);

			if (!(active & BIT(bit)) ||
			    (route & MPIDR_AFF_MASK) != pcpu->mpidr)
				continue;
			mmio_write32(gicd_base + GICD_ICACTIVER + word * 4,
				     BIT(bit));
		}
	}
}

/* As Linux does at boot: an interrupt ended by force drops no priority. */
static void clear_active_priorities(void)
{
	unsigned int bits = ICC_CTLR_PRIBITS(read_sysreg(S3_0_C12_C12_4));

	write_sysreg(S3_0_C12_C9_0, 0);			/* AP1R0 */
	if (bits >= 6)
		write_sysreg(S3_0_C12_C9_1, 0);
	if (bits >= 7) {
		write_sysreg(S3_0_C12_C9_2, 0);
		write_sysreg(S3_0_C12_C9_3, 0);
	}
}

/*
 * The CPU leaves a direct cell (shut down, destroyed, failed, or powering
 * itself off): whoever gets it next, Linux or the cell restarted, must
 * find the interface as the root set-up has it, with none of the cell's
 * interrupts enabled, pending or active.
 */
static void direct_irq_leave(struct per_cpu *pcpu, vaddr_t rd)
{
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	mmio_write32(rd + GICR_ICENABLER0, ~HV_BANKED);
	rdist_wait_rwp(rd);
	mmio_write32(rd + GICR_ICPENDR0, ~HV_BANKED);
	mmio_write32(rd + GICR_ICACTIVER0, ~HV_BANKED);
	end_active_spis(pcpu);
	clear_active_priorities();
	write_sysreg(S3_0_C12_C12_6, 0);		/* IGRPEN0 */
	mmio_write32(rd + GICR_IGROUPR0, ~0U);
	set_hv_priority(rd, HV_PRIORITY);
	write_sysreg(S3_0_C12_C12_4, ICC_CTLR_EOIMODE);
	isb();
	dsb(ish);
	WRITE_ONCE(pcpu->arch.direct_irq, false);
}

void irqchip_cpu_init(struct per_cpu *pcpu)
{
	u64 vmcr = 0;
	vaddr_t rd;

	write_sysreg(S3_4_C12_C9_5, ICC_SRE_SRE | ICC_SRE_ENABLE); /* SRE_EL2 */
	isb();
	pcpu->arch.num_lrs = (read_sysreg(S3_4_C12_C11_1) & 0x1f) + 1;
	if (pcpu->arch.num_lrs > GIC_MAX_LRS)
		pcpu->arch.num_lrs = GIC_MAX_LRS;
	rd = rdist_of(pcpu->mpidr);
	pcpu->arch.gicr_base = rd;
	if (rd && pcpu->boot_entry == 0)
		end_active_banked(rd);
	if (rd) {
		/* our management SGI, the maintenance and watchdog PPIs */
		set_hv_priority(rd, HV_PRIORITY);
		mmio_write32(rd + GICR_ISENABLER0, HV_BANKED);
	}
	if (pcpu->boot_entry == 0) {
		/* entered from a live Linux: carry its interface state over */
		u64 ctlr = read_sysreg(S3_0_C12_C12_4);	/* ICC_CTLR_EL1 */

		vmcr = read_sysreg(S3_0_C4_C6_0) << ICH_VMCR_VPMR_SHIFT |	/* PMR */
		       (read_sysreg(S3_0_C12_C12_3) & 7) << ICH_VMCR_VBPR1_SHIFT |
		       (read_sysreg(S3_0_C12_C12_7) & 1 ? ICH_VMCR_VENG1 : 0) |
		       (ctlr & ICC_CTLR_EOIMODE ? ICH_VMCR_VEOIM : 0);
	}
	write_sysreg(S3_4_C12_C11_7, vmcr);		/* ICH_VMCR_EL2 */
	write_sysreg(S3_0_C12_C12_4, ICC_CTLR_EOIMODE);	/* split EOI/DIR */
	write_sysreg(S3_0_C4_C6_0, 0xff);		/* PMR: let all in */
	write_sysreg(S3_0_C12_C12_7, 1);		/* IGRPEN1 */
	write_sysreg(S3_4_C12_C11_0, ICH_HCR_EN);
	if (rd && cell_direct_irq(pcpu->cell))
		direct_irq_enter(pcpu, rd);
	isb();
}

/* Before a CPU goes off: end what its cell left active, empty the LRs. */
void irqchip_cpu_reset(struct per_cpu *pcpu)
{
	unsigned int n;

	if (pcpu->arch.direct_irq && pcpu->arch.gicr_base)
		direct_irq_leave(pcpu, pcpu->arch.gicr_base);
	for (n = 0; n < pcpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		if (lr & ICH_LR_HW && lr & ICH_LR_STATE)
			write_sysreg(S3_0_C12_C11_1, (lr >> 32) & 0x3ff); /* DIR */
		lr_write(n, 0);
	}
	pcpu->arch.num_pending = 0;
	write_sysreg(S3_4_C12_C11_0, 0);
	isb();
}

/* Ours: the watchdogs' timer, the management SGI, maintenance; SGIs */
static void handle_own_irq(struct per_cpu *pcpu, u32 irq)
{
	write_sysreg(S3_0_C12_C11_1, irq);		/* DIR */
	if (irq == PPI_HYP_TIMER)
		health_timer_irq(pcpu);
	else if (irq == PPI_MAINTENANCE)
		pcpu->stats[BH_EXIT_MAINTENANCE]++;
	else if (irq == SGI_MGMT)
		pcpu->stats[BH_EXIT_SGI]++;
	else
		gic_inject(pcpu, irq, false, 0);
}

/*
 * A device's interrupt for the cell on this CPU: the hot path of a
 * trap-and-inject cell.  The physical one stays active until the cell
 * ends it (hardware bit), so the first free list register will do.
 */
static void handle_device_irq(struct per_cpu *pcpu, u32 irq)
{
	int lr;

	if (irq >= 32 && !cell_owns_irq(pcpu->cell, irq)) {
		/* routed here before its owner changed: end it */
		write_sysreg(S3_0_C12_C11_1, irq);
		return;
	}
	lr = gic_lr_first_free(pcpu);
	if (lr >= 0)
		gic_lr_write(pcpu, lr, irq, true, 0);
	else
		gic_inject(pcpu, irq, true, 0);		/* queued */
}

/*
 * One interrupt per exit: with another one pending, the CPU comes back at
 * once, and the common case saves a second acknowledge.
 */
void irqchip_handle_irq(struct per_cpu *pcpu)
{
	u32 irq = read_sysreg(S3_0_C12_C12_0) & 0xffffff;	/* IAR1 */

	if (irq >= IRQ_SPURIOUS_FIRST && irq < 1024)
		return;
	write_sysreg(S3_0_C12_C12_1, irq);		/* EOIR1: drop */
	if (irq >= 16 && irq != PPI_MAINTENANCE && irq != PPI_HYP_TIMER)
		handle_device_irq(pcpu, irq);
	else
		handle_own_irq(pcpu, irq);
	if (pcpu->arch.num_pending)
		gic_retry_pending(pcpu);
}

/*
 * Group 0 is ours alone.  Only a direct CPU enables it: there our SGI (and
 * the maintenance PPI) come as FIQs, ended with EOIR0, which deactivates
 * too under EOImode 0.  Elsewhere an FIQ is looked at as an IRQ, as always.
 */
void irqchip_handle_fiq(struct per_cpu *pcpu)
{
	if (!pcpu->arch.direct_irq) {
		irqchip_handle_irq(pcpu);
		return;
	}
	for (;;) {
		u32 irq = read_sysreg(S3_0_C12_C8_0) & 0xffffff; /* IAR0 */

		if (irq >= IRQ_SPURIOUS_FIRST && irq < 1024)
			break;
		write_sysreg(S3_0_C12_C8_1, irq);	/* EOIR0 */
		if (irq == SGI_MGMT)
			pcpu->stats[BH_EXIT_SGI]++;
		else if (irq == PPI_MAINTENANCE)
			pcpu->stats[BH_EXIT_MAINTENANCE]++;
		else if (irq == PPI_HYP_TIMER)
			health_timer_irq(pcpu);
		else
			printk("CPU %u: unexpected group-0 interrupt %u\n",
			       pcpu->cpu_id, irq);
	}
}

/* An ICC_SGI{0,1}R_EL1 value for one CPU */
static u64 sgi_value(unsigned int sgi, u64 mpidr)
{
	return (u64)sgi << 24 | BIT(mpidr & 0xf) |
	       ((mpidr >> 8) & 0xff) << 16 | ((mpidr >> 16) & 0xff) << 32 |
	       ((mpidr >> 32) & 0xff) << 48 | ((mpidr >> 4) & 0xf) << 44;
}

/*
 * SGI1R raises only a group-1 SGI, SGI0R only a group-0 one.  A direct
 * CPU's flag is up before its SGI 15 turns group 0 and down after it is
 * group 1 again, so while the flag is up both are sent: exactly one lands,
 * and a spare kick costs nothing but a look at the requests.
 */
void irqchip_send_mgmt_sgi(unsigned int cpu)
{
	struct per_cpu *target = per_cpu(cpu);
	u64 sgi = sgi_value(SGI_MGMT, target->mpidr);

	dsb(ish);
	write_sysreg(S3_0_C12_C11_5, sgi);			/* SGI1R */
	if (READ_ONCE(target->arch.direct_irq))
		write_sysreg(S3_0_C12_C11_7, sgi);		/* SGI0R */
	isb();
}

/* Group 1: on a direct target it reaches the cell without an exit. */
static void send_sgi(unsigned int sgi, u64 mpidr)
{
	write_sysreg(S3_0_C12_C11_5, sgi_value(sgi, mpidr));	/* SGI1R */
}

/*
 * A guest's SGI: only to its own cell's CPUs; never our management SGI.
 * A root CPU not entered yet (during enable) is unknown here and still the
 * root cell's, so the root may signal unknown CPUs; other cells may not.
 */
enum trap_result gicv3_handle_sgir(struct per_cpu *pcpu, u64 value)
{
	unsigned int sgi = (value >> 24) & 0xf, bit, cpu;
	u64 cluster = ((value >> 16) & 0xff) << 8 | ((value >> 32) & 0xff) << 16 |
		      ((value >> 48) & 0xff) << 32 | ((value >> 44) & 0xf) << 4;
	struct cell *cell = pcpu->cell;
	bool root = cell_is_root(cell);

	if (sgi == SGI_MGMT)
		return TRAP_FORBIDDEN;
	pcpu->stats[BH_EXIT_SGI]++;
	if (value & BIT_ULL(40)) {
		/* as in GICv2: CPUs that left during disable count too */
		for_each_cpu(cpu, cell->cpu_set & ~BIT_ULL(pcpu->cpu_id))
			if (per_cpu(cpu)->cell)	/* its MPIDR is known */
				send_sgi(sgi, per_cpu(cpu)->mpidr);
		isb();
		return TRAP_HANDLED;
	}
	for (bit = 0; bit < 16; bit++) {
		int target;

		if (!(value & BIT(bit)))
			continue;
		target = cpu_by_mpidr(cluster | bit);
		if (target >= 0 && (cell->cpu_set & BIT_ULL(target)))
			send_sgi(sgi, cluster | bit);
		else if (target < 0 && root)
			send_sgi(sgi, cluster | bit);
		else if (!root)
			return TRAP_FORBIDDEN;
	}
	isb();
	return TRAP_HANDLED;
}

void gic_route_spi(unsigned int irq, const struct cell *owner)
{
	unsigned int cpu;

	/* the first of its CPUs: the owner moves it where it wants */
	for_each_cpu(cpu, owner->cpu_set) {
		if (!per_cpu(cpu)->cell)	/* its MPIDR is not known */
			continue;
		mmio_write64(gicd_base + GICD_IROUTER + irq * 8,
			     per_cpu(cpu)->mpidr & MPIDR_AFF_MASK);
		return;
	}
}

/* The redistributor frame of one of the cell's CPUs, or of any CPU. */
static bool frame_of(const struct cell *cell, vaddr_t frame)
{
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_HV_MAX_CPUS; cpu++)
		if ((!cell || cell->cpu_set & BIT_ULL(cpu)) &&
		    per_cpu(cpu)->arch.gicr_base == frame)
			return true;
	return false;
}

/* Keep the priority bytes of our two interrupts in a priority write. */
static bool keep_hv_priorities(struct mmio_access *acc, u64 offset)
{
	unsigned int first = offset - GICR_IPRIORITYR0, n;
	struct mmio_access cur = *acc;
	u64 keep = 0;

	for (n = 0; n < acc->size; n++)
		if (irq_is_hypervisors(first + n))
			keep |= 0xffULL << (8 * n);
	if (!keep)
		return true;
	cur.is_write = false;
	if (!mmio_perform(&cur, cur.address))
		return false;
	acc->value = (acc->value & ~keep) | (cur.value & keep);
	return true;
}

/*
 * The writes a cell may make to its own CPUs' redistributors; every other
 * write is dropped.  Our two interrupts are the only way back into EL2 on
 * that CPU, so no cell may disable, end, pend or reprioritise them (the
 * set/clear registers take whole words only: a byte write could not be
 * masked), nor put the redistributor to sleep.  Grouping stays as set up
 * (a group-0 interrupt would be an FIQ to EL2 that nobody acknowledges);
 * LPIs stay off (their tables would be in memory anyone can point at).
 * False: drop the write.
 */
static bool allow_gicr_write(struct mmio_access *acc, u64 offset)
{
	switch (offset) {
	case GICR_ISENABLER0:
	case GICR_ICENABLER0:
	case GICR_ISPENDR0:
	case GICR_ICPENDR0:
	case GICR_ISACTIVER0:
	case GICR_ICACTIVER0:
		acc->value &= ~(u64)HV_BANKED;
		return acc->size == 4;
	case GICR_WAKER:
		acc->value &= ~(u64)GICR_WAKER_SLEEP;
		return acc->size == 4;
	case GICR_ICFGR1:
		return acc->size == 4;
	}
	if (offset >= GICR_IPRIORITYR0 && offset < GICR_IPRIORITYR0 + 32 &&
	    (acc->size == 1 || acc->size == 4)) {
		acc->value = gic_cap_priorities(acc->value, acc->size);
		return keep_hv_priorities(acc, offset);
	}
	return false;
}

static enum mmio_result gicr_access(struct cell *cell, void *arg,
				    struct mmio_access *acc)
{
	u64 offset = (acc->address - gicr_base) % GICR_FRAME_SIZE;
	vaddr_t frame = acc->address - offset;
	bool id_reg = offset == GICR_TYPER || offset == GICR_TYPER + 4 ||
		      offset == GICR_PIDR2;

	(void)arg;
	if (!frame_of(cell, frame)) {
		/*
		 * Any CPU may discover the layout, nothing more; past the
		 * last CPU there may be no redistributor at all.
		 */
		if (acc->is_write || !id_reg || !frame_of(NULL, frame))
			return MMIO_DENIED;
		return mmio_pass(acc, acc->address);
	}
	if (acc->is_write && !allow_gicr_write(acc, offset))
		return MMIO_HANDLED;
	if (!mmio_perform(acc, acc->address))
		return MMIO_FAULTED;
	/*
	 * A cell's redistributors end at its highest CPU's: Linux walks the
	 * frames of its DT region until it reads Last, and maps no more.
	 */
	if (offset == GICR_TYPER && !acc->is_write &&
	    per_cpu(63 - __builtin_clzll(cell->cpu_set))->arch.gicr_base ==
		    frame)
		acc->value |= GICR_TYPER_LAST;
	return MMIO_HANDLED;
}

int irqchip_init(void)
{
	const struct bh_platform *plat = &sys_config->platform;
	int err;

	if (plat->gic_version != 3)
		return -BH_EINVAL;
	err = gic_check_platform(plat);
	if (err)
		return err;
	gicd_base = plat->gicd_base;
	gicr_base = plat->gicr_base;
	gicr_size = (u64)CONFIG_HV_MAX_CPUS * GICR_FRAME_SIZE;
	err = paging_map(&hv_paging, gicd_base, gicd_base, GICD_SIZE,
			 PAGING_RW | PAGING_DEVICE);
	return err ?: paging_map(&hv_paging, gicr_base, gicr_base, gicr_size,
				 PAGING_RW | PAGING_DEVICE);
}

int irqchip_cell_init(struct cell *cell)
{
	int err = mmio_region_register(cell, gicd_base, GICD_SIZE,
				       gic_dist_access, NULL);

	return err ?: mmio_region_register(cell, gicr_base, gicr_size,
					   gicr_access, NULL);
}

void irqchip_cell_exit(struct cell *cell)
{
	cell->num_mmio = 0;
}

