"""Block the network in every Python process the tests start (notebook kernels included).

The test run puts this folder on ``PYTHONPATH``; Python imports ``sitecustomize`` at start-up.
Connections and name look-ups are allowed only for the loopback interface, which the Jupyter
kernel protocol needs; anything else raises ``ConnectionRefusedError`` naming the address.
"""

import os
import socket

_LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "", None}


def _is_loopback(host) -> bool:
    return host in _LOOPBACK or (isinstance(host, str) and host.startswith("127."))


if os.environ.get("HELPERS_BLOCK_NETWORK") == "1":
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo

    def _guard(address):
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            raise ConnectionRefusedError(f"network blocked during tests: {address!r}")

    def connect(self, address):
        _guard(address)
        return _connect(self, address)

    def connect_ex(self, address):
        _guard(address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise ConnectionRefusedError(f"network blocked during tests: name look-up of {host!r}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
