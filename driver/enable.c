// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling: load the hypervisor into its reserved memory and bring every
 * online CPU under it.  Disabling: cycle every CPU through PSCI off and on,
 * which makes Linux's own EL2 entry install its hyp stub again.
 */
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <bulkhead/config_check.h>
#include "bulkhead.h"

#define BH_FIRMWARE	   "bulkhead.bin"
#define BH_MAX_CONFIG_SIZE (64 * 1024)

void bh_check_env_linux(struct bh_check_env *env)
{
	unsigned int cpu;

	bh_check_env_init(env);
	for_each_possible_cpu(cpu)
		if (cpu < 64)
			env->possible_cpus |= 1ULL << cpu;
	env->num_cpus = num_possible_cpus();
}

static struct bh_system_config *copy_config(const struct bh_user_buf __user *arg)
{
	struct bh_check_env env;
	struct bh_check_report rep;
	struct bh_user_buf ubuf;
	void *cfg;
	int err;

	if (copy_from_user(&ubuf, arg, sizeof(ubuf)))
		return ERR_PTR(-EFAULT);
	if (ubuf.size < sizeof(struct bh_system_config) ||
	    ubuf.size > BH_MAX_CONFIG_SIZE) {
		bh_set_error("system config of %llu bytes: a valid one is %zu to %u bytes",
			     ubuf.size, sizeof(struct bh_system_config),
			     BH_MAX_CONFIG_SIZE);
		return ERR_PTR(-EINVAL);
	}
	cfg = memdup_user(u64_to_user_ptr(ubuf.addr), ubuf.size);
	if (IS_ERR(cfg))
		return cfg;
	bh_check_env_linux(&env);
	err = bh_check_system_config(cfg, ubuf.size, &env, &rep);
	if (err) {
		bh_set_error("%s", rep.msg);
		kfree(cfg);
		return ERR_PTR(err);
	}
	return cfg;
}

static int check_cpus(const struct bh_system_config *sys)
{
	unsigned int cpu;

	if (bh_kvm_active()) {
		bh_set_error(
			"KVM is active and would take EL2 back: boot Linux with kvm-arm.mode=none");
		return -ENODEV;
	}

	for_each_online_cpu(cpu) {
		if (!(sys->root_cell.cpu_set & BIT_ULL(cpu))) {
			bh_set_error("CPU %u is online but not in the root cell's cpu_set",
				     cpu);
			return -EINVAL;
		}
	}
	for_each_possible_cpu(cpu) {
		if ((sys->root_cell.cpu_set & BIT_ULL(cpu)) &&
		    !cpu_online(cpu)) {
			bh_set_error("CPU %u of the root cell is offline: bring it online first (echo 1 > /sys/devices/system/cpu/cpu%u/online)",
				     cpu, cpu);
			return -EBUSY;
		}
		if (cpu_online(cpu) && bh_el2_probe(cpu) != BH_EL2_HYP_STUB) {
			bh_set_error("EL2 of CPU %u is not free (KVM owns it?): boot Linux with kvm-arm.mode=none",
				     cpu);
			return -ENODEV;
		}
	}
	return 0;
}

static int claim_memory(const struct bh_memory_region *mem)
{
	if (region_intersects(mem->phys_start, mem->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		bh_set_error("hypervisor memory [0x%llx-0x%llx) is Linux RAM: reserve it by booting Linux with a mem= limit that ends below it",
			     mem->phys_start, mem->phys_start + mem->size);
		return -ENOMEM;
	}
	bh.hv_mem = request_mem_region(mem->phys_start, mem->size,
				       "Bulkhead hypervisor");
	if (!bh.hv_mem) {
		bh_set_error("hypervisor memory [0x%llx-0x%llx) is claimed by someone else (see /proc/iomem)",
			     mem->phys_start, mem->phys_start + mem->size);
		return -EBUSY;
	}
	return 0;
}

static void release_memory(void)
{
	if (bh.hv_mem)
		release_mem_region(bh.hv_mem->start, resource_size(bh.hv_mem));
	bh.hv_mem = NULL;
}

static int check_image(const struct firmware *fw,
		       const struct bh_system_config *sys)
{
	const struct bh_image_header *hdr = (const void *)fw->data;
	const struct bh_memory_region *mem = &sys->hypervisor_memory;

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, BH_IMAGE_SIGNATURE, BH_SIGNATURE_LEN)) {
		bh_set_error("/lib/firmware/" BH_FIRMWARE
			     " is not a Bulkhead image");
		return -ENOEXEC;
	}
	if (hdr->gic_version != sys->platform.gic_version) {
		bh_set_error(BH_FIRMWARE
			     " is built for GICv%u, the config says GICv%u: wrong board?",
			     hdr->gic_version, sys->platform.gic_version);
		return -EINVAL;
	}
	if (hdr->link_base != mem->phys_start) {
		bh_set_error(BH_FIRMWARE
			     " runs at 0x%llx, the config puts the hypervisor at 0x%llx",
			     hdr->link_base, mem->phys_start);
		return -EINVAL;
	}
	if (hdr->core_size + bh_system_config_size(sys) + BH_POOL_ALIGN >
		    mem->size ||
	    fw->size > hdr->core_size) {
		bh_set_error("hypervisor memory of %llu KiB is too small for the image",
			     mem->size >> 10);
		return -ENOMEM;
	}
	return 0;
}

