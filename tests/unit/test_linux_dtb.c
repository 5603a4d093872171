// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of `bulkhead cell linux`'s pure half: the boot stub's
 * encoding, where the stub, kernel, initrd and device tree go (fits, does
 * not fit, alignment), and the device tree made from the real root trees
 * of both boards, read back with libfdt (and accepted by dtc).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <libfdt.h>
#include <bulkhead/abi.h>

#include "cli.h"
#include "linux-dtb.h"

#define MIB	    0x100000ULL
#define KERNEL_SIZE 0x2010000ULL /* Debian 6.1's image_size */
#define KERNEL_FILE 0x1f6e0c0ULL

struct cfg {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[3];
};

static char why[BH_LINUX_MSG_LEN];

/* qemu-virt-linux: CPUs 1-2, 112 MiB at 0x40000000, vUART 253 */
static void virt_cell(struct cfg *c)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->cell.signature, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN);
	c->cell.revision = BH_CONFIG_REVISION;
	strcpy(c->cell.name, "linux2");
	c->cell.cpu_set = 0x6;
	c->cell.entry = 0x40000000;
	c->cell.num_memory_regions = 2;
	c->cell.irq_bitmap[253 / 32] = 1U << (253 % 32);
	c->cell.vuart.address = 0x09000000;
	c->cell.vuart.irq = 253;
	c->mem[0] = (struct bh_memory_region){ 0x77000000, 0x40000000,
					       112 * MIB, 0x47 };
	c->mem[1] = (struct bh_memory_region){ 0, BH_COMM_REGION_ADDR, 0x1000,
					       0x23 };
}

static struct bh_linux_image kernel(uint64_t text_offset, uint64_t size)
{
	struct bh_linux_image img = {
		.text_offset = text_offset,
		.image_size = size,
		.page_kb = 4,
		.anywhere = 1,
	};

	return img;
}

/* ---- the stub ---- */

