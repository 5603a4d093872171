// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 data aborts: decode the access from the syndrome and hand it to
 * whoever emulates that address.
 */
#include <asm/traps.h>
#include <hv/channel.h>
#include <hv/arch.h>
#include <hv/printk.h>

#define ISS_ISV	     BIT(24)
#define ISS_SAS(iss) (((iss) >> 22) & 3)
#define ISS_SSE	     BIT(21)
#define ISS_SRT(iss) (((iss) >> 16) & 0x1f)
#define ISS_SF	     BIT(15)
#define ISS_WNR	     BIT(6)

extern const char mmio_guard_start[], mmio_guard_end[], mmio_guard_fault[];
u64 mmio_guarded_read(vaddr_t addr, unsigned int size);
void mmio_guarded_write(vaddr_t addr, u64 value, unsigned int size);

bool mmio_perform(struct mmio_access *acc, vaddr_t addr)
{
	struct arch_per_cpu *arch = &this_cpu()->arch;

	arch->mmio_faulted = false;
	if (acc->is_write)
		mmio_guarded_write(addr, acc->value, acc->size);
	else
		acc->value = mmio_guarded_read(addr, acc->size);
	return !arch->mmio_faulted;
}

/* An EL2 data abort: one of mmio-guard.S's accesses is survivable. */
bool mmio_guard_fixup(struct trap_frame *frame)
{
	u64 elr = read_sysreg(elr_el2);

	if (ESR_EC(read_sysreg(esr_el2)) != EC_DABT_CUR ||
	    elr < (u64)mmio_guard_start || elr >= (u64)mmio_guard_end)
		return false;
	printk("CPU %u: the bus refused an emulated access at 0x%llx\n",
	       this_cpu()->cpu_id, read_sysreg(far_el2));
	this_cpu()->arch.mmio_faulted = true;
	frame->x[0] = 0;
	write_sysreg(elr_el2, (u64)mmio_guard_fault);
	return true;
}

static u64 fault_ipa(void)
{
	return (read_sysreg(hpfar_el2) >> 4) << 12 |
	       (read_sysreg(far_el2) & 0xfff);
}

enum trap_result handle_dabt(struct trap_context *ctx)
{
	struct per_cpu *pcpu = this_cpu();
	u64 iss = ESR_ISS(ctx->esr);
	unsigned int reg = ISS_SRT(iss);
	struct mmio_access acc;
	enum mmio_result res;

	/* without a valid syndrome there is nothing to emulate */
	if (!(iss & ISS_ISV)) {
		ctx->why = channel_fault_why(fault_ipa());
		if (!ctx->why)
			ctx->why = "a device access that cannot be emulated "
				   "(exclusive, atomic, pair or with writeback)";
		return TRAP_UNHANDLED;
	}
	acc.address = fault_ipa();
	acc.size = 1U << ISS_SAS(iss);
	/* checked before any handler sees it: devices want natural alignment */
	if (acc.address & (acc.size - 1)) {
		ctx->why = "an unaligned device access";
		return TRAP_FORBIDDEN;
	}
	acc.is_write = iss & ISS_WNR;
	acc.why = NULL;
	acc.value = acc.is_write && reg != 31 ? ctx->frame->x[reg] : 0;
	if (acc.is_write && acc.size < 8)
		acc.value &= (1ULL << (8 * acc.size)) - 1;

	/* no handler: the address is outside everything the cell owns */
	res = mmio_dispatch(pcpu->cell, &acc);
	if (res == MMIO_FAULTED)
		ctx->why = "a device access the bus refused";
	if (res == MMIO_UNHANDLED)
		ctx->why = channel_fault_why(acc.address) ?: ctx->why;
	if (res == MMIO_DENIED && acc.why)
		ctx->why = acc.why;
	if (res != MMIO_HANDLED)
		return TRAP_FORBIDDEN;

	if (!acc.is_write && reg != 31) {
		u64 val = acc.value;

		if (iss & ISS_SSE && acc.size < 8) {
			u64 sign = 1ULL << (8 * acc.size - 1);

			val = (val ^ sign) - sign;
		}
		if (!(iss & ISS_SF))
			val &= 0xffffffffULL;
		ctx->frame->x[reg] = val;
	}
	advance_pc(ctx);
	return TRAP_HANDLED;
}
