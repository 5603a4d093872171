// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target (make fuzz): the text config parser, the printer and the
 * shared checker, under ASan and UBSan.  Besides not crashing, it holds the
 * format to its promise: whatever parses prints as text that parses back
 * into the very same bytes, and prints the same again.  Binary inputs go to
 * the checker and the printer the same way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textconf.h"

static struct bh_check_env env = {
	.possible_cpus = 0xf,
	.num_cpus = 4,
	.calling_cpu = -1,
	.num_ram = 1,
	.ram = { { 0x40000000, 0x40000000 } },
};

/* A device tree with one device, for `device =` */
static int fake_dt(void *ctx, const char *path, struct bh_text_device *dev,
		   char *why, size_t len)
{
	(void)ctx;
	if (strcmp(path, "/uart")) {
		snprintf(why, len, "no such node");
		return -1;
	}
	dev->address = 0xff010000;
	dev->size = 0x1000;
	dev->num_irqs = 1;
	dev->irqs[0] = 54;
	return 0;
}

static char *emit(const void *buf, size_t size)
{
	char *text = NULL, err[200];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int ret;

	if (!f)
		abort();
	ret = bh_text_emit(f, buf, size, err, sizeof(err));
	fclose(f);
	if (ret) {
		free(text);
		return NULL;
	}
	return text;
}

/* text -> binary -> text -> binary: the same bytes, the same text */
static void round_trip(const void *buf, size_t size, int must)
{
	static struct bh_text_result again;
	char *text = emit(buf, size), *text2;

	if (!text) {
		if (must)
			abort();
		return;
	}
	if (bh_text_parse(text, strlen(text), NULL, NULL, &again)) {
		if (must) {
			fprintf(stderr, "%u:%u: %s\n%s", again.pos.line,
				again.pos.col, again.msg, text);
			abort();
		}
		free(text);
		return;
	}
	if (again.size != size || memcmp(again.buf, buf, size))
		abort();
	text2 = emit(again.buf, again.size);
	if (!text2 || strcmp(text, text2))
		abort();
	free(text2);
	free(text);
	bh_text_free(&again);
}

static void binary_input(const uint8_t *data, size_t size)
{
	void *buf = malloc(size);
	int bad;

	if (!buf)
		return;
	memcpy(buf, data, size);
	if (bh_config_kind(buf, size) == BH_CONFIG_KIND_SYSTEM)
		bad = bh_check_system_config(buf, size, &env, NULL);
	else
		bad = bh_check_cell_config(buf, size, NULL, NULL, 0, &env, NULL);
	/* a config the checker takes must print and parse back */
	round_trip(buf, size, !bad);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bh_text_result res;

	if (bh_text_is_binary(data, size)) {
		binary_input(data, size);
		return 0;
	}
	if (bh_text_parse((const char *)data, size, fake_dt, NULL, &res))
		return 0;
	round_trip(res.buf, res.size, 1);
	bh_text_check(&res, &env);
	bh_text_free(&res);
	return 0;
}