/* EL2 starts with its MMU off: what we wrote must be in memory, not cache. */
void bh_clean_to_poc(void *start, size_t size)
{
	unsigned long line = 4 << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long addr = (unsigned long)start & ~(line - 1);

	for (; addr < (unsigned long)start + size; addr += line)
		asm volatile("dc civac, %0" : : "r"(addr) : "memory");
	asm volatile("dsb sy; ic ialluis; dsb sy; isb" ::: "memory");
}

static int load_image(const struct firmware *fw,
		      const struct bh_system_config *sys)
{
	const struct bh_memory_region *mem = &sys->hypervisor_memory;
	struct bh_image_header *hdr;
	void *hv;

	hv = memremap(mem->phys_start, mem->size, MEMREMAP_WB);
	if (!hv) {
		bh_set_error("cannot map hypervisor memory at 0x%llx",
			     mem->phys_start);
		return -ENOMEM;
	}
	memset(hv, 0, mem->size);
	memcpy(hv, fw->data, fw->size);
	hdr = hv;
	hdr->config_offset = hdr->core_size;
	memcpy(hv + hdr->config_offset, sys, bh_system_config_size(sys));
	bh_clean_to_poc(hv, mem->size);
	memunmap(hv);
	return 0;
}

static int map_console(const struct firmware *fw,
		       const struct bh_system_config *sys)
{
	const struct bh_image_header *hdr = (const void *)fw->data;

	bh.log_ring = sys->hypervisor_memory.phys_start + hdr->log_offset;
	bh.console = memremap(sys->hypervisor_memory.phys_start +
				      hdr->console_offset,
			      sizeof(struct bh_console_ring), MEMREMAP_WB);
	return bh.console ? 0 : -ENOMEM;
}

static phys_addr_t vectors_of(const struct firmware *fw,
			      const struct bh_system_config *sys)
{
	const struct bh_image_header *hdr = (const void *)fw->data;

	return sys->hypervisor_memory.phys_start + hdr->bootstrap_vectors;
}

/*
 * Take every online CPU off the hypervisor (or out of a half-done enable):
 * off and on again, Linux's EL2 entry brings its hyp stub back.
 */
static int cycle_cpus(void)
{
	unsigned int cpu;
	int err, ret = 0;

	for_each_online_cpu(cpu) {
		err = remove_cpu(cpu);
		if (!err)
			err = add_cpu(cpu);
		if (err) {
			pr_err("bulkhead: CPU %u could not be cycled (%d)\n",
			       cpu, err);
			ret = err;
		}
	}
	for_each_online_cpu(cpu) {
		if (!bh_cpu_is_free(cpu)) {
			pr_err("bulkhead: CPU %u still runs under the hypervisor\n",
			       cpu);
			ret = -EIO;
		}
	}
	return ret;
}

/* Harmless where the CPU is not under the hypervisor (yet). */
static void request_disable(void *unused)
{
	bh_hypercall_here(BH_HC_DISABLE, 0, 0, 0);
}

static int enter_all(phys_addr_t vectors, bool *entered_any)
{
	unsigned int cpu;
	long ret = 0;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		ret = bh_enter_cpu(cpu, vectors);
		if (ret == BH_ENTER_EL2_NOT_FREE) {
			bh_set_error("EL2 of CPU %u is not free (KVM owns it?): boot Linux with kvm-arm.mode=none",
				     cpu);
			ret = -ENODEV;
			break;
		}
		*entered_any = true;
		if (ret) {
			bh_set_error("CPU %u failed to enter the hypervisor (%ld); its console says why (bulkhead console)",
				     cpu, ret);
			ret = -EIO;
			break;
		}
	}
	cpus_read_unlock();
	return ret;
}

