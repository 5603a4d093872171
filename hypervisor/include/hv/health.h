/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_HEALTH_H
#define _HV_HEALTH_H

#include <hv/cell.h>

struct per_cpu;

/* Something a cell's policy has an answer to: on the cell's own CPU. */
void cell_event(struct cell *cell, unsigned int event, const char *why);
long cell_watchdog_kick(struct cell *cell);
long cell_get_health(unsigned int id, paddr_t addr);

/* The watchdog runs on the EL2 timer of the cell's first CPU. */
void health_cpu_start(struct per_cpu *pcpu);
void health_cpu_stop(struct per_cpu *pcpu);
void health_timer_irq(struct per_cpu *pcpu);
void health_watchdog_reset(struct cell *cell);

#endif
