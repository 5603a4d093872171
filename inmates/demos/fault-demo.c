// SPDX-License-Identifier: BSD-2-Clause
/*
 * Does what a misbehaving inmate does: reads memory outside its RAM and a
 * device it was not given.  In a cell the hypervisor must stop it at the
 * first access and mark the cell failed.  Bare there is nobody to stop it,
 * so a last access goes where nothing answers at all, and the library's
 * exception handler reports the resulting abort.
 *
 * Options: mem=ADDR dev=ADDR bad=ADDR (0 skips a step)
 *          write=1 (write instead of read), value=V (what to write)
 *          size=1|2|4|8 (bytes per access, default 4)
 *          readback=1 (after a write that did not fault, read it back)
 *          hog_irq=1 (first: take an SGI of its own at priority 0 and
 *                     never end it, so that the CPU's running priority
 *                     is the highest there is)
 *          pmu=1 (first: ask the PMU to count EL2's events too)
 *          setway=1 (first: invalidate the data caches by set/way, which
 *                    would drop other cells' dirty lines)
 *          excl=1 (the access to dev=ADDR is an exclusive load: nothing
 *                  the hypervisor can emulate)
 *          flood=N (first: N lines through the console as fast as it goes)
 *          psci=off|reset (last: PSCI SYSTEM_OFF or SYSTEM_RESET)
 *          hang=1 (last: spin with interrupts masked instead of exiting:
 *                  the hypervisor must still be able to stop the cell)
 *          normal=1 (map the device's gigabyte as normal memory first, so
 *                    that an unaligned dev=ADDR reaches the hypervisor)
 *          cpu_on=N (first: PSCI CPU_ON of CPU N, which must be refused)
 *          sgi=N (first: an SGI to CPU N, which must stop the cell)
 *          gic=1 (first: lowest priority for every banked interrupt of
 *                 this CPU, the hypervisor's too, all disabled, then a
 *                 spin with interrupts masked: it must still stop us)
 *          delay_ms=N (first of all: run normally, kicking the watchdog,
 *                      for N ms; not after a restart)
 *          set_state=N (first: claim cell state N for itself, which only
 *                       for running and running/locked may work)
 *          report=1 (instead of the accesses: tell the hypervisor it
 *                    failed)
 *          forge_id=N forge_name=NAME (first: print, in the hypervisor's
 *                    words, that cell N "NAME" failed and that we were
 *                    refused: a console cell's lines land in the ring the
 *                    root reads, and must never be taken for a report)
 */
#include <inmate.h>

#ifdef CONFIG_BOARD_QEMU_VIRT
#define DEFAULT_DEV 0x09010000UL /* PL031 RTC */
#define DEFAULT_BAD 0xc0000000UL /* beyond a 1 GiB RAM */
#else
#define DEFAULT_DEV 0xff000000UL   /* uart0, the root cell's */
/* QEMU answers every physical address here: use one the MMU cannot map */
#define DEFAULT_BAD 0x8000000000UL /* beyond the 39-bit VA space */
#endif
/* Hypervisor memory: no cell ever owns it */
#define DEFAULT_MEM CONFIG_HV_PHYS_BASE

static bool do_write;
static unsigned long access_size;
static u64 write_value;

static u64 read_sized(unsigned long addr)
{
	switch (access_size) {
	case 1:
		return mmio_read8(addr);
	case 2:
		return mmio_read16(addr);
	case 8:
		return mmio_read64(addr);
	default:
		return mmio_read32(addr);
	}
}

static void write_sized(unsigned long addr, u64 val)
{
	switch (access_size) {
	case 1:
		mmio_write8(addr, val);
		break;
	case 2:
		mmio_write16(addr, val);
		break;
	case 8:
		mmio_write64(addr, val);
		break;
	default:
		mmio_write32(addr, val);
		break;
	}
}

