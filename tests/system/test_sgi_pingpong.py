# SPDX-License-Identifier: BSD-2-Clause
"""sgi-pingpong bare on both boards: the inmate library starts a second CPU
(cpu_start(), PSCI CPU_ON) and the two exchange SGIs; the bare-metal
reference of the channel doorbell figures (tools/bench.py).

Under -icount with a 1 GHz counter, as make bench runs it; the console log
is kept in build/logs/bare-<board>-sgi-pingpong.log.
"""
import re
import shutil
import subprocess

import pytest

import bare_qemu

BOARDS = ['virt', 'zcu102']
MINMAX = r'{} min/avg/max (\d+)/(\d+)/(\d+) ns'


@pytest.mark.parametrize('board', BOARDS)
def test_sgi_round_trips_between_two_cpus(board, tmp_path):
    if not shutil.which('qemu-system-aarch64'):
        pytest.skip('qemu-system-aarch64 not installed')
    elf = bare_qemu.demo_elf(board, 'sgi-pingpong')
    if not elf.exists():
        pytest.skip(f'{elf} not built (make inmates BOARD={board})')
    blob = bare_qemu.write_bare_cmdline(board, 'count=500', tmp_path)
    cmd = bare_qemu.bare_qemu_cmd(board, elf, icount=True,
                                  freq_hz=bare_qemu.ONE_GHZ,
                                  cmdline_file=blob,
                                  smp=2 if board == 'virt' else None)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                         env=bare_qemu.qemu_env()).stdout
    bare_qemu.LOG_DIR.mkdir(parents=True, exist_ok=True)
    (bare_qemu.LOG_DIR / f'bare-{board}-sgi-pingpong.log').write_text(out)
    assert 'sgi-pingpong: 500 round trips' in out, out
    one_way = [int(x) for x in re.search(MINMAX.format('one way'),
                                         out).groups()]
    rtt = [int(x) for x in re.search(MINMAX.format('round trip'),
                                     out).groups()]
    assert 0 < one_way[0] <= one_way[1] <= one_way[2], out
    assert 0 < rtt[0] <= rtt[1] <= rtt[2], out
    # two interrupts and the way back: longer than one way, and short
    assert rtt[0] > one_way[0] and rtt[1] < 100000, out
