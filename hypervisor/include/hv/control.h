/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_CONTROL_H
#define _HV_CONTROL_H

#include <hv/cell.h>

/* arg[0..3]: x1..x4 of the caller */
long hypercall(struct cell *cell, unsigned long code, unsigned long *arg);
unsigned int cells_count(void);
/* Why a root management call fails: the console and the caller's report */
void refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
