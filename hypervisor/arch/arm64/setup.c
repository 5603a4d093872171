// SPDX-License-Identifier: GPL-2.0
/*
 * EL2 set-up on arm64: the hypervisor's MMU, per-CPU registers and the
 * configuration that turns a CPU's EL1 into a cell's guest.
 */
#include <asm/paging.h>
#include <asm/psci.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/time.h>
#include <bulkhead/config_check.h>

extern u8 hyp_vectors[], cpu_on_entry[];

static const u8 parange_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
static unsigned int ipa_bits;

static unsigned int pa_range(void)
{
	unsigned int pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return pa < ARRAY_SIZE(parange_bits) ? pa : 5;
}

int arch_paging_init(struct page_table *hv_pt)
{
	(void)hv_pt;
	/* stage 2 starts at level 1: up to two concatenated tables */
	ipa_bits = MIN(parange_bits[pa_range()], BH_STAGE2_IPA_BITS);
	return 0;
}

void arch_mmu_enable(struct page_table *hv_pt)
{
	unsigned long tcr = TCR_EL2_RES1 | TCR_T0SZ(64 - 39) | TCR_IRGN0_WBWA |
			    TCR_ORGN0_WBWA | TCR_SH0_INNER |
			    ((unsigned long)MIN(pa_range(), 5) << TCR_PS_SHIFT);

	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, tcr);
	write_sysreg(ttbr0_el2, (uintptr_t)hv_pt->root);
	dsb(ish);
	isb();
	asm volatile("tlbi alle2" ::: "memory");
	dsb(ish);
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_EL2_M | SCTLR_EL2_C |
					SCTLR_EL2_I | SCTLR_EL2_SA);
	isb();
}

u64 arch_cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

int arch_cpu_init(struct per_cpu *pcpu)
{
	pcpu->mpidr = arch_cpu_mpidr();
	write_sysreg(tpidr_el2, pcpu);
	write_sysreg(vbar_el2, hyp_vectors);
	isb();
	return 0;
}

static void stage2_load(struct cell *cell)
{
	unsigned long vtcr = VTCR_RES1 | TCR_T0SZ(64 - ipa_bits) | VTCR_SL0_L1 |
			     TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
			     ((unsigned long)MIN(pa_range(), 5)
			      << VTCR_PS_SHIFT);

	write_sysreg(vtcr_el2, vtcr);
	write_sysreg(vttbr_el2,
		     (uintptr_t)cell->stage2.root | ((u64)cell->vmid << 48));
	isb();
	asm volatile("tlbi vmalls12e1" ::: "memory");
	dsb(nsh);
	isb();
}

void arch_cpu_activate(struct per_cpu *pcpu)
{
	struct cell *cell = pcpu->cell;
	unsigned long hcr = HCR_RW | HCR_VM | HCR_IMO | HCR_FMO | HCR_AMO |
			    HCR_TSC | HCR_TSW | HCR_SWIO | HCR_BSU_IS;
	/* all event counters to EL1, as Linux's own EL2 set-up does */
	unsigned long mdcr = (read_sysreg(pmcr_el0) >> 11) & 0x1f;

	/*
	 * Direct delivery: physical IRQs go to EL1.  FMO stays, so SGI writes
	 * still trap and group 0 (our management SGI) still reaches us.
	 */
	if (pcpu->arch.direct_irq)
		hcr &= ~HCR_IMO;
	/*
	 * A cell's TLB and instruction-cache maintenance stays on its own
	 * CPUs (no HCR_FB: it never migrates), and its PMU is trapped
	 * (sysreg.c).  Linux keeps both.
	 */
	if (cell_is_root(cell))
		hcr |= HCR_FB;
	else
		mdcr |= MDCR_TPM | MDCR_TPMCR;
	stage2_load(cell);
	write_sysreg(mdcr_el2, mdcr);
	write_sysreg(hcr_el2, hcr);
	isb();
}

/* A CPU that never ran Linux's EL2 set-up needs the basics from us. */
static void el2_defaults(void)
{
	write_sysreg(cnthctl_el2, 3); /* EL1 may use the counters */
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(cptr_el2, CPTR_EL2_RES1);
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	isb();
}

/* PSCI CPU_ON brought this CPU to cpu_on_entry: start its cell's guest. */
void hv_cpu_on_entry(unsigned int cpu, struct trap_frame *frame)
{
	struct per_cpu *pcpu = per_cpu(cpu);
	unsigned int n;

	arch_mmu_enable(&hv_paging);
	arch_cpu_init(pcpu);
	el2_defaults();
	irqchip_cpu_init(pcpu);
	for (n = 0; n < 31; n++)
		frame->x[n] = 0;
	frame->x[0] = pcpu->boot_context;
	if (!cell_is_root(pcpu->cell))
		frame->x[1] = BH_CELL_BOOT_MAGIC;
	write_sysreg(elr_el2, pcpu->boot_entry);
	write_sysreg(spsr_el2, SPSR_EL1H | SPSR_DAIF);
	pcpu->failed = false;
	pcpu->requests = 0;
	arch_cpu_activate(pcpu);
	pcpu->activated = true;
	dsb(ish); /* seen on before no longer pending, never neither */
	WRITE_ONCE(pcpu->powering_on, false);
	health_cpu_start(pcpu);
}

