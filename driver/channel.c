// SPDX-License-Identifier: GPL-2.0
/*
 * Channels as UIO devices: one /dev/uioN per channel this Linux is a peer
 * of, named "bulkhead-<channel>", with five maps (header, doorbell, own
 * output area, peer's output area, common area) and the channel's doorbell
 * as its interrupt.
 *
 * This part knows nothing of the system config: it is handed a channel's
 * description and the side this Linux is on, so a Linux in a non-root
 * cell could feed it from its own sources.  The root cell's loop over the
 * system config is in enable.c.
 *
 * uio.ko is not a link-time dependency (bulkhead.ko must load without it):
 * its three functions are looked up with symbol_get() while channels are
 * registered, after asking for the module with request_module().
 */
#include <linux/interrupt.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/kmod.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uio_driver.h>
#include <dt-bindings/interrupt-controller/arm-gic.h>
#include "bulkhead.h"

/* UIO map indices: userspace maps map N at offset N * PAGE_SIZE */
enum {
	BH_CHANNEL_MAP_HEADER,
	BH_CHANNEL_MAP_DOORBELL,
	BH_CHANNEL_MAP_OWN,
	BH_CHANNEL_MAP_PEER,
	BH_CHANNEL_MAP_COMMON,
	BH_CHANNEL_MAPS
};

static_assert(BH_CHANNEL_MAPS <= MAX_UIO_MAPS);

#define BH_SPI_FIRST 32
#define BH_SPI_LAST  1019

struct bh_channel_dev {
	struct uio_info info;
	char *name;		 /* "bulkhead-<channel>" */
	struct resource *window; /* the channel's memory, claimed */
	unsigned int irq;	 /* Linux irq of our doorbell */
	bool own_mapping;	 /* we created irq's mapping */
	spinlock_t irq_lock;	 /* irq_disabled */
	bool irq_disabled;	 /* by irqcontrol(0) */
};

/* uio.ko's functions while anybody holds them (bh_channel_uio_get) */
static struct {
	struct mutex lock;
	unsigned int users;
	typeof(&__uio_register_device) register_device;
	typeof(&uio_unregister_device) unregister_device;
	typeof(&uio_event_notify) event_notify; /* for UIO_IRQ_CUSTOM users */
} bh_uio = {
	.lock = __MUTEX_INITIALIZER(bh_uio.lock),
};

static void bh_uio_drop_symbols(void)
{
	if (bh_uio.register_device)
		symbol_put(__uio_register_device);
	if (bh_uio.unregister_device)
		symbol_put(uio_unregister_device);
	if (bh_uio.event_notify)
		symbol_put(uio_event_notify);
	bh_uio.register_device = NULL;
	bh_uio.unregister_device = NULL;
	bh_uio.event_notify = NULL;
}

/*
 * Take a reference on uio.ko's functions, loading it if need be: 0, or
 * -ENOENT if it is neither loaded nor loadable.
 */
int bh_channel_uio_get(void)
{
	int err = 0;

	mutex_lock(&bh_uio.lock);
	if (!bh_uio.users) {
		/* its result does not matter: uio may be built in */
		request_module("uio");
		bh_uio.register_device = symbol_get(__uio_register_device);
		bh_uio.unregister_device = symbol_get(uio_unregister_device);
		bh_uio.event_notify = symbol_get(uio_event_notify);
		if (!bh_uio.register_device || !bh_uio.unregister_device ||
		    !bh_uio.event_notify) {
			bh_uio_drop_symbols();
			err = -ENOENT;
		}
	}
	if (!err)
		bh_uio.users++;
	mutex_unlock(&bh_uio.lock);
	return err;
}

void bh_channel_uio_put(void)
{
	mutex_lock(&bh_uio.lock);
	if (!WARN_ON(!bh_uio.users) && !--bh_uio.users)
		bh_uio_drop_symbols();
	mutex_unlock(&bh_uio.lock);
}

/* UIO counts the event and wakes readers when this returns IRQ_HANDLED. */
static irqreturn_t bh_channel_irq(int irq, struct uio_info *info)
{
	return IRQ_HANDLED;
}

/* A write of 1 (0) to /dev/uioN enables (disables) the doorbell. */
static int bh_channel_irqcontrol(struct uio_info *info, s32 irq_on)
{
	struct bh_channel_dev *ch = info->priv;
	unsigned long flags;

	spin_lock_irqsave(&ch->irq_lock, flags);
	if (irq_on && ch->irq_disabled) {
		ch->irq_disabled = false;
		enable_irq(ch->irq);
	} else if (!irq_on && !ch->irq_disabled) {
		ch->irq_disabled = true;
		disable_irq_nosync(ch->irq);
	}
	spin_unlock_irqrestore(&ch->irq_lock, flags);
	return 0;
}

