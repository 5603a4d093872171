/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_CONSOLE_H
#define _HV_CONSOLE_H

#include <hv/types.h>

extern struct bh_console_ring console_ring, log_ring;

void console_init(const struct bh_console *uart);
void console_write(const char *s, size_t len);
/* a character from a cell: into the ring, not to the UART */
void console_cell_putc(char c);
void console_give_uart_to_cells(void);
/* BH_HC_CONSOLE_FORWARD: the driver carries our lines into Linux's log */
long console_forward(unsigned long on, u64 pos);
void console_reclaim_uart(void);

/* One UART driver is compiled in, chosen by Kconfig. */
void uart_init(vaddr_t base);
void uart_putc(vaddr_t base, char c);
extern const u16 uart_console_type;

#endif