static uint32_t word(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_stub(void **state)
{
	unsigned char s[BH_LINUX_STUB_SIZE];

	(void)state;
	bh_linux_stub(s, 0x1122334455667788ULL, 0x99aabbccddeeff00ULL);
	/* what aarch64-linux-gnu-as makes of the assembly in linux-dtb.h */
	assert_int_equal(word(s + 0), 0x580000c0);  /* ldr x0, .+24 */
	assert_int_equal(word(s + 4), 0x580000e4);  /* ldr x4, .+28 */
	assert_int_equal(word(s + 8), 0xaa1f03e1);  /* mov x1, xzr */
	assert_int_equal(word(s + 12), 0xaa1f03e2); /* mov x2, xzr */
	assert_int_equal(word(s + 16), 0xaa1f03e3); /* mov x3, xzr */
	assert_int_equal(word(s + 20), 0xd61f0080); /* br x4 */
	assert_int_equal(word(s + 24), 0x55667788);
	assert_int_equal(word(s + 28), 0x11223344);
	assert_int_equal(word(s + 32), 0xddeeff00);
	assert_int_equal(word(s + 36), 0x99aabbcc);
	/* the literals' offsets as the two LDRs encode them (imm19 << 5) */
	assert_int_equal(((word(s) >> 5) & 0x7ffff) * 4, 24);
	assert_int_equal(4 + ((word(s + 4) >> 5) & 0x7ffff) * 4, 32);
}

/* ---- the layout ---- */

static int layout(const struct cfg *c, const struct bh_linux_image *img,
		  uint64_t initrd, uint64_t dtb, struct bh_linux_layout *l)
{
	return bh_linux_layout(c, sizeof(*c), img, KERNEL_FILE, initrd, dtb, l,
			       why, sizeof(why));
}

static void no_overlap(const struct bh_linux_layout *l)
{
	uint64_t end = l->ram_start + l->ram_size;

	assert_true(l->stub + BH_LINUX_STUB_SIZE <= l->kernel);
	assert_true(l->kernel + l->kernel_size <= l->initrd);
	assert_true(l->initrd + l->initrd_size <= l->dtb);
	assert_true(l->dtb + l->dtb_size <= end);
	assert_int_equal(l->free, l->initrd - l->kernel - l->kernel_size);
}

static void test_layout_fits(void **state)
{
	struct bh_linux_image img = kernel(0, KERNEL_SIZE);
	struct bh_linux_layout l;
	struct cfg c;

	(void)state;
	virt_cell(&c);
	assert_int_equal(layout(&c, &img, 3482031, 1652, &l), 0);
	assert_int_equal(l.stub, 0x40000000);
	assert_int_equal(l.kernel, 0x40200000);
	assert_int_equal(l.dtb % 8, 0);
	assert_true(l.dtb + l.dtb_size > 0x47000000 - 8);
	assert_int_equal(l.initrd % 0x1000, 0);
	assert_true(l.dtb - (l.initrd + l.initrd_size) < 0x1000);
	no_overlap(&l);
	/* no initrd: the free space reaches the DTB */
	assert_int_equal(layout(&c, &img, 0, 1652, &l), 0);
	assert_int_equal(l.initrd, l.dtb);
	no_overlap(&l);
}

static void test_layout_alignment(void **state)
{
	struct bh_linux_image img = kernel(0x80000, KERNEL_SIZE);
	struct bh_linux_layout l;
	struct cfg c;

	(void)state;
	virt_cell(&c);
	/* text_offset counts from the 2 MiB-aligned base */
	assert_int_equal(layout(&c, &img, 0, 4096, &l), 0);
	assert_int_equal(l.kernel, 0x40280000);
	/* the kernel's base is the first 2 MiB boundary 4 KiB past entry */
	c.cell.entry = 0x401ff000;
	img = kernel(0, KERNEL_SIZE);
	assert_int_equal(layout(&c, &img, 0, 4096, &l), 0);
	assert_int_equal(l.kernel, 0x40200000);
	c.cell.entry = 0x401ff008;
	assert_int_equal(layout(&c, &img, 0, 4096, &l), 0);
	assert_int_equal(l.stub, 0x401ff008);
	assert_int_equal(l.kernel, 0x40400000);
	no_overlap(&l);
	/* RAM ending 4 KiB past a 2 MiB boundary: the DTB stays in one block */
	virt_cell(&c);
	c.mem[0].size = 100 * MIB + 0x1000;
	assert_int_equal(layout(&c, &img, 0, 0x2000, &l), 0);
	assert_int_equal(l.dtb >> 21, (l.dtb + l.dtb_size - 1) >> 21);
	assert_int_equal(l.dtb % 8, 0);
	no_overlap(&l);
	/* an entry that is not 8-byte aligned: the literals would not be */
	c.cell.entry = 0x40000004;
	assert_int_equal(layout(&c, &img, 0, 4096, &l), -1);
	assert_non_null(strstr(why, "8-byte aligned"));
}

static void refused(int ret, const char *text)
{
	assert_int_equal(ret, -1);
	if (!strstr(why, text))
		print_error("\"%s\" not in \"%s\"\n", text, why);
	assert_non_null(strstr(why, text));
}

static void test_layout_refusals(void **state)
{
	struct bh_linux_image img = kernel(0, KERNEL_SIZE);
	struct bh_linux_layout l;
	struct cfg c;

	(void)state;
	virt_cell(&c);
	c.mem[0].size = 32 * MIB;
	refused(layout(&c, &img, 3 * MIB, 4096, &l),
		"kernel (33 MiB with .bss) and initrd (3 MiB) do not fit in the cell's RAM (32 MiB): give the cell more RAM");
	refused(layout(&c, &img, 0, 4096, &l), "give the cell more RAM");
	/* the kernel alone fits, not with the initrd */
	c.mem[0].size = 40 * MIB;
	refused(layout(&c, &img, 6 * MIB, 4096, &l), "do not fit");
	assert_int_equal(layout(&c, &img, 4 * MIB, 4096, &l), 0);
	/* an initrd larger than the RAM: no wrap-around */
	refused(layout(&c, &img, 1ULL << 40, 4096, &l), "do not fit");
	refused(layout(&c, &img, 0, BH_LINUX_DTB_MAX + 8, &l), "2 MiB");
	virt_cell(&c);
	c.cell.entry = 0x50000000;
	refused(layout(&c, &img, 0, 4096, &l),
		"not in the cell's first loadable region");
	c.mem[0].flags &= ~(uint64_t)BH_MEM_LOADABLE;
	refused(layout(&c, &img, 0, 4096, &l), "no LOADABLE RAM");
}

/* ---- the device tree ---- */

static void *read_dtb(const char *name)
{
	char path[512];
	void *buf = malloc(1 << 20);
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", LINUX_DTB_DTBS, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, 1 << 20, f);
	fclose(f);
	assert_true(n > 0);
	assert_int_equal(fdt_check_header(buf), 0);
	return buf;
}

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

/* reg pair i of a node of the made tree (2 + 2 cells) */
static void reg_is(const void *fdt, const char *path, int i, uint64_t addr,
		   uint64_t size)
{
	int len, node = fdt_path_offset(fdt, path);
	const fdt32_t *r = fdt_getprop(fdt, node, "reg", &len);

	if (!r)
		print_error("%s: no reg\n", path);
	assert_non_null(r);
	assert_true(len >= 16 * (i + 1));
	assert_int_equal(cells(r + 4 * i, 2), addr);
	assert_int_equal(cells(r + 4 * i + 2, 2), size);
}

static const char *str(const void *fdt, const char *path, const char *prop)
{
	const char *s = fdt_getprop(fdt, fdt_path_offset(fdt, path), prop, NULL);

	assert_non_null(s);
	return s;
}

static int count_cpus(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, n = 0;

	assert_true(cpus >= 0);
	fdt_for_each_subnode(node, fdt, cpus)
		n++;
	return n;
}

/* dtc reads it back (warnings allowed, errors not) */
static void dtc_accepts(const struct bh_linux_dtb *d)
{
	char path[] = "/tmp/linux-dtb-XXXXXX", cmd[128];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(d->fdt, 1, d->size, f), d->size);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts -o /dev/null %s", path);
	assert_int_equal(system(cmd), 0);
	remove(path);
}

