// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead cell console NAME|ID [-f] [--send]: a cell's virtual UART.
 *
 *   no option, stdin not a terminal: print what the cell wrote, and exit
 *   no option, stdin a terminal:     interactive, like `virsh console`:
 *                                    output follows, typed bytes go to the
 *                                    cell, Ctrl-] detaches
 *   -f:                              print and follow, never read stdin
 *   --send:                          stdin, to its end, to the cell
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

#define OP		"cell console"
#define POLL_MS		50
#define ESCAPE		0x1d /* Ctrl-] */
#define SEND_TIMEOUT_MS 5000 /* the cell reads nothing: give up */

struct console {
	int fd;
	int id;
	__u64 pos; /* next byte of its output to print */
};

static volatile sig_atomic_t stop;
static struct termios saved_tio;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int report(int err)
{
	bh_report_failure(OP, BH_CMD_CELL_CONSOLE, err);
	return -1;
}

/* Print what the cell wrote since c->pos; 1 if there was some. */
static int drain(struct console *c)
{
	char buf[BH_VUART_READ_MAX];
	struct bh_vuart_io io = {
		.cell_id = (__u32)c->id,
		.pos = c->pos,
		.buf = (__u64)(unsigned long)buf,
		.size = sizeof(buf),
	};

	if (ioctl(c->fd, BH_IOCTL_VUART_READ, &io) < 0)
		return report(errno);
	if (io.start > c->pos)
		fprintf(stderr, "\r\n[bulkhead: %llu bytes of output lost]\r\n",
			(unsigned long long)(io.start - c->pos));
	if (io.size && fwrite(buf, 1, io.size, stdout) != io.size)
		return -1;
	fflush(stdout);
	c->pos = io.start + io.size;
	return io.size > 0;
}

static int drain_all(struct console *c)
{
	int r;

	while ((r = drain(c)) > 0)
		;
	return r;
}

/* All of len bytes to the cell, as fast as it reads them. */
static int send_bytes(struct console *c, const char *p, size_t len)
{
	int waited = 0;

	while (len && !stop) {
		struct bh_vuart_io io = {
			.cell_id = (__u32)c->id,
			.buf = (__u64)(unsigned long)p,
			.size = len,
		};

		if (ioctl(c->fd, BH_IOCTL_VUART_WRITE, &io) < 0)
			return report(errno);
		p += io.size;
		len -= io.size;
		if (io.size) {
			waited = 0;
			continue;
		}
		if (waited >= SEND_TIMEOUT_MS) {
			fprintf(stderr,
				"bulkhead: " OP
				": the cell read nothing for %d ms: %zu bytes not sent\n",
				SEND_TIMEOUT_MS, len);
			return -1;
		}
		usleep(10000);
		waited += 10;
	}
	return 0;
}

static int send_stdin(struct console *c)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("bulkhead: " OP ": stdin");
			return -1;
		}
		if (send_bytes(c, buf, (size_t)n))
			return -1;
	}
	return 0;
}

static int follow(struct console *c)
{
	while (!stop) {
		int r = drain_all(c);

		if (r < 0)
			return r;
		usleep(POLL_MS * 1000);
	}
	return 0;
}

static void restore_tty(void)
{
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
}

/* Typed bytes to the cell until Ctrl-]; its output as it comes. */
static int interactive(struct console *c, const char *name)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	struct termios raw;
	char buf[256], *esc;
	ssize_t n;
	int r = 0;

	if (tcgetattr(STDIN_FILENO, &saved_tio))
		return follow(c);
	raw = saved_tio;
	cfmakeraw(&raw);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
	fprintf(stderr, "Connected to cell '%s' (escape character is ^])\r\n",
		name);
	while (!stop && r >= 0) {
		r = drain_all(c);
		if (r < 0 || poll(&pfd, 1, POLL_MS) <= 0)
			continue;
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n <= 0)
			break;
		esc = memchr(buf, ESCAPE, (size_t)n);
		r = send_bytes(c, buf, esc ? (size_t)(esc - buf) : (size_t)n);
		if (esc)
			break;
	}
	restore_tty();
	fprintf(stderr, "\n");
	return r < 0 ? -1 : 0;
}

int bh_cmd_cell_console(const struct bh_cmd *cmd)
{
	struct console c = { .fd = -1 };
	int r;

	if (bh_find_cell(cmd->cell, &c.id)) {
		fprintf(stderr,
			"bulkhead: " OP
			": no cell '%s' (see 'bulkhead cell list')\n",
			cmd->cell);
		bh_note_exit(BH_EXIT_NO_CELL);
		return -1;
	}
	c.fd = bh_dev_open();
	if (c.fd < 0)
		return -1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (cmd->send)
		r = send_stdin(&c);
	else if (cmd->follow)
		r = follow(&c);
	else if (isatty(STDIN_FILENO))
		r = interactive(&c, cmd->cell);
	else
		r = drain_all(&c);
	close(c.fd);
	return r < 0 ? -1 : 0;
}
