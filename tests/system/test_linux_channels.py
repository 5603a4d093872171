# SPDX-License-Identifier: GPL-2.0
"""Issue 12: a Linux cell's channels, end to end.

The RTOS (CPU 3) and a Linux in a non-root cell ("linux2", CPUs 1-2)
talk over the system config's "cell-link" channel.  The cell's Linux
loads the same bulkhead.ko as the root (it finds the comm region through
its device tree, driver/cell_side.c) and gets the channel as a UIO
device; rtos-monitor runs in the cell, the RTOS runs rtos-demo with
"link=cell-link".  `bulkhead cell linux` boots the cell with its own
initramfs (tools/mkcellinitramfs: bulkhead.ko, uio.ko, rtos-monitor, ...).

One boot per board: build/logs/linux-channels-<board>.log (the root's
console) and build/logs/linux-channels-<board>-cell.log (the Linux
cell's).  The tests share it, in file order.
"""
import os
import re

import pytest

from board import BOARDS, LOGS
from cells_common import (RTOS_IMAGE, boot_enabled, cells, create,
                          hv_output, output_size, wait_for)
import linux_cell

CHANNEL = 'cell-link'
ADDRESS = 0x7e200000
OUT = 0x10000
# doorbells: linux2's (side 0), the RTOS's (side 1)
DOORBELLS = {'virt': (254, 255), 'zcu102': (142, 143)}
STATS_RE = re.compile(r'^stats seconds=(\d+) releases=(\d+) misses=(\d+) '
                      r'.* period_us=(\d+) crunch=(on|off) at_ms=\d+$', re.M)
ACK_RE = re.compile(r'^ack seq=\d+ cmd=(\w+) status=(\w+) value=(\d+) ',
                    re.M)


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    name = request.param
    b = boot_enabled(name, f'linux-channels-{name}',
                     qemu_args=('--initrd', linux_cell.root_initramfs(name)))
    b.cell = linux_cell.LinuxCell(b)
    b.cell.boot()
    yield b
    if b.child.isalive():
        try:
            text = b.cell.output()
            with open(os.path.join(LOGS, f'linux-channels-{name}-cell.log'),
                      'w', encoding='utf-8') as f:
                f.write(text)
            b.run(f'cat {hv_log()} | tail -c 20000', timeout=60)
        except Exception:       # the log matters less than closing
            pass
    b.close()


def hv_log():
    return '/tmp/hv-console.log'


def start_rtos(b):
    since = output_size(b)
    create(b, 'rtos')
    b.run(f'bulkhead cell load rtos {RTOS_IMAGE} -s "link={CHANNEL}"')
    b.run('bulkhead cell start rtos')
    found = wait_for(b, rf"rtos: channel '{CHANNEL}' to 'linux2', "
                     r'doorbell INTID (\d+), own ring (\w+)', since=since)
    assert int(found[0][0]) == DOORBELLS[b.board][1], found


def monitor(b, args, rc=0):
    got, out = b.cell.run_rc(f'rtos-monitor -c {CHANNEL} -t 10 {args} 2>&1',
                             timeout=90)
    assert got == rc, f'rtos-monitor {args}: exit {got}:\n{out}'
    return out


def test_the_cell_gets_its_channel_as_a_uio_device(board):
    c = board.cell
    c.run('insmod /lib/bulkhead/uio.ko && insmod /lib/bulkhead/bulkhead.ko')
    names = c.run('cat /sys/class/uio/uio*/name').split()
    assert names == [f'bulkhead-{CHANNEL}'], names
    log = c.run('dmesg | grep bulkhead')
    assert 'loaded in a cell: channels only' in log, log
    assert (f"channel '{CHANNEL}': /dev/uio0, side 0, doorbell INTID "
            f'{DOORBELLS[board.board][0]}') in log, log
    maps = {}
    for n in range(4):
        d = f'/sys/class/uio/uio0/maps/map{n}'
        name, addr, size = c.run(f'cat {d}/name {d}/addr {d}/size').split()
        maps[name] = (int(addr, 16), int(size, 16))
    assert maps == {'header': (ADDRESS, 0x1000),
                    'doorbell': (ADDRESS + 0x1000, 0x1000),
                    'own': (ADDRESS + 0x2000, OUT),
                    'peer': (ADDRESS + 0x2000 + OUT, OUT)}, maps
    assert f'bulkhead-{CHANNEL}' in c.run('cat /proc/interrupts')
    # the root is no peer of it: its own UIO devices are as before
    root = board.run('cat /sys/class/uio/uio*/name 2>/dev/null; true')
    assert CHANNEL not in root, root


