# SPDX-License-Identifier: BSD-2-Clause
"""QEMU command lines for running inmates bare (no hypervisor).

Shared by the bare-inmate tests and the latency benchmark, so both boot the
baseline exactly the same way.  Build outputs are looked up where the
top-level Makefile puts them: build/<board>/inmates/demos/<name>.elf.
"""
import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOG_DIR = REPO / "build" / "logs"

# Where the inmate library looks for a bare command line (inmate.h:
# BARE_CMDLINE_MAGIC at CONFIG_INMATE_BASE + BARE_CMDLINE_OFFSET).
BARE_CMDLINE_MAGIC = "BHCMDLN:"
BARE_CMDLINE_OFFSET = 0x00F00000

BOARDS = {
    "virt": {
        "machine": "virt,gic-version=3,its=off",
        "cpu": "cortex-a57",
        "memory": "1G",
        "inmate_base": 0x40000000,
        # The PL011 is the first and only serial port.
        "serials": ["mon:stdio"],
    },
    "zcu102": {
        "machine": "xlnx-zcu102",
        "cpu": None,            # fixed: Cortex-A53
        "memory": "2G",
        "inmate_base": 0x0,
        # The first -serial is uart0 (the root cell's); inmates use uart1.
        "serials": ["null", "mon:stdio"],
    },
}

ONE_GHZ = 1000000000


def build_dir(board):
    """Inmate build directory of a board (BULKHEAD_BUILD overrides build/)."""
    root = Path(os.environ.get("BULKHEAD_BUILD", REPO / "build"))
    return root / board / "inmates"


def demo_elf(board, name):
    return build_dir(board) / "demos" / f"{name}.elf"


def write_bare_cmdline(board, text, directory=None):
    """Write a command line blob for -device loader; returns its path."""
    fd, path = tempfile.mkstemp(prefix=f"bh-cmdline-{board}-", suffix=".txt",
                                dir=directory)
    with os.fdopen(fd, "w") as f:
        f.write(BARE_CMDLINE_MAGIC + text + "\0")
    return path


def bare_qemu_cmd(board, elf, icount=False, freq_hz=None,
                  virtualization=False, cmdline_file=None, smp=None):
    """argv for booting elf bare on board.

    icount: -icount shift=0,align=off,sleep=off (one instruction per ns).
    freq_hz: counter frequency (e.g. ONE_GHZ), default QEMU's 62.5 MHz.
    virtualization: start at EL2 (the library drops to EL1 by itself).
    cmdline_file: from write_bare_cmdline(), loaded where the library looks.
    """
    b = BOARDS[board]
    machine = b["machine"]
    if virtualization:
        machine += ",virtualization=on"
    cmd = ["qemu-system-aarch64", "-M", machine, "-m", b["memory"],
           "-nographic", "-no-reboot"]
    if smp:
        cmd += ["-smp", str(smp)]
    cpu = b["cpu"]
    if board == "virt":
        if freq_hz:
            cpu += f",cntfrq={freq_hz}"
        cmd += ["-cpu", cpu, "-nic", "none"]
    elif freq_hz:
        cmd += ["-global", f"cortex-a53-arm-cpu.cntfrq={freq_hz}"]
    for s in b["serials"]:
        cmd += ["-serial", s]
    if icount:
        cmd += ["-icount", "shift=0,align=off,sleep=off"]
    if cmdline_file:
        addr = b["inmate_base"] + BARE_CMDLINE_OFFSET
        cmd += ["-device",
                f"loader,file={cmdline_file},addr={addr:#x},force-raw=on"]
    cmd += ["-kernel", str(elf)]
    return cmd


def qemu_env():
    """Environment for QEMU: no audio back-end probing on zcu102."""
    env = dict(os.environ)
    env["QEMU_AUDIO_DRV"] = "none"
    return env
