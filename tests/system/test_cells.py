# SPDX-License-Identifier: GPL-2.0
"""Issue "Cells": bare-metal programs on CPUs taken from a running Linux.

For each board, one boot (build/logs/cells-<board>.log) is shared by the
tests, which run in file order: gic-demo created, loaded and started while
Linux keeps every other CPU busy; shut down and destroyed (Linux gets its
CPU back, the memory goes back to the root cell and serves the next cell);
fault-demo stopped by the hypervisor with Linux unharmed; every error case
(clear message, nothing changed); 20 create/start/destroy cycles that leave
the hypervisor's pool as they found it; and disable with a cell left over.

On virt the cells print through the console hypercall into the hypervisor
console; on the ZCU102 gic-demo drives uart1, which the Board captures in
build/logs/cells-zcu102-uart1.log (see cells_common.py).
"""
import re
import time

import pytest

from abi import BH_CELL_NAME_LEN, CELL_DESC
from board import BOARDS
from cells_common import (INMATES, boot_enabled, busy_loops, cell_config,
                          cell_output, cells, create, fails, hv_output,
                          hv_output_size, hv_wait, load, online, output_size,
                          pool_used, snapshot, stop_console_follower,
                          stop_loops, system_config, wait_for)

# the cells' CPU and RAM (configs/arm64/*-gic-demo.c, *-fault-demo.c)
CELL_CPU = 2
LATENCY_RE = re.compile(r'gic-demo: window (\d+): (\d+) irqs latency '
                        r'min (\d+) avg (\d+) max (\d+) ns')


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'cells-{request.param}')
    yield b
    b.close()


# ---------------------------------------------------------------------------
# gic-demo: run, shut down, destroy

def test_create_takes_the_cpu(board):
    before = pool_used(board)
    cell_id = create(board, 'gic-demo')
    assert cell_id >= 1
    assert cells(board)['gic-demo'][1:] == ('created', str(CELL_CPU), '-')
    assert online(board) == '0-1,3'
    assert board.sysfs(f'cells/{cell_id}/name') == 'gic-demo'
    assert board.sysfs(f'cells/{cell_id}/state') == 'created'
    assert board.sysfs(f'cells/{cell_id}/cpus') == str(CELL_CPU)
    assert board.sysfs(f'cells/{cell_id}/failed_cpus') == ''
    assert pool_used(board) > before
    # Linux may not take the CPU back while the cell owns it
    rc, _ = board.run_rc(
        f'echo 1 > /sys/devices/system/cpu/cpu{CELL_CPU}/online 2>&1')
    assert rc != 0
    # because the hypervisor denied PSCI CPU_ON for the cell's CPU
    log = board.run(f'dmesg | grep "CPU{CELL_CPU}" | tail -2')
    assert f'failed to boot CPU{CELL_CPU}' in log, log
    assert online(board) == '0-1,3'


def test_gic_demo_runs_beside_linux(board):
    since = output_size(board)
    # few lines: the cell shares the console with the shell on virt
    load(board, 'gic-demo', '-s "period_us=1000 window=1500"')
    busy_loops(board)
    try:
        board.run('bulkhead cell start gic-demo')
        assert cells(board)['gic-demo'][1] == 'running'
        lines = wait_for(board, LATENCY_RE, timeout=90, since=since)
        count, lat_min, lat_max = (int(lines[0][1]), int(lines[0][2]),
                                   int(lines[0][4]))
        assert count == 1500 and 0 < lat_min <= lat_max, lines[0]
        wait_for(board, r'gic-demo: window 2:', timeout=90, since=since)
        out = board.run('cat /proc/uptime; sleep 2; cat /proc/uptime')
        # the cell's lines may come in between on virt's shared console
        up = [float(u) for u in
              re.findall(r'^(\d+\.\d+) \d+\.\d+$', out, re.M)]
        assert len(up) == 2, out
        assert 1.9 <= up[1] - up[0] <= 6, out
    finally:
        stop_loops(board)
    assert cells(board)['gic-demo'][1] == 'running'
    board.kernel_healthy()


