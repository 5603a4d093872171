// SPDX-License-Identifier: GPL-2.0
/*
 * Every way a guest enters EL2, sorted by cause.  This file decides; the
 * handlers for each cause live in their own files.
 */
#include <asm/traps.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/console.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <hv/setup.h>

static void count_exit(struct per_cpu *pcpu, unsigned int reason)
{
	pcpu->stats[BH_EXIT_TOTAL]++;
	pcpu->stats[reason]++;
}

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "unknown instruction";
	case EC_WFX:
		return "WFI/WFE";
	case EC_HVC64:
		return "HVC";
	case EC_SMC64:
		return "SMC";
	case EC_SYSREG:
		return "system register access";
	case EC_IABT_LOW:
		return "instruction abort";
	case EC_DABT_LOW:
		return "data abort";
	default:
		return "trap";
	}
}

static void report_fault(struct per_cpu *pcpu, struct trap_context *ctx,
			 const char *what)
{
	u64 hpfar = read_sysreg(hpfar_el2), far = read_sysreg(far_el2);

	printk("FAULT: cell %u \"%s\" CPU %u: %s (%s)\n"
	       "  ESR 0x%llx PC 0x%llx FAR 0x%llx IPA 0x%llx\n",
	       pcpu->cell->id, pcpu->cell->config->name, pcpu->cpu_id, what,
	       ec_name(ESR_EC(ctx->esr)), ctx->esr, ctx->elr, far,
	       (hpfar >> 4) << 12 | (far & 0xfff));
}

/*
 * The root cell keeps running: it gets a synchronous external abort, as if
 * the bus had refused the access, and Linux handles it like any bad access.
 * False when the vector it would take it at is where it faulted: it could
 * only fault there again, for ever.
 */
static bool inject_abort(struct trap_context *ctx)
{
	u64 mode = ctx->spsr & 0xf;
	bool from_el0 = mode == 0;
	unsigned int ec = (ESR_EC(ctx->esr) == EC_IABT_LOW ? 0x20 : 0x24) +
			  (from_el0 ? 0 : 1);
	u64 offset = mode == 0x4 ? 0x000 : mode == 0x5 ? 0x200 : 0x400;
	u64 vector = read_sysreg(vbar_el1) + offset;

	if (ctx->elr == vector)
		return false;
	write_sysreg(esr_el1, ((u64)ec << ESR_EC_SHIFT) | ESR_IL | 0x10);
	write_sysreg(far_el1, read_sysreg(far_el2));
	write_sysreg(elr_el1, ctx->elr);
	write_sysreg(spsr_el1, ctx->spsr);
	ctx->elr = vector;
	ctx->spsr = SPSR_EL1H | SPSR_DAIF;
	return true;
}

/*
 * A root CPU whose vectors fault (one that took an exception before Linux
 * set them up) goes off, and Linux may bring it up again.
 */
static void handle_forbidden(struct per_cpu *pcpu, struct trap_context *ctx,
			     unsigned int event, const char *what)
{
	report_fault(pcpu, ctx, what);
	if (!cell_is_root(pcpu->cell)) {
		cell_event(pcpu->cell, event, what);
	} else if (!inject_abort(ctx)) {
		printk("CPU %u: the root cell's exception vector faults: CPU "
		       "off\n",
		       pcpu->cpu_id);
		pcpu->failed = true;
	}
}

static enum trap_result dispatch(struct per_cpu *pcpu, struct trap_context *ctx)
{
	switch (ESR_EC(ctx->esr)) {
	case EC_HVC64:
		count_exit(pcpu, BH_EXIT_HVC);
		return handle_hvc(ctx);
	case EC_SMC64:
		count_exit(pcpu, BH_EXIT_SMC_PSCI);
		advance_pc(ctx); /* a trapped SMC returns to itself */
		return handle_smc(ctx);
	case EC_SYSREG:
		count_exit(pcpu, BH_EXIT_SYSREG);
		return handle_sysreg(ctx);
	case EC_DABT_LOW:
		count_exit(pcpu, BH_EXIT_MMIO);
		return handle_dabt(ctx);
	case EC_WFX:
		count_exit(pcpu, BH_EXIT_WFX);
		advance_pc(ctx);
		return TRAP_HANDLED;
	default:
		count_exit(pcpu, BH_EXIT_OTHER);
		return TRAP_UNHANDLED;
	}
}

