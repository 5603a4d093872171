// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 data aborts: decode the access from the syndrome and hand it to
 * whoever emulates that address.
 */
#include <asm/traps.h>
#include <hv/arch.h>
#include <hv/printk.h>

#define ISS_ISV		BIT(24)
#define ISS_SAS(iss)	(((iss) >> 22) & 3)
#define ISS_SSE		BIT(21)
#define ISS_SRT(iss)	(((iss) >> 16) & 0x1f)
#define ISS_SF		BIT(15)
#define ISS_WNR		BIT(6)

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
	if (!(iss & ISS_ISV))
		return TRAP_UNHANDLED;
	acc.address = fault_ipa();
	acc.size = 1U << ISS_SAS(iss);
	acc.is_write = iss & ISS_WNR;
	acc.value = acc.is_write && reg != 31 ? ctx->frame->x[reg] : 0;
	if (acc.is_write && acc.size < 8)
		acc.value &= (1ULL << (8 * acc.size)) - 1;

	/* no handler: the address is outside everything the cell owns */
	res = mmio_dispatch(pcpu->cell, &acc);
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
