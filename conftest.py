"""Settings for every test run (unit tests and nbval alike).

- Notebook kernels inherit a fixed hash seed, the Agg backend and UTC, as in ``make build``.
- ``tests/netguard`` goes on ``PYTHONPATH`` so that every Python process started by the tests
  (notebook kernels included) has the network blocked; the test process itself is guarded by
  pytest-socket (``--allow-hosts`` loopback only, set in ``pyproject.toml``).
"""

import os
from pathlib import Path

from helpers.build import KERNEL_ENV

_GUARD = str(Path(__file__).parent / "tests" / "netguard")
os.environ.update(KERNEL_ENV)
os.environ["HELPERS_BLOCK_NETWORK"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_GUARD, os.environ.get("PYTHONPATH")) if p)
