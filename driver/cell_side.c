// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead.ko in a Linux that runs in a non-root cell.
 *
 * The cell's device tree has a node
 *
 *	bulkhead-comm@ADDR {
 *		compatible = "bulkhead,comm-region";
 *		reg = <0 ADDR 0 0x1000>;
 *	};
 *
 * for the page the hypervisor shares with the cell (struct
 * bh_comm_region).  Its channels[] give each channel's window and the side
 * this cell is on; the window's header page, which only the hypervisor
 * writes, gives the rest (name, peers, sizes, doorbells).  Each channel
 * becomes a UIO device through channel.c, exactly as in the root cell.
 *
 * There is no hyp stub to take over here and nothing of the system to
 * manage: /dev/bulkhead refuses every request with one clear message, and
 * /sys/devices/bulkhead has only that message and in_cell.  Nothing here
 * touches the root cell's state (struct bh_state), and nothing of the root
 * cell's code runs in a cell.
 */
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "bulkhead.h"

#define BH_CELL_SIDE_MSG \
	"this Linux runs in a Bulkhead cell: only the root cell's Linux can enable or disable the hypervisor and manage cells (its channels are UIO devices here: /sys/class/uio)"

static const struct of_device_id bh_comm_ids[] = {
	{ .compatible = "bulkhead,comm-region" },
	{}
};
MODULE_DEVICE_TABLE(of, bh_comm_ids);

/* One comm region's channels, as UIO devices. */
struct bh_cell_side {
	unsigned int num;
	struct bh_channel_dev *channels[BH_MAX_CHANNELS];
};

static struct device *bh_cell_root; /* /sys/devices/bulkhead */

/**
 * bh_in_cell() - does this Linux run in a non-root cell?
 *
 * Return: true if the device tree describes a comm region (the root
 * cell's does not).
 */
bool bh_in_cell(void)
{
	struct device_node *np = of_find_matching_node(NULL, bh_comm_ids);

	of_node_put(np);
	return np != NULL;
}

/*
 * A channel's description from its header: 0, or -EINVAL (with why) when
 * the header is not one or does not match the comm region's entry.
 */
static int bh_channel_desc_from_header(const struct bh_comm_channel *cc,
				       struct bh_channel_desc *desc,
				       const char **why)
{
	struct bh_channel_header *hdr;
	int err = -EINVAL;
	u64 want1;

	hdr = memremap(cc->address + BH_CHANNEL_HEADER_OFFSET, PAGE_SIZE,
		       MEMREMAP_WB);
	if (!hdr) {
		*why = "cannot map its header";
		return -ENOMEM;
	}
	memset(desc, 0, sizeof(*desc));
	memcpy(desc->name, hdr->name, sizeof(desc->name));
	memcpy(desc->peer, hdr->peer, sizeof(desc->peer));
	desc->address = cc->address;
	desc->out_size[0] = hdr->out_size[0];
	desc->out_size[1] = hdr->out_size[1];
	desc->common_size = hdr->common_size;
	desc->doorbell_irq[0] = hdr->doorbell_irq[0];
	desc->doorbell_irq[1] = hdr->doorbell_irq[1];
	want1 = BH_CHANNEL_AREAS_OFFSET + hdr->out_size[0];

	if (memcmp(hdr->signature, BH_CHANNEL_SIGNATURE,
		   sizeof(hdr->signature)) ||
	    hdr->revision != BH_CHANNEL_REVISION)
		*why = "no channel header at its address";
	else if (hdr->id != cc->id)
		*why = "its header is another channel's";
	else if (hdr->out_offset[0] != BH_CHANNEL_AREAS_OFFSET ||
		 hdr->out_offset[1] != want1 ||
		 (hdr->common_size &&
		  hdr->common_offset != want1 + hdr->out_size[1]))
		*why = "its header has a layout this driver does not know";
	else
		err = 0;
	memunmap(hdr);
	return err;
}

static void bh_cell_side_remove_channels(struct bh_cell_side *cs)
{
	while (cs->num)
		bh_channel_unregister(cs->channels[--cs->num]);
}

