/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_SPINLOCK_H
#define _HV_SPINLOCK_H

#include <asm/spinlock.h>

#define DEFINE_SPINLOCK(name) spinlock_t name = { 0 }

#endif
