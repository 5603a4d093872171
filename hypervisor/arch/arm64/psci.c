// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI and SMCCC for the cells.  CPUs are real: CPU_ON and CPU_OFF reach the
 * firmware, but only for CPUs the calling cell owns, and a CPU that comes up
 * enters the hypervisor first.
 */
#include <bulkhead/arm64-smccc.h>
#include <asm/psci.h>
#include <asm/traps.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/console.h>
#include <hv/printk.h>
#include <hv/setup.h>

long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
	       unsigned long a3)
{
	return bh_smc_call(fn, a1, a2, a3);
}

static bool is_spectre_workaround(u64 fn)
{
	return fn == SMCCC_ARCH_WORKAROUND_1 || fn == SMCCC_ARCH_WORKAROUND_2 ||
	       fn == SMCCC_ARCH_WORKAROUND_3;
}

static long psci_cpu_on(struct cell *cell, u64 mpidr, u64 entry, u64 ctx)
{
	int cpu = cpu_by_mpidr(mpidr);
	struct per_cpu *target;

	if (cpu < 0 || !(cell->cpu_set & BIT_ULL(cpu)))
		return PSCI_DENIED;
	/* leaving: its own CPUs come back up in Linux, without us */
	if (hv.disabling && cell_is_root(cell))
		return psci_call(PSCI_CPU_ON, mpidr, entry, ctx);
	target = per_cpu(cpu);
	/*
	 * Nothing of the target changes before it is off: one still on its
	 * way in or out (a cell's, just destroyed) would read this entry.
	 */
	if (target->activated || !arch_cpu_wait_off(cpu))
		return PSCI_ALREADY_ON;
	target->cell = cell;
	target->boot_entry = entry;
	target->boot_context = ctx;
	dsb(ish);
	return arch_cpu_power_on(cpu);
}

static long psci_affinity_info(struct cell *cell, u64 mpidr, u64 level)
{
	int cpu = cpu_by_mpidr(mpidr);

	if (level != 0 || cpu < 0 || !(cell->cpu_set & BIT_ULL(cpu)))
		return PSCI_INVALID_PARAMETERS;
	return per_cpu(cpu)->activated ? 0 : 1; /* ON : OFF */
}

static long psci_features(unsigned long fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/*
 * A cell powering its system off only stops that cell, or, if its policy
 * says so, restarts it.  A reset it asks for itself is the root's to carry
 * out: the driver keeps a Linux cell's kernel, far too large for our pool.
 */
static long cell_system_off(struct per_cpu *pcpu, u64 fn)
{
	struct cell *cell = pcpu->cell;

	if (cell->config->health.action[BH_EVENT_SYSTEM_OFF] ==
	    BH_ACTION_RESTART) {
		cell_event(cell, BH_EVENT_SYSTEM_OFF,
			   "PSCI system off or reset");
		return 0;
	}
	printk("cell \"%s\" %s\n", cell->config->name,
	       fn == PSCI_SYSTEM_RESET ? "asked for a reset" :
					 "powered itself off");
	cell->reset_asked = fn == PSCI_SYSTEM_RESET;
	/* all of its CPUs go; the last one marks the cell shut down */
	cell_request_stop(pcpu->cell);
	return 0;
}

/*
 * Linux halting (poweroff, reboot, a panic with panic=-1) while other
 * cells run: unless the system config says otherwise, only the root's
 * CPUs stop, and the cells go on (the safety policy, design.md).
 */
static long root_system_off(struct per_cpu *pcpu, u64 fn)
{
	const char *what = fn == PSCI_SYSTEM_OFF ? "off" : "reset";

	if (sys_config->flags & BH_SYS_ROOT_HALT_STOPS_ALL ||
	    !cells_tell_root_stopped(fn == PSCI_SYSTEM_OFF ? BH_CELL_SHUT_DOWN :
							     BH_CELL_FAILED)) {
		printk("root cell: system %s\n", what);
		return psci_call(fn, 0, 0, 0);
	}
	printk("root cell: system %s with cells running: Linux's CPUs stop, "
	       "the cells go on\n",
	       what);
	console_give_uart_to_cells();
	cell_request_stop(&root_cell);
	arch_cpu_power_off(pcpu);
}

static long psci_dispatch(struct per_cpu *pcpu, u64 *x)
{
	struct cell *cell = pcpu->cell;

	switch (x[0]) {
	case PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case SMCCC_VERSION:
		return SMCCC_VERSION_1_1;
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_SUSPEND_32:
		/* standby: a pending interrupt wakes us as it would them */
		asm volatile("wfi" ::: "memory");
		return PSCI_SUCCESS;
	case PSCI_CPU_OFF:
		arch_cpu_power_off(pcpu);
	case PSCI_CPU_ON:
	case PSCI_CPU_ON_32:
		return psci_cpu_on(cell, x[1], x[2], x[3]);
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO_32:
		return psci_affinity_info(cell, x[1], x[2]);
	case PSCI_MIGRATE_INFO_TYPE:
		return PSCI_TOS_NOT_PRESENT;
	case PSCI_FEATURES:
		return psci_features(x[1]);
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		if (!cell_is_root(cell))
			return cell_system_off(pcpu, x[0]);
		return root_system_off(pcpu, x[0]);
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/*
 * Passed to the firmware as they are: every cell may ask about and use the
 * Spectre workarounds (they touch only the calling CPU); the root may also
 * use the firmware's other services (SiP calls: clocks, power, resets),
 * which no other cell may.  PSCI stays ours.
 */
static bool passed_to_firmware(const struct cell *cell, const u64 *x)
{
	if (x[0] == SMCCC_ARCH_FEATURES)
		return is_spectre_workaround(x[1]);
	if (is_spectre_workaround(x[0]))
		return true;
	return cell_is_root(cell) && (x[0] >> 24 & 0x3f) != 0x04 &&
	       (x[0] & ~0x40000000ULL) != SMCCC_VERSION;
}

enum trap_result handle_smc(struct trap_context *ctx)
{
	struct per_cpu *pcpu = this_cpu();
	u64 *x = ctx->frame->x;

	if (passed_to_firmware(pcpu->cell, x))
		firmware_call(x);
	else
		x[0] = psci_dispatch(pcpu, x);
	return TRAP_HANDLED;
}
