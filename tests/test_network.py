"""Nothing touches the network at test time: the test process and its kernels are guarded."""

import socket
import subprocess
import sys

import pytest


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")
def test_test_process_cannot_connect_out():
    with pytest.raises(Exception, match="(?i)block|refused|tried to use socket"):
        socket.create_connection(("93.184.216.34", 80), timeout=2)


def test_child_processes_cannot_connect_out():
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('93.184.216.34', 80), timeout=2)\n"
        "except ConnectionRefusedError as e:\n"
        "    print('blocked:', e)\n"
        "try:\n"
        "    socket.getaddrinfo('example.org', 443)\n"
        "except ConnectionRefusedError as e:\n"
        "    print('blocked:', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.count("blocked: network blocked during tests") == 2


def test_loopback_stays_open():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=2)
    client.close()
    server.close()