static int build(const struct cfg *c, const void *root, const void *base,
		 const char *bootargs, struct bh_linux_dtb *d)
{
	struct bh_linux_dtb_in in = {
		.cell = c,
		.cfg_size = sizeof(*c),
		.root_fdt = root,
		.base_fdt = base,
		.bootargs = bootargs,
		.has_initrd = 1,
	};

	return bh_linux_dtb_build(&in, d, why, sizeof(why));
}

static struct bh_linux_dtb dtb;

static void test_dtb_virt(void **state)
{
	void *root = read_dtb("virt.dtb");
	const fdt32_t *p;
	struct cfg c;
	int len;

	(void)state;
	virt_cell(&c);
	assert_int_equal(build(&c, root, NULL, NULL, &dtb), 0);
	assert_int_equal(dtb.num_warnings, 0);
	assert_int_equal(fdt_check_header(dtb.fdt), 0);
	assert_int_equal(dtb.size, fdt_totalsize(dtb.fdt));
	/* CPUs 1 and 2, in order, with the MPIDRs of QEMU's tree */
	assert_int_equal(count_cpus(dtb.fdt), 2);
	assert_true(fdt_path_offset(dtb.fdt, "/cpus/cpu@1") <
		    fdt_path_offset(dtb.fdt, "/cpus/cpu@2"));
	assert_string_equal(str(dtb.fdt, "/cpus/cpu@2", "compatible"),
			    "arm,cortex-a57");
	assert_string_equal(str(dtb.fdt, "/cpus/cpu@2", "enable-method"),
			    "psci");
	assert_string_equal(str(dtb.fdt, "/psci", "method"), "smc");
	reg_is(dtb.fdt, "/memory@40000000", 0, 0x40000000, 112 * MIB);
	/* the distributor, and CPU 1's and 2's redistributor frames only */
	assert_string_equal(str(dtb.fdt, "/interrupt-controller@8000000",
				"compatible"),
			    "arm,gic-v3");
	reg_is(dtb.fdt, "/interrupt-controller@8000000", 0, 0x8000000, 0x10000);
	reg_is(dtb.fdt, "/interrupt-controller@8000000", 1, 0x80a0000 + 0x20000,
	       0x40000);
	assert_int_equal(fdt_path_offset(dtb.fdt, "/timer") >= 0, 1);
	/* the comm region, for bulkhead.ko in the cell */
	reg_is(dtb.fdt, "/bulkhead-comm@80000000", 0, BH_COMM_REGION_ADDR,
	       0x1000);
	assert_string_equal(str(dtb.fdt, "/bulkhead-comm@80000000",
				"compatible"),
			    "bulkhead,comm-region");
	/* a small CMA area, not Debian's 64 MiB */
	p = fdt_getprop(dtb.fdt,
			fdt_path_offset(dtb.fdt, "/reserved-memory/linux,cma"),
			"size", &len);
	assert_int_equal(len, 8);
	assert_int_equal(cells(p, 2), BH_LINUX_CMA_SIZE);
	/* the vUART: SPI 221 = INTID 253, its clock, its ID */
	reg_is(dtb.fdt, "/pl011@9000000", 0, 0x9000000, 0x1000);
	p = fdt_getprop(dtb.fdt, fdt_path_offset(dtb.fdt, "/pl011@9000000"),
			"interrupts", &len);
	assert_int_equal(len, 12);
	assert_int_equal(fdt32_to_cpu(p[1]), 253 - 32);
	assert_string_equal(str(dtb.fdt, "/chosen", "stdout-path"),
			    "/pl011@9000000");
	assert_string_equal(str(dtb.fdt, "/chosen", "bootargs"),
			    "console=ttyAMA0 earlycon=pl011,mmio32,0x9000000");
	assert_string_equal(dtb.bootargs,
			    "console=ttyAMA0 earlycon=pl011,mmio32,0x9000000");
	/* the initrd's place is filled in after the layout */
	assert_int_equal(bh_linux_dtb_set_initrd(dtb.fdt, 0x46c00000,
						 0x46d00000),
			 0);
	p = fdt_getprop(dtb.fdt, fdt_path_offset(dtb.fdt, "/chosen"),
			"linux,initrd-end", &len);
	assert_int_equal(len, 8);
	assert_int_equal(cells(p, 2), 0x46d00000);
	dtc_accepts(&dtb);
	free(dtb.fdt);
	free(root);
}

