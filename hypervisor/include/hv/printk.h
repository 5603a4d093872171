/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

#include <stdarg.h>
#include <hv/types.h>

__attribute__((format(printf, 1, 2))) void printk(const char *fmt, ...);
__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size,
						   const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void __noreturn panic_stop(const char *why);

#endif
