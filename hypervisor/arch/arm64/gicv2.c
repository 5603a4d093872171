// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 with the virtualization extensions (GIC-400): physical interrupts
 * reach EL2, are dropped in priority at once and handed to the running
 * cell through list registers with the hardware bit; the cell's GICC
 * accesses go to the virtual CPU interface (GICV) mapped in its place, so
 * acknowledge, EOI and deactivation cost no exit.  The distributor is
 * emulated so each cell touches only what it owns.
 *
 * Where the GIC gets the hardware bit wrong (QEMU's model, see
 * virtual_eoi_resignals()), interrupts go in without it and the hypervisor
 * deactivates them itself on the EOI maintenance interrupt: one more exit
 * per interrupt, but none is lost.
 */
#include <asm/gic.h>
#include <asm/paging.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/printk.h>
#include <hv/setup.h>

#define GICC_CTLR	  0x0000
#define GICC_CTLR_ENABLE  BIT(0)
#define GICC_CTLR_EOIMODE BIT(9)
#define GICC_PMR	  0x0004
#define GICC_BPR	  0x0008
#define GICC_IAR	  0x000c
#define GICC_EOIR	  0x0010
#define GICC_HPPIR	  0x0018
#define GICC_IIDR	  0x00fc
#define GICC_DIR	  0x1000
#define GICC_SIZE	  0x20000 /* two 4 KiB pages, 64 KiB apart on ZynqMP */

#define GICH_HCR     0x0000
#define GICH_HCR_EN  BIT(0)
#define GICH_HCR_UIE BIT(1)
#define GICH_VTR     0x0004
#define GICH_VMCR    0x0008
#define GICH_EISR0   0x0020
#define GICH_ELRSR0  0x0030
#define GICH_LR0     0x0100
#define GICH_SIZE    0x2000

#define GICH_LR_HW	   BIT(31)
#define GICH_LR_PENDING	   BIT(28)
#define GICH_LR_ACTIVE	   BIT(29)
#define GICH_LR_STATE	   (3U << 28)
#define GICH_LR_PRIO_SHIFT 23
#define GICH_LR_EOI	   BIT(19) /* maintenance on EOI (HW clear) */
#define GICH_LR_PHYS_SHIFT 10

#define GICH_VMCR_GRP0EN    BIT(0)
#define GICH_VMCR_VEM	    BIT(9)
#define GICH_VMCR_BPR_SHIFT 21
#define GICH_VMCR_PMR_SHIFT 27

#define GICV_SIZE 0x2000

#define GICD_ITARGETSR0 GICD_ITARGETSR

static vaddr_t gicc_base, gicc_dir, gich_base;
static u64 gicv_base, guest_gicc_base;
static bool eoi_probed, soft_deactivate;

void gic_deactivate(u32 irq)
{
	mmio_write32(gicc_dir, irq);
}

static u32 lr_read(unsigned int n)
{
	return mmio_read32(gich_base + GICH_LR0 + 4 * n);
}

static void lr_write(unsigned int n, u32 v)
{
	mmio_write32(gich_base + GICH_LR0 + 4 * n, v);
}

static u64 empty_lrs(void)
{
	return mmio_read32(gich_base + GICH_ELRSR0) |
	       (u64)mmio_read32(gich_base + GICH_ELRSR0 + 4) << 32;
}

int gic_lr_first_free(struct per_cpu *pcpu)
{
	u64 empty = empty_lrs() & (BIT(pcpu->arch.num_lrs) - 1);

	return empty ? __builtin_ctzll(empty) : -BH_EBUSY;
}

/* irq carries the SGI source CPU in bits 12:10, as in GICC_IAR */
int gic_lr_find_free(struct per_cpu *pcpu, unsigned int irq)
{
	u64 empty = empty_lrs();
	int free_lr = -BH_EBUSY;
	unsigned int n;

	for (n = 0; n < pcpu->arch.num_lrs; n++) {
		u32 lr;

		if (empty & BIT_ULL(n)) {
			if (free_lr < 0)
				free_lr = n;
			continue;
		}
		lr = lr_read(n);
		if ((lr & 0x1fff) != (irq & 0x1fff) || (lr & GICH_LR_HW))
			continue;
		lr_write(n, lr | GICH_LR_PENDING);
		return -BH_EEXIST;
	}
	return free_lr;
}