static void handle_requests(struct per_cpu *pcpu)
{
	if (pcpu->requests & CPU_REQ_STOP || pcpu->failed)
		arch_cpu_power_off(pcpu);
}

void arch_handle_sync(struct trap_frame *frame)
{
	struct per_cpu *pcpu = this_cpu();
	struct trap_context ctx = {
		.frame = frame,
		.esr = read_sysreg(esr_el2),
		.elr = read_sysreg(elr_el2),
		.spsr = read_sysreg(spsr_el2),
	};

	switch (dispatch(pcpu, &ctx)) {
	case TRAP_HANDLED:
		break;
	case TRAP_FORBIDDEN:
		handle_forbidden(pcpu, &ctx, BH_EVENT_ACCESS,
				 ctx.why ?:
					 "access to a resource it does not own");
		break;
	case TRAP_UNHANDLED:
		handle_forbidden(pcpu, &ctx, BH_EVENT_TRAP,
				 ctx.why ?: "unhandled trap");
		break;
	}
	handle_requests(pcpu);
	write_sysreg(elr_el2, ctx.elr);
	write_sysreg(spsr_el2, ctx.spsr);
}

void arch_handle_irq(void)
{
	struct per_cpu *pcpu = this_cpu();

	count_exit(pcpu, BH_EXIT_IRQ);
	irqchip_handle_irq(pcpu);
	handle_requests(pcpu);
}

/* On a direct-delivery CPU: our management SGI, which the cell cannot mask */
void arch_handle_fiq(void)
{
	struct per_cpu *pcpu = this_cpu();

	count_exit(pcpu, BH_EXIT_IRQ);
	irqchip_handle_fiq(pcpu);
	handle_requests(pcpu);
}

void arch_handle_serror(struct trap_frame *frame)
{
	struct per_cpu *pcpu = this_cpu();

	(void)frame;
	count_exit(pcpu, BH_EXIT_OTHER);
	printk("SError on CPU %u (cell \"%s\"), ESR 0x%llx PC 0x%llx\n",
	       pcpu->cpu_id, pcpu->cell->config->name, read_sysreg(esr_el2),
	       read_sysreg(elr_el2));
	if (!cell_is_root(pcpu->cell)) {
		cell_event(pcpu->cell, BH_EVENT_TRAP, "SError");
		handle_requests(pcpu);
	}
}

void arch_handle_aarch32(struct trap_frame *frame)
{
	struct per_cpu *pcpu = this_cpu();

	(void)frame;
	printk("CPU %u: AArch32 guests are not supported\n", pcpu->cpu_id);
	cell_event(pcpu->cell, BH_EVENT_TRAP, "AArch32 mode");
	handle_requests(pcpu);
}

/*
 * A bus error on an access made for a cell is survived (mmio-guard.S);
 * anything else is a bug in the hypervisor itself: report, and park only
 * this CPU.
 */
void arch_handle_hyp_fault(struct trap_frame *frame)
{
	unsigned int n;

	if (mmio_guard_fixup(frame))
		return;

	console_reclaim_uart();
	printk("HYPERVISOR FAULT on CPU %llu: ESR 0x%llx ELR 0x%llx FAR 0x%llx\n",
	       read_sysreg(mpidr_el1) & 0xff, read_sysreg(esr_el2),
	       read_sysreg(elr_el2), read_sysreg(far_el2));
	for (n = 0; n < 31; n += 2)
		printk("  x%02u 0x%016llx  x%02u 0x%016llx\n", n, frame->x[n],
		       n + 1, n < 30 ? frame->x[n + 1] : 0);
	for (;;)
		asm volatile("wfi");
}

enum trap_result handle_hvc(struct trap_context *ctx)
{
	struct per_cpu *pcpu = this_cpu();
	u64 *x = ctx->frame->x;
	unsigned long args[4] = { x[1], x[2], x[3], x[4] };

	if ((ctx->esr & 0xffff) != BH_HVC_IMM) {
		/* Linux's hyp-stub calls: nothing to do while we own EL2 */
		x[0] = 0xbadca11;
		return TRAP_HANDLED;
	}
	x[0] = hypercall(pcpu->cell, x[0], args);
	return TRAP_HANDLED;
}
