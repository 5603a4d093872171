# SPDX-License-Identifier: GPL-2.0
"""Direct interrupt delivery (BH_CELL_DIRECT_IRQ, GICv3 only).

A direct cell's CPU runs with HCR_EL2.IMO clear: its timer interrupts reach
it at EL1 without a hypervisor exit.  These tests count the exits of that
CPU against the interrupts the cell reports, compare with the same program
under trap-and-inject (gic-demo: one exit per interrupt), and check that
the hypervisor still manages the cell (shutdown through the comm region,
destroy, a forbidden SGI failing the cell, disable) and that Linux gets a
working CPU back every time.

One virt boot (build/logs/direct-irq-virt.log) is shared by the tests,
which run in file order; the measurements go to
build/logs/direct-irq-results.txt.  The ZCU102 (GICv2) only has to refuse
the flag: its own short boot comes first, so never two QEMUs run at once.
"""
import os
import re
import time

import pytest

from abi import BH_CELL_NAME_LEN, CELL_DESC
from board import LOGS, Board
from cells_common import (HV_LOG, fails, hv_output, online, pool_used,
                          stop_console_follower, stop_loops)
from cells_common import hv_output_size as hv_size

CFG = '/bulkhead/configs/arm64'
INMATES = '/bulkhead/inmates'
CELL_CPU = 2            # gic-demo, gic-demo-direct and fault-demo
RTOS_CPU = 3
WINDOW_RE = re.compile(r'gic-demo: window (\d+): (\d+) irqs latency '
                       r'min (\d+) avg (\d+) max (\d+) ns')
RTOS_RE = re.compile(r'rtos: period 1000 us releases (\d+) jitter '
                     r'min/avg/max (\d+)/(\d+)/(\d+) ns')
RESULTS = os.path.join(LOGS, 'direct-irq-results.txt')
results = {}


# ---------------------------------------------------------------------------
# helpers


def cells(b):
    """{name: (id, state)} from `bulkhead cell list`."""
    found = {}
    for line in b.run('bulkhead cell list').splitlines():
        m = re.match(r'(\d+)\s+(\S+)\s+(.+?)\s{2,}\S+\s+\S+\s*$', line)
        if m:
            found[m.group(2)] = (int(m.group(1)), m.group(3))
    return found


def state(b, name):
    return cells(b)[name][1]


def exits(b, cpu, kind='irq'):
    return int(b.sysfs(f'cpus/cpu{cpu}/exits/{kind}'))


def wait_for(b, pattern, since, count=1, timeout=90):
    """Wait for `count` matches in the console after byte `since`."""
    deadline = time.monotonic() + timeout
    while True:
        text = hv_output(b, since)
        found = re.findall(pattern, text)
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f'{len(found)}/{count} "{pattern}" in the '
                                 f'console:\n{text[-3000:]}')
        time.sleep(1)


def wait_state(b, name, wanted, timeout=30):
    deadline = time.monotonic() + timeout
    while state(b, name) != wanted:
        assert time.monotonic() < deadline, cells(b)
        time.sleep(0.5)


def create(b, config, name):
    out = b.run(f'bulkhead cell create {CFG}/{config}.cell', timeout=120)
    assert f"cell '{name}' created" in out, out
    return cells(b)[name][0]


def load(b, name, image, args=''):
    b.run(f'bulkhead cell load {name} {INMATES}/{image} {args}', timeout=120)


def busy_loops(b):
    # not the shell's jobs: busybox ash's `wait` may miss their end
    b.run("for i in 1 2; do (sh -c 'echo $$ >> /tmp/loops; "
          "while :; do :; done' &); done")


def timer_irqs(b, cpu):
    """Linux's arch_timer count on one CPU, from /proc/interrupts."""
    # one short marked line: the cells' output may come in between on virt
    # only online CPUs have a column: find this one's in the header
    out = b.run(f"awk -v c=CPU{cpu} 'NR == 1 {{ for (i = 1; i <= NF; i++) "
                "if ($i == c) col = i + 1 } /arch_timer/ { print \"T=\" $col }' "
                "/proc/interrupts")
    m = re.search(r'T=(\d+)', out)
    assert m, out
    return int(m.group(1))


