# SPDX-License-Identifier: BSD-2-Clause
"""Boot each demo inmate bare (no hypervisor) on both QEMU boards.

Run with: /usr/bin/python3 -m pytest tests/system/test_inmates_bare.py
Needs the inmates built (make inmates BOARD=virt / BOARD=zcu102); skips
otherwise.  Every console log is kept in build/logs/.
"""
import re
import shutil

import pexpect
import pytest

import bare_qemu

BOARDS = ["virt", "zcu102"]

WINDOW_RE = re.compile(
    r"gic-demo: window (\d+): (\d+) irqs latency min (\d+) avg (\d+) max (\d+) ns "
    r"\(ticks min (\d+) avg (\d+) max (\d+)\)")
HIST_RE = re.compile(r"gic-demo: histogram (.*)")


def need_elf(board, name):
    if not shutil.which("qemu-system-aarch64"):
        pytest.skip("qemu-system-aarch64 not installed")
    elf = bare_qemu.demo_elf(board, name)
    if not elf.exists():
        pytest.skip(f"{elf} not built (make inmates BOARD={board})")
    return elf


class Run:
    """A bare QEMU run whose console goes to build/logs/<tag>.log."""

    def __init__(self, board, name, tag, timeout=60, **kw):
        elf = need_elf(board, name)
        bare_qemu.LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.log_path = bare_qemu.LOG_DIR / f"bare-{board}-{tag}.log"
        self.log = open(self.log_path, "w")
        cmd = bare_qemu.bare_qemu_cmd(board, elf, **kw)
        self.log.write("# " + " ".join(cmd) + "\n")
        self.p = pexpect.spawn(cmd[0], cmd[1:], env=bare_qemu.qemu_env(),
                               encoding="utf-8", codec_errors="replace",
                               timeout=timeout)
        self.p.logfile_read = self.log

    def expect(self, pattern, **kw):
        return self.p.expect(pattern, **kw)

    def wait_exit(self, timeout=30):
        """QEMU must end by itself (PSCI SYSTEM_OFF)."""
        self.p.expect(pexpect.EOF, timeout=timeout)
        self.p.close()
        return self.p.exitstatus

    def close(self):
        if self.p.isalive():
            self.p.terminate(force=True)
        self.log.close()


@pytest.fixture
def run():
    runs = []

    def start(*args, **kw):
        r = Run(*args, **kw)
        runs.append(r)
        return r

    yield start
    for r in runs:
        r.close()


def check_windows(text, windows, irqs, max_ns):
    found = WINDOW_RE.findall(text)
    assert [int(w[0]) for w in found] == list(range(1, windows + 1)), text
    hists = HIST_RE.findall(text)
    assert len(hists) == windows
    for w, hist in zip(found, hists):
        count, lo, avg, hi = (int(x) for x in w[1:5])
        tlo, tavg, thi = (int(x) for x in w[5:8])
        assert count == irqs
        assert 0 < lo <= avg <= hi <= max_ns, w
        assert 0 < tlo <= tavg <= thi, w
        buckets = [int(b.split(":")[1]) for b in hist.split()]
        assert len(buckets) == 10 and sum(buckets) == irqs, hist
    return found


@pytest.mark.parametrize("board", BOARDS)
def test_gic_demo_icount(run, board):
    """Under icount at 1 GHz the latency is an instruction count."""
    r = run(board, "gic-demo", "gic-demo-icount", icount=True,
            freq_hz=bare_qemu.ONE_GHZ)
    r.expect(r"gic-demo: bare, EL1 entry, MMU on, timer 1000000000 Hz")
    r.expect("gic-demo: done")
    text = r.p.before
    assert r.wait_exit() == 0
    found = check_windows(text, 5, 1000, 1000)
    # Deterministic: the shortest path is the same in every window; a tick
    # that lands while the CPU prints (not in WFI) takes a few more
    # instructions, never many
    assert len({w[2] for w in found}) == 1, found
    assert all(int(w[4]) <= 2 * int(w[2]) for w in found), found


@pytest.mark.parametrize("board", BOARDS)
def test_gic_demo_realtime(run, board):
    """Plain QEMU: host timing, so only sanity bounds (< 1 s)."""
    r = run(board, "gic-demo", "gic-demo")
    r.expect(r"gic-demo: bare, EL1 entry, MMU on, timer 62500000 Hz")
    r.expect("gic-demo: done")
    text = r.p.before
    assert r.wait_exit() == 0
    check_windows(text, 5, 1000, 1000000000)


@pytest.mark.parametrize("board", BOARDS)
def test_gic_demo_from_el2_with_cmdline(run, board, tmp_path):
    """Entered at EL2 (virtualization=on), options from a bare cmdline."""
    blob = bare_qemu.write_bare_cmdline(
        board, "period_us=500 window=200 windows=3", directory=tmp_path)
    r = run(board, "gic-demo", "gic-demo-el2", virtualization=True,
            icount=True, cmdline_file=blob)
    r.expect(r"gic-demo: bare, EL2 entry, MMU on, timer \d+ Hz, "
             r"period 500 us, window 200, windows 3")
    r.expect("gic-demo: done")
    text = r.p.before
    assert r.wait_exit() == 0
    check_windows(text, 3, 200, 10000)


@pytest.mark.parametrize("board", BOARDS)
def test_uart_demo(run, board):
    r = run(board, "uart-demo", "uart-demo", timeout=20)
    r.expect(r"uart-demo: bare, UART at 0x[0-9a-f]+, receive by interrupt")
    r.expect(r"uart-demo: counter 1\r*\n")
    r.expect(r"uart-demo: counter 2\r*\n")
    for c in "XyZ":
        r.p.send(c)
        r.p.expect_exact(c)
    r.expect(r"uart-demo: counter (\d+)")
    first = int(r.p.match.group(1))
    r.expect(r"uart-demo: counter (\d+)")
    assert int(r.p.match.group(1)) == first + 1


BAD_ADDR = {"virt": 0xc0000000, "zcu102": 0x8000000000}


@pytest.mark.parametrize("board", BOARDS)
def test_fault_demo(run, board):
    r = run(board, "fault-demo", "fault-demo", timeout=20)
    r.expect(r"fault-demo: about to read memory outside the cell's RAM")
    r.expect(r"fault-demo: about to read a device not assigned to the cell")
    bad = BAD_ADDR[board]
    r.expect(rf"fault-demo: about to read an address with nothing behind it at {bad:#x}")
    r.expect(r"EXCEPTION: sync, EC=0x25 \(data abort\)")
    r.expect(r"ESR=0x([0-9a-f]{16}) FAR=0x([0-9a-f]{16})")
    esr, far = (int(x, 16) for x in r.p.match.groups())
    assert esr >> 26 == 0x25
    assert far == bad
    r.expect(r"ELR=0x([0-9a-f]{16})")
    assert int(r.p.match.group(1), 16) >= bare_qemu.BOARDS[board]["inmate_base"]
    r.expect(r"data abort: read")
    r.expect("STOPPED.")
    assert "nothing faulted" not in r.p.before
    assert r.wait_exit() == 0
