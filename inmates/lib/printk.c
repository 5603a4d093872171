// SPDX-License-Identifier: BSD-2-Clause
/* Minimal printf family: one formatter, a console and a buffer sink */
#include <inmate.h>

struct sink {
	char *buf; /* NULL: console */
	size_t size;
	size_t len;
};

static void emit(struct sink *s, char c)
{
	if (!s->buf)
		console_putc(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

struct spec {
	unsigned int width;
	bool left;
	bool zero;
};

static void emit_padded(struct sink *s, const char *str, size_t len,
			const struct spec *sp, bool negative)
{
	size_t total = len + negative;
	size_t pad = sp->width > total ? sp->width - total : 0;

	if (!sp->left && !sp->zero)
		for (; pad; pad--)
			emit(s, ' ');
	if (negative)
		emit(s, '-');
	if (!sp->left && sp->zero)
		for (; pad; pad--)
			emit(s, '0');
	while (len--)
		emit(s, *str++);
	for (; pad; pad--)
		emit(s, ' ');
}

static void emit_number(struct sink *s, unsigned long long val,
			unsigned int base, bool upper, bool negative,
			const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = digits[val % base];
		val /= base;
	} while (val);
	emit_padded(s, tmp + i, sizeof(tmp) - i, sp, negative);
}

static unsigned long long fetch_unsigned(va_list *ap, int lmod)
{
	if (lmod >= 2)
		return va_arg(*ap, unsigned long long);
	if (lmod == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long fetch_signed(va_list *ap, int lmod)
{
	if (lmod >= 2)
		return va_arg(*ap, long long);
	if (lmod == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *parse_spec(const char *fmt, struct spec *sp, int *lmod,
			      va_list *ap)
{
	sp->width = 0;
	sp->left = false;
	sp->zero = false;
	*lmod = 0;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	for (;; fmt++) {
		if (*fmt == 'l')
			(*lmod)++;
		else if (*fmt == 'z')
			*lmod = 1;
		else
			break;
	}
	return fmt;
}

static void format(struct sink *s, const char *fmt, va_list caller_ap)
{
	/* A local copy can be passed by pointer whatever va_list's type is */
	va_list ap;
	struct spec sp;
	const char *str;
	long long sval;
	int lmod;
	char c;

	va_copy(ap, caller_ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &lmod, &ap);
		switch (*fmt) {
		case 'd':
		case 'i':
			sval = fetch_signed(&ap, lmod);
			emit_number(s,
				    sval < 0 ? -(unsigned long long)sval :
					       (unsigned long long)sval,
				    10, false, sval < 0, &sp);
			break;
		case 'u':
			emit_number(s, fetch_unsigned(&ap, lmod), 10, false,
				    false, &sp);
			break;
		case 'x':
		case 'X':
			emit_number(s, fetch_unsigned(&ap, lmod), 16,
				    *fmt == 'X', false, &sp);
			break;
		case 'o':
			emit_number(s, fetch_unsigned(&ap, lmod), 8, false,
				    false, &sp);
			break;
		case 'p':
			emit(s, '0');
			emit(s, 'x');
			emit_number(s, (unsigned long)va_arg(ap, void *), 16,
				    false, false, &sp);
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			emit_padded(s, &c, 1, &sp, false);
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			sp.zero = false;
			emit_padded(s, str, strlen(str), &sp, false);
			break;
		case '%':
			emit(s, '%');
			break;
		case '\0':
			va_end(ap);
			return;
		default:
			emit(s, '%');
			emit(s, *fmt);
			break;
		}
	}
	va_end(ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size };

	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return s.len;
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

int vprintk(const char *fmt, va_list ap)
{
	struct sink s = { .buf = NULL };

	format(&s, fmt, ap);
	return s.len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