def test_root_cannot_touch_cell_memory(board):
    # the cell's RAM left Linux's stage 2: a read from Linux is aborted
    ram = {'virt': 0x71000000, 'zcu102': 0x61000000}[board.board]
    rc, out = board.run_rc(f'devmem 0x{ram:x} 32 2>&1', timeout=60)
    assert rc == 128 + 7 and 'Bus error' in out, (rc, out)   # SIGBUS
    assert cells(board)['gic-demo'][1] == 'running'
    assert board.run('echo alive') == 'alive'


def test_shutdown(board):
    since = output_size(board)
    board.run('bulkhead cell shutdown gic-demo', timeout=60)
    assert cells(board)['gic-demo'][1:] == ('shut down', str(CELL_CPU), '-')
    wait_for(board, r'gic-demo: shutdown requested, approving', since=since)
    # the CPU stays with the cell until it is destroyed
    assert online(board) == '0-1,3'


def test_restart_after_shutdown(board):
    since = output_size(board)
    board.run('bulkhead cell start gic-demo')
    wait_for(board, r'gic-demo: in a cell', since=since)
    assert cells(board)['gic-demo'][1] == 'running'
    board.run('bulkhead cell shutdown gic-demo', timeout=60)
    assert cells(board)['gic-demo'][1] == 'shut down'


def test_destroy_gives_everything_back(board):
    board.run('bulkhead cell destroy gic-demo', timeout=60)
    assert 'gic-demo' not in cells(board)
    assert online(board) == '0-3'
    assert board.run('ls /sys/devices/bulkhead/cells') == ''
    # CPU 2 runs Linux again, under the hypervisor
    assert board.sysfs(f'cpus/cpu{CELL_CPU}/el2') == 'bulkhead'
    board.run(f'taskset {1 << CELL_CPU} true')
    # the same memory and CPU serve the next cell
    since = output_size(board)
    create(board, 'gic-demo')
    load(board, 'gic-demo', '-s "window=500"')
    board.run('bulkhead cell start gic-demo')
    wait_for(board, LATENCY_RE, timeout=90, since=since)
    board.run('bulkhead cell destroy gic-demo', timeout=60)
    assert online(board) == '0-3'
    board.kernel_healthy()


# ---------------------------------------------------------------------------
# fault-demo: the hypervisor stops it, Linux does not notice

def test_fault_demo_fails_alone(board):
    since = output_size(board)
    hv_since = hv_output_size(board)
    cell_id = create(board, 'fault-demo')
    load(board, 'fault-demo')
    busy_loops(board)
    try:
        board.run('bulkhead cell start fault-demo')
        deadline = time.monotonic() + 30
        while cells(board)['fault-demo'][1] != 'failed':
            assert time.monotonic() < deadline, cells(board)
            time.sleep(0.5)
    finally:
        stop_loops(board)
    assert cells(board)['fault-demo'][1:] == ('failed', str(CELL_CPU),
                                              str(CELL_CPU))
    assert board.sysfs(f'cells/{cell_id}/failed_cpus') == str(CELL_CPU)
    assert board.sysfs(f'cpus/cpu{CELL_CPU}/state') == 'failed'
    # the console follower writes its file a little after the state changed
    hv_wait(board, rf'cell {cell_id} "fault-demo" failed on CPU {CELL_CPU}',
            hv_since)
    hv = hv_output(board, hv_since)
    m = re.search(rf'FAULT: cell {cell_id} "fault-demo" CPU {CELL_CPU}: '
                  r'(.*)\n\s+ESR 0x[0-9a-f]+ PC (0x[0-9a-f]+) FAR '
                  r'(0x[0-9a-f]+)', hv)
    assert m, hv
    assert 'does not own' in m.group(1), m.group(0)
    assert int(m.group(2), 16) >= 0x1000
    assert int(m.group(3), 16) == 0x7fc00000, m.group(0)  # hypervisor RAM
    assert f'cell {cell_id} "fault-demo" failed on CPU {CELL_CPU}' in hv
    wait_for(board, r'fault-demo: about to read memory outside', since=since)
    assert 'fault-demo: no fault' not in cell_output(board, since)
    # Linux unharmed
    assert board.run('echo alive') == 'alive'
    assert online(board) == '0-1,3'
    board.kernel_healthy()
    # a failed cell can be shut down and destroyed like any other
    board.run('bulkhead cell shutdown fault-demo', timeout=60)
    assert cells(board)['fault-demo'][1] == 'shut down'
    board.run('bulkhead cell destroy fault-demo', timeout=60)
    assert online(board) == '0-3'
    assert board.sysfs(f'cpus/cpu{CELL_CPU}/state') == 'running'


