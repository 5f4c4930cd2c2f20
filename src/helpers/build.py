"""Execute the notebooks in reading order and render the site.

``python -m helpers.build`` executes every numbered notebook in ``notebooks/`` top to bottom
(with progress), stores the outputs in place, writes the data dictionary page from the
catalogue, and with ``--site`` renders the HTML site with Jupyter Book 1.x from the stored
outputs. Execution is made repeatable: a fixed hash seed, no timing metadata, one kernel per
notebook, started in ``notebooks/``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .paths import NOTEBOOK_DIR, REPO_ROOT

#: The environment every notebook kernel runs with (the tests set the same).
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "TZ": "UTC"}
SITE_DIR = REPO_ROOT / "_build" / "html"


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) in reading order."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute notebook ``path`` in a fresh kernel and return it with its new outputs."""
    os.environ.update(KERNEL_ENV)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        allow_errors=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the progress
    )
    client.execute()
    attach_alt_text(nb)
    scrub_widgets(nb)
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def scrub_widgets(nb: nbformat.NotebookNode) -> None:
    """Drop live-widget state (random model ids, different on every run) from ``nb``.

    A widget only works with a running kernel; the stored notebook keeps its plain-text
    description, and every result a reader needs is also shown as a static chart or table.
    This keeps the stored notebook identical from one build to the next.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if WIDGET_VIEW in out.get("data", {}):
                out["data"].pop(WIDGET_VIEW)


def attach_alt_text(nb: nbformat.NotebookNode) -> None:
    """Copy each image output's alt text into its cell's ``mystnb.image.alt`` metadata.

    MyST-NB reads image options (alt text among them) from cell metadata only; ``style.show``
    stores the alt text with the output, so the build copies it across. One chart per cell.
    """
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        alts = [
            out.get("metadata", {}).get("image/png", {}).get("alt")
            for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})
        ]
        alts = [a for a in alts if a]
        mystnb = cell.metadata.get("mystnb", {})
        if alts:
            mystnb.setdefault("image", {})["alt"] = " / ".join(alts)
            cell.metadata["mystnb"] = mystnb
        elif "image" in mystnb:
            mystnb.pop("image")
            if not mystnb:
                cell.metadata.pop("mystnb")


def run_all(paths: list[Path]) -> None:
    """Execute and store each notebook, printing progress."""
    total = len(paths)
    for n, path in enumerate(paths, start=1):
        print(f"[{n}/{total}] executing {path.relative_to(REPO_ROOT)} …", end=" ", flush=True)
        start = time.perf_counter()
        nb = execute(path)
        nbformat.write(nb, path)
        print(f"done in {time.perf_counter() - start:.1f} s", flush=True)


#: What every notebook imports before it reads any data: the floor its run time is measured against.
FLOOR_CODE = "import pandas, matplotlib.pyplot, seaborn, networkx, helpers"


def _timed(nb: nbformat.NotebookNode, folder: Path) -> float:
    os.environ.update(KERNEL_ENV)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}},
        record_timing=False, allow_errors=False, extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def bench(paths: list[Path] | None = None, repeat: int = 1) -> dict[str, float]:
    """Print each notebook's cold execution time (fresh kernel, nothing stored) beside the import
    floor (a fresh kernel that only imports pandas, matplotlib, seaborn, networkx and helpers).
    A benchmark, not a test: the numbers depend on the machine and its load."""
    from nbformat.v4 import new_code_cell, new_notebook

    paths = paths or notebooks()
    floor = min(_timed(new_notebook(cells=[new_code_cell(FLOOR_CODE)]), NOTEBOOK_DIR) for _ in range(repeat))
    print(f"{'notebook':<34} {'cold s':>7} {'floor s':>8} {'× floor':>8}")
    times: dict[str, float] = {"floor": floor}
    for path in paths:
        seconds = min(_timed(nbformat.read(path, as_version=4), path.parent) for _ in range(repeat))
        times[path.name] = seconds
        print(f"{path.name:<34} {seconds:7.1f} {floor:8.1f} {seconds / floor:8.2f}", flush=True)
    total = sum(v for k, v in times.items() if k != "floor")
    print(f"{'collection':<34} {total:7.1f}")
    return times


def build_site(output: Path = REPO_ROOT, write_dictionary: bool = True) -> Path:
    """Render the site from the stored outputs with Jupyter Book 1.x into ``output/_build/html``
    (warnings are errors); return the index page."""
    from . import seminar
    from .catalogue_page import write_data_dictionary

    if write_dictionary:  # the generated pages (tests check that the committed ones are current)
        write_data_dictionary()
        seminar.write()
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")), "build", str(NOTEBOOK_DIR),
        "--path-output", str(output), "--all", "--warningiserror", "--nitpick", "--keep-going",
    ]
    print("rendering the site: jupyter-book", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, check=True, env={**os.environ, **KERNEL_ENV})
    return Path(output) / "_build" / "html" / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="store_true", help="also render the HTML site")
    parser.add_argument("notebooks", nargs="*", type=Path, help="only these notebooks")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebooks()
    run_all(paths)
    if args.site:
        index = build_site()
        print(f"\nThe site is ready: {index}\nOpen it in a browser, or serve it with: "
              f"python -m http.server -d {SITE_DIR.relative_to(REPO_ROOT)} 8000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
