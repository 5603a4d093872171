// SPDX-License-Identifier: GPL-2.0
/*
 * Putting interrupts into a CPU's list registers, with a small overflow
 * queue drained on the underflow maintenance interrupt.
 */
#include <asm/gic.h>
#include <hv/printk.h>

static bool queue_push(struct arch_per_cpu *arch, unsigned int irq,
		       unsigned int source)
{
	if (arch->num_pending >= ARRAY_SIZE(arch->pending))
		return false;
	arch->pending[arch->num_pending++] = irq | source << 10;
	return true;
}

void gic_inject(struct per_cpu *pcpu, unsigned int irq, bool hw,
		unsigned int source)
{
	/*
	 * A physical interrupt stays active until the cell ends it, so it
	 * cannot be in a list register yet: the first free one will do.
	 */
	int lr = hw ? gic_lr_first_free(pcpu) : gic_lr_find_free(pcpu, irq);

	if (lr == -BH_EEXIST)
		return; /* an SGI already pending: it coalesces */
	if (lr >= 0) {
		gic_lr_write(pcpu, lr, irq, hw, source);
		return;
	}
	if (!queue_push(&pcpu->arch, irq, source))
		printk("CPU %u: interrupt %u lost, injection queue full\n",
		       pcpu->cpu_id, irq);
	gic_set_underflow_irq(true);
}

void gic_retry_pending(struct per_cpu *pcpu)
{
	struct arch_per_cpu *arch = &pcpu->arch;
	unsigned int n, kept = 0;

	/* the underflow interrupt is on exactly while the queue holds some */
	if (!arch->num_pending)
		return;
	for (n = 0; n < arch->num_pending; n++) {
		unsigned int irq = arch->pending[n] & 0x3ff;
		unsigned int source = arch->pending[n] >> 10;
		int lr = gic_lr_find_free(pcpu, irq);

		if (lr >= 0)
			gic_lr_write(pcpu, lr, irq, irq >= 16, source);
		else if (lr != -BH_EEXIST)
			arch->pending[kept++] = arch->pending[n];
	}
	arch->num_pending = kept;
	gic_set_underflow_irq(kept != 0);
}
