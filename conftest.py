"""Settings for every test run.

- This repository's own ``src/`` goes first on ``sys.path`` and on ``PYTHONPATH`` (absolute), so
  the tests and every notebook kernel they start import this checkout's ``helpers``, never
  another checkout's install.
- Notebook kernels inherit a fixed hash seed, the Agg backend and UTC, as in ``make build``.
- ``tests/netguard`` goes on ``PYTHONPATH`` so that every Python process started by the tests
  (notebook kernels included) has the network blocked, and the guard is installed in the test
  process itself. ``make test`` also runs everything in a network namespace without outside
  interfaces where the platform allows (``tests/netguard/netns.py``).
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
_GUARD = ROOT / "tests" / "netguard"

sys.path[:] = [str(SRC)] + [p for p in sys.path if Path(p or ".").resolve() != SRC]
for name in [m for m in sys.modules if m == "helpers" or m.startswith("helpers.")]:
    if not str(Path(sys.modules[name].__file__ or "").resolve()).startswith(str(SRC)):
        del sys.modules[name]  # imported from elsewhere before this file ran: import again

from helpers.build import kernel_env  # noqa: E402

os.environ.update(kernel_env())
os.environ["HELPERS_BLOCK_NETWORK"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(_GUARD), os.environ.get("PYTHONPATH")) if p)
_spec = importlib.util.spec_from_file_location("helpers_netguard", _GUARD / "sitecustomize.py")
netguard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(netguard)
netguard.install()


@pytest.fixture
def shown_figures(monkeypatch):
    """The figures the code under test shows (``style.show`` captured instead of displayed), in the
    house style; closed afterwards. Shared by the chart tests."""
    import matplotlib.pyplot as plt

    from helpers import style

    figs = []
    monkeypatch.setattr(style, "show", lambda fig, alt: figs.append(fig))
    style.use()
    yield figs
    for fig in figs:
        plt.close(fig)
