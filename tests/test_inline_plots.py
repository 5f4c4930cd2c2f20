"""A reader's own plot displays inline after importing the house style (the package never
switches matplotlib's backend)."""

import os
import sys

import nbformat
from nbclient import NotebookClient


def _kernel_env_without_backend(monkeypatch):
    monkeypatch.delenv("MPLBACKEND", raising=False)  # as in JupyterLab: the inline backend


def test_own_plot_after_importing_style_shows_an_image(monkeypatch, tmp_path):
    _kernel_env_without_backend(monkeypatch)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import matplotlib; print(matplotlib.get_backend())"),
        nbformat.v4.new_code_cell("from helpers import style\nstyle.use()"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2]);"),
    ]
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    assert "inline" in nb.cells[0].outputs[0]["text"], "the kernel should start with the inline backend"
    images = [
        o for o in nb.cells[2].outputs if o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
    ]
    assert images, f"no image output after importing helpers.style: {nb.cells[2].outputs}"


def test_importing_style_does_not_change_the_backend(monkeypatch):
    import subprocess

    monkeypatch.setenv("MPLBACKEND", "svg")
    code = "import matplotlib; from helpers import style; print(matplotlib.get_backend())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), check=True)
    assert out.stdout.strip() == "svg"
