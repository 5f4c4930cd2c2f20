"""Run a command in a network namespace without outside interfaces, where the platform allows.

``python tests/netguard/netns.py CMD [ARGS ...]`` re-runs itself under ``unshare -rn`` (a user
and network namespace: only a loopback interface, which it brings up for the Jupyter kernel
protocol) and then runs ``CMD`` there with ``HELPERS_NETNS=1``. Where ``unshare`` is missing
or not permitted (macOS, some containers), it says so and runs ``CMD`` directly: the in-process
guard (``sitecustomize.py`` beside this file) still blocks the network in every Python process.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import struct
import subprocess
import sys

_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1


def loopback_up() -> None:
    """Bring the loopback interface up (inside a fresh network namespace it starts down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        name = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, _SIOCGIFFLAGS, name)[:18])[1]
        fcntl.ioctl(s, _SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | _IFF_UP))


def available() -> bool:
    unshare = shutil.which("unshare")
    if not unshare or not sys.platform.startswith("linux"):
        return False
    return subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    if argv[0] == "--inside":
        loopback_up()
        os.environ["HELPERS_NETNS"] = "1"
        os.execvp(argv[1], argv[1:])
    if os.environ.get("HELPERS_NETNS") != "1" and available():
        os.execvp("unshare", ["unshare", "-rn", sys.executable, os.path.abspath(__file__), "--inside", *argv])
    if os.environ.get("HELPERS_NETNS") != "1":
        print(
            "note: no network namespace on this platform (unshare -rn unavailable); "
            "the in-process network guard blocks the network instead",
            file=sys.stderr,
        )
    os.execvp(argv[0], argv)
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