/*
 * UIO has checked that vm_pgoff names a map and that the length fits it;
 * check again, since this callback decides what gets mapped.  The header
 * and the peer's area are read-only for good (no VM_MAYWRITE, so mprotect
 * cannot add write later); the doorbell is device memory, the areas are
 * Normal cacheable memory like the other peer's view of them.
 */
static int bh_channel_mmap(struct uio_info *info, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long index = vma->vm_pgoff;
	pgprot_t prot = vma->vm_page_prot;
	const struct uio_mem *mem;

	if (index >= BH_CHANNEL_MAPS || !info->mem[index].size)
		return -EINVAL;
	mem = &info->mem[index];
	if (!size || size > mem->size || (mem->addr & ~PAGE_MASK))
		return -EINVAL;

	switch (index) {
	case BH_CHANNEL_MAP_HEADER:
	case BH_CHANNEL_MAP_PEER:
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
		break;
	case BH_CHANNEL_MAP_DOORBELL:
		prot = pgprot_device(prot);
		fallthrough;
	default:
		/* a private copy would never reach the peer */
		if (!(vma->vm_flags & VM_SHARED) &&
		    (vma->vm_flags & VM_MAYWRITE))
			return -EINVAL;
		break;
	}
	vma->vm_page_prot = prot;
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(mem->addr), size,
			       prot);
}

static void bh_channel_set_map(struct bh_channel_dev *ch, unsigned int index,
			       const char *name, phys_addr_t addr, u64 size)
{
	struct uio_mem *mem = &ch->info.mem[index];

	mem->name = name;
	mem->addr = addr;
	mem->size = size;
	mem->memtype = UIO_MEM_PHYS;
}

/* The GIC's fwnode: the doorbells are its SPIs. */
static struct device_node *bh_find_gic(void)
{
	static const struct of_device_id gic_ids[] = {
		{ .compatible = "arm,gic-v3" },
		{ .compatible = "arm,gic-400" },
		{ .compatible = "arm,cortex-a15-gic" },
		{}
	};

	return of_find_matching_node(NULL, gic_ids);
}

/* INTID -> Linux irq; *created tells whether the mapping is ours to dispose */
static int bh_channel_map_irq(u32 intid, unsigned int *irq, bool *created)
{
	struct irq_fwspec fwspec = {
		.param_count = 3,
		.param = { GIC_SPI, intid - BH_SPI_FIRST, IRQ_TYPE_EDGE_RISING },
	};
	struct irq_domain *domain;
	struct device_node *gic;
	unsigned int virq;

	gic = bh_find_gic();
	if (!gic)
		return -ENODEV;
	fwspec.fwnode = of_node_to_fwnode(gic);
	domain = irq_find_matching_fwspec(&fwspec, DOMAIN_BUS_WIRED);
	if (!domain)
		domain = irq_find_matching_fwspec(&fwspec, DOMAIN_BUS_ANY);
	/* the GIC drivers number SPIs by INTID */
	*created = !domain || !irq_find_mapping(domain, intid);
	virq = irq_create_fwspec_mapping(&fwspec);
	of_node_put(gic);
	if (!virq)
		return -ENXIO;
	*irq = virq;
	return 0;
}

/**
 * bh_channel_register() - expose one channel as a UIO device
 * @parent: the UIO device's parent
 * @desc: the channel: window, sizes, doorbells
 * @side: which of its two peers this Linux is (0 or 1)
 *
 * The window must already be mapped for this Linux as a channel peer sees
 * it (the hypervisor does that).  Failures are logged with their cause.
 *
 * Return: the device, or an ERR_PTR.
 */