def linux_uses_cpu(b, cpu):
    """The CPU is Linux's again and takes its timer interrupts."""
    assert b.sysfs(f'cpus/cpu{cpu}/el2') == 'bulkhead'
    before = timer_irqs(b, cpu)
    # one second of work pinned there: the tick must run
    out = b.run(f'taskset {1 << cpu} sh -c \'end=$(($(date +%s) + 2)); '
                f'while [ $(date +%s) -lt $end ]; do :; done; '
                f'cat /proc/self/stat\'', timeout=60)
    stat = re.search(r'^\d+ \(cat\) .*$', out, re.M)
    assert stat and int(stat.group(0).split()[38]) == cpu, out  # processor
    after = timer_irqs(b, cpu)
    assert after - before >= 20, (before, after)


def measure(b, cpu, since, pattern, count_of, windows=3, timeout=120):
    """Exits of `cpu` while the cell reports `windows` more lines.

    Returns (irq exits, total exits, interrupts the cell counted, lines).
    """
    irq0, total0 = exits(b, cpu), exits(b, cpu, 'total')
    seen = len(re.findall(pattern, hv_output(b, since)))
    lines = wait_for(b, pattern, since, seen + windows + 1, timeout)
    irq1, total1 = exits(b, cpu), exits(b, cpu, 'total')
    # only the windows wholly inside the two readings
    inside = lines[seen + 1:seen + windows + 1]
    return irq1 - irq0, total1 - total0, count_of(inside), inside


def record(key, text):
    results[key] = text
    with open(RESULTS, 'w', encoding='utf-8') as f:
        for k, v in results.items():
            f.write(f'{k}: {v}\n')


def patch_config(b, src, dest, name, flags):
    """A copy of a cell config with another name and flags."""
    b.run(f'cp {CFG}/{src}.cell {dest}')
    for offset, data in ((CELL_DESC['flags'], flags.to_bytes(4, 'little')),
                         (CELL_DESC['name'],
                          name.encode().ljust(BH_CELL_NAME_LEN, b'\0'))):
        esc = ''.join(f'\\{c:03o}' for c in data)
        b.run(f"printf '{esc}' | dd of={dest} bs=1 seek={offset} "
              f"conv=notrunc 2>/dev/null")


# ---------------------------------------------------------------------------
# GICv2: the flag is refused, with a message that says why

def test_zcu102_refuses_direct_irq():
    b = Board('zcu102', 'direct-irq-zcu102')
    try:
        b.run('dmesg -n 1')
        b.run('insmod /lib/bulkhead/bulkhead.ko')
        b.run(f'bulkhead enable {CFG}/zcu102.cell', timeout=180)
        patch_config(b, 'zcu102-gic-demo', '/tmp/direct.cell', 'direct', 3)
        fails(b, f'bulkhead config check /tmp/direct.cell {CFG}/zcu102.cell',
              'BH_CELL_DIRECT_IRQ needs GICv3', 'GICv2')
        before = cells(b), online(b), pool_used(b)
        fails(b, 'bulkhead cell create /tmp/direct.cell',
              'BH_CELL_DIRECT_IRQ needs GICv3', 'GICv2')
        assert (cells(b), online(b), pool_used(b)) == before
        assert before[0] == {} and before[1] == '0-3'
        b.run('bulkhead disable', timeout=180)
        b.kernel_healthy()
    finally:
        b.close()


# ---------------------------------------------------------------------------
# virt

@pytest.fixture(scope='module')
def board():
    b = Board('virt', 'direct-irq-virt')
    b.run('dmesg -n 1')
    b.run('insmod /lib/bulkhead/bulkhead.ko')
    b.run(f'bulkhead enable {CFG}/qemu-virt.cell', timeout=180)
    b.run(f'(bulkhead console -f > {HV_LOG} &)')
    yield b
    b.close()


def window_irqs(lines):
    return sum(int(line[1]) for line in lines)


