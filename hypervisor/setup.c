// SPDX-License-Identifier: GPL-2.0
/*
 * Bringing the hypervisor up under a running Linux.
 *
 * The driver enters the CPUs one after the other: the first one (MMU off)
 * builds the hypervisor's address space, the pool and the root cell; each
 * later one only turns on its MMU and becomes a root-cell CPU.  No CPU ever
 * waits for another here, so there is no rendezvous to hang on.
 */
#include <hv/arch.h>
#include <hv/channel.h>
#include <bulkhead/config_check.h>
#include <hv/console.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/string.h>

struct per_cpu per_cpu_data[CONFIG_HV_MAX_CPUS];
struct page_table hv_paging;
struct bh_system_config *sys_config;
struct hv_global hv;

#define POOL_MAX_PAGES (64 * 1024 * 1024 / PAGE_SIZE)
static u64 pool_bitmap[POOL_MAX_PAGES / 64];

extern u8 __text_start[], __text_end[], __core_end[];

static int map_hypervisor(void)
{
	const struct bh_system_config *sys = sys_config;
	vaddr_t text = (vaddr_t)__text_start, text_end = (vaddr_t)__text_end;
	u64 end = sys->hypervisor_memory.phys_start +
		  sys->hypervisor_memory.size;
	int err;

	/* the image header is in the first, read-only code page */
	err = paging_init(&hv_paging, PAGING_HYP, 512, &mem_pool);
	err = err   ?:
		      paging_map(&hv_paging, text, text, text_end - text,
				 PAGING_READ | PAGING_EXEC);
	err = err   ?:
		      paging_map(&hv_paging, text_end, text_end, end - text_end,
				 PAGING_RW);
	if (!err && sys->debug_console.type != BH_CONSOLE_NONE)
		err = paging_map(&hv_paging,
				 sys->debug_console.address & PAGE_MASK,
				 sys->debug_console.address & PAGE_MASK,
				 PAGE_SIZE, PAGING_RW | PAGING_DEVICE);
	return err ?: arch_paging_init(&hv_paging);
}

/* Runs with the MMU off: no locks, no printk until the MMU is on. */
/* What the shared checker cannot know: how this image was built. */
static int check_build_limits(void)
{
	u64 cpus = sys_config->root_cell.cpu_set;

	/* two shifts: defined for CONFIG_HV_MAX_CPUS = 64 too */
	if ((cpus >> (CONFIG_HV_MAX_CPUS - 1)) >> 1) {
		printk("FATAL: system config: root cell cpu_set 0x%llx names a "
		       "CPU beyond this build's CONFIG_HV_MAX_CPUS (%u)\n",
		       cpus, CONFIG_HV_MAX_CPUS);
		return -BH_ERANGE;
	}
	return 0;
}

static int global_init(void)
{
	const struct bh_image_header *hdr = &image_header;
	const struct bh_memory_region *hv_mem;
	struct bh_check_report rep;
	vaddr_t pool_start;
	u64 cfg_size, pool_end;
	int err;

	sys_config = (void *)(CONFIG_HV_PHYS_BASE + hdr->config_offset);
	hv_mem = &sys_config->hypervisor_memory;
	cfg_size = bh_system_config_size(sys_config);
	if (sys_config->root_cell.num_memory_regions > BH_MAX_MEM_REGIONS ||
	    hv_mem->phys_start != CONFIG_HV_PHYS_BASE ||
	    hdr->config_offset + cfg_size > hv_mem->size)
		return -BH_EINVAL;
	/*
	 * page_alloc_aligned() aligns relative to the pool base, and a
	 * stage-2 root of two concatenated tables must be 8 KiB aligned in
	 * memory: start the pool on a generous boundary.
	 */
	pool_start = ALIGN_UP(CONFIG_HV_PHYS_BASE + hdr->config_offset +
				      cfg_size,
			      BH_POOL_ALIGN);
	pool_end = hv_mem->phys_start + hv_mem->size;
	if (pool_start >= pool_end ||
	    (pool_end - pool_start) / PAGE_SIZE > POOL_MAX_PAGES)
		return -BH_ENOMEM;
	page_pool_init(&mem_pool, pool_start,
		       (pool_end - pool_start) / PAGE_SIZE, pool_bitmap);

	err = map_hypervisor();
	if (err)
		return err;
	arch_mmu_enable(&hv_paging);

	console_init(&sys_config->debug_console);
	printk("\nBulkhead hypervisor " BH_VERSION_STRING " (" CONFIG_BOARD_NAME
	       ", GICv%u) at 0x%llx, %llu KiB pool\n",
	       sys_config->platform.gic_version, (u64)CONFIG_HV_PHYS_BASE,
	       mem_pool.pages * PAGE_SIZE / 1024);

	/* the driver checked it, but the hypervisor trusts nobody */
	err = bh_check_system_config(sys_config, cfg_size, NULL, &rep);
	if (err) {
		printk("FATAL: system config rejected: %s\n", rep.msg);
		return err;
	}
	err = check_build_limits();
	err = err ?: irqchip_init();
	if (err)
		goto fail;
	err = root_cell_init();
	err = err ?: channels_init();
	if (err)
		goto fail;
	hv.pool_used_at_enable = mem_pool.used;
	return 0;
fail:
	printk("FATAL: hypervisor set-up failed (%d)\n", err);
	return err;
}

static int cpu_init(unsigned int cpu)
{
	struct per_cpu *pcpu = per_cpu(cpu);
	int err;

	if (!hv.ready)
		arch_mmu_enable(&hv_paging);
	pcpu->cpu_id = cpu;
	err = arch_cpu_init(pcpu);
	if (err)
		return err;
	pcpu->cell = &root_cell;
	irqchip_cpu_init(pcpu);
	arch_cpu_activate(pcpu);
	pcpu->activated = true;
	return 0;
}

/* The driver's entry hypercall: frame->x[0] magic, x[1] cpu id. */
void hv_entry(struct trap_frame *frame)
{
	unsigned int cpu = frame->x[1];
	int err;

	BUILD_BUG_ON(sizeof(struct per_cpu) != PERCPU_SIZE);

	if (frame->x[0] != BH_ENTRY_MAGIC || per_cpu(cpu)->activated ||
	    hv.error) {
		frame->x[0] = -BH_EINVAL;
		return;
	}
	if (!hv.ready) {
		err = global_init();
		if (err) {
			hv.error = err;
			frame->x[0] = err;
			return;
		}
	}
	err = cpu_init(cpu);
	if (!err) {
		hv.ready = true;
		printk("CPU %u (MPIDR 0x%llx) activated\n", cpu,
		       per_cpu(cpu)->mpidr);
	}
	frame->x[0] = err;
}
