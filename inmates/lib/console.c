// SPDX-License-Identifier: BSD-2-Clause
/* Console: UART, the console hypercall, the cell's vUART, or nothing */
#include <inmate.h>

static enum console_kind kind = CONSOLE_UART;

void console_set(enum console_kind k)
{
	kind = k;
}

enum console_kind console_get(void)
{
	return kind;
}

static void raw_putc(char c)
{
	switch (kind) {
	case CONSOLE_UART:
		uart_putc(c);
		break;
	case CONSOLE_HVC:
		hypercall(BH_HC_DEBUG_CONSOLE_PUTC, (u8)c, 0, 0);
		break;
	case CONSOLE_VUART:
		vuart_putc(c);
		break;
	default:
		break;
	}
}

void console_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

int console_getc(void)
{
	if (kind == CONSOLE_VUART)
		return vuart_getc();
	return kind == CONSOLE_UART ? uart_getc() : -1;
}