/*
 * As if PSCI CPU_ON had just brought this CPU up: a fresh stack, our
 * set-up, then the guest at pcpu->boot_entry.
 */
static void __noreturn cpu_reenter(struct per_cpu *pcpu)
{
	u64 cpu = pcpu->cpu_id;

	asm volatile("mov x0, %0\n\tbr %1"
		     :
		     : "r"(cpu), "r"(cpu_on_entry)
		     : "x0", "memory");
	__builtin_unreachable();
}

/* for a CPU that has just left a cell to reach the firmware's CPU_OFF */
#define CPU_OFF_WAIT_MS 500

/*
 * A CPU that has just left a cell (destroy, shutdown, a restart) may still
 * be on its way to the firmware's CPU_OFF: a CPU_ON now would find it on,
 * and Linux would lose the CPU (CI caught it, one destroy in hundreds).
 */
bool arch_cpu_wait_off(unsigned int cpu)
{
	u64 deadline = deadline_in(CPU_OFF_WAIT_MS);

	while (!arch_cpu_powered_off(cpu))
		if (expired(deadline))
			return false;
	return true;
}

int arch_cpu_power_on(unsigned int cpu)
{
	struct per_cpu *pcpu = per_cpu(cpu);
	long err;

	if (!arch_cpu_wait_off(cpu))
		return PSCI_ALREADY_ON;
	WRITE_ONCE(pcpu->powering_on, true);
	dsb(ish);
	err = psci_call(PSCI_CPU_ON, pcpu->mpidr, (uintptr_t)cpu_on_entry, cpu);
	if (err)
		WRITE_ONCE(pcpu->powering_on, false);
	return err;
}

/*
 * Leave for good (until a CPU_ON brings it back): undo what this CPU did to
 * the interrupt controller, then ask the firmware to switch it off.
 */
void arch_cpu_power_off(struct per_cpu *pcpu)
{
	health_cpu_stop(pcpu);
	irqchip_cpu_reset(pcpu);
	/* clears activated; the last CPU of a cell leaving ends the cell */
	if (cell_cpu_stopped(pcpu))
		cpu_reenter(pcpu); /* its health policy restarts the cell */
	dsb(ish);
	write_sysreg(hcr_el2, HCR_RW);
	write_sysreg(vttbr_el2, 0);
	isb();
	psci_call(PSCI_CPU_OFF, 0, 0, 0);
	for (;;)
		asm volatile("wfi");
}

void arch_cpu_kick(unsigned int cpu)
{
	irqchip_send_mgmt_sgi(cpu);
}

/*
 * Our activated flag drops before the CPU reaches the firmware's CPU_OFF;
 * only the firmware knows when it is really off and may be turned on again.
 * On the way in, our own flag knows first: a cell destroyed right after
 * its start must wait for its CPU to arrive, or the CPU would enter the
 * root cell at the cell's entry (CI caught it, about one run in two).
 */
bool arch_cpu_powered_off(unsigned int cpu)
{
	if (READ_ONCE(per_cpu(cpu)->powering_on))
		return false;
	return psci_call(PSCI_AFFINITY_INFO, per_cpu(cpu)->mpidr, 0, 0) == 1;
}

int cpu_by_mpidr(u64 mpidr)
{
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_HV_MAX_CPUS; cpu++)
		if (per_cpu(cpu)->cell &&
		    per_cpu(cpu)->mpidr == (mpidr & MPIDR_AFF_MASK))
			return cpu;
	return -1;
}

u64 arch_timer_ticks(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

u32 arch_timer_frequency(void)
{
	return read_sysreg(cntfrq_el0);
}

void arch_hyp_timer_arm(u64 deadline)
{
	write_sysreg(cnthp_cval_el2, deadline);
	write_sysreg(cnthp_ctl_el2, 1); /* enabled, not masked */
	isb();
}

void arch_hyp_timer_stop(void)
{
	write_sysreg(cnthp_ctl_el2, 0);
	isb();
}

/* Memory a cell reads with its MMU off must be in RAM, not in our caches. */
void arch_dcache_flush(const void *addr, size_t size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)addr & ~(line - 1);

	dsb(ish);
	for (; p < (unsigned long)addr + size; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(ish);
}

void arch_paging_flush_hyp(void)
{
	dsb(ishst);
	asm volatile("tlbi alle2is" ::: "memory");
	dsb(ish);
	isb();
}

int arch_cell_init(struct cell *cell)
{
	unsigned int entries = ipa_bits > 39 ? 1024 : 512;
	int err;

	err = paging_init(&cell->stage2, PAGING_GUEST, entries, &mem_pool);
	if (err)
		return err;
	cell->stage2.flush = NULL;
	return 0;
}

void arch_cell_exit(struct cell *cell)
{
	(void)cell;
}

/* Invalidate the cell's stage-2 TLB entries on every CPU. */
void arch_cell_flush_stage2(struct cell *cell)
{
	u64 vttbr = read_sysreg(vttbr_el2);

	dsb(ishst);
	write_sysreg(vttbr_el2,
		     (uintptr_t)cell->stage2.root | ((u64)cell->vmid << 48));
	isb();
	asm volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	write_sysreg(vttbr_el2, vttbr);
	isb();
}
