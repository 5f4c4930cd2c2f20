"""Block the network in every Python process the tests start (notebook kernels included).

The test run puts this folder on ``PYTHONPATH``; Python imports ``sitecustomize`` at start-up,
and with ``HELPERS_BLOCK_NETWORK=1`` it installs an audit hook (PEP 578). Audit events are
raised by the interpreter itself, below the ``socket`` module, so the hook also sees
``_socket`` used directly, UDP ``sendto``, ``gethostbyname`` and friends, and the start of
subprocesses. Allowed: loopback addresses written as IP literals, ``localhost`` and Unix
sockets (the Jupyter kernel protocol needs loopback). Refused with ``ConnectionRefusedError``
naming the address: every other connection, datagram and name look-up — a host name merely
starting with ``127.`` is a name, not a loopback address — and any subprocess that runs a
network client (``curl``, ``wget`` …, as in a notebook's ``!curl``).

Where the platform allows, ``make test`` also runs the whole test process in a network
namespace without any outside interface (``unshare -rn``); this guard is the fallback and a
second line.
"""

from __future__ import annotations

import ipaddress
import os
import re
import sys

#: Programs that reach the network; a subprocess running one is refused.
NETWORK_CLIENTS = frozenset(
    {
        "curl",
        "wget",
        "nc",
        "ncat",
        "netcat",
        "socat",
        "telnet",
        "ftp",
        "sftp",
        "ssh",
        "scp",
        "rsync",
        "aria2c",
        "http",
        "https",
        "lynx",
        "links",
        "w3m",
        "ping",
        "dig",
        "nslookup",
        "host",
    }
)


def is_loopback(host: object) -> bool:
    """True for ``localhost``, a loopback or unspecified IP literal, or no host at all."""
    if host in (None, "", b""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False  # a name, even one starting with "127.", would need a DNS look-up
    return address.is_loopback or address.is_unspecified


def _blocked(what: str) -> ConnectionRefusedError:
    return ConnectionRefusedError(f"network blocked during tests: {what}")


def _check_address(event: str, address: object) -> None:
    if isinstance(address, tuple) and address and not is_loopback(address[0]):
        raise _blocked(f"{event} to {address!r}")


_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "fish"})
_WRAPPERS = frozenset({"env", "timeout", "nice", "nohup", "xargs", "sudo", "stdbuf", "command", "exec"})


def _words(command: str) -> list[str]:
    return [os.path.basename(w) for w in re.split(r"[\s;|&()`$<>'\"]+", command) if w]


def _network_programs(argv: object) -> set[str]:
    """The network clients a command line would run: its program, the programs a shell's
    ``-c`` string names, and the program after a wrapper such as ``env`` or ``timeout``."""
    if isinstance(argv, (str, bytes, os.PathLike)):
        argv = [argv]
    if not isinstance(argv, (list, tuple)) or not argv:
        return set()
    items = [os.fsdecode(a) if isinstance(a, (bytes, os.PathLike)) else str(a) for a in argv]
    program = os.path.basename(items[0])
    if program in NETWORK_CLIENTS:
        return {program}
    if program in _SHELLS and "-c" in items[1:]:
        command = items[items.index("-c") + 1] if items.index("-c") + 1 < len(items) else ""
        return set(_words(command)) & NETWORK_CLIENTS
    if program in _WRAPPERS:
        rest = [a for a in items[1:] if not a.startswith("-") and "=" not in a]
        return _network_programs(rest[:1] + items[items.index(rest[0]) + 1 :]) if rest else set()
    return set()


def _check_command(event: str, argv: object, shell: bool = False) -> None:
    hits = set(_words(str(argv))) & NETWORK_CLIENTS if shell else _network_programs(argv)
    if hits:
        raise _blocked(f"{event} runs {', '.join(sorted(hits))}")


def _hook(event: str, args: tuple) -> None:
    if not event.startswith(("socket.", "subprocess.", "os.")):
        return
    if event == "socket.connect" or event == "socket.sendto" or event == "socket.sendmsg":
        _check_address(event, args[1])
    elif event == "socket.getaddrinfo":
        if not is_loopback(args[0]):
            raise _blocked(f"name look-up of {args[0]!r}")
    elif event in ("socket.gethostbyname", "socket.gethostbyaddr"):
        if not is_loopback(args[0]):
            raise _blocked(f"name look-up of {args[0]!r}")
    elif event == "socket.getnameinfo":
        _check_address(event, args[0])
    elif event == "subprocess.Popen":
        argv = args[1] if isinstance(args[1], (list, tuple)) else [args[1]]
        _check_command(event, [args[0] or argv[0], *argv[1:]])
    elif event == "os.system":
        _check_command(event, args[0], shell=True)
    elif event in ("os.exec", "os.posix_spawn", "os.spawn"):
        path, argv = (args[0], args[1]) if event != "os.spawn" else (args[1], args[2])
        _check_command(event, [path, *(argv or [])])


def install() -> None:
    """Install the guard in this process (once; audit hooks cannot be removed)."""
    if not getattr(sys, "_helpers_netguard", False):
        sys.addaudithook(_hook)
        sys._helpers_netguard = True  # type: ignore[attr-defined]


if os.environ.get("HELPERS_BLOCK_NETWORK") == "1":
    install()
