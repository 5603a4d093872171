# SPDX-License-Identifier: BSD-2-Clause
"""Boot the RTOS demo (rtos-demo.elf) bare on both QEMU boards.

Run with: /usr/bin/python3 -m pytest tests/system/test_rtos_bare.py
Needs build/<board>/inmates/rtos/rtos-demo.elf (make inmates BOARD=...);
skips otherwise.  Console logs go to build/logs/rtos-bare-<board>-<run>.log.

With -icount the guest clock advances one nanosecond per instruction, so the
jitter figures are instruction-path lengths: they must be small, identical
from run to run, and no deadline may be missed.  Without icount the guest
clock is the host's wall clock and a descheduled QEMU thread shows up as a
late release: those runs check only that the demo works and reports.
"""
import os
import re
import shutil

import pexpect
import pytest

import bare_qemu

BOARDS = ["virt", "zcu102"]
SECONDS = 3
PERIOD_US = 1000

STATS_RE = re.compile(
    r"rtos: (final: )?period (\d+) us releases (\d+) jitter min/avg/max "
    r"(\d+)/(\d+)/(\d+) ns misses (\d+)")
HIST_RE = re.compile(r"rtos:   \[(\d+), (\d+|inf)\)  (\d+)")

RUNS = {
    # name: (icount, counter frequency, jitter ceiling in ns or None)
    "icount": (True, None, 2000),
    "icount-1ghz": (True, bare_qemu.ONE_GHZ, 2000),
    "realtime": (False, None, None),
}


def rtos_elf(board):
    return bare_qemu.build_dir(board) / "rtos" / "rtos-demo.elf"


@pytest.fixture
def console(tmp_path):
    procs = []

    def start(board, name, icount, freq):
        if not shutil.which("qemu-system-aarch64"):
            pytest.skip("qemu-system-aarch64 not installed")
        elf = rtos_elf(board)
        if not elf.exists():
            pytest.skip(f"{elf} not built (make inmates BOARD={board})")
        bare_qemu.LOG_DIR.mkdir(parents=True, exist_ok=True)
        log_path = bare_qemu.LOG_DIR / f"rtos-bare-{board}-{name}.log"
        cmdline = bare_qemu.write_bare_cmdline(board, f"seconds={SECONDS}",
                                               directory=tmp_path)
        cmd = bare_qemu.bare_qemu_cmd(board, elf, icount=icount,
                                      freq_hz=freq, cmdline_file=cmdline)
        log = open(log_path, "w")
        log.write("# " + " ".join(cmd) + "\n")
        p = pexpect.spawn(cmd[0], cmd[1:], env=bare_qemu.qemu_env(),
                          encoding="utf-8", codec_errors="replace",
                          timeout=120)
        p.logfile_read = log
        procs.append((p, log))
        return p

    yield start
    for p, log in procs:
        if p.isalive():
            p.terminate(force=True)
        log.close()


@pytest.mark.parametrize("name", list(RUNS))
@pytest.mark.parametrize("board", BOARDS)
def test_rtos_demo_bare(console, board, name):
    icount, freq, ceiling = RUNS[name]
    p = console(board, name, icount, freq)
    p.expect(r"rtos: Bulkhead RTOS demo on \S+ \(bare\), counter (\d+) Hz")
    hz = int(p.match.group(1))
    assert hz == (freq or 62500000)
    p.expect("rtos: demo finished, powering off")
    text = p.before
    p.expect(pexpect.EOF, timeout=30)	# PSCI SYSTEM_OFF ends QEMU

    stats = STATS_RE.findall(text)
    periodic = [s for s in stats if not s[0]]
    final = [s for s in stats if s[0]]
    assert len(periodic) == SECONDS, text
    assert len(final) == 1, text
    _, period, releases, jmin, javg, jmax, misses = final[0]
    releases, jmin, javg, jmax, misses = map(
        int, (releases, jmin, javg, jmax, misses))
    assert int(period) == PERIOD_US
    # one release a millisecond, give or take the start-up and shut-down;
    # a late job skips the releases it overran (realtime runs only)
    assert releases <= SECONDS * 1000 + 50, final
    assert releases >= SECONDS * 1000 * (0.99 if icount else 0.5), final
    assert 0 < jmin <= javg <= jmax
    assert sum(int(h[2]) for h in HIST_RE.findall(text.split("final:")[1])) \
        == releases
    # releases carried on counting between the periodic lines
    counts = [int(s[2]) for s in periodic]
    assert counts == sorted(counts) and counts[0] > 0
    if ceiling is not None:
        assert misses == 0, final
        assert jmax <= ceiling, final