def test_trap_and_inject_exits_per_irq(board):
    """The reference: gic-demo without the flag exits once per interrupt."""
    since = hv_size(board)
    create(board, 'qemu-virt-gic-demo', 'gic-demo')
    load(board, 'gic-demo', 'demos/gic-demo.bin', '-s "window=1000"')
    busy_loops(board)
    try:
        board.run('bulkhead cell start gic-demo')
        irq, total, count, lines = measure(board, CELL_CPU, since, WINDOW_RE,
                                           window_irqs)
    finally:
        stop_loops(board)
    record('trap-and-inject gic-demo',
           f'{irq} IRQ exits ({total} in all) for {count} interrupts; '
           f'windows min/avg/max ns: {[l[2:] for l in lines]}')
    assert count >= 2000, lines
    # one exit per interrupt, the windows' edges give or take
    assert irq >= count * 0.9, (irq, count)
    board.run('bulkhead cell destroy gic-demo', timeout=60)
    assert online(board) == '0-3'


def test_direct_cell_runs_without_irq_exits(board):
    since = hv_size(board)
    cell_id = create(board, 'qemu-virt-gic-demo-direct', 'gic-demo-direct')
    assert board.sysfs(f'cells/{cell_id}/name') == 'gic-demo-direct'
    assert online(board) == '0-1,3'
    load(board, 'gic-demo-direct', 'demos/gic-demo.bin', '-s "window=1000"')
    busy_loops(board)
    try:
        board.run('bulkhead cell start gic-demo-direct')
        assert state(board, 'gic-demo-direct') == 'running'
        irq, total, count, lines = measure(board, CELL_CPU, since, WINDOW_RE,
                                           window_irqs)
        out = board.run('cat /proc/uptime; sleep 2; cat /proc/uptime')
    finally:
        stop_loops(board)
    record('direct gic-demo-direct',
           f'{irq} IRQ exits ({total} in all, console hypercalls) for '
           f'{count} interrupts; windows min/avg/max ns: '
           f'{[l[2:] for l in lines]}')
    assert count >= 2000, lines
    assert irq <= 5, (irq, count)
    for line in lines:
        assert int(line[1]) == 1000 and 0 < int(line[2]) <= int(line[4])
    # Linux kept running beside it
    up = [float(u) for u in re.findall(r'^(\d+\.\d+) \d+\.\d+$', out, re.M)]
    assert len(up) == 2 and 1.9 <= up[1] - up[0] <= 6, out
    assert state(board, 'gic-demo-direct') == 'running'
    board.kernel_healthy()


def test_two_direct_cells_side_by_side(board):
    """The RTOS cell (CPU 3) beside gic-demo-direct: Linux keeps CPUs 0-1."""
    since = hv_size(board)
    create(board, 'qemu-virt-rtos-direct', 'rtos')
    load(board, 'rtos', 'rtos/rtos-demo.bin')
    board.run('bulkhead cell start rtos')
    try:
        wait_for(board, r'rtos: Bulkhead RTOS demo on', since)
        irq, total, releases, lines = measure(
            board, RTOS_CPU, since, RTOS_RE,
            lambda ls: int(ls[-1][0]) - int(ls[0][0]) if ls else 0)
        record('direct rtos',
               f'{irq} IRQ exits ({total} in all) over {releases} releases; '
               f'jitter min/avg/max ns: {[l[1:] for l in lines]}')
        assert releases >= 1500, lines
        assert irq <= 5, (irq, releases)
        assert online(board) == '0-1'
        assert board.run('echo alive') == 'alive'
    except AssertionError:
        # the tests after this one expect CPU 3 to be Linux's again
        board.run('bulkhead cell destroy rtos', timeout=60)
        raise
    # the rtos approves through the comm region, then goes
    since = hv_size(board)
    board.run('bulkhead cell shutdown rtos', timeout=60)
    assert state(board, 'rtos') == 'shut down'
    wait_for(board, r'rtos: shutdown requested, tasks stopped, approving',
             since)
    board.run('bulkhead cell destroy rtos', timeout=60)
    assert online(board) == '0-1,3'
    linux_uses_cpu(board, RTOS_CPU)


