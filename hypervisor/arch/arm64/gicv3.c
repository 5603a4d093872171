// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3: physical interrupts reach EL2, are dropped in priority at once and
 * handed to the running cell through list registers with the hardware bit,
 * so the cell's own deactivation ends them physically: one exit per
 * interrupt, none for the EOI.  The distributor (gic-dist.c) and the
 * redistributors (gicv3-rdist.c) are emulated so each cell touches only
 * what it owns; a cell with BH_CELL_DIRECT_IRQ takes its interrupts
 * without us (gicv3-direct.c).
 */
#include <asm/gicv3.h>
#include <asm/paging.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/printk.h>
#include <hv/setup.h>

#define ICH_HCR_EN     BIT(0)
#define ICH_HCR_UIE    BIT(1)
#define ICH_LR_PENDING (1ULL << 62)
#define ICH_LR_HW      (1ULL << 61)
#define ICH_LR_GROUP1  (1ULL << 60)
#define ICH_LR_STATE   (3ULL << 62)

#define ICC_SRE_SRE    BIT(0)
#define ICC_SRE_ENABLE BIT(3)

#define ICH_VMCR_VENG1	     BIT(1)
#define ICH_VMCR_VEOIM	     BIT(9)
#define ICH_VMCR_VBPR1_SHIFT 18
#define ICH_VMCR_VPMR_SHIFT  24

vaddr_t gicr_base;
static u64 gicr_size;

/* ICH_LR<n>_EL2 by number: system registers have no index */
#define ICH_LR(n)  "S3_4_C12_C12_" #n
#define ICH_LR8(n) "S3_4_C12_C13_" #n
#define FOR_EACH_LR(X)     \
	X(0, ICH_LR(0));   \
	X(1, ICH_LR(1));   \
	X(2, ICH_LR(2));   \
	X(3, ICH_LR(3));   \
	X(4, ICH_LR(4));   \
	X(5, ICH_LR(5));   \
	X(6, ICH_LR(6));   \
	X(7, ICH_LR(7));   \
	X(8, ICH_LR8(0));  \
	X(9, ICH_LR8(1));  \
	X(10, ICH_LR8(2)); \
	X(11, ICH_LR8(3)); \
	X(12, ICH_LR8(4)); \
	X(13, ICH_LR8(5)); \
	X(14, ICH_LR8(6)); \
	X(15, ICH_LR8(7));

static u64 lr_read(unsigned int n)
{
	u64 v = 0;

	switch (n) {
#define LR_READ(i, name)                                 \
	case i:                                          \
		asm volatile("mrs %0, " name : "=r"(v)); \
		break
		FOR_EACH_LR(LR_READ)
#undef LR_READ
	}
	return v;
}

static void lr_write(unsigned int n, u64 v)
{
	switch (n) {
#define LR_WRITE(i, name)                                    \
	case i:                                              \
		asm volatile("msr " name ", %0" : : "r"(v)); \
		break
		FOR_EACH_LR(LR_WRITE)
#undef LR_WRITE
	}
}

/*
 * A free list register for irq, or -BH_EEXIST when irq is already pending
 * in one (an SGI raised twice coalesces; one being handled gets pending
 * again in place, never a second LR with the same ID).
 */
int gic_lr_find_free(struct per_cpu *pcpu, unsigned int irq)
{
	u64 elrsr = read_sysreg(S3_4_C12_C11_5); /* ICH_ELRSR_EL2 */
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
	u64 empty = read_sysreg(S3_4_C12_C11_5) & /* ICH_ELRSR_EL2 */
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
	u64 hcr = read_sysreg(S3_4_C12_C11_0); /* ICH_HCR_EL2 */

	write_sysreg(S3_4_C12_C11_0,
		     on ? hcr | ICH_HCR_UIE : hcr & ~ICH_HCR_UIE);
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
			write_sysreg(S3_0_C12_C11_1, irq); /* DIR */
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
		u64 ctlr = read_sysreg(S3_0_C12_C12_4); /* ICC_CTLR_EL1 */

		vmcr = read_sysreg(S3_0_C4_C6_0)
			       << ICH_VMCR_VPMR_SHIFT | /* PMR */
		       (read_sysreg(S3_0_C12_C12_3) & 7)
			       << ICH_VMCR_VBPR1_SHIFT |
		       (read_sysreg(S3_0_C12_C12_7) & 1 ? ICH_VMCR_VENG1 : 0) |
		       (ctlr & ICC_CTLR_EOIMODE ? ICH_VMCR_VEOIM : 0);
	}
	write_sysreg(S3_4_C12_C11_7, vmcr);		/* ICH_VMCR_EL2 */
	write_sysreg(S3_0_C12_C12_4, ICC_CTLR_EOIMODE); /* split EOI/DIR */
	write_sysreg(S3_0_C4_C6_0, 0xff);		/* PMR: let all in */
	write_sysreg(S3_0_C12_C12_7, 1);		/* IGRPEN1 */
	write_sysreg(S3_4_C12_C11_0, ICH_HCR_EN);
	if (rd && cell_direct_irq(pcpu->cell))
		gicv3_direct_enter(pcpu, rd);
	isb();
}

