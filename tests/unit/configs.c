// SPDX-License-Identifier: GPL-2.0
/*
 * The real configs, compiled for the host straight from configs/arm64 so the
 * unit tests check exactly the sources that become the .cell files.  Each is
 * renamed from `config` to a unique symbol.
 */
#include "configs.h"

#define config virt_sys
#include "../../configs/arm64/qemu-virt.c"
#undef config
#define config virt_uart
#include "../../configs/arm64/qemu-virt-uart-demo.c"
#undef config
#define config virt_gic
#include "../../configs/arm64/qemu-virt-gic-demo.c"
#undef config
#define config virt_fault
#include "../../configs/arm64/qemu-virt-fault-demo.c"
#undef config
#define config virt_rtos
#include "../../configs/arm64/qemu-virt-rtos.c"
#undef config
#define config zcu_sys
#include "../../configs/arm64/zcu102.c"
#undef config
#define config zcu_uart
#include "../../configs/arm64/zcu102-uart-demo.c"
#undef config
#define config zcu_gic
#include "../../configs/arm64/zcu102-gic-demo.c"
#undef config
#define config zcu_fault
#include "../../configs/arm64/zcu102-fault-demo.c"
#undef config
#define config zcu_rtos
#include "../../configs/arm64/zcu102-rtos.c"
#undef config

#define config virt_gic_demo_direct
#include "../../configs/arm64/qemu-virt-gic-demo-direct.c"
#undef config
#define config virt_rtos_direct
#include "../../configs/arm64/qemu-virt-rtos-direct.c"
#undef config
#define config virt_pong_direct
#include "../../configs/arm64/qemu-virt-pong-direct.c"
#undef config
#define config virt_ping
#include "../../configs/arm64/qemu-virt-ping.c"
#undef config
#define config virt_pong
#include "../../configs/arm64/qemu-virt-pong.c"
#undef config
#define config virt_victim
#include "../../configs/arm64/qemu-virt-victim.c"
#undef config
#define config virt_rtos_ha
#include "../../configs/arm64/qemu-virt-rtos-ha.c"
#undef config
#define config zcu_ping
#include "../../configs/arm64/zcu102-ping.c"
#undef config
#define config zcu_pong
#include "../../configs/arm64/zcu102-pong.c"
#undef config
#define config zcu_victim
#include "../../configs/arm64/zcu102-victim.c"
#undef config
#define config zcu_rtos_ha
#include "../../configs/arm64/zcu102-rtos-ha.c"
#undef config
#define config virt_vuart
#include "../../configs/arm64/qemu-virt-vuart-demo.c"
#undef config
#define config zcu_vuart
#include "../../configs/arm64/zcu102-vuart-demo.c"
#undef config

#define ENTRY(sym)                \
	{                         \
		&sym, sizeof(sym) \
	}

const struct test_config test_virt_system = ENTRY(virt_sys);
const struct test_config test_zcu_system = ENTRY(zcu_sys);
const struct test_config test_virt_cells[TEST_CELLS_PER_BOARD] = {
	ENTRY(virt_uart),
	ENTRY(virt_gic),
	ENTRY(virt_fault),
	ENTRY(virt_rtos),
};
const struct test_config test_zcu_cells[TEST_CELLS_PER_BOARD] = {
	ENTRY(zcu_uart),
	ENTRY(zcu_gic),
	ENTRY(zcu_fault),
	ENTRY(zcu_rtos),
};

/* every other shipped cell config: accepted alone, and built byte for byte */
const struct test_named_config test_more_cells[TEST_MORE_CELLS] = {
	{ "qemu-virt-gic-demo-direct", 0, ENTRY(virt_gic_demo_direct) },
	{ "qemu-virt-rtos-direct", 0, ENTRY(virt_rtos_direct) },
	{ "qemu-virt-pong-direct", 0, ENTRY(virt_pong_direct) },
	{ "qemu-virt-ping", 0, ENTRY(virt_ping) },
	{ "qemu-virt-pong", 0, ENTRY(virt_pong) },
	{ "qemu-virt-victim", 0, ENTRY(virt_victim) },
	{ "qemu-virt-rtos-ha", 0, ENTRY(virt_rtos_ha) },
	{ "zcu102-ping", 1, ENTRY(zcu_ping) },
	{ "zcu102-pong", 1, ENTRY(zcu_pong) },
	{ "zcu102-victim", 1, ENTRY(zcu_victim) },
	{ "zcu102-rtos-ha", 1, ENTRY(zcu_rtos_ha) },
	{ "qemu-virt-vuart-demo", 0, ENTRY(virt_vuart) },
	{ "zcu102-vuart-demo", 1, ENTRY(zcu_vuart) },
};
