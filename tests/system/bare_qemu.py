# SPDX-License-Identifier: BSD-2-Clause
"""QEMU command lines for running inmates bare (no hypervisor).

Shared by the bare-inmate tests and the latency benchmark, so both boot the
baseline exactly the same way.  Build outputs are looked up where the
top-level Makefile puts them: build/<board>/inmates/demos/<name>.elf.
"""
import os
import struct
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOG_DIR = REPO / "build" / "logs"

# Where the inmate library looks for a bare command line (inmate.h:
# BARE_CMDLINE_MAGIC at CONFIG_INMATE_BASE + BARE_CMDLINE_OFFSET).
BARE_CMDLINE_MAGIC = "BHCMDLN:"
BARE_CMDLINE_OFFSET = 0x00F00000

# The build names no device address: in a cell an inmate finds its GIC and
# UART in the comm region, bare on its command line, which every bare run
# here gets (board_cmdline()).  The addresses come from the board's system
# config, the one place for them: its GIC, and its debug console as the
# UART (a bare run has no Linux to share it with).  No config names that
# UART's interrupt, so its INTID is written here, once: QEMU's wiring.
BOARDS = {
    "virt": {
        "machine": "virt,gic-version=3,its=off",
        "cpu": "cortex-a57",
        "memory": "1G",
        "inmate_base": 0x40000000,
        "system_config": "qemu-virt",
        "uart_irq": 33,         # the PL011, SPI 1
        # The PL011 is the first and only serial port.
        "serials": ["mon:stdio"],
    },
    "zcu102": {
        "machine": "xlnx-zcu102",
        "cpu": None,            # fixed: Cortex-A53
        "memory": "2G",
        "inmate_base": 0x0,
        "system_config": "zcu102",
        "uart_irq": 53,         # uart0, SPI 21
        # The first -serial is uart0, the debug console.
        "serials": ["mon:stdio"],
    },
}

ONE_GHZ = 1000000000


def build_dir(board):
    """Inmate build directory of a board (BULKHEAD_BUILD overrides build/)."""
    root = Path(os.environ.get("BULKHEAD_BUILD", REPO / "build"))
    return root / board / "inmates"


def demo_elf(board, name):
    return build_dir(board) / "demos" / f"{name}.elf"


def system_config_path(board):
    """The board's system config as built (build/<board>/configs/...)."""
    name = BOARDS[board]["system_config"]
    return build_dir(board).parent / "configs" / "arm64" / f"{name}.cell"


def board_cmdline(board):
    """gicd=, gicr= or gicc=, uart=, uart_irq= for a bare run on board."""
    import abi  # build/abi_layout.py, made by every build

    path = system_config_path(board)
    data = path.read_bytes()
    if len(data) < abi.SYSTEM_CONFIG["sizeof"]:
        raise ValueError(f"{path}: too short for a system config")

    def field(struct_off, layout, name, fmt="<Q"):
        return struct.unpack_from(fmt, data, struct_off + layout[name])[0]

    plat = abi.SYSTEM_CONFIG["platform"]
    gic = [("gicd", field(plat, abi.PLATFORM, "gicd_base"))]
    if field(plat, abi.PLATFORM, "gic_version", "<I") == 3:
        gic.append(("gicr", field(plat, abi.PLATFORM, "gicr_base")))
    else:
        gic.append(("gicc", field(plat, abi.PLATFORM, "gicc_base")))
    uart = field(abi.SYSTEM_CONFIG["debug_console"], abi.CONSOLE, "address")
    words = [f"{k}={v:#x}" for k, v in gic + [("uart", uart)]]
    words.append(f"uart_irq={BOARDS[board]['uart_irq']}")
    return " ".join(words)


def write_bare_cmdline(board, text, directory=None):
    """Write a command line blob for -device loader; returns its path.

    The board's addresses follow text: the library takes a key's first
    value, so text may override them (e.g. uart=...).
    """
    fd, path = tempfile.mkstemp(prefix=f"bh-cmdline-{board}-", suffix=".txt",
                                dir=directory)
    with os.fdopen(fd, "w") as f:
        f.write(BARE_CMDLINE_MAGIC + f"{text} {board_cmdline(board)}\0")
    return path


def default_cmdline_file(board):
    """A blob with the board's addresses only, for runs given no text."""
    path = build_dir(board).parent / "bare-cmdline.txt"
    tmp = f"{path}.{os.getpid()}.new"
    with open(tmp, "w") as f:
        f.write(BARE_CMDLINE_MAGIC + board_cmdline(board) + "\0")
    os.replace(tmp, path)
    return path


def bare_qemu_cmd(board, elf, icount=False, freq_hz=None,
                  virtualization=False, cmdline_file=None, smp=None):
    """argv for booting elf bare on board.

    icount: -icount shift=0,align=off,sleep=off (one instruction per ns).
    freq_hz: counter frequency (e.g. ONE_GHZ), default QEMU's 62.5 MHz.
    virtualization: start at EL2 (the library drops to EL1 by itself).
    cmdline_file: from write_bare_cmdline(), loaded where the library looks;
    without it, a blob with the board's addresses only.
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
    if not cmdline_file:
        cmdline_file = default_cmdline_file(board)
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
