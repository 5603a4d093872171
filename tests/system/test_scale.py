# SPDX-License-Identifier: GPL-2.0
"""Issue 14: virt with 16 CPUs runs the root cell and 8 cells at once.

QEMU virt is booted with -smp 16 and the system config
configs/arm64/qemu-virt-smp16.c (every CPU in the root cell).  Eight cells,
written on the board as text configs, take CPUs 8 to 15 and 1 MiB of RAM
each: gic-demo, the RTOS and uart-demo (on a vUART of its own: virt has
one UART, Linux's), in turn.  All run at once beside
Linux; each CPU shows its cell at work; destroying them gives Linux every
CPU and the hypervisor every page back.  The figures (enable time, pool use
at enable and per cell) are printed and kept in build/logs/scale.txt.
One boot: build/logs/scale-virt.log.
"""
import os
import time

import pytest

from board import LOGS, Board
from cells_common import (CFG, HV_LOG, INMATES, RTOS_IMAGE, cells,
                          hv_output, pool_used, stop_console_follower)

CELLS = 8
FIRST_CPU = 8
IMAGES = (f'{INMATES}/gic-demo.bin', RTOS_IMAGE, f'{INMATES}/uart-demo.bin')
UART_DEMO = 2               # its index in IMAGES
VUART_IRQ = 240             # + n: each uart-demo cell's vUART SPI
CELL_RAM = 0x74000000   # in qemu-virt's window for cells, below channels


def is_uart_demo(n):
    return n % len(IMAGES) == UART_DEMO


def cell_conf(n):
    """A cell config in the text format, one line per key."""
    lines = ['[cell]', f'name = s{n}', f'cpus = {FIRST_CPU + n}',
             'flags = console', 'entry = 0x40000000']
    if is_uart_demo(n):
        lines += [f'irqs = {VUART_IRQ + n}', 'vuart = 0x09000000',
                  f'vuart_irq = {VUART_IRQ + n}']
    lines += ['[region]', f'phys = {CELL_RAM + n * 0x200000:#x}',
              'virt = 0x40000000', 'size = 1M', 'flags = rwx, loadable',
              '[region]', 'flags = rw, comm']
    return '\\n'.join(lines)


def wait_console(b, name, text, timeout=30):
    """What `cell console NAME` prints, once it holds text."""
    deadline = time.monotonic() + timeout
    while True:
        out = b.run(f'bulkhead cell console {name} < /dev/null')
        if text in out:
            return out
        assert time.monotonic() < deadline, f'no "{text}":\n{out[-2000:]}'
        time.sleep(0.5)


def exits(b, cpu):
    return int(b.sysfs(f'cpus/cpu{cpu}/exits/total').split()[-1])


@pytest.fixture(scope='module')
def board():
    b = Board('virt', 'scale-virt', qemu_args=('--smp', '16'))
    b.run('dmesg -n 1')
    b.run('insmod /lib/bulkhead/bulkhead.ko')
    yield b
    b.close()


def test_root_and_eight_cells(board):
    b = board
    assert b.run('cat /sys/devices/system/cpu/online') == '0-15'
    t0, t1 = b.run('a=$(cut -d" " -f1 /proc/uptime) && bulkhead enable '
                   f'{CFG}/qemu-virt-smp16.cell && '
                   'echo $a $(cut -d" " -f1 /proc/uptime)',
                   timeout=300).split()[-2:]
    enable_s = float(t1) - float(t0)
    b.run(f'bulkhead console -f > {HV_LOG} & true')
    at_enable = pool_used(b)
    per_cell = []
    for n in range(CELLS):
        b.run(f"printf '{cell_conf(n)}\\n' > /tmp/s{n}.conf")
        before = pool_used(b)
        out = b.run(f'bulkhead cell create /tmp/s{n}.conf', timeout=120)
        assert f"cell 's{n}' created" in out, out
        per_cell.append(pool_used(b) - before)
        b.run(f'bulkhead cell load s{n} {IMAGES[n % len(IMAGES)]}'
              + (' -s period_ms=100' if is_uart_demo(n) else ''),
              timeout=120)
    for n in range(CELLS):
        b.run(f'bulkhead cell start s{n}')
    listed = cells(b)
    assert sorted(listed) == [f's{n}' for n in range(CELLS)], listed
    assert all(c[1] == 'running' for c in listed.values()), \
        (listed, hv_output(b)[-3000:])
    assert b.run('cat /sys/devices/system/cpu/online') == '0-7'
    # every cell's CPU is at work (timer, console, hypercalls: exits)
    first = [exits(b, FIRST_CPU + n) for n in range(CELLS)]
    b.run('sleep 2')
    later = [exits(b, FIRST_CPU + n) for n in range(CELLS)]
    assert all(y > x for x, y in zip(first, later)), (first, later)
    # each uart-demo prints on its own vUART and echoes what it is sent
    for n in filter(is_uart_demo, range(CELLS)):
        b.run(f'echo hello-s{n} | bulkhead cell console s{n} --send')
    for n in filter(is_uart_demo, range(CELLS)):
        out = wait_console(b, f's{n}', f'hello-s{n}')
        assert 'uart-demo: in a cell, vUART at 0x9000000' in out, out
        assert 'uart-demo: counter' in out, out
    assert b.run('echo alive') == 'alive'
    for n in range(CELLS):
        b.run(f'bulkhead cell destroy s{n}', timeout=120)
    assert cells(b) == {}
    assert b.run('cat /sys/devices/system/cpu/online') == '0-15'
    assert pool_used(b) == at_enable
    report = (f'scale (virt, 16 CPUs): enable {enable_s * 1000:.0f} ms, '
              f'pool at enable {at_enable // 1024} KiB, per cell '
              f'{min(per_cell) // 1024}-{max(per_cell) // 1024} KiB '
              f'({", ".join(str(p // 1024) for p in per_cell)})')
    print(report)
    with open(os.path.join(LOGS, 'scale.txt'), 'w', encoding='utf-8') as f:
        f.write(report + '\n')
    stop_console_follower(b)
    b.run('bulkhead disable', timeout=300)
    assert b.sysfs('enabled') == '0'
    b.kernel_healthy()
