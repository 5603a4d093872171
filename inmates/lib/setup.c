// SPDX-License-Identifier: BSD-2-Clause
/*
 * C side of start-up: decide cell or bare, turn on the MMU, pick the
 * console, run main().
 */
#include <inmate.h>

struct bh_comm_region *comm_region;
unsigned int inmate_entry_el;

struct inmate_board inmate_board;

void cmdline_init(void);
void mmu_init(void);
void __noreturn inmate_start(u64 x0, u64 x1, u64 el);

static struct bh_comm_region *detect_comm_region(u64 x0, u64 x1)
{
	struct bh_comm_region *comm;

	if (x1 != BH_CELL_BOOT_MAGIC || x0 == 0)
		return NULL;
	/*
	 * A wrong magic-looking x1 by chance is very unlikely, but checking
	 * the signature keeps a bare run from dereferencing x0 as garbage.
	 */
	comm = (struct bh_comm_region *)x0;
	if (memcmp(comm->signature, BH_COMM_SIGNATURE, BH_SIGNATURE_LEN))
		return NULL;
	return comm;
}

u32 cpu_affinity(void)
{
	u64 mpidr = read_sysreg(mpidr_el1);

	return (u32)(mpidr & 0xffffff) | (u32)((mpidr >> 32) & 0xff) << 24;
}

/*
 * The build names no address: a cell finds its devices in the comm region,
 * a bare run on its command line (tests/system/bare_qemu.py writes them
 * from the board's system config).  The command line wins in both.
 */
static void board_init(void)
{
	const struct bh_comm_region *comm = comm_region;
	bool own_uart = comm && (comm->console_type == BH_CONSOLE_PL011 ||
				 comm->console_type == BH_CONSOLE_CADENCE);

	inmate_board.gicd = cmdline_parse_int("gicd",
					      comm ? comm->gicd_base : 0);
	inmate_board.gicr = cmdline_parse_int("gicr",
					      comm ? comm->gicr_base : 0);
	inmate_board.gicc = cmdline_parse_int("gicc",
					      comm ? comm->gicc_base : 0);
	inmate_board.uart = cmdline_parse_int("uart",
					      own_uart ? comm->console_base : 0);
	/* no config says which SPI is the UART's: only the command line can */
	inmate_board.uart_irq = cmdline_parse_int("uart_irq", 0);
}

static void console_from_cmdline(void)
{
	char buf[8];
	/* a cell given no UART of its own prints through the hypervisor */
	bool no_uart = comm_region &&
		       comm_region->console_type == BH_CONSOLE_NONE;
	bool vuart = comm_region && comm_region->revision >= 3 &&
		     comm_region->console_type == BH_CONSOLE_VUART;

	cmdline_parse_str("console", buf, sizeof(buf),
			  vuart	  ? "vuart" :
			  no_uart ? "hvc" :
				    "uart");
	if (!strcmp(buf, "vuart") && vuart)
		console_set(CONSOLE_VUART);
	else if (!strcmp(buf, "hvc") || (!strcmp(buf, "vuart") && no_uart))
		console_set(CONSOLE_HVC);
	else if (!strcmp(buf, "none"))
		console_set(CONSOLE_NONE);
	else if (inmate_board.uart)
		console_set(CONSOLE_UART);
	else
		/* told to use a UART nobody located: the hypervisor's, or none */
		console_set(comm_region ? CONSOLE_HVC : CONSOLE_NONE);
}

void inmate_start(u64 x0, u64 x1, u64 el)
{
	inmate_entry_el = el;
	comm_region = detect_comm_region(x0, x1);
	cmdline_init();
	if (cmdline_parse_bool("mmu", true))
		mmu_init();
	board_init();
	console_from_cmdline();
	/* a cell without the UART would fault on touching it */
	if (console_get() == CONSOLE_UART)
		uart_init(inmate_board.uart);
	if (console_get() == CONSOLE_VUART)
		vuart_init(comm_region->console_base);
	inmate_exit(main());
}

void inmate_halt(void)
{
	irq_disable();
	for (;;)
		wfi();
}

void inmate_exit(int code)
{
	irq_disable();
	timer_stop();
	if (code)
		printk("inmate: main returned %d\n", code);
	if (inmate_in_cell()) {
		psci_cpu_off();
	} else {
		/* Let the UART drain before QEMU goes away */
		delay_us(2000);
		psci_system_off();
	}
	inmate_halt();
}