def test_hypervisor_lines_stay_out_of_the_shells_output(board):
    """While Linux owns the UART they share, the hypervisor's lines go
    whole into the kernel log ("bulkhead-hv: ...") instead of onto the UART
    character by character: a cell faults three times while the shell
    prints 300 lines, and every line comes out intact, with nothing of the
    hypervisor's in between."""
    cfg = cell_config(board, 'fault-demo')
    image = f'{INMATES}/fault-demo.bin'
    board.run('dmesg -c >/dev/null; rm -f /tmp/faulted')
    board.run(f'((for i in 1 2 3; do bulkhead cell create {cfg} && '
              f'bulkhead cell load fault-demo {image} && '
              'bulkhead cell start fault-demo; sleep 0.3; '
              'bulkhead cell destroy fault-demo; done; touch /tmp/faulted) '
              '>/dev/null 2>&1 &)')
    text = 'the quick brown fox jumps over the lazy dog, again and again'
    out = board.run(f'for i in $(seq 300); do echo "$i: {text}"; '
                    'sleep 0.02; done', timeout=120)
    deadline = time.monotonic() + 60
    while board.run_rc('test -e /tmp/faulted')[0]:
        assert time.monotonic() < deadline
        time.sleep(0.5)
    assert out.splitlines() == [f'{i}: {text}' for i in range(1, 301)], out
    log = board.run('dmesg | grep bulkhead-hv:')
    faults = re.findall(r'bulkhead-hv: FAULT: cell \d+ "fault-demo" CPU '
                        r'\d: access to a resource it does not own', log)
    assert len(faults) == 3, log
    assert 'fault-demo' not in cells(board)


# ---------------------------------------------------------------------------
# the cell has a say: it may deny a shutdown, or lock itself for a while

def test_shutdown_denied(board):
    since = output_size(board)
    create(board, 'gic-demo')
    # one window per 100 s: no latency lines in between
    load(board, 'gic-demo', '-s "deny_shutdown=1 window=100000"')
    board.run('bulkhead cell start gic-demo')
    wait_for(board, r'gic-demo: in a cell', since=since)
    fails(board, 'bulkhead cell shutdown gic-demo', 'denied')
    wait_for(board, r'gic-demo: shutdown requested, denying', since=since)
    assert cells(board)['gic-demo'][1] == 'running'
    # destroy does not ask
    board.run('bulkhead cell destroy gic-demo', timeout=60)
    assert online(board) == '0-3'


def test_locked_cell(board):
    since = output_size(board)
    create(board, 'gic-demo')
    load(board, 'gic-demo', '-s "lock_s=10 window=100000"')
    board.run('bulkhead cell start gic-demo')
    wait_for(board, r'gic-demo: locked for 10 s', since=since)
    before = snapshot(board)
    assert before[0]['gic-demo'][1] == 'running/locked'
    fails(board, 'bulkhead cell shutdown gic-demo', 'running/locked')
    fails(board, 'bulkhead cell destroy gic-demo', 'running/locked')
    fails(board, 'bulkhead disable', 'running/locked')
    assert board.sysfs('enabled') == '1'
    assert snapshot(board) == before
    wait_for(board, r'gic-demo: unlocked', timeout=60, since=since)
    assert cells(board)['gic-demo'][1] == 'running'
    board.run('bulkhead cell shutdown gic-demo', timeout=60)
    board.run('bulkhead cell destroy gic-demo', timeout=60)
    assert online(board) == '0-3'


