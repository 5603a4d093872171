// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls: what the root cell's driver and the inmates may ask for.
 */
#include <hv/arch.h>
#include <hv/channel.h>
#include <hv/console.h>
#include <hv/health.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/vuart.h>

/* The root's management calls are serialised (mgmt_lock, the driver). */
static struct bh_report last_report;

void refuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_report.msg, sizeof(last_report.msg), fmt, ap);
	va_end(ap);
	printk("%s\n", last_report.msg);
}

static long get_report(paddr_t addr)
{
	return copy_to_root(addr, &last_report, sizeof(last_report));
}

static long hypervisor_get_info(unsigned long which)
{
	switch (which) {
	case BH_INFO_MEM_POOL_SIZE:
		return mem_pool.pages * PAGE_SIZE;
	case BH_INFO_MEM_POOL_USED:
		return mem_pool.used * PAGE_SIZE;
	case BH_INFO_NUM_CELLS:
		return cells_count();
	case BH_INFO_CONSOLE_HEAD:
		return console_ring.head;
	default:
		return -BH_EINVAL;
	}
}

static long cpu_get_info(unsigned long cpu, unsigned long which)
{
	struct per_cpu *pcpu;

	if (cpu >= CONFIG_HV_MAX_CPUS)
		return -BH_EINVAL;
	pcpu = per_cpu(cpu);
	if (which == BH_CPU_INFO_STATE)
		return pcpu->failed ? BH_CPU_FAILED : BH_CPU_RUNNING;
	if (which >= BH_CPU_INFO_STAT_BASE &&
	    which < BH_CPU_INFO_STAT_BASE + BH_EXIT_COUNT)
		return pcpu->stats[which - BH_CPU_INFO_STAT_BASE] &
		       0x7fffffffffffffffULL;
	return -BH_EINVAL;
}

static long hypervisor_disable(void)
{
	if (cells_count() > 1)
		return -BH_EBUSY;
	hv.disabling = true;
	printk("disabling: CPUs leave as Linux cycles them\n");
	return 0;
}

/* Calls that change no cell: they keep the last failure's report. */
static bool is_housekeeping(unsigned long code)
{
	return code == BH_HC_CELL_GET_STATE ||
	       code == BH_HC_HYPERVISOR_GET_INFO ||
	       code == BH_HC_CPU_GET_INFO || code == BH_HC_CHANNEL_GET_HEADER ||
	       code == BH_HC_CELL_GET_HEALTH || code == BH_HC_CONSOLE_FORWARD ||
	       code == BH_HC_VUART_READ || code == BH_HC_VUART_WRITE;
}

/*
 * Once disabling has begun, CPUs leave as Linux cycles them and run
 * without stage 2: a new cell could be read through them.  Only a second
 * disable, or housekeeping, until it completes.
 */
static bool refused_while_disabling(unsigned long code)
{
	if (!hv.disabling || code == BH_HC_DISABLE || is_housekeeping(code))
		return false;
	refuse("refused: the hypervisor is being disabled (run disable "
	       "again to finish)");
	return true;
}

static long root_call(unsigned long code, unsigned long *arg)
{
	if (refused_while_disabling(code))
		return -BH_EBUSY;
	switch (code) {
	case BH_HC_DISABLE:
		return hypervisor_disable();
	case BH_HC_CELL_CREATE:
		return cell_create(arg[0], arg[1]);
	case BH_HC_CELL_START:
		return cell_start(arg[0]);
	case BH_HC_CELL_SET_LOADABLE:
		return cell_set_loadable(arg[0]);
	case BH_HC_CELL_DESTROY:
		return cell_destroy(arg[0]);
	case BH_HC_CELL_SHUTDOWN:
		return cell_shutdown(arg[0], arg[1]);
	case BH_HC_CELL_SET_CMDLINE:
		return cell_set_cmdline(arg[0], arg[1], arg[2]);
	case BH_HC_CELL_GET_STATE:
		return cell_get_state(arg[0]);
	case BH_HC_HYPERVISOR_GET_INFO:
		return hypervisor_get_info(arg[0]);
	case BH_HC_CPU_GET_INFO:
		return cpu_get_info(arg[0], arg[1]);
	case BH_HC_CHANNEL_GET_HEADER:
		return channel_copy_header(arg[0], arg[1]);
	case BH_HC_CELL_KEEP_IMAGE:
		return cell_keep_image(arg[0], arg[1], arg[2]);
	case BH_HC_CELL_GET_HEALTH:
		return cell_get_health(arg[0], arg[1]);
	case BH_HC_CONSOLE_FORWARD:
		return console_forward(arg[0], arg[1]);
	case BH_HC_VUART_READ:
		return vuart_read(arg[0], arg[1]);
	case BH_HC_VUART_WRITE:
		return vuart_write(arg[0], arg[1], arg[2]);
	default:
		return -BH_ENOSYS;
	}
}

static long root_hypercall(unsigned long code, unsigned long *arg)
{
	long ret;

	if (code == BH_HC_GET_REPORT)
		return get_report(arg[0]);
	if (is_housekeeping(code))
		return root_call(code, arg);
	last_report.msg[0] = '\0';
	last_report.result = 0;
	last_report.hypercall = code;
	ret = root_call(code, arg);
	if (ret < 0)
		last_report.result = ret;
	return ret;
}

static long cell_hypercall(struct cell *cell, unsigned long code,
			   unsigned long *arg)
{
	switch (code) {
	case BH_HC_DEBUG_CONSOLE_PUTC:
		if (!(cell->config->flags & BH_CELL_CONSOLE))
			return -BH_EPERM;
		console_cell_putc((char)arg[0]);
		return 0;
	case BH_HC_CELL_SET_STATE:
		if (arg[0] == BH_CELL_FAILED) {
			cell_event(cell, BH_EVENT_REPORTED,
				   "it reported a failure");
			return 0;
		}
		return cell_set_own_state(cell, arg[0]);
	case BH_HC_WATCHDOG_KICK:
		return cell_watchdog_kick(cell);
	case BH_HC_CELL_GET_STATE:
		return cell->state;
	default:
		return -BH_EPERM;
	}
}

long hypercall(struct cell *cell, unsigned long code, unsigned long *arg)
{
	if (cell_is_root(cell))
		return root_hypercall(code, arg);
	return cell_hypercall(cell, code, arg);
}
