"""Nothing touches the network at test time. Every way out named in the guard is tried, in the
test process and in a child process (as in a notebook kernel), and each must be refused; the
loopback interface the kernel protocol needs stays open."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = ("192.0.2.1", 80)  # TEST-NET-1: never a real host

ATTEMPTS = {
    "connect": "import socket; socket.create_connection(('192.0.2.1', 80), timeout=2)",
    "connect_ex": "import socket; s = socket.socket(); s.settimeout(2); print(s.connect_ex(('192.0.2.1', 80)))",
    "getaddrinfo": "import socket; socket.getaddrinfo('example.org', 443)",
    "gethostbyname": "import socket; socket.gethostbyname('example.org')",
    "gethostbyname_ex": "import socket; socket.gethostbyname_ex('example.org')",
    "gethostbyaddr": "import socket; socket.gethostbyaddr('192.0.2.1')",
    "udp-sendto": "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('192.0.2.1', 53))",
    "_socket-connect": "import _socket; s = _socket.socket(); s.settimeout(2); s.connect(('192.0.2.1', 80))",
    "name-starting-127": "import socket; socket.create_connection(('127.0.0.1.nip.io', 80), timeout=2)",
    "subprocess-curl": "import subprocess; subprocess.run(['curl', '-s', 'http://192.0.2.1'], timeout=5)",
    "shell-curl": "import os; os.system('curl -s http://192.0.2.1')",
    "urllib": "import urllib.request; urllib.request.urlopen('http://192.0.2.1', timeout=2)",
}


def _child(code):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "netguard"), str(ROOT / "src")])}
    env["HELPERS_BLOCK_NETWORK"] = "1"
    wrapped = (
        "import sys\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "except Exception as exc:\n"
        "    print('REFUSED', type(exc).__name__, exc)\n"
        "    sys.exit(0)\n"
        "print('GOT THROUGH')\n"
    )
    return subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("way", sorted(ATTEMPTS))
def test_child_processes_refuse_every_way_out(way):
    result = _child(ATTEMPTS[way])
    assert "REFUSED" in result.stdout and "network blocked during tests" in result.stdout, (
        way,
        result.stdout,
        result.stderr,
    )


@pytest.mark.parametrize(
    "way", ["connect", "gethostbyname", "udp-sendto", "_socket-connect", "name-starting-127", "subprocess-curl"]
)
def test_test_process_refuses_too(way):
    with pytest.raises(ConnectionRefusedError, match="network blocked during tests"):
        exec(ATTEMPTS[way], {})


def test_loopback_stays_open():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=2)
    client.close()
    server.close()


def test_loopback_rule_is_literal():
    from conftest import netguard

    assert netguard.is_loopback("127.0.0.1") and netguard.is_loopback("::1") and netguard.is_loopback("localhost")
    assert not netguard.is_loopback("127.0.0.1.nip.io") and not netguard.is_loopback("127.evil.example")
    assert not netguard.is_loopback("192.0.2.1")


def test_a_notebook_kernel_refuses_curl_and_sockets():
    """A kernel started the way the tests start notebooks: `!curl` and a socket both refused."""
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(
        cells=[
            new_code_cell("!curl -s --max-time 3 http://192.0.2.1 ; echo exit=$?"),
            new_code_cell(
                "import socket\ntry:\n    socket.gethostbyname('example.org')\n"
                "except OSError as e:\n    print('refused:', e)"
            ),
            new_code_cell("import helpers, pathlib; print(pathlib.Path(helpers.__file__).resolve())"),
        ]
    )
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute()
    texts = ["".join(o.get("text", "") + str(o.get("evalue", "")) for o in c.outputs) for c in nb.cells]
    assert "network blocked during tests: os.exec runs curl" in texts[0], texts[0]
    assert "refused: network blocked during tests" in texts[1], texts[1]
    assert texts[2].strip() == str(ROOT / "src" / "helpers" / "__init__.py"), texts[2]


def test_network_namespace_when_the_platform_allows():
    """Under `make test` on Linux with unprivileged namespaces, the test process has no
    interface but loopback (the guard above is the fallback elsewhere)."""
    if os.environ.get("HELPERS_NETNS") != "1":
        pytest.skip("not running in a network namespace (no unshare -rn here, or pytest run directly)")
    assert [name for _, name in socket.if_nameindex()] == ["lo"]