def test_the_cell_cannot_manage_the_hypervisor(board):
    c = board.cell
    assert c.run('cat /sys/devices/bulkhead/in_cell').strip() == '1'
    for cmd in ('bulkhead disable', 'bulkhead cell start 1',
                f'bulkhead enable /bulkhead/configs/arm64/{board.config}.cell'):
        rc, out = c.run_rc(f'{cmd} 2>&1')
        # the exit status of "runs in a cell" (bulkhead.1)
        assert rc == 7, f'{cmd}: {rc}: {out}'
        assert 'runs in a Bulkhead cell' in out, f'{cmd}: {out}'


def test_rtos_statistics_reach_the_linux_cell(board):
    start_rtos(board)
    out = monitor(board, '-n 3')
    got = STATS_RE.findall(out)
    assert len(got) == 3, out
    for s in got:
        assert int(s[1]) > 0 and int(s[3]) == 1000, out
    secs = [int(s[0]) for s in got]
    assert secs == list(range(secs[0], secs[0] + 3)), out
    assert 'channel \'cell-link\' side 0, peer \'rtos\'' in out, out


def test_a_command_from_the_linux_cell_is_acknowledged(board):
    out = monitor(board, '--period 2000 -n 3')
    assert ACK_RE.findall(out) == [('period', 'ok', '2000')], out
    after = STATS_RE.findall(out[out.index('ack seq='):])
    assert after and after[-1][3] == '2000', out
    out = monitor(board, '--period 5 -n 0', rc=5)
    assert ACK_RE.findall(out) == [('period', 'einval', '2000')], out
    out = monitor(board, '--period 1000 -n 2')
    assert ACK_RE.findall(out) == [('period', 'ok', '1000')], out


def wait_file(c, path, text, tries=30):
    """A file in the cell, once it has text (or after tries seconds)."""
    out = ''
    for _ in range(tries):
        out = c.run(f'cat {path} 2>/dev/null; true')
        if text in out:
            break
        c.run('sleep 1')
    return out


def header_states(c):
    """(linux2's state, the RTOS's) from the header (map 0, offset 168)"""
    word = int(c.run('channel-poke /dev/uio0 0 168'), 16)
    return word & 0xffffffff, word >> 32


def test_destroying_the_rtos_wakes_a_reader_in_the_cell(board):
    """A reader blocked in the cell (rtos-monitor in poll() and read())
    is woken by the hypervisor's ring when the RTOS cell goes, and the
    header says it is gone; a plain read() then blocks until the RTOS
    comes back, whose start rings again."""
    c = board.cell
    assert header_states(c) == (1, 1)
    c.run('(rtos-monitor -c cell-link -t 120 > /tmp/wait.log 2>&1; '
          'echo "rc=$?" >> /tmp/wait.log) & true')
    wait_file(c, '/tmp/wait.log', 'stats seconds=')
    board.run('bulkhead cell destroy rtos', timeout=120)
    out = wait_file(c, '/tmp/wait.log', 'rc=')
    # the RTOS approves the shutdown that destroy asks for first: the
    # reader may wake on that already, or on the cell's end
    assert re.search(r'^peer rtos state=(shut-down|absent) starts=1 ', out,
                     re.M), out
    assert 'rc=3' in out, out
    assert header_states(c) == (1, 0)

    # nothing rings now: a 4-byte read() blocks until the RTOS is back
    c.run('(dd if=/dev/uio0 bs=4 count=1 2>/dev/null | od -An -tu4 '
          '> /tmp/read.out; echo done >> /tmp/read.out) & true')
    c.run('sleep 3')
    assert c.run('cat /tmp/read.out 2>/dev/null; true') == ''
    start_rtos(board)
    out = wait_file(c, '/tmp/read.out', 'done')
    assert 'done' in out and int(out.split()[0]) > 0, out
    assert header_states(c) == (1, 1)
    # and the new RTOS talks to the cell as the first did
    assert len(STATS_RE.findall(monitor(board, '-n 2'))) == 2


def test_rmmod_and_insmod_in_the_cell(board):
    c = board.cell
    c.run('rmmod bulkhead')
    assert c.run('ls /sys/class/uio | wc -l').strip() == '0'
    c.run('insmod /lib/bulkhead/bulkhead.ko')
    names = c.run('cat /sys/class/uio/uio*/name').split()
    assert names == [f'bulkhead-{CHANNEL}'], names
    assert len(STATS_RE.findall(monitor(board, '-n 1'))) == 1


def test_root_and_both_cells_keep_running(board):
    got = cells(board)
    assert got['linux2'][1] == 'running' and got['rtos'][1] == 'running', got
    assert board.cell.run('echo $((6*7))').strip() == '42'
    board.kernel_healthy()
    for bad in ('Oops', 'BUG:', 'Unable to handle'):
        assert bad not in board.cell.output(), bad
    assert 'failed' not in hv_output(board), hv_output(board)[-3000:]
