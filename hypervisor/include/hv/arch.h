/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What generic code asks of the architecture.  One header: arch code
 * implements these and never reaches into generic internals otherwise.
 */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

#include <hv/cell.h>
#include <hv/percpu.h>
#include <asm/processor.h> /* arch_cpu_relax(), barriers: inline */

/* MMU of the hypervisor itself */
int arch_paging_init(struct page_table *hv_pt);
void arch_mmu_enable(struct page_table *hv_pt);

/* CPUs */
int arch_cpu_init(struct per_cpu *pcpu);
void arch_cpu_activate(struct per_cpu *pcpu);
void __noreturn arch_cpu_power_off(struct per_cpu *pcpu);
int arch_cpu_power_on(unsigned int cpu); /* start into cpu_on_entry */
void arch_cpu_kick(unsigned int cpu);	 /* make it look at requests */
u64 arch_cpu_mpidr(void);
bool arch_cpu_powered_off(unsigned int cpu); /* the firmware's view */
bool arch_cpu_wait_off(unsigned int cpu);    /* false: still on after a while */

/* Time and caches */
u64 arch_timer_ticks(void);
u32 arch_timer_frequency(void);
void arch_dcache_flush(const void *addr, size_t size); /* to PoC */
void arch_paging_flush_hyp(void); /* after unmapping from hv_paging */
/* this CPU's hypervisor timer (the watchdog): fire at deadline, or never */
void arch_hyp_timer_arm(u64 deadline);
void arch_hyp_timer_stop(void);

/* Cells */
int arch_cell_init(struct cell *cell);
void arch_cell_exit(struct cell *cell);
void arch_cell_flush_stage2(struct cell *cell);
void arch_cell_reset_cpu(struct per_cpu *pcpu, u64 entry, u64 context);

/* Interrupt controller */
int irqchip_init(void);
void irqchip_cpu_init(struct per_cpu *pcpu);
void irqchip_cpu_reset(struct per_cpu *pcpu);
int irqchip_cell_init(struct cell *cell);
void irqchip_cell_exit(struct cell *cell);
void irqchip_handle_irq(struct per_cpu *pcpu);
void irqchip_handle_fiq(struct per_cpu *pcpu);
void irqchip_send_mgmt_sgi(unsigned int cpu);
void irqchip_reset_spi(unsigned int irq, const struct cell *owner);
unsigned int irqchip_num_spis(void);
void irqchip_make_doorbell(unsigned int irq);
void irqchip_hv_line(unsigned int irq, bool on);
void irqchip_set_spi_pending(unsigned int irq);

#endif
