// SPDX-License-Identifier: GPL-2.0
/*
 * Trapped system-register accesses: today only GICv3 SGI generation, which
 * must stay inside the sender's cell.
 */
#include <asm/gic.h>
#include <asm/traps.h>
#include <hv/arch.h>

#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))
#define SYSREG_MASK	SYSREG_ISS(3, 7, 15, 15, 7)
#define ISS_SYSREG_READ	BIT(0)
#define ISS_RT(iss)	(((iss) >> 5) & 0x1f)

#define ICC_SGI1R_ISS	SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R_ISS	SYSREG_ISS(3, 0, 12, 11, 6)
#define ICC_SGI0R_ISS	SYSREG_ISS(3, 0, 12, 11, 7)

enum trap_result handle_sysreg(struct trap_context *ctx)
{
	u64 iss = ESR_ISS(ctx->esr);
	unsigned int rt __unused = ISS_RT(iss);
	enum trap_result res = TRAP_UNHANDLED;

	if (iss & ISS_SYSREG_READ)
		return TRAP_UNHANDLED;
#ifdef CONFIG_GIC_V3
	u64 val = rt == 31 ? 0 : ctx->frame->x[rt];

	switch (iss & SYSREG_MASK) {
	case ICC_SGI1R_ISS:
	case ICC_ASGI1R_ISS:
	case ICC_SGI0R_ISS:
		res = gicv3_handle_sgir(this_cpu(), val);
		break;
	}
#endif
	if (res == TRAP_HANDLED)
		advance_pc(ctx);
	return res;
}