void gic_lr_write(struct per_cpu *pcpu, unsigned int lr, unsigned int irq,
		  bool hw, unsigned int source)
{
	u32 v = GICH_LR_PENDING | (LR_PRIORITY >> 3) << GICH_LR_PRIO_SHIFT |
		(irq & 0x3ff);

	(void)pcpu;
	if (hw && soft_deactivate)
		v |= GICH_LR_EOI;
	else if (hw)
		v |= GICH_LR_HW | (irq & 0x3ff) << GICH_LR_PHYS_SHIFT;
	else
		v |= (source & 7) << GICH_LR_PHYS_SHIFT;
	lr_write(lr, v);
}

void gic_set_underflow_irq(bool on)
{
	u32 hcr = mmio_read32(gich_base + GICH_HCR);

	mmio_write32(gich_base + GICH_HCR,
		     on ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE);
}

/* See gicv3.c: a live Linux may leave an SGI or PPI to end on its own. */
static void end_active_banked(void)
{
	u32 active = mmio_read32(gicd_base + GICD_ISACTIVER);
	unsigned int irq;

	for (irq = 0; irq < 32; irq++)
		if (active & BIT(irq))
			gic_deactivate(irq);
}

/*
 * A cell's EOI of a hardware-bit interrupt deactivates the physical one;
 * if its line is still high (a timer compare value already passed), it is
 * pending again at once and must be signalled.  QEMU's GIC model (7.2, and
 * 10.0 too) updates only the virtual interface then: the physical
 * interrupt waits for the next unrelated GIC event, and the cell stalls
 * for milliseconds.  Ask the GIC, with the EL2 timer's interrupt, which is
 * nobody else's: pend it, take it, hand it over with the hardware bit, EOI
 * it through GICV as a cell would, and see whether the still-high line is
 * the highest pending interrupt again.  Runs once, at enable, IRQs masked.
 */
static bool virtual_eoi_resignals(void)
{
	u32 vmcr = mmio_read32(gich_base + GICH_VMCR), iar;
	unsigned int tries = 1000;
	bool resignals = true; /* if it cannot be told: hardware */

	*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + PPI_HYP_TIMER) = 0;
	mmio_write32(gicd_base + GICD_ISENABLER, BIT(PPI_HYP_TIMER));
	mmio_write32(gich_base + GICH_VMCR,
		     GICH_VMCR_GRP0EN | 0x1fU << GICH_VMCR_PMR_SHIFT);
	write_sysreg(cnthp_cval_el2, 0);
	write_sysreg(cnthp_ctl_el2, 1); /* enabled, firing */
	isb();
	while ((mmio_read32(gicc_base + GICC_HPPIR) & 0x3ff) != PPI_HYP_TIMER &&
	       --tries)
		;
	if (tries) {
		iar = mmio_read32(gicc_base + GICC_IAR);
		mmio_write32(gicc_base + GICC_EOIR, iar);
		lr_write(0, GICH_LR_HW | GICH_LR_PENDING |
				    PPI_HYP_TIMER << GICH_LR_PHYS_SHIFT |
				    PPI_HYP_TIMER);
		iar = mmio_read32(gicv_base + GICC_IAR);
		mmio_write32(gicv_base + GICC_EOIR, iar);
		resignals = (mmio_read32(gicc_base + GICC_HPPIR) & 0x3ff) ==
			    PPI_HYP_TIMER;
	}
	write_sysreg(cnthp_ctl_el2, 2); /* masked: the line drops */
	isb();
	mmio_write32(gicd_base + GICD_ICENABLER, BIT(PPI_HYP_TIMER));
	if (mmio_read32(gicd_base + GICD_ISACTIVER) & BIT(PPI_HYP_TIMER))
		gic_deactivate(PPI_HYP_TIMER);
	lr_write(0, 0);
	mmio_write32(gich_base + GICH_VMCR, vmcr);
	return resignals;
}