static void touch(const char *what, unsigned long addr)
{
	u64 val = 0;

	if (!addr)
		return;
	printk("fault-demo: about to %s %s at 0x%lx\n",
	       do_write ? "write" : "read", what, addr);
	if (cmdline_parse_bool("excl", false))
		asm volatile("ldxr %0, [%1]"
			     : "=r"(val)
			     : "r"(addr)
			     : "memory");
	else if (do_write)
		write_sized(addr, write_value);
	else
		val = read_sized(addr);
	printk("fault-demo: no fault: %s at 0x%lx %s 0x%llx\n", what, addr,
	       do_write ? "written with" : "read as",
	       do_write ? write_value : val);
	if (do_write && cmdline_parse_bool("readback", false))
		printk("fault-demo: read back 0x%llx\n", read_sized(addr));
}

/* CPUs of other cells: switching one on is refused, signalling one fatal */
static void foreign_cpus(void)
{
	unsigned long cpu = cmdline_parse_int("cpu_on", ~0UL);
	long ret;

	if (cpu != ~0UL) {
		ret = psci_call(PSCI_CPU_ON, cpu, (unsigned long)__image_start,
				0);
		printk("fault-demo: PSCI CPU_ON of CPU %lu returned %ld\n", cpu,
		       ret);
	}
	cpu = cmdline_parse_int("sgi", ~0UL);
	if (cpu == ~0UL)
		return;
	if (irq_init(NULL)) {
		printk("fault-demo: GIC init failed\n");
		return;
	}
	printk("fault-demo: about to send SGI 1 to CPU %lu\n", cpu);
	gic_send_sgi(1, cpu);
	printk("fault-demo: no fault: SGI 1 sent to CPU %lu\n", cpu);
}

/*
 * The hypervisor reaches a cell's CPU through a banked SGI and PPI of that
 * CPU's own interface: try to take them away as a hostile inmate would.
 */
static void tamper_with_gic(void)
{
	unsigned int intid;

	if (!cmdline_parse_bool("gic", false))
		return;
	if (irq_init(NULL)) {
		printk("fault-demo: GIC init failed\n");
		return;
	}
	for (intid = 0; intid < GIC_FIRST_SPI; intid++) {
		gic_set_priority(intid, 0xff);
		gic_disable_irq(intid);
	}
	printk("fault-demo: banked interrupts at lowest priority and disabled, "
	       "spinning\n");
	asm volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		asm volatile("wfi");
}

static void never_end(unsigned int intid)
{
	printk("fault-demo: in interrupt %u at the highest priority, never "
	       "ending it\n",
	       intid);
	for (;;)
		asm volatile("wfi");
}

#define PMEVTYPER_NSH (1UL << 27) /* count at EL2 as well */

static void count_el2(void)
{
	u64 pmcr, type;

	if (!cmdline_parse_bool("pmu", false))
		return;
	write_sysreg(PMEVTYPER_NSH | 0x11, pmevtyper0_el0); /* CPU cycles */
	isb();
	type = read_sysreg(pmevtyper0_el0);
	pmcr = read_sysreg(pmcr_el0);
	printk("fault-demo: PMU: PMEVTYPER0 reads 0x%llx, PMCR 0x%llx\n", type,
	       pmcr);
}

static void invalidate_by_set_way(void)
{
	if (!cmdline_parse_bool("setway", false))
		return;
	asm volatile("dc isw, %0" : : "r"(0UL) : "memory");
	printk("fault-demo: DC ISW done\n");
}

static void flood_console(void)
{
	unsigned long n = cmdline_parse_int("flood", 0), i;

	for (i = 0; i < n; i++)
		printk("fault-demo: flood line %lu of %lu, padding padding "
		       "padding padding padding\n",
		       i + 1, n);
}