static void keep_console_copy(void)
{
	if (!bh.console)
		return;
	if (!bh.console_copy)
		bh.console_copy = kmalloc(sizeof(*bh.console_copy), GFP_KERNEL);
	if (bh.console_copy)
		memcpy(bh.console_copy, bh.console, sizeof(*bh.console_copy));
	memunmap(bh.console);
	bh.console = NULL;
}

/*
 * The channels the root cell is a peer of, as UIO devices (channel.c).
 * Neither a missing uio module nor a failing channel fails the enable.
 */
void bh_root_channels_add(const struct bh_system_config *sys)
{
	const struct bh_channel_desc *chans = bh_system_channels(sys);
	unsigned int i, n = min_t(u32, sys->num_channels, BH_MAX_CHANNELS);
	struct bh_channel_dev *ch;
	bool any = false;
	int side;

	for (i = 0; i < n; i++)
		if (bh_channel_side(&chans[i], sys->root_cell.name) >= 0)
			any = true;
	if (!any)
		return;
	if (bh_channel_uio_get()) {
		pr_warn("bulkhead: channels need the uio module (modprobe uio): not registered\n");
		return;
	}
	for (i = 0; i < n; i++) {
		side = bh_channel_side(&chans[i], sys->root_cell.name);
		if (side < 0 || bh.channels[i])
			continue;
		ch = bh_channel_register(bh.dev, &chans[i], side);
		if (!IS_ERR(ch))
			bh.channels[i] = ch;
	}
	bh_channel_uio_put();
}

/* Before the hypervisor goes, and on module unload: idempotent */
void bh_root_channels_remove(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bh.channels); i++) {
		bh_channel_unregister(bh.channels[i]);
		bh.channels[i] = NULL;
	}
}

int bh_enable(const struct bh_user_buf __user *arg)
{
	const struct firmware *fw = NULL;
	struct bh_system_config *sys;
	bool entered = false;
	int err;

	if (bh.enabled) {
		bh_set_error("the hypervisor is already enabled");
		return -EBUSY;
	}
	sys = copy_config(arg);
	if (IS_ERR(sys))
		return PTR_ERR(sys);
	err = check_cpus(sys);
	if (err)
		goto err_free;
	err = request_firmware(&fw, BH_FIRMWARE, bh.dev);
	if (err) {
		bh_set_error("cannot load /lib/firmware/" BH_FIRMWARE
			     " (%d): is it installed?",
			     err);
		err = -ENOENT;
		goto err_free;
	}
	err = check_image(fw, sys);
	if (err)
		goto err_fw;
	err = claim_memory(&sys->hypervisor_memory);
	if (err)
		goto err_fw;
	err = load_image(fw, sys);
	if (err)
		goto err_mem;
	err = map_console(fw, sys);
	if (err)
		goto err_mem;
	err = enter_all(vectors_of(fw, sys), &entered);
	if (err)
		goto err_cycle;

	release_firmware(fw);
	bh.sys_config = sys;
	bh.enabled = true;
	bh_health_start();
	bh_log_start(bh.log_ring);
	pr_info("bulkhead: hypervisor enabled on %u CPUs\n", num_online_cpus());
	bh_root_channels_add(sys);
	return 0;

err_cycle:
	if (entered) {
		on_each_cpu(request_disable, NULL, 1);
		cycle_cpus();
	}
	keep_console_copy();
err_mem:
	release_memory();
err_fw:
	release_firmware(fw);
err_free:
	kfree(sys);
	return err;
}

int bh_disable(void)
{
	long ret;
	int err;

	if (!bh.enabled) {
		bh_set_error("the hypervisor is not enabled");
		return -EINVAL;
	}
	err = bh_cells_destroy_all();
	if (err)
		return err;
	bh_root_channels_remove();
	bh_health_stop();
	bh_log_stop();
	ret = bh_hypercall(BH_HC_DISABLE, 0, 0, 0);
	if (ret) {
		bh_set_error("the hypervisor refused to disable (%ld): destroy all cells first",
			     ret);
		bh_root_channels_add(bh.sys_config);
		bh_health_start();
		bh_log_start(bh.log_ring);
		return ret == -BH_EBUSY ? -EBUSY : -EIO;
	}
	err = cycle_cpus();
	if (err) {
		WRITE_ONCE(bh.half_disabled, true);
		bh_set_error("not every CPU left the hypervisor (%d): see the kernel log; cells stay refused until disable again succeeds",
			     err);
		return err;
	}
	WRITE_ONCE(bh.half_disabled, false);
	keep_console_copy();
	release_memory();
	kfree(bh.sys_config);
	bh.sys_config = NULL;
	bh.enabled = false;
	pr_info("bulkhead: hypervisor disabled\n");
	return 0;
}
