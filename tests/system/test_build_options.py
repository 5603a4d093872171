# SPDX-License-Identifier: GPL-2.0
"""Issue 14: the hypervisor built without what a product may leave out.

`make build-options` builds build/<board>-min without CONFIG_CHANNELS,
CONFIG_VUART and CONFIG_HEALTH.  One boot per board of that image (the
board's initramfs with the min image as its firmware on top,
build/logs/build-options-<board>.log): every config that asks for what was
left out is refused with a message naming the option, and what is left
works: a cell runs, and one that fails is stopped, with its reason in
`cell list`, as an empty health policy does it.
"""
import gzip
import os
import re
import shutil
import subprocess

import pytest

from board import BOARDS, ROOT, Board
from cells_common import (CFG, HV_LOG, cells, create, fails, hv_output_size,
                          hv_wait, load, online, wait_state)

NO_CHANNELS = '/tmp/no-channels.conf'


def min_initramfs(board):
    """The board's initramfs, with the min hypervisor over the full one."""
    out = os.path.join(ROOT, 'build', f'{board}-min')
    image = os.path.join(out, 'hypervisor', 'bulkhead.bin')
    base = os.path.join(ROOT, 'build', board, 'initramfs.cpio.gz')
    assert os.path.exists(image), f'{image} missing: run make build-options'
    overlay = os.path.join(out, 'overlay')
    shutil.rmtree(overlay, ignore_errors=True)
    os.makedirs(os.path.join(overlay, 'lib', 'firmware'))
    shutil.copy(image, os.path.join(overlay, 'lib', 'firmware'))
    # a second compressed archive after the first: Linux unpacks both, the
    # later file replacing the earlier one
    cpio = subprocess.run(
        'find . | sort | cpio -o -H newc -R root:root --quiet',
        shell=True, cwd=overlay, check=True, capture_output=True).stdout
    initrd = os.path.join(out, 'initramfs.cpio.gz')
    with open(base, 'rb') as src, open(initrd + '.new', 'wb') as dst:
        shutil.copyfileobj(src, dst)
        dst.write(gzip.compress(cpio))
    os.replace(initrd + '.new', initrd)
    return initrd


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    name = request.param
    b = Board(name, f'build-options-{name}',
              qemu_args=('--initrd', min_initramfs(name)))
    b.run('dmesg -n 1')
    # the overlay took: this is the min image, not the full one
    image = os.path.join(ROOT, 'build', f'{name}-min', 'hypervisor',
                         'bulkhead.bin')
    assert int(b.run('wc -c < /lib/firmware/bulkhead.bin')) == \
        os.path.getsize(image)
    b.run('insmod /lib/bulkhead/bulkhead.ko')
    yield b
    b.close()


def test_a_system_config_with_channels_is_refused(board):
    fails(board, f'bulkhead enable {CFG}/{board.config}.conf')
    assert board.sysfs('enabled') == '0'
    # the hypervisor said why on its console, which outlives the enable
    assert 'has no CONFIG_CHANNELS' in board.run('bulkhead console')


def test_without_its_channels_it_enables(board):
    # the shipped text config minus its [channel] sections
    board.run(f"awk '/^\\[/ {{ skip = $1 == \"[channel]\" }} !skip' "
              f'{CFG}/{board.config}.conf > {NO_CHANNELS}')
    assert '[channel]' not in board.run(f'cat {NO_CHANNELS}')
    board.run(f'bulkhead enable {NO_CHANNELS}', timeout=180)
    assert board.sysfs('enabled') == '1'
    board.run(f'bulkhead console -f > {HV_LOG} & true')


@pytest.mark.parametrize('cell, option', [('vuart-demo', 'CONFIG_VUART'),
                                          ('rtos-ha', 'CONFIG_HEALTH')])
def test_a_cell_asking_for_what_was_left_out_is_refused(board, cell, option):
    before = cells(board), online(board)
    fails(board, f'bulkhead cell create {CFG}/{board.config}-{cell}.conf',
          option)
    assert (cells(board), online(board)) == before


def test_a_failing_cell_is_stopped_with_its_reason(board):
    """No health monitor: a fault stops the cell, as an empty policy
    does, and the record of why stays."""
    since = hv_output_size(board)
    create(board, 'fault-demo')
    load(board, 'fault-demo', '-s "mem=0 bad=0"')
    board.run('bulkhead cell start fault-demo')
    hv_wait(board, r'"fault-demo" failed on CPU', since)
    wait_state(board, 'fault-demo', 'failed')
    out = board.run('bulkhead cell list')
    assert re.search(r'last failure: access to a resource it does not own',
                     out), out
    board.run('bulkhead cell destroy fault-demo', timeout=60)
    assert 'fault-demo' not in cells(board)
    assert board.run('echo alive') == 'alive'