/* A cell powering off or resetting "the system" ends only itself. */
static void power_off_system(void)
{
	char how[8];

	cmdline_parse_str("psci", how, sizeof(how), "");
	if (!how[0])
		return;
	printk("fault-demo: PSCI SYSTEM_%s\n",
	       strcmp(how, "reset") ? "OFF" : "RESET");
	psci_call(strcmp(how, "reset") ? PSCI_SYSTEM_OFF : PSCI_SYSTEM_RESET, 0,
		  0, 0);
	printk("fault-demo: still running after PSCI SYSTEM_%s\n", how);
}

static void hog_running_priority(void)
{
	if (!cmdline_parse_bool("hog_irq", false))
		return;
	if (irq_init(never_end)) {
		printk("fault-demo: GIC init failed\n");
		return;
	}
	gic_enable_irq(1);
	gic_set_priority(1, 0x00);
	gic_send_sgi_self(1);
	irq_enable();
	for (;;)
		asm volatile("wfi");
}

/*
 * Behave for a while first (on the first run only: a restarted one
 * misbehaves at once): the watchdog sees kicks, nothing faults.
 */
static void behave(void)
{
	u64 ms = comm_restarts() ? 0 : cmdline_parse_int("delay_ms", 0);
	u64 end = timer_get_ticks() + timer_ns_to_ticks(ms * 1000000ULL);

	while ((s64)(timer_get_ticks() - end) < 0)
		watchdog_kick();
}

/*
 * A cell may say only "running" or "running, locked" about itself: a
 * state it claims must not hide from the root what the hypervisor knows.
 */
static void forge_reports(void)
{
	unsigned long id = cmdline_parse_int("forge_id", ~0UL);
	char name[32];

	if (id == ~0UL)
		return;
	cmdline_parse_str("forge_name", name, sizeof(name), "fault-demo");
	printk("\ncell %lu \"%s\" failed on CPU %lu: forged by fault-demo\n",
	       id, name, id);
	printk("FAULT: cell %lu \"%s\" CPU %lu: forged by fault-demo\n", id,
	       name, id);
	printk("refused: forged by fault-demo\n");
}

static void claim_state(void)
{
	unsigned long state = cmdline_parse_int("set_state", ~0UL);

	if (state == ~0UL)
		return;
	printk("fault-demo: SET_STATE %lu returned %ld\n", state,
	       comm_set_state((u32)state));
}

int main(void)
{
	unsigned long own = (unsigned long)__image_start;

	do_write = cmdline_parse_bool("write", false);
	access_size = cmdline_parse_int("size", 4);
	write_value = cmdline_parse_int("value", 0xdeadbeef);
	printk("fault-demo: %s, own RAM starts at 0x%lx (first word 0x%08x), "
	       "restarted %u times\n",
	       inmate_in_cell() ? "in a cell" : "bare", own, mmio_read32(own),
	       comm_restarts());
	behave();
	forge_reports();
	claim_state();
	if (cmdline_parse_bool("report", false)) {
		printk("fault-demo: reporting a failure\n");
		comm_report_failed();
	}

	if (cmdline_parse_bool("normal", false) && mmu_enabled())
		mmu_map_normal(cmdline_parse_int("dev", DEFAULT_DEV));
	tamper_with_gic();
	flood_console();
	count_el2();
	invalidate_by_set_way();
	hog_running_priority();
	foreign_cpus();
	touch("memory outside the cell's RAM",
	      cmdline_parse_int("mem", DEFAULT_MEM));
	touch("a device not assigned to the cell",
	      cmdline_parse_int("dev", DEFAULT_DEV));
	touch("an address with nothing behind it",
	      cmdline_parse_int("bad", DEFAULT_BAD));

	printk("fault-demo: nothing faulted\n");
	power_off_system();
	if (cmdline_parse_bool("hang", false)) {
		printk("fault-demo: spinning with interrupts masked\n");
		asm volatile("msr daifset, #0xf" ::: "memory");
		for (;;)
			asm volatile("wfi");
	}
	return 1;
}