/* Before a CPU goes off: end what its cell left active, empty the LRs. */
void irqchip_cpu_reset(struct per_cpu *pcpu)
{
	unsigned int n;

	if (pcpu->arch.direct_irq && pcpu->arch.gicr_base)
		gicv3_direct_leave(pcpu, pcpu->arch.gicr_base);
	for (n = 0; n < pcpu->arch.num_lrs; n++) {
		u64 lr = lr_read(n);

		if (lr & ICH_LR_HW && lr & ICH_LR_STATE)
			gic_deactivate((lr >> 32) & 0x3ff);
		lr_write(n, 0);
	}
	pcpu->arch.num_pending = 0;
	write_sysreg(S3_4_C12_C11_0, 0);
	isb();
}

void gic_deactivate(u32 irq)
{
	write_sysreg(S3_0_C12_C11_1, irq); /* DIR */
}

/*
 * One interrupt per exit: with another one pending, the CPU comes back at
 * once, and the common case saves a second acknowledge.
 */
void irqchip_handle_irq(struct per_cpu *pcpu)
{
	u32 irq = read_sysreg(S3_0_C12_C12_0) & 0xffffff; /* IAR1 */

	if (irq >= IRQ_SPURIOUS_FIRST && irq < 1024)
		return;
	write_sysreg(S3_0_C12_C12_1, irq); /* EOIR1: drop */
	if (gic_irq_is_cells(irq)) {
		gic_handle_device_irq(pcpu, irq);
	} else {
		gic_deactivate(irq);
		gic_handle_own_irq(pcpu, irq, 0);
	}
	if (pcpu->arch.num_pending)
		gic_retry_pending(pcpu);
}

/* An ICC_SGI{0,1}R_EL1 value for one CPU */
static u64 sgi_value(unsigned int sgi, u64 mpidr)
{
	return (u64)sgi << 24 | BIT(mpidr & 0xf) | ((mpidr >> 8) & 0xff) << 16 |
	       ((mpidr >> 16) & 0xff) << 32 | ((mpidr >> 32) & 0xff) << 48 |
	       ((mpidr >> 4) & 0xf) << 44;
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
	write_sysreg(S3_0_C12_C11_5, sgi); /* SGI1R */
	if (READ_ONCE(target->arch.direct_irq))
		write_sysreg(S3_0_C12_C11_7, sgi); /* SGI0R */
	isb();
}

/* Group 1: on a direct target it reaches the cell without an exit. */
static void send_sgi(unsigned int sgi, u64 mpidr)
{
	write_sysreg(S3_0_C12_C11_5, sgi_value(sgi, mpidr)); /* SGI1R */
}

/*
 * A guest's SGI: only to its own cell's CPUs; never our management SGI.
 * A root CPU not entered yet (during enable) is unknown here and still the
 * root cell's, so the root may signal unknown CPUs; other cells may not.
 */
enum trap_result gicv3_handle_sgir(struct per_cpu *pcpu, u64 value)
{
	unsigned int sgi = (value >> 24) & 0xf, bit, cpu;
	u64 cluster = ((value >> 16) & 0xff) << 8 |
		      ((value >> 32) & 0xff) << 16 |
		      ((value >> 48) & 0xff) << 32 | ((value >> 44) & 0xf) << 4;
	struct cell *cell = pcpu->cell;
	bool root = cell_is_root(cell);

	if (sgi == SGI_MGMT)
		return TRAP_FORBIDDEN;
	pcpu->stats[BH_EXIT_SGI]++;
	if (value & BIT_ULL(40)) {
		/* as in GICv2: CPUs that left during disable count too */
		for_each_cpu(cpu, cell->cpu_set & ~BIT_ULL(pcpu->cpu_id))
			if (per_cpu(cpu)->cell) /* its MPIDR is known */
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
		if (!per_cpu(cpu)->cell) /* its MPIDR is not known */
			continue;
		mmio_write64(gicd_base + GICD_IROUTER + irq * 8,
			     per_cpu(cpu)->mpidr & MPIDR_AFF_MASK);
		return;
	}
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
	return err   ?:
		       paging_map(&hv_paging, gicr_base, gicr_base, gicr_size,
				  PAGING_RW | PAGING_DEVICE);
}

int irqchip_cell_init(struct cell *cell)
{
	int err = mmio_region_register(cell, gicd_base, GICD_SIZE,
				       gic_dist_access, NULL);

	return err   ?:
		       mmio_region_register(cell, gicr_base, gicr_size,
					    gicv3_rdist_access, NULL);
}

void irqchip_cell_exit(struct cell *cell)
{
	cell->num_mmio = 0;
}