# ---------------------------------------------------------------------------
# other cells' CPUs: CPU_ON refused, an SGI to one stops the cell

def test_foreign_cpus(board):
    since = output_size(board)
    hv_since = hv_output_size(board)
    cell_id = create(board, 'fault-demo')
    load(board, 'fault-demo', '-s "cpu_on=1 sgi=1 mem=0 dev=0 bad=0"')
    board.run('bulkhead cell start fault-demo')
    deadline = time.monotonic() + 30
    while cells(board)['fault-demo'][1] != 'failed':
        assert time.monotonic() < deadline, (cells(board),
                                             cell_output(board, since))
        time.sleep(0.5)
    out = cell_output(board, since)
    # PSCI DENIED (-3): CPU 1 is Linux's
    assert 'fault-demo: PSCI CPU_ON of CPU 1 returned -3' in out, out
    assert 'fault-demo: about to send SGI 1 to CPU 1' in out, out
    assert 'no fault: SGI' not in out, out
    hv = hv_output(board, hv_since)
    assert re.search(rf'FAULT: cell {cell_id} "fault-demo" CPU {CELL_CPU}: '
                     r'access to a resource it does not own', hv), hv
    assert online(board) == '0-1,3'
    assert board.run('echo alive') == 'alive'
    board.kernel_healthy()
    board.run('bulkhead cell destroy fault-demo', timeout=60)
    assert online(board) == '0-3'


def test_cell_cannot_lock_the_hypervisor_out(board):
    """Lowest priority and disabled for all its CPU's banked interrupts,
    the hypervisor's SGI and PPI included, then a spin with interrupts
    masked: the hypervisor still stops the cell and Linux gets the CPU."""
    since = output_size(board)
    create(board, 'fault-demo')
    load(board, 'fault-demo', '-s "gic=1 mem=0 dev=0 bad=0"')
    board.run('bulkhead cell start fault-demo')
    wait_for(board, 'fault-demo: banked interrupts at lowest priority',
             since=since)
    board.run('bulkhead cell shutdown fault-demo', timeout=60)
    assert cells(board)['fault-demo'][1] == 'shut down'
    board.run('bulkhead cell destroy fault-demo', timeout=60)
    assert online(board) == '0-3'
    board.run(f'taskset {1 << CELL_CPU} true')
    board.kernel_healthy()


# ---------------------------------------------------------------------------
# errors: a clear message, nothing changed

def test_errors_on_create(board):
    create(board, 'gic-demo')
    before = snapshot(board)
    # same CPU (and, for fault-demo, a CPU another cell owns)
    fails(board, f'bulkhead cell create {cell_config(board, "fault-demo")}',
          'CPU 2 already belongs to cell', 'gic-demo')
    assert snapshot(board) == before
    # the same name again
    fails(board, f'bulkhead cell create {cell_config(board, "gic-demo")}',
          'exists already')
    assert snapshot(board) == before
    # the caller pinned to the CPU it asks for
    board.run('bulkhead cell destroy gic-demo', timeout=60)
    before = snapshot(board)
    fails(board, f'taskset {1 << CELL_CPU} bulkhead cell create '
          f'{cell_config(board, "gic-demo")}', 'issuing this request')
    assert snapshot(board) == before
    # a CPU Linux does not run
    board.run('echo 0 > /sys/devices/system/cpu/cpu3/online', timeout=60)
    try:
        before = snapshot(board)
        fails(board, f'bulkhead cell create {cell_config(board, "rtos")}',
              'CPU 3 is not online')
        assert snapshot(board) == before
    finally:
        board.run('echo 1 > /sys/devices/system/cpu/cpu3/online', timeout=60)
    assert online(board) == '0-3'