def test_shutdown_restart_destroy(board):
    since = hv_size(board)
    board.run('bulkhead cell shutdown gic-demo-direct', timeout=60)
    assert state(board, 'gic-demo-direct') == 'shut down'
    wait_for(board, r'gic-demo: shutdown requested, approving', since)
    assert online(board) == '0-1,3'
    # started again on the same CPU: still direct
    since = hv_size(board)
    board.run('bulkhead cell start gic-demo-direct')
    wait_for(board, r'gic-demo: in a cell', since)
    irq, _, count, _ = measure(board, CELL_CPU, since, WINDOW_RE,
                               window_irqs, windows=1)
    assert count == 1000 and irq <= 3, (irq, count)
    board.run('bulkhead cell destroy gic-demo-direct', timeout=60)
    assert 'gic-demo-direct' not in cells(board)
    assert online(board) == '0-3'
    # Linux has the CPU back, trap-and-inject again: its interrupts exit
    irq0 = exits(board, CELL_CPU)
    linux_uses_cpu(board, CELL_CPU)
    assert exits(board, CELL_CPU) - irq0 >= 20
    board.kernel_healthy()


def test_sgi_to_linux_cpu_fails_the_cell(board):
    """Its SGI writes still trap: one to a Linux CPU stops the cell."""
    patch_config(board, 'qemu-virt-fault-demo', '/tmp/fault-direct.cell',
                 'fault-direct', 3)
    hv_since = hv_size(board)
    out = board.run('bulkhead cell create /tmp/fault-direct.cell')
    assert "cell 'fault-direct' created" in out, out
    cell_id = cells(board)['fault-direct'][0]
    b = board
    b.run(f'bulkhead cell load fault-direct {INMATES}/demos/fault-demo.bin '
          '-s "sgi=1 mem=0 dev=0 bad=0"', timeout=120)
    b.run('bulkhead cell start fault-direct')
    wait_state(b, 'fault-direct', 'failed')
    hv = hv_output(b, hv_since)
    assert 'fault-demo: about to send SGI 1 to CPU 1' in hv, hv
    assert 'no fault: SGI' not in hv, hv
    assert re.search(rf'FAULT: cell {cell_id} "fault-direct" CPU {CELL_CPU}: '
                     r'access to a resource it does not own \(system '
                     r'register access\)', hv), hv
    assert f'cell {cell_id} "fault-direct" failed on CPU {CELL_CPU}' in hv
    assert b.sysfs(f'cpus/cpu{CELL_CPU}/state') == 'failed'
    assert b.run('echo alive') == 'alive'
    b.run('bulkhead cell destroy fault-direct', timeout=60)
    assert online(b) == '0-3'
    linux_uses_cpu(b, CELL_CPU)
    b.kernel_healthy()


def test_cycles_keep_the_pool(board):
    """Six create, load, start, destroy cycles of a direct cell, each
    destroyed only once it has taken a window of interrupts."""
    start = pool_used(board)
    for cycle in range(1, 7):
        since = hv_size(board)
        create(board, 'qemu-virt-gic-demo-direct', 'gic-demo-direct')
        load(board, 'gic-demo-direct', 'demos/gic-demo.bin',
             '-s "window=100"')
        board.run('bulkhead cell start gic-demo-direct')
        # running, its interrupts delivered directly: a window is complete
        wait_for(board, WINDOW_RE, since, timeout=30)
        board.run('bulkhead cell destroy gic-demo-direct', timeout=60)
        assert online(board) == '0-3', f'cycle {cycle}: {online(board)}'
    assert pool_used(board) == start
    assert cells(board) == {}
    linux_uses_cpu(board, CELL_CPU)
    board.kernel_healthy()


def test_disable_with_a_direct_cell_running(board):
    since = hv_size(board)
    create(board, 'qemu-virt-gic-demo-direct', 'gic-demo-direct')
    load(board, 'gic-demo-direct', 'demos/gic-demo.bin', '-s "window=500"')
    board.run('bulkhead cell start gic-demo-direct')
    wait_for(board, WINDOW_RE, since)
    board.run('bulkhead disable', timeout=180)
    assert board.sysfs('enabled') == '0'
    assert online(board) == '0-3'
    # `bulkhead console -f` keeps /dev/bulkhead open
    stop_console_follower(board)
    board.run('rmmod bulkhead', timeout=60)
    # plain Linux on every CPU, CPU 2 included
    before = timer_irqs(board, CELL_CPU)
    board.run(f'taskset {1 << CELL_CPU} sh -c \'end=$(($(date +%s) + 2)); '
              'while [ $(date +%s) -lt $end ]; do :; done\'', timeout=60)
    assert timer_irqs(board, CELL_CPU) - before >= 20
    board.kernel_healthy()