/* ZCU102: GICv2, and uart1 given to the cell as an IO region */
static void test_dtb_zcu102(void **state)
{
	void *root = read_dtb("zcu102.dtb");
	const fdt32_t *clk;
	struct cfg c;
	int len, node;

	(void)state;
	virt_cell(&c);
	c.cell.entry = 0;
	c.mem[0].virt_start = 0;
	c.cell.vuart.address = 0xf0000000;
	c.cell.vuart.irq = 141;
	c.cell.irq_bitmap[141 / 32] = 1U << (141 % 32);
	c.mem[2] = (struct bh_memory_region){ 0xff010000, 0xff010000, 0x1000,
					      0x13 };
	c.cell.num_memory_regions = 3;
	assert_int_equal(build(&c, root, NULL, "console=ttyAMA0", &dtb), 0);
	assert_int_equal(count_cpus(dtb.fdt), 2);
	assert_string_equal(str(dtb.fdt, "/cpus/cpu@1", "compatible"),
			    "arm,cortex-a53");
	assert_string_equal(str(dtb.fdt, "/interrupt-controller@f9010000",
				"compatible"),
			    "arm,gic-400");
	reg_is(dtb.fdt, "/interrupt-controller@f9010000", 0, 0xf9010000,
	       0x10000);
	reg_is(dtb.fdt, "/interrupt-controller@f9010000", 1, 0xf9020000,
	       0x20000);
	reg_is(dtb.fdt, "/memory@0", 0, 0, 112 * MIB);
	assert_string_equal(str(dtb.fdt, "/chosen", "bootargs"),
			    "console=ttyAMA0");
	/* uart1 copied with its fixed clock; its SPI 22 is not the cell's */
	node = fdt_path_offset(dtb.fdt, "/serial@ff010000");
	assert_true(node >= 0);
	reg_is(dtb.fdt, "/serial@ff010000", 0, 0xff010000, 0x1000);
	assert_string_equal(str(dtb.fdt, "/serial@ff010000", "status"), "okay");
	clk = fdt_getprop(dtb.fdt, node, "clocks", &len);
	assert_int_equal(len, 8);
	node = fdt_node_offset_by_phandle(dtb.fdt, fdt32_to_cpu(clk[0]));
	assert_true(node >= 0);
	assert_int_equal(fdt_node_check_compatible(dtb.fdt, node, "fixed-clock"),
			 0);
	assert_int_equal(dtb.num_warnings, 1);
	assert_non_null(strstr(dtb.warnings[0], "SPI 22 (INTID 54)"));
	dtc_accepts(&dtb);
	free(dtb.fdt);
	/* an IO region no node of the tree describes: a warning */
	c.mem[2].phys_start = c.mem[2].virt_start = 0xa0000000;
	assert_int_equal(build(&c, root, NULL, NULL, &dtb), 0);
	assert_int_equal(dtb.num_warnings, 1);
	assert_non_null(strstr(dtb.warnings[0], "no device"));
	free(dtb.fdt);
	free(root);
}

