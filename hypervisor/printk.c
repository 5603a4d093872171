// SPDX-License-Identifier: GPL-2.0
/*
 * A small printf: enough formats for register dumps and messages.
 */
#include <hv/console.h>
#include <hv/printk.h>
#include <hv/spinlock.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, u64 v, unsigned int base, int width,
		    char pad, bool neg)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		put(o, pad);
	while (n)
		put(o, tmp[--n]);
}

static u64 get_arg(va_list *ap, int longs, bool is_signed, bool *neg)
{
	s64 sv;

	*neg = false;
	if (!is_signed)
		return longs ? va_arg(*ap, u64) : va_arg(*ap, unsigned int);
	sv = longs ? va_arg(*ap, s64) : va_arg(*ap, int);
	if (sv < 0) {
		*neg = true;
		return -(u64)sv;
	}
	return sv;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	const char *s;
	bool neg;
	u64 v;

	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		char pad = ' ';

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		if (*++fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l' || *fmt == 'z')
			longs++, fmt++;
		switch (*fmt) {
		case 'd':
		case 'i':
			v = get_arg(&ap, longs, true, &neg);
			put_num(&o, v, 10, width, pad, neg);
			break;
		case 'u':
			v = get_arg(&ap, longs, false, &neg);
			put_num(&o, v, 10, width, pad, false);
			break;
		case 'x':
			v = get_arg(&ap, longs, false, &neg);
			put_num(&o, v, 16, width, pad, false);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (uintptr_t)va_arg(ap, void *), 16, width,
				'0', false);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '?');
			break;
		}
	}
	if (size)
		buf[MIN(o.len, size - 1)] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void printk(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_write(line, MIN((size_t)n, sizeof(line) - 1));
}
