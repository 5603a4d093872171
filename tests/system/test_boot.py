# SPDX-License-Identifier: GPL-2.0
"""Issue 2: each board boots Linux and the Bulkhead driver loads and unloads.

One boot per board, shared by the tests of this file (they run in order).
Console logs: build/logs/boot-<board>.log.
"""
import re

import pytest

from board import BOARDS, Board


def cpu_list(b):
    """Linux CPU numbers the driver lists in sysfs."""
    out = b.run('ls /sys/devices/bulkhead/cpus')
    return sorted(int(m) for m in re.findall(r'cpu(\d+)', out))


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = Board(request.param, f'boot-{request.param}')
    b.run('dmesg -n 1')
    yield b
    b.close()


def test_insmod(board):
    board.run('insmod /lib/bulkhead/bulkhead.ko')
    assert 'bulkhead' in board.run('cat /proc/modules')


def test_device_node(board):
    out = board.run('ls -l /dev/bulkhead')
    assert out.startswith('c'), f'/dev/bulkhead is not a character device: {out}'
    assert board.sysfs('enabled') == '0'


def test_el2_is_hyp_stub(board):
    cpus = cpu_list(board)
    online = board.run('cat /sys/devices/system/cpu/online')
    assert online == '0-3'
    assert cpus == [0, 1, 2, 3]
    for cpu in cpus:
        assert board.sysfs(f'cpus/cpu{cpu}/el2') == 'hyp-stub', f'CPU {cpu}'
        assert board.sysfs(f'cpus/cpu{cpu}/state') == 'linux', f'CPU {cpu}'


def test_cli_version(board):
    out = board.run('bulkhead --version')
    assert re.fullmatch(r'bulkhead \d+\.\d+\.\d+', out.strip()), out
    assert 'enable' in board.run('bulkhead --help')


def test_rmmod(board):
    board.run('rmmod bulkhead')
    assert 'bulkhead' not in board.run('cat /proc/modules')
    rc, _ = board.run_rc('ls /dev/bulkhead')
    assert rc != 0, '/dev/bulkhead still there after rmmod'
    rc, _ = board.run_rc('ls /sys/devices/bulkhead')
    assert rc != 0, '/sys/devices/bulkhead still there after rmmod'
    board.kernel_healthy()