/* -d: the user's tree, with our /memory, /cpus and /chosen */
static void test_dtb_base(void **state)
{
	void *root = read_dtb("virt.dtb");
	struct cfg c;
	int node, n = 0;

	(void)state;
	virt_cell(&c);
	assert_int_equal(build(&c, root, root, "root=/dev/vda", &dtb), 0);
	assert_int_equal(count_cpus(dtb.fdt), 2);
	assert_true(fdt_path_offset(dtb.fdt, "/bulkhead-comm@80000000") >= 0);
	fdt_for_each_subnode(node, dtb.fdt, 0) {
		const char *t = fdt_getprop(dtb.fdt, node, "device_type", NULL);

		n += t && !strcmp(t, "memory");
	}
	assert_int_equal(n, 1);
	reg_is(dtb.fdt, "/memory@40000000", 0, 0x40000000, 112 * MIB);
	assert_string_equal(str(dtb.fdt, "/chosen", "bootargs"),
			    "root=/dev/vda");
	/* the rest is the user's: QEMU's own GIC node, all of it */
	assert_true(fdt_path_offset(dtb.fdt, "/intc@8000000") >= 0);
	dtc_accepts(&dtb);
	free(dtb.fdt);
	free(root);
}

static void test_dtb_refusals(void **state)
{
	void *root = read_dtb("virt.dtb");
	char *line = malloc(BH_LINUX_CMDLINE_MAX + 1);
	char junk[64] = "not a device tree";
	struct cfg c;

	(void)state;
	virt_cell(&c);
	refused(build(&c, root, junk, NULL, &dtb),
		"DTB: not a flattened device tree (bad magic)");
	memset(line, 'x', BH_LINUX_CMDLINE_MAX);
	line[BH_LINUX_CMDLINE_MAX] = '\0';
	refused(build(&c, root, NULL, line, &dtb), "at most 2047");
	line[BH_LINUX_CMDLINE_MAX - 1] = '\0';
	assert_int_equal(build(&c, root, NULL, line, &dtb), 0);
	free(dtb.fdt);
	/* CPU 5 of a 4-CPU board */
	c.cell.cpu_set = 1ULL << 5;
	refused(build(&c, root, NULL, NULL, &dtb), "CPU 5");
	free(line);
	free(root);
}

/* ---- the command line ---- */

#define PARSE(c, ...)                                                 \
	bh_parse_args(sizeof((char *[]){ "bulkhead", __VA_ARGS__ }) / \
			      sizeof(char *),                         \
		      (char *[]){ "bulkhead", __VA_ARGS__ }, c)

static void test_args(void **state)
{
	struct bh_cmd c;

	(void)state;
	assert_int_equal(PARSE(&c, "cell", "linux", "a.conf", "Image", "-i",
			       "initrd", "-c", "console=ttyAMA0", "-d", "b.dtb",
			       "-n", "--root-dtb", "r.dtb", "-o", "out.dtb"),
			 0);
	assert_int_equal(c.id, BH_CMD_CELL_LINUX);
	assert_string_equal(c.file, "a.conf");
	assert_string_equal(c.file2, "Image");
	assert_string_equal(c.initrd, "initrd");
	assert_string_equal(c.cmdline, "console=ttyAMA0");
	assert_string_equal(c.dtb, "b.dtb");
	assert_string_equal(c.root_dtb, "r.dtb");
	assert_string_equal(c.output, "out.dtb");
	assert_true(c.dry_run);
	assert_int_equal(PARSE(&c, "cell", "linux", "a.conf"), -1);
	assert_non_null(strstr(c.err, "missing CELL_CONFIG KERNEL"));
	assert_int_equal(PARSE(&c, "cell", "linux", "a.conf", "Image", "-i"),
			 -1);
	assert_non_null(strstr(c.err, "-i needs a value"));
	assert_int_equal(PARSE(&c, "cell", "linux", "a", "b", "-x"), -1);
	/* the options are cell linux's own */
	assert_int_equal(PARSE(&c, "cell", "create", "a.conf", "-n"), -1);
}