def test_errors_on_crafted_configs(board):
    """Configs made here: overlapping memory, a CPU the root does not own."""
    create(board, 'gic-demo')
    try:
        before = snapshot(board)
        # gic-demo's config renamed and moved to CPU 3: its RAM overlaps
        patch(board, 'gic-demo', '/tmp/overlap.cell', name=b'overlap',
              cpu_set=1 << 3)
        fails(board, 'bulkhead cell create /tmp/overlap.cell', 'overlaps',
              'gic-demo')
        assert snapshot(board) == before
        # CPU 5: not the root cell's (the board has 4)
        patch(board, 'fault-demo', '/tmp/nocpu.cell', name=b'nocpu',
              cpu_set=1 << 5)
        fails(board, 'bulkhead cell create /tmp/nocpu.cell', 'CPU 5')
        assert snapshot(board) == before
    finally:
        board.run('bulkhead cell destroy gic-demo', timeout=60)


def patch(b, src, dest, **fields):
    """Copy a cell config in the guest, with fields changed by dd."""
    offsets = {'name': CELL_DESC['name'], 'cpu_set': CELL_DESC['cpu_set']}
    b.run(f'cp {cell_config(b, src)} {dest}')
    for field, value in fields.items():
        if field == 'name':
            data = value.ljust(BH_CELL_NAME_LEN, b'\0')
        else:
            data = value.to_bytes(8, 'little')
        esc = ''.join(f'\\{c:03o}' for c in data)
        b.run(f"printf '{esc}' | dd of={dest} bs=1 seek={offsets[field]} "
              f"conv=notrunc 2>/dev/null")


def test_errors_on_lifecycle(board):
    create(board, 'gic-demo')
    try:
        before = snapshot(board)
        fails(board, 'bulkhead cell start gic-demo', 'no image')
        fails(board, 'bulkhead cell shutdown gic-demo', 'not started')
        board.run('dd if=/dev/zero of=/tmp/big bs=1024 count=1100 '
                  '2>/dev/null')
        fails(board, 'bulkhead cell load gic-demo /tmp/big', 'does not fit',
              '1048576')
        fails(board, f'bulkhead cell load gic-demo {INMATES}/gic-demo.bin '
              '-a 0x7000000', 'no loadable memory')
        fails(board, 'bulkhead cell start no-such-cell', "no cell 'no-such")
        fails(board, 'bulkhead cell destroy 7', "no cell '7'")
        assert snapshot(board) == before

        load(board, 'gic-demo', '-s "console=none"')
        board.run('bulkhead cell start gic-demo')
        before = snapshot(board)
        fails(board, 'bulkhead cell start gic-demo', 'running already')
        fails(board, f'bulkhead cell load gic-demo {INMATES}/gic-demo.bin',
              'shut it down first')
        assert snapshot(board) == before
        # a second disable attempt refuses nothing: it destroys the cell
        # (tested last); here the cell still runs
        assert cells(board)['gic-demo'][1] == 'running'
    finally:
        board.run('bulkhead cell destroy gic-demo', timeout=60)
    assert online(board) == '0-3'


def test_exit_status_tells_the_kind_of_failure(board):
    """bulkhead.1, EXIT STATUS: a script tells failures apart by it."""
    def status(command):
        return board.run_rc(f'{command} >/dev/null 2>&1')[0]

    assert status('bulkhead cell start no-such-cell') == 5     # no cell
    assert status('bulkhead cell frobnicate') == 2             # usage
    assert status(f'bulkhead enable {system_config(board)}') == 6   # busy
    create(board, 'gic-demo')
    try:
        assert status('bulkhead cell create '
                      f'{cell_config(board, "gic-demo")}') == 6  # exists
        assert status('bulkhead cell start gic-demo') == 1     # no image
    finally:
        board.run('bulkhead cell destroy gic-demo', timeout=60)


def test_disable_destroys_cells(board):
    create(board, 'gic-demo')
    load(board, 'gic-demo', '-s "console=none"')
    board.run('bulkhead cell start gic-demo')
    board.run('bulkhead disable', timeout=180)
    assert board.sysfs('enabled') == '0'
    assert online(board) == '0-3'
    assert board.run('ls /sys/devices/bulkhead/cells') == ''
    stop_console_follower(board)
    board.run('rmmod bulkhead', timeout=60)
    board.kernel_healthy()