struct bh_channel_dev *bh_channel_register(struct device *parent,
					   const struct bh_channel_desc *desc,
					   int side)
{
	phys_addr_t areas = desc->address + BH_CHANNEL_AREAS_OFFSET;
	u64 size = bh_channel_size(desc);
	u64 sizes = desc->out_size[0] | desc->out_size[1] | desc->common_size;
	const char *why;
	struct bh_channel_dev *ch;
	u32 intid;
	int err;

	if (side != 0 && side != 1) {
		why = "invalid side";
		err = -EINVAL;
		goto err_out;
	}
	intid = desc->doorbell_irq[side];
	if ((BH_CHANNEL_AREAS_OFFSET | desc->address | sizes) & ~PAGE_MASK) {
		why = "window or sizes not page aligned (channels need 4 KiB pages)";
		err = -EINVAL;
		goto err_out;
	}
	if (!desc->out_size[0] || !desc->out_size[1] ||
	    desc->address + size < desc->address) {
		why = "invalid window";
		err = -EINVAL;
		goto err_out;
	}
	if (intid < BH_SPI_FIRST || intid > BH_SPI_LAST) {
		why = "doorbell is not an SPI";
		err = -EINVAL;
		goto err_out;
	}

	err = bh_channel_uio_get();
	if (err) {
		why = "uio module unavailable (modprobe uio)";
		goto err_out;
	}
	err = -ENOMEM;
	why = "out of memory";
	ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	if (!ch)
		goto err_uio;
	ch->name = kasprintf(GFP_KERNEL, "bulkhead-%.*s", BH_CHANNEL_NAME_LEN,
			     desc->name);
	if (!ch->name)
		goto err_free;
	spin_lock_init(&ch->irq_lock);

	if (region_intersects(desc->address, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		why = "window overlaps Linux RAM (lower mem=)";
		err = -EINVAL;
		goto err_name;
	}
	ch->window = request_mem_region(desc->address, size, ch->name);
	if (!ch->window) {
		why = "window is claimed by someone else (see /proc/iomem)";
		err = -EBUSY;
		goto err_name;
	}

	err = bh_channel_map_irq(intid, &ch->irq, &ch->own_mapping);
	if (err) {
		why = err == -ENODEV ? "no GIC in the device tree" :
				       "cannot map the doorbell interrupt";
		goto err_region;
	}

	ch->info.name = ch->name;
	ch->info.version = "1";
	ch->info.priv = ch;
	ch->info.irq = ch->irq;
	ch->info.irq_flags = 0;
	ch->info.handler = bh_channel_irq;
	ch->info.irqcontrol = bh_channel_irqcontrol;
	ch->info.mmap = bh_channel_mmap;
	bh_channel_set_map(ch, BH_CHANNEL_MAP_HEADER, "header",
			   desc->address + BH_CHANNEL_HEADER_OFFSET, PAGE_SIZE);
	bh_channel_set_map(ch, BH_CHANNEL_MAP_DOORBELL, "doorbell",
			   desc->address + BH_CHANNEL_DOORBELL_OFFSET,
			   PAGE_SIZE);
	bh_channel_set_map(ch, BH_CHANNEL_MAP_OWN, "own",
			   side ? areas + desc->out_size[0] : areas,
			   desc->out_size[side]);
	bh_channel_set_map(ch, BH_CHANNEL_MAP_PEER, "peer",
			   side ? areas : areas + desc->out_size[0],
			   desc->out_size[!side]);
	if (desc->common_size)
		bh_channel_set_map(ch, BH_CHANNEL_MAP_COMMON, "common",
				   areas + desc->out_size[0] + desc->out_size[1],
				   desc->common_size);

	err = bh_uio.register_device(THIS_MODULE, parent, &ch->info);
	if (err) {
		why = err == -EBUSY ? "doorbell interrupt in use" :
				      "UIO registration failed";
		goto err_irq;
	}
	pr_info("bulkhead: channel '%.*s': /dev/uio%d, side %d, doorbell INTID %u (irq %u)\n",
		BH_CHANNEL_NAME_LEN, desc->name, ch->info.uio_dev->minor, side,
		intid, ch->irq);
	return ch;

err_irq:
	if (ch->own_mapping)
		irq_dispose_mapping(ch->irq);
err_region:
	release_mem_region(desc->address, size);
err_name:
	kfree(ch->name);
err_free:
	kfree(ch);
err_uio:
	bh_channel_uio_put();
err_out:
	pr_err("bulkhead: channel '%.*s': %s (%d): not registered\n",
	       BH_CHANNEL_NAME_LEN, desc->name, why, err);
	return ERR_PTR(err);
}

/**
 * bh_channel_unregister() - remove a channel's UIO device
 * @ch: from bh_channel_register(); NULL or an ERR_PTR do nothing
 *
 * Open files of the device then fail (-EIO); mappings already made stay,
 * as with any UIO device.
 */
void bh_channel_unregister(struct bh_channel_dev *ch)
{
	if (IS_ERR_OR_NULL(ch))
		return;
	/* frees the irq: its disable depth starts afresh on the next request */
	bh_uio.unregister_device(&ch->info);
	if (ch->own_mapping)
		irq_dispose_mapping(ch->irq);
	release_mem_region(ch->window->start, resource_size(ch->window));
	kfree(ch->name);
	kfree(ch);
	bh_channel_uio_put();
}