void irqchip_cpu_init(struct per_cpu *pcpu)
{
	u32 vmcr = 0;

	pcpu->arch.num_lrs = (mmio_read32(gich_base + GICH_VTR) & 0x3f) + 1;
	if (pcpu->arch.num_lrs > GIC_MAX_LRS)
		pcpu->arch.num_lrs = GIC_MAX_LRS;
	/* reading the banked ITARGETSR0 tells this CPU's interface bit */
	pcpu->arch.gic_cpu_mask = *(volatile u8 *)(gicd_base + GICD_ITARGETSR0);
	if (pcpu->boot_entry == 0) {
		/* entered from a live Linux: carry its interface state over */
		u32 ctlr = mmio_read32(gicc_base + GICC_CTLR);

		end_active_banked();
		vmcr = (ctlr & GICC_CTLR_ENABLE ? GICH_VMCR_GRP0EN : 0) |
		       (ctlr & GICC_CTLR_EOIMODE ? GICH_VMCR_VEM : 0) |
		       (mmio_read32(gicc_base + GICC_PMR) >> 3)
			       << GICH_VMCR_PMR_SHIFT |
		       (mmio_read32(gicc_base + GICC_BPR) & 7)
			       << GICH_VMCR_BPR_SHIFT;
	}
	*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + SGI_MGMT) = 0x80;
	*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + PPI_MAINTENANCE) = 0x80;
	mmio_write32(gicd_base + GICD_ISENABLER,
		     BIT(SGI_MGMT) | BIT(PPI_MAINTENANCE));
	mmio_write32(gich_base + GICH_VMCR, vmcr);
	mmio_write32(gicc_base + GICC_PMR, 0xff);
	mmio_write32(gicc_base + GICC_CTLR,
		     GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE);
	mmio_write32(gich_base + GICH_HCR, GICH_HCR_EN);
	if (!eoi_probed) {
		eoi_probed = true;
		soft_deactivate = !virtual_eoi_resignals();
		if (soft_deactivate)
			printk("GICv2: a cell's EOI does not re-signal a still "
			       "pending line (QEMU's model): EL2 deactivates\n");
	}
	/* after the probe, which borrows it: the watchdogs' timer */
	*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + PPI_HYP_TIMER) = 0x80;
	mmio_write32(gicd_base + GICD_ISENABLER, BIT(PPI_HYP_TIMER));
}

void irqchip_cpu_reset(struct per_cpu *pcpu)
{
	unsigned int n;

	for (n = 0; n < pcpu->arch.num_lrs; n++) {
		u32 lr = lr_read(n);

		/* an EOI-bit entry stands for a physical interrupt, ended or not */
		if (lr & GICH_LR_HW && lr & GICH_LR_STATE)
			gic_deactivate((lr >> GICH_LR_PHYS_SHIFT) & 0x3ff);
		else if (lr & GICH_LR_EOI)
			gic_deactivate(lr & 0x3ff);
		lr_write(n, 0);
	}
	pcpu->arch.num_pending = 0;
	mmio_write32(gich_base + GICH_HCR, 0);
}

/* The cell ended these interrupts: now the physical ones may come again. */
static void deactivate_ended(void)
{
	u64 ended = mmio_read32(gich_base + GICH_EISR0) |
		    (u64)mmio_read32(gich_base + GICH_EISR0 + 4) << 32;
	unsigned int n;

	for (n = 0; ended; n++, ended >>= 1) {
		u32 lr;

		if (!(ended & 1))
			continue;
		lr = lr_read(n);
		lr_write(n, 0);
		gic_deactivate(lr & 0x3ff);
	}
}

static void handle_own_irq(struct per_cpu *pcpu, u32 iar)
{
	if ((iar & 0x3ff) == PPI_MAINTENANCE)
		deactivate_ended();
	gic_deactivate(iar);
	gic_handle_own_irq(pcpu, iar & 0x1fff, iar >> 10);
}

/* One interrupt per exit, as on GICv3 */
void irqchip_handle_irq(struct per_cpu *pcpu)
{
	u32 iar = mmio_read32(gicc_base + GICC_IAR);
	u32 irq = iar & 0x3ff;

	if (irq >= IRQ_SPURIOUS_FIRST)
		return;
	mmio_write32(gicc_base + GICC_EOIR, iar); /* drop */
	if (gic_irq_is_cells(irq))
		gic_handle_device_irq(pcpu, irq);
	else
		handle_own_irq(pcpu, iar);
	if (pcpu->arch.num_pending)
		gic_retry_pending(pcpu);
}

/* No group 0 here (no direct delivery on GICv2): an FIQ is an IRQ. */
void irqchip_handle_fiq(struct per_cpu *pcpu)
{
	irqchip_handle_irq(pcpu);
}

static void send_sgi(u8 target_mask, unsigned int sgi)
{
	dsb(ish);
	mmio_write32(gicd_base + GICD_SGIR, (u32)target_mask << 16 | sgi);
}

/* The interface bits of the cell's CPUs that have entered */
static u8 cell_targets(const struct cell *cell)
{
	unsigned int cpu;
	u8 mask = 0;

	for_each_cpu(cpu, cell->cpu_set)
		mask |= per_cpu(cpu)->arch.gic_cpu_mask;
	return mask;
}

/* ITARGETSR from a cell: its own CPUs only, else the one writing. */
void gic_filter_targets(const struct cell *cell, struct mmio_access *acc)
{
	u8 own = cell_targets(cell), self = this_cpu()->arch.gic_cpu_mask;
	unsigned int n;
	u64 value = 0;

	for (n = 0; n < acc->size; n++) {
		u8 target = (acc->value >> (8 * n)) & own;

		value |= (u64)(target ?: self) << (8 * n);
	}
	acc->value = value;
}