/* ---- the command, as a user runs it (host build, no driver) ---- */

static char tmpdir[] = "/tmp/linux-cli-XXXXXX";
static char out[8192], err[4096];

static void slurp(const char *name, char *buf, size_t len)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static int run(const char *args)
{
	char cmd[8192];
	int rc;

	snprintf(cmd, sizeof(cmd),
		 "cd %s && BULKHEAD_DEVICE=/nonexistent %s cell linux %s --root-dtb %s/virt.dtb >out.txt 2>err.txt",
		 tmpdir, LINUX_DTB_CLI, args, LINUX_DTB_DTBS);
	rc = system(cmd);
	slurp("out.txt", out, sizeof(out));
	slurp("err.txt", err, sizeof(err));
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void put(const char *name, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* A 64 KiB "kernel" whose header says 33 MiB with .bss */
static void put_image(void)
{
	static unsigned char img[0x10000];
	uint64_t size = KERNEL_SIZE, flags = 0xa;

	memcpy(img + 16, &size, 8); /* the host is little-endian too */
	memcpy(img + 24, &flags, 8);
	memcpy(img + 56, "ARM\x64", 4);
	put("Image", img, sizeof(img));
}

static void fails_with(const char *args, const char *text)
{
	const char *nl;

	assert_int_equal(run(args), 1);
	nl = strchr(err, '\n');
	if (!strstr(err, text) || !nl || nl[1])
		print_error("%s: \"%s\" not the one line of \"%s\"\n", args,
			    text, err);
	assert_non_null(strstr(err, text));
	assert_true(nl && !nl[1]);
	assert_string_equal(out, "");
}

#define CONF(name) LINUX_DTB_SRC "/configs/arm64/" name ".conf"

static void test_command(void **state)
{
	static const unsigned char gz[64] = { 0x1f, 0x8b, 8 };
	char args[4096];

	(void)state;
	assert_non_null(mkdtemp(tmpdir));
	put_image();
	put("Image.gz", gz, sizeof(gz));
	put("junk", "not a device tree at all", 24);
	put("initrd", "0707010000", 10);
	assert_int_equal(run(CONF(
				 "qemu-virt-linux") " Image -i initrd -n -o c.dtb"),
			 0);
	assert_non_null(strstr(out, "kernel  0x40200000"));
	assert_non_null(strstr(out, "initrd  0x46fff000"));
	assert_non_null(
		strstr(out,
		       "bootargs \"console=ttyAMA0 earlycon=pl011,mmio32,0x9000000\""));
	assert_string_equal(err, "");
	snprintf(args, sizeof(args),
		 "dtc -q -I dtb -O dts -o /dev/null %s/c.dtb", tmpdir);
	assert_int_equal(system(args), 0);
	fails_with(CONF("qemu-virt-linux") " Image.gz -n", "gunzip");
	fails_with(CONF("qemu-virt-linux") " junk -n",
		   "not an arm64 Linux Image");
	fails_with(CONF("qemu-virt-linux") " Image -d junk -n",
		   "junk: not a flattened device tree (bad magic)");
	fails_with(CONF("qemu-virt-vuart-demo") " Image -n",
		   "does not fit in the cell's RAM (1 MiB)");
	snprintf(args, sizeof(args), "%s Image -n -c %02500d",
		 CONF("qemu-virt-linux"), 0);
	fails_with(args, "at most 2047");
	/* without -n: everything is checked before the driver is asked */
	fails_with(CONF("qemu-virt-linux") " junk", "not an arm64 Linux Image");
	assert_int_equal(run(CONF("qemu-virt-linux") " Image"),
			 BH_EXIT_NOT_THERE);
	assert_non_null(strstr(err, "cannot open /nonexistent"));
	snprintf(args, sizeof(args), "rm -r %s", tmpdir);
	assert_int_equal(system(args), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stub),
		cmocka_unit_test(test_layout_fits),
		cmocka_unit_test(test_layout_alignment),
		cmocka_unit_test(test_layout_refusals),
		cmocka_unit_test(test_dtb_virt),
		cmocka_unit_test(test_dtb_zcu102),
		cmocka_unit_test(test_dtb_base),
		cmocka_unit_test(test_dtb_refusals),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_command),
	};

	return cmocka_run_group_tests_name(
		"linux-dtb: cell linux's layout, stub and device tree", tests,
		NULL, NULL);
}