static int bh_comm_probe(struct platform_device *pdev)
{
	struct bh_channel_desc desc;
	struct bh_comm_region *comm;
	struct bh_cell_side *cs;
	struct resource *res;
	unsigned int i, n;
	const char *why;
	int err;

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res || resource_size(res) < sizeof(*comm)) {
		dev_err(&pdev->dev, "bulkhead: comm region: no reg of a page\n");
		return -EINVAL;
	}
	cs = devm_kzalloc(&pdev->dev, sizeof(*cs), GFP_KERNEL);
	if (!cs)
		return -ENOMEM;
	comm = memremap(res->start, PAGE_SIZE, MEMREMAP_WB);
	if (!comm)
		return -ENOMEM;
	if (memcmp(comm->signature, BH_COMM_SIGNATURE,
		   sizeof(comm->signature)) ||
	    comm->revision < BH_COMM_REVISION_CHANNELS) {
		pr_err("bulkhead: no comm region (signature %s, revision %d or later) at %pa\n",
		       BH_COMM_SIGNATURE, BH_COMM_REVISION_CHANNELS,
		       &res->start);
		err = -ENODEV;
		goto out;
	}
	n = min_t(u32, READ_ONCE(comm->num_channels), BH_MAX_CHANNELS);
	pr_info("bulkhead: in a cell: comm region at %pa, %u channel(s)\n",
		&res->start, n);
	err = 0;
	if (!n)
		goto out;
	if (bh_channel_uio_get()) {
		pr_warn("bulkhead: channels need the uio module (insmod uio.ko, then this module again): not registered\n");
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct bh_comm_channel cc = comm->channels[i];
		struct bh_channel_dev *ch;

		err = bh_channel_desc_from_header(&cc, &desc, &why);
		if (err) {
			pr_err("bulkhead: channel %u at %#llx: %s (%d): not registered\n",
			       cc.id, (unsigned long long)cc.address, why, err);
			continue;
		}
		ch = bh_channel_register(&pdev->dev, &desc, cc.side);
		if (!IS_ERR(ch))
			cs->channels[cs->num++] = ch;
	}
	bh_channel_uio_put();
	err = 0;
out:
	memunmap(comm);
	if (!err)
		platform_set_drvdata(pdev, cs);
	return err;
}

static int bh_comm_remove(struct platform_device *pdev)
{
	struct bh_cell_side *cs = platform_get_drvdata(pdev);

	if (cs)
		bh_cell_side_remove_channels(cs);
	return 0;
}

static struct platform_driver bh_comm_driver = {
	.probe = bh_comm_probe,
	.remove = bh_comm_remove,
	.driver = {
		.name = "bulkhead-comm",
		.of_match_table = bh_comm_ids,
	},
};

/* /dev/bulkhead in a cell: every request gets the same answer. */
static long bh_cell_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return -EPERM;
}

static ssize_t bh_cell_read(struct file *file, char __user *buf, size_t count,
			    loff_t *pos)
{
	return -EPERM;
}

static const struct file_operations bh_cell_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bh_cell_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = bh_cell_read,
};

static struct miscdevice bh_cell_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_cell_fops,
};

/* what the CLI prints when a request fails */
static ssize_t last_error_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", BH_CELL_SIDE_MSG);
}
static DEVICE_ATTR_RO(last_error);

static ssize_t in_cell_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "1\n");
}
static DEVICE_ATTR_RO(in_cell);

static struct attribute *bh_cell_attrs[] = {
	&dev_attr_last_error.attr,
	&dev_attr_in_cell.attr,
	NULL,
};

static const struct attribute_group bh_cell_group = {
	.attrs = bh_cell_attrs,
};

/**
 * bh_cell_side_init() - the module's start in a cell (bh_in_cell())
 *
 * Return: 0, or an errno; on failure nothing is left registered.
 */
int bh_cell_side_init(void)
{
	int err;

	bh_cell_root = root_device_register("bulkhead");
	if (IS_ERR(bh_cell_root))
		return PTR_ERR(bh_cell_root);
	err = sysfs_create_group(&bh_cell_root->kobj, &bh_cell_group);
	if (err)
		goto err_root;
	err = misc_register(&bh_cell_misc);
	if (err)
		goto err_root;
	err = platform_driver_register(&bh_comm_driver);
	if (err)
		goto err_misc;
	pr_info("bulkhead: driver " BH_VERSION_STRING
		" loaded in a cell: channels only\n");
	return 0;

err_misc:
	misc_deregister(&bh_cell_misc);
err_root:
	root_device_unregister(bh_cell_root);
	return err;
}

void bh_cell_side_exit(void)
{
	platform_driver_unregister(&bh_comm_driver);
	misc_deregister(&bh_cell_misc);
	root_device_unregister(bh_cell_root);
}