void gic_route_spi(unsigned int irq, const struct cell *owner)
{
	u8 own = cell_targets(owner);

	/* the lowest of its CPUs: the owner moves it where it wants */
	if (own)
		*(volatile u8 *)(gicd_base + GICD_ITARGETSR + irq) = own & -own;
}

void irqchip_send_mgmt_sgi(unsigned int cpu)
{
	send_sgi(per_cpu(cpu)->arch.gic_cpu_mask, SGI_MGMT);
}

/* GICD_SGIR from a cell: only to its own CPUs; never our management SGI. */
bool gic_dist_sgir_write(struct cell *cell, u32 value)
{
	unsigned int sgi = value & 0xf, filter = (value >> 24) & 3, cpu;
	struct per_cpu *self = this_cpu();
	u8 wanted = (value >> 16) & 0xff, own = 0, others = 0, allowed, mask;

	if (sgi == SGI_MGMT || filter == 3)
		return false;
	/*
	 * A CPU's interface number is known once it has entered.  Cells get
	 * activated CPUs only; the root may also signal the CPUs not yet in
	 * (while enabling) or already gone (while disabling): every
	 * interface that is not another cell's.
	 */
	for (cpu = 0; cpu < CONFIG_HV_MAX_CPUS; cpu++) {
		if (cell->cpu_set & BIT_ULL(cpu))
			own |= per_cpu(cpu)->arch.gic_cpu_mask;
		else
			others |= per_cpu(cpu)->arch.gic_cpu_mask;
	}
	allowed = cell_is_root(cell) ? (u8)~others : own;
	if (filter == 1)
		wanted = allowed & ~self->arch.gic_cpu_mask;
	else if (filter == 2)
		wanted = self->arch.gic_cpu_mask;
	self->stats[BH_EXIT_SGI]++;
	mask = wanted & allowed;
	/* a CPU that is not the cell's: root just loses it, a cell fails */
	if (mask != wanted && !cell_is_root(cell))
		return false;
	if (mask)
		send_sgi(mask, sgi);
	return true;
}

int irqchip_init(void)
{
	const struct bh_platform *plat = &sys_config->platform;
	int err;

	if (plat->gic_version != 2)
		return -BH_EINVAL;
	err = gic_check_platform(plat);
	if (err)
		return err;
	gicd_base = plat->gicd_base;
	gicc_base = plat->gicc_base;
	gich_base = plat->gich_base;
	gicv_base = plat->gicv_base;
	guest_gicc_base = plat->gicc_base;
	err = paging_map(&hv_paging, gicd_base, gicd_base, GICD_SIZE,
			 PAGING_RW | PAGING_DEVICE);
	err = err   ?:
		      paging_map(&hv_paging, gicc_base, gicc_base, GICC_SIZE,
				 PAGING_RW | PAGING_DEVICE);
	err = err   ?:
		      paging_map(&hv_paging, gich_base, gich_base, GICH_SIZE,
				 PAGING_RW | PAGING_DEVICE);
	/* for virtual_eoi_resignals() only */
	err = err   ?:
		      paging_map(&hv_paging, gicv_base, gicv_base, GICV_SIZE,
				 PAGING_RW | PAGING_DEVICE);
	if (err)
		return err;
	/*
	 * A GIC-400 on a 64 KiB-aligned bus shows each 4 KiB page of its
	 * CPU interface 16 times: the second page (GICC_DIR) then starts at
	 * base + 0x10000, so the interface as a whole starts at base + 0xf000.
	 */
	gicc_dir = gicc_base + GICC_DIR;
	if (mmio_read32(gicc_base + GICC_IIDR) ==
		    mmio_read32(gicc_base + 0xf000 + GICC_IIDR) &&
	    mmio_read32(gicc_base + 0x1000 + GICC_IIDR) ==
		    mmio_read32(gicc_base + GICC_IIDR))
		gicc_dir = gicc_base + 0x10000;
	return 0;
}

int irqchip_cell_init(struct cell *cell)
{
	int err = mmio_region_register(cell, gicd_base, GICD_SIZE,
				       gic_dist_access, NULL);

	/* the cell's GICC accesses go straight to the virtual interface */
	return err   ?:
		       paging_map(&cell->stage2, guest_gicc_base, gicv_base,
				  GICC_SIZE, PAGING_RW | PAGING_DEVICE);
}

void irqchip_cell_exit(struct cell *cell)
{
	cell->num_mmio = 0;
}
