// SPDX-License-Identifier: GPL-2.0
/*
 * Trapped system-register accesses: GICv3 SGI generation, which must stay
 * inside the sender's cell; cache maintenance by set/way; a cell's PMU.
 */
#include <asm/gic.h>
#include <asm/traps.h>
#include <hv/arch.h>

#define SYSREG_ISS(op0, op1, crn, crm, op2)                              \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))
#define SYSREG_MASK	SYSREG_ISS(3, 7, 15, 15, 7)
#define ISS_SYSREG_READ BIT(0)
#define ISS_RT(iss)	(((iss) >> 5) & 0x1f)

#define ICC_SGI1R_ISS  SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R_ISS SYSREG_ISS(3, 0, 12, 11, 6)
#define ICC_SGI0R_ISS  SYSREG_ISS(3, 0, 12, 11, 7)

#define ISS_OP0(iss) (((iss) >> 20) & 3)
#define ISS_OP1(iss) (((iss) >> 14) & 7)
#define ISS_CRN(iss) (((iss) >> 10) & 0xf)
#define ISS_CRM(iss) (((iss) >> 1) & 0xf)

#define DC_ISW_ISS  SYSREG_ISS(1, 0, 7, 6, 2)
#define DC_CSW_ISS  SYSREG_ISS(1, 0, 7, 10, 2)
#define DC_CISW_ISS SYSREG_ISS(1, 0, 7, 14, 2)

/*
 * Set/way operations reach every line of a shared cache, whoever owns it:
 * an invalidate would drop another cell's dirty data, or ours.  Each one
 * becomes clean and invalidate, which loses nothing and still does what
 * a cell flushing its caches wants.
 */
static enum trap_result set_way(u64 operand)
{
	asm volatile("dc cisw, %0" : : "r"(operand) : "memory");
	return TRAP_HANDLED;
}

/*
 * PMCR..PMUSERENR, PMINTEN* (CRn 9, CRm 12..14) and the event counters
 * and filters (CRn 14, CRm 8..15).  MDCR_EL2.TPM traps them for cells: an
 * ARMv8.0 PMU has no way to keep EL1 from counting EL2's events (no
 * MDCR_EL2.HPMD), a timing channel into the hypervisor and the CPU's
 * previous owner.  To a cell the PMU reads as zero counters.
 */
static bool is_pmu_reg(u64 iss)
{
	if (ISS_OP0(iss) != 3)
		return false;
	if (ISS_CRN(iss) == 9)
		return ISS_CRM(iss) >= 12;
	return ISS_CRN(iss) == 14 && ISS_OP1(iss) == 3 && ISS_CRM(iss) >= 8;
}

enum trap_result handle_sysreg(struct trap_context *ctx)
{
	u64 iss = ESR_ISS(ctx->esr);
	unsigned int rt = ISS_RT(iss);
	u64 val = rt == 31 ? 0 : ctx->frame->x[rt];
	enum trap_result res = TRAP_UNHANDLED;

	if (is_pmu_reg(iss)) {
		if (iss & ISS_SYSREG_READ && rt != 31)
			ctx->frame->x[rt] = 0;
		res = TRAP_HANDLED;
	} else if (iss & ISS_SYSREG_READ) {
		return TRAP_UNHANDLED;
	}
	switch (iss & SYSREG_MASK) {
	case DC_ISW_ISS:
	case DC_CSW_ISS:
	case DC_CISW_ISS:
		res = set_way(val);
		break;
#ifdef CONFIG_GIC_V3
	case ICC_SGI1R_ISS:
	case ICC_ASGI1R_ISS:
	case ICC_SGI0R_ISS:
		res = gicv3_handle_sgir(this_cpu(), val);
		break;
#endif
	}
	if (res == TRAP_HANDLED)
		advance_pc(ctx);
	return res;
}
