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
import re
import shutil

import pexpect
import pytest

import bare_qemu
from abi import (BH_COMM_REVISION, BH_COMM_SIGNATURE, BH_CONSOLE_PL011,
                 COMM_REGION)

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
    p.expect(pexpect.EOF, timeout=30)  # PSCI SYSTEM_OFF ends QEMU

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


# ---------------------------------------------------------------------------
# The comm-region shutdown protocol without a hypervisor: a trampoline does
# what the hypervisor's cell start does (GIC distributor on, x0 = comm
# region, x1 = BH_CELL_BOOT_MAGIC) and a comm region page with
# msg_to_cell = BH_MSG_SHUTDOWN_REQUEST is preloaded at 0x80000000.

TRAMPOLINE = """
	.globl	tramp
tramp:	ldr	x2, =0x08000000		/* GICD_CTLR = ARE | EnableGrp1 */
	mov	w3, #0x12
	str	w3, [x2]
	ldr	x0, =0x80000000		/* BH_COMM_REGION_ADDR */
	ldr	x1, =0x424b48434f4d4d	/* BH_CELL_BOOT_MAGIC */
	ldr	x2, =0x40000000
	br	x2
"""

SIM_LDS = """
ENTRY(tramp)
SECTIONS {
	. = 0x40000000; .demo : { demo.o(.demo) }
	. = 0x7ff00000; .text : { tramp.o(.text) }
}
"""


def comm_page():
    import struct
    page = bytearray(4096)
    fields = (('signature', '8s', BH_COMM_SIGNATURE),
              ('revision', 'I', BH_COMM_REVISION),
              ('msg_to_cell', 'I', 1), ('gic_version', 'I', 3),
              ('cpu_count', 'I', 1), ('gicd_base', 'Q', 0x08000000),
              ('gicr_base', 'Q', 0x080A0000),
              ('console_base', 'Q', 0x09000000),
              ('console_type', 'I', BH_CONSOLE_PL011))
    for name, fmt, value in fields:
        struct.pack_into('<' + fmt, page, COMM_REGION[name], value)
    return bytes(page)


def build_cell_sim(tmp_path, elf):
    import subprocess
    cross = "aarch64-linux-gnu-"
    if not shutil.which(cross + "gcc"):
        pytest.skip("no aarch64 cross toolchain")

    def run(*args):
        subprocess.run(args, cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "tramp.S").write_text(TRAMPOLINE)
    (tmp_path / "sim.lds").write_text(SIM_LDS)
    (tmp_path / "comm.bin").write_bytes(comm_page())
    run(cross + "objcopy", "-O", "binary", str(elf), "demo.bin")
    run(cross + "objcopy", "-I", "binary", "-O", "elf64-littleaarch64",
        "-B", "aarch64", "--rename-section",
        ".data=.demo,alloc,load,contents,code", "demo.bin", "demo.o")
    run(cross + "gcc", "-c", "tramp.S", "-o", "tramp.o")
    run(cross + "ld", "--no-warn-rwx-segments", "-T", "sim.lds", "demo.o",
        "tramp.o", "-o", "sim.elf")
    return tmp_path / "sim.elf", tmp_path / "comm.bin"


def test_rtos_demo_shutdown_request_virt(tmp_path):
    if not shutil.which("qemu-system-aarch64"):
        pytest.skip("qemu-system-aarch64 not installed")
    elf = rtos_elf("virt")
    if not elf.exists():
        pytest.skip(f"{elf} not built (make inmates BOARD=virt)")
    sim, comm = build_cell_sim(tmp_path, elf)
    cmd = ["qemu-system-aarch64", "-M",
           "virt,gic-version=3,its=off,virtualization=on", "-cpu",
           "cortex-a57", "-m", "2G", "-nographic", "-nic", "none",
           "-icount", "shift=0,align=off,sleep=off", "-device",
           f"loader,file={comm},addr=0x80000000,force-raw=on",
           "-kernel", str(sim)]
    bare_qemu.LOG_DIR.mkdir(parents=True, exist_ok=True)
    with open(bare_qemu.LOG_DIR / "rtos-cellsim-virt-shutdown.log",
              "w") as log:
        log.write("# " + " ".join(cmd) + "\n")
        p = pexpect.spawn(cmd[0], cmd[1:], env=bare_qemu.qemu_env(),
                          encoding="utf-8", codec_errors="replace",
                          timeout=60)
        p.logfile_read = log
        try:
            p.expect(r"rtos: Bulkhead RTOS demo on \S+ \(cell\)")
            p.expect(STATS_RE)
            assert p.match.group(1) == "final: "
            assert int(p.match.group(7)) == 0
            p.expect("rtos: shutdown requested, tasks stopped, approving")
            p.expect("no active timers")  # the only CPU is off
            p.send("\x01c")			# QEMU monitor: read the reply
            p.expect(r"\(qemu\)")
            p.sendline("xp /2wx 0x80000010")
            p.expect(r"0000000080000010: (0x[0-9a-f]+) (0x[0-9a-f]+)")
            msg, reply = (int(x, 16) for x in p.match.groups())
            assert (msg, reply) == (1, 3)  # REQUEST -> REQUEST_APPROVED
            p.expect(r"\(qemu\)")
            p.sendline("info registers")
            p.expect(r"X00=(\w+)")
            assert int(p.match.group(1), 16) == 0x84000002  # PSCI CPU_OFF
            p.sendline("quit")
            p.expect(pexpect.EOF)
        finally:
            if p.isalive():
                p.terminate(force=True)
