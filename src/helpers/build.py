"""Execute the notebooks in reading order and render the site.

``python -m helpers.build`` executes every numbered notebook in ``notebooks/`` top to bottom
(with progress), stores the outputs in place, writes the data dictionary pages from the
catalogue, and with ``--site`` renders the HTML site with Jupyter Book 1.x from the stored
outputs. Execution is made repeatable: a fixed hash seed, no timing metadata, one kernel per
notebook, started in ``notebooks/``. The notebooks are independent of each other, so as many
run at once as the machine has cores (``--jobs`` to choose); they are stored in reading order.
"""

from __future__ import annotations

import argparse
import atexit
import copy
import difflib
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from .nbformat_fix import SolutionCode, solution_code, solution_prose
from .paths import NOTEBOOK_DIR, REPO_ROOT, SRC_DIR

#: The environment every notebook kernel runs with (the tests set the same).
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "TZ": "UTC"}
SITE_DIR = REPO_ROOT / "_build" / "html"

#: Parts of a stored notebook that describe the interpreter, not the notebook: a run under
#: another Python (3.11–3.13) differs here only, so the comparison ignores them.
INTERPRETER_DETAILS = (("language_info", "version"),)


class WrongHelpersError(RuntimeError):
    """A kernel imported ``helpers`` from somewhere other than this repository's ``src/``."""


def kernel_env() -> dict[str, str]:
    """:data:`KERNEL_ENV` plus this repository's ``src/`` first on ``PYTHONPATH``, so that a
    kernel never imports another checkout's ``helpers``."""
    rest = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(SRC_DIR)]
    return {**KERNEL_ENV, "PYTHONPATH": os.pathsep.join([str(SRC_DIR), *rest])}


_ORIGIN_CHECK = "import helpers as _h, pathlib as _p; print(_p.Path(_h.__file__).resolve().parent); del _h, _p"


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) in reading order."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


#: A notebook run that takes longer than this many seconds prints where the time went (kernel
#: start, the slowest cells, shut-down) on stderr: a normal run takes seconds, and a rare run
#: stalled for about ten minutes without an error (see the README), so the next one says where.
SLOW_SECONDS = 120.0


def _now() -> float:
    """The clock run times are measured with (a test replaces it)."""
    return time.perf_counter()


class Phases:
    """Time stamps of one notebook run, set by nbclient's hooks: the kernel ready, each code
    cell sent and answered, the kernel shut down. :meth:`report` names the longest stretches."""

    def __init__(self, clock: Any = None) -> None:
        self.clock = clock or _now
        self.marks: list[tuple[str, float]] = [("start", self.clock())]

    def mark(self, label: str) -> None:
        self.marks.append((label, self.clock()))

    def hooks(self) -> dict[str, Any]:
        """Keyword arguments for :class:`nbclient.NotebookClient` that record the marks."""
        return {
            "on_notebook_start": lambda **_kw: self.mark("kernel ready"),
            "on_cell_execute": lambda cell_index, **_kw: self.mark(f"cell {cell_index} sent"),
            "on_cell_executed": lambda cell_index, **_kw: self.mark(f"cell {cell_index} answered"),
            "on_notebook_complete": lambda **_kw: self.mark("kernel shut down"),
        }

    def stretches(self) -> list[tuple[str, float]]:
        """Each stretch between two marks, named for what happened in it, longest first."""
        named = []
        for (before, t0), (after, t1) in zip(self.marks, self.marks[1:]):
            if after == "kernel ready":
                what = "kernel start"
            elif after.endswith(" answered"):
                what = after.removesuffix(" answered")
            elif after == "kernel shut down":
                what = "kernel shut-down"
            else:
                what = f"between {before} and {after}"
            named.append((what, t1 - t0))
        return sorted(named, key=lambda item: -item[1])

    def report(self, name: str, threshold: float = SLOW_SECONDS, top: int = 3) -> str | None:
        """None for a run within ``threshold`` seconds, else a line naming its longest stretches."""
        total = self.clock() - self.marks[0][1]
        if total <= threshold:
            return None
        longest = "; ".join(f"{what} {seconds:.1f} s" for what, seconds in self.stretches()[:top])
        return f"{name} took {total:.0f} s (a normal run takes seconds); longest: {longest or 'no marks'}"


#: The longest single wait on a kernel channel, in seconds (see :func:`poll_in_slices`).
POLL_SLICE = 1.0


def poll_in_slices(channel: Any, slice_seconds: float = POLL_SLICE) -> Any:
    """Make ``channel.get_msg(timeout)`` wait in slices of at most ``slice_seconds``, asking the
    socket afresh each time, until a message comes or ``timeout`` (``None``: no limit) runs out.

    Why: now and then a run stalled for exactly its cell timeout (600 s) on the cell that shows an
    ipywidgets view, then went on without error - the wake-up for a message already waiting on the
    socket was missed, and the single long poll noticed the message only when its timer fired
    (nbclient issue #312, https://github.com/jupyter/nbclient/issues/312). A fresh poll sees a waiting
    message at once, so a missed wake-up now costs at most one slice. Same results otherwise:
    ``queue.Empty`` once ``timeout`` has passed with no message. Returns ``channel``."""
    from queue import Empty

    get = channel.get_msg

    async def get_msg(timeout: float | None = None) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await get(timeout=slice_seconds if left is None else min(slice_seconds, left))
            except Empty:
                if left is not None and left <= slice_seconds:
                    raise

    channel.get_msg = get_msg
    return channel


class _Client(NotebookClient):
    """nbclient's client with the shell and iopub channels polled in slices (:func:`poll_in_slices`)."""

    async def async_start_new_kernel_client(self) -> Any:
        kc = await super().async_start_new_kernel_client()
        poll_in_slices(kc.shell_channel)
        poll_in_slices(kc.iopub_channel)
        return kc


def _run_in_fresh_kernel(nb: nbformat.NotebookNode, folder: Path, name: str, timeout: int = 600) -> None:
    """Execute ``nb`` in place in a fresh kernel started in ``folder``, with the notebooks' kernel
    environment, no timing metadata and no start-up chatter; a run slower than
    :data:`SLOW_SECONDS` says on stderr where its time went, whether it finished or failed."""
    os.environ.update(kernel_env())
    phases = Phases()
    client = _Client(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,
        allow_errors=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the progress
        **phases.hooks(),
    )
    try:
        client.execute()
    finally:
        slow = phases.report(name)
        if slow:
            print(slow, file=sys.stderr, flush=True)


#: Tags of the exercise-solution cells a checked run appends: nbclient lets a cell tagged
#: ``raises-exception`` fail without stopping the run, so every solution reports its own error.
SOLUTION_TAGS = ("exercise-solution", "raises-exception")

# Run after each solution: the figures it left open (drawn, but not shown with ``style.show``,
# which closes every figure it shows), closed again so that the next solution starts clean.
_OPEN_FIGURES = (
    "import sys as _s; _p = _s.modules.get('matplotlib.pyplot'); print(len(_p.get_fignums()) if _p else 0)\n"
    "_p.close('all') if _p else None; del _s, _p"
)


@dataclass
class SolutionRun:
    """One exercise-solution block run after its notebook's own cells, with what it put out."""

    notebook: str
    solution: SolutionCode
    outputs: list[Any] = field(default_factory=list)
    open_figures: int = 0

    def problems(self) -> list[str]:
        """What a student copying this block would hit, each naming notebook and exercise: an
        error, a warning on stderr, a chart without the alt text ``style.show`` stores, a figure
        drawn but not shown with ``style.show``. Empty when the block runs cleanly."""
        where = f"{self.notebook}, {self.solution.label} (solution in cell {self.solution.cell + 1})"
        found = []
        for out in self.outputs:
            if out.get("output_type") == "error":
                found.append(f"{where}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"{where}: writes to stderr: {' '.join(out.get('text', '').split())[:300]}")
            elif "image/png" in out.get("data", {}) and not out.get("metadata", {}).get("image/png", {}).get("alt"):
                found.append(f"{where}: shows a chart without alt text (draw it with style.show)")
        if self.open_figures:
            found.append(f"{where}: leaves {self.open_figures} figure(s) drawn but not shown with style.show")
        return found


#: The numbers a solution's prose states that are checked against the outputs: a percentage, a
#: decimal, a count "k of n" and a range "a–b" of at most three digits a side (so neither years,
#: "2022–2023", nor identifiers such as "S-300" or "A01–A05").
PROSE_NUMBER = re.compile(r"(?<![\w.–-])(\d+(?:\.\d+)?\s?%|\d+\.\d+|\d+ of \d+|\d{1,3}–\d{1,3})(?![\w.–]*\d)")

#: Numbers a solution's prose may state although no output prints them, each with its reason:
#: ``(notebook, exercise, number) -> reason``. Keep it short; a stale entry fails the tests.
PROSE_NUMBER_EXCUSES: dict[tuple[str, str, str], str] = {
    ("04_israel_balancing.ipynb", "Exercise 4", "0.05"): "the significance threshold the question sets",
}

_OUTPUT_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_STYLE = re.compile(r"<style.*?</style>", re.S | re.I)


def outputs_text(outputs: list[Any]) -> str:
    """All a reader can see of ``outputs`` as text, folded parts included: printed text, plain
    text, tables (HTML without its tags), Markdown and the alt text of charts."""
    import html as _html

    parts = []
    for out in outputs:
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            parts.append(out.get("text", ""))
        data = out.get("data", {})
        for kind in ("text/plain", "text/markdown"):
            if kind in data:
                parts.append(_join_text(data[kind]))
        if "text/html" in data:
            parts.append(_html.unescape(re.sub(r"<[^>]+>", " ", _STYLE.sub(" ", _join_text(data["text/html"])))))
        alt = out.get("metadata", {}).get("image/png", {}).get("alt")
        if alt:
            parts.append(alt)
    return "\n".join(parts)


def stored_outputs_text(nb: nbformat.NotebookNode) -> str:
    """:func:`outputs_text` of every code cell's stored outputs in ``nb``."""
    return outputs_text([o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])])


def _join_text(value: Any) -> str:
    return value if isinstance(value, str) else "".join(value)


def number_supported(number: str, text: str) -> bool:
    """Whether ``text`` backs ``number`` as a solution states it: a count "k of n" or a range
    "a–b" must occur as written; a percentage or decimal must be what some number in ``text``
    gives when rounded to as many decimals as the prose writes (a percentage may also be a
    fraction × 100: "78%" is backed by 77.84, 0.778 or 78.0%)."""
    plain = number.replace(" %", "%")
    if " of " in plain or "–" in plain:
        return re.search(rf"(?<![\w.]){re.escape(plain)}(?![\w.]*\d)", text) is not None
    percent = plain.endswith("%")
    digits = plain.rstrip("%")
    places = len(digits.partition(".")[2])
    target, tolerance = float(digits), 0.5 * 10**-places + 1e-9
    values = {float(v.replace(",", "")) for v in _OUTPUT_NUMBER.findall(text)}
    if percent:
        values |= {v * 100 for v in values if v <= 1}
    return any(abs(v - target) <= tolerance for v in values)


def unsupported_numbers(nb: nbformat.NotebookNode, runs: list[SolutionRun], name: str) -> list[str]:
    """The numbers (:data:`PROSE_NUMBER`) that a folded solution's prose states but neither the
    outputs of that solution's own code (``runs``, from :func:`execute`) nor the notebook's
    stored outputs give, each naming notebook, exercise and number; :data:`PROSE_NUMBER_EXCUSES`
    are left out. Empty when every stated number is backed: a stale model answer is found."""
    stored = stored_outputs_text(nb)
    found = []
    for prose in solution_prose(nb):
        own = outputs_text([o for r in runs if r.solution.exercise == prose.exercise for o in r.outputs])
        for number in PROSE_NUMBER.findall(prose.text):
            if (name, prose.exercise, number.replace(" %", "%")) in PROSE_NUMBER_EXCUSES:
                continue
            if not number_supported(number, own + "\n" + stored):
                found.append(
                    f"{name}, {prose.exercise} (solution in cell {prose.cell + 1}) states {number!r}, "
                    "which neither its code's outputs nor the notebook's outputs give"
                )
    return found


#: Percentages and decimals (and ranges of them, "73–74%") in a notebook's own prose: what
#: :func:`uncited_prose_numbers` checks. Whole numbers are left out (years, counts, article numbers).
_PROSE_FIGURE = re.compile(r"(?<![\w.–-])(\d+(?:\.\d+)?(?:–\d+(?:\.\d+)?)?)(\s?%)?(?![\w.–]*\d)")
_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
#: The closing sections whose numbers are not the notebook's findings (questions, exercises with
#: their own check, readings and sources with their page numbers); prose checks stop at the first.
CLOSING_SECTIONS = ("## Discussion questions", "## Exercises", "## Further reading", "## Sources")


def prose_figures(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """The percentages and decimals a notebook's prose states as its own: ``(cell index, number,
    sentence)`` for every sentence of a Markdown cell before the closing sections
    (:data:`CLOSING_SECTIONS`) that cites no source (a sentence with a link reports a source's
    figure, checked against the source), outside headings, code and folded ``<details>`` blocks."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        text, closing = cell.source, False
        for heading in CLOSING_SECTIONS:
            if heading in text:
                text, closing = text[: text.index(heading)], True
        text = re.sub(r"<details>.*?</details>|```.*?```", " ", text, flags=re.S)
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        for paragraph in re.split(r"\n\s*\n", text):
            for sentence in re.split(r"(?<=[.;:!?])\s+(?=[A-Z*(])", paragraph):
                if _LINK.search(sentence):
                    continue
                for number, percent in _PROSE_FIGURE.findall(sentence):
                    if percent or "." in number:
                        found.append((index, number + percent.strip(), " ".join(sentence.split())))
        if closing:
            break
    return found


def uncited_prose_numbers(nb: nbformat.NotebookNode, name: str) -> list[str]:
    """The percentages and decimals of :func:`prose_figures` that none of the notebook's stored
    outputs gives at the precision the prose writes (a range needs both ends), each naming
    notebook, cell and sentence: a finding restated in prose cannot go stale when the outputs
    change. Empty when every one is backed."""
    stored = stored_outputs_text(nb)
    found = []
    for index, number, sentence in prose_figures(nb):
        percent = "%" if number.endswith("%") else ""
        ends = number.rstrip("%").split("–")
        if not all(number_supported(end + percent, stored) for end in ends):
            found.append(f"{name}, cell {index + 1}: {number!r} in {sentence[:160]!r} is in no output")
    return found


def stale_excuses(nb: nbformat.NotebookNode, name: str) -> list[str]:
    """The entries of :data:`PROSE_NUMBER_EXCUSES` for notebook ``name`` whose number its
    solution no longer states (an excuse must not outlive its number)."""
    stated = {(p.exercise, n.replace(" %", "%")) for p in solution_prose(nb) for n in PROSE_NUMBER.findall(p.text)}
    return [
        f"{nb_name}, {exercise}: excused number {number!r} is no longer stated"
        for (nb_name, exercise, number) in PROSE_NUMBER_EXCUSES
        if nb_name == name and (exercise, number) not in stated
    ]


def execute(path: Path, timeout: int = 600, solutions: list[SolutionRun] | None = None) -> nbformat.NotebookNode:
    """Execute notebook ``path`` in a fresh kernel and return it with its new outputs.

    The kernel must import this repository's ``helpers`` (checked after the run with one extra
    cell that is removed again): otherwise :class:`WrongHelpersError`.

    Given a list as ``solutions``, the same run also checks the exercise solutions: the Python
    blocks of the folded solutions (:func:`helpers.nbformat_fix.solution_code`) run after the
    notebook's own cells, in the same kernel, as a student pastes them, each in a cell tagged
    :data:`SOLUTION_TAGS`; one :class:`SolutionRun` per block is appended to the list, and the
    cells are removed again, so the notebook returned is the notebook's own run, unchanged."""
    from nbformat.v4 import new_code_cell

    nb = nbformat.read(path, as_version=4)
    own = len(nb.cells)
    blocks = solution_code(nb) if solutions is not None else []
    for block in blocks:
        nb.cells.append(new_code_cell(block.code, metadata={"tags": list(SOLUTION_TAGS)}))
        nb.cells.append(new_code_cell(_OPEN_FIGURES, metadata={"tags": list(SOLUTION_TAGS)}))
    nb.cells.append(new_code_cell(_ORIGIN_CHECK))
    try:
        _run_in_fresh_kernel(nb, path.parent, path.name, timeout)
    finally:
        check = nb.cells.pop()
        added = nb.cells[own:]
        del nb.cells[own:]
    origin = _stdout(check)
    expected = SRC_DIR / "helpers"
    if origin != str(expected):
        raise WrongHelpersError(
            f"{path.name}: the kernel imported helpers from {origin or '(nothing)'}, not from this "
            f"repository ({expected}). Another checkout's install is shadowing it: run `make clean` "
            "and then `make build` (or `make test`) again in this folder."
        )
    if solutions is not None:
        for block, cell, probe in zip(blocks, added[0::2], added[1::2]):
            figures = _stdout(probe)
            solutions.append(
                SolutionRun(path.name, block, list(cell.outputs), int(figures) if figures.isdigit() else 0)
            )
    merge_streams(nb)
    attach_alt_text(nb)
    scrub_widgets(nb)
    return nb


def _stdout(cell: Any) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout").strip()


def merge_streams(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Join consecutive stream outputs of one cell and one stream (stdout, stderr) into one output,
    as JupyterLab shows them: how a kernel splits printed text into messages depends on flush
    timing (a busy machine splits one ``print`` into two), so the stored outputs must not."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged: list[Any] = []
        for out in cell.get("outputs", []):
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and out.get("output_type") == "stream"
                and prev.get("output_type") == "stream"
                and prev.get("name") == out.get("name")
            ):
                prev["text"] = prev.get("text", "") + out.get("text", "")
            else:
                merged.append(out)
        cell["outputs"] = merged
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


def default_jobs() -> int:
    """How many notebooks run at once by default: one per core."""
    return max(1, os.cpu_count() or 1)


def execute_many(
    paths: list[Path], jobs: int | None = None, solutions: dict[Path, list[SolutionRun]] | None = None
) -> Iterator[tuple[Path, nbformat.NotebookNode | BaseException, float]]:
    """Execute ``paths`` with up to ``jobs`` kernels at once (default :func:`default_jobs`).

    Yields ``(path, notebook or the exception its run raised, seconds)`` in the order of
    ``paths``, each as soon as it and the ones before it are done. Every notebook gets its own
    fresh kernel, exactly as :func:`execute` runs it alone, so the outputs do not depend on
    ``jobs``. Given a dict as ``solutions``, each run also checks the notebook's exercise
    solutions (see :func:`execute`) and stores their runs under its path."""
    runs = {path: solutions.setdefault(path, []) for path in paths} if solutions is not None else {}

    def run(path: Path) -> tuple[nbformat.NotebookNode | BaseException, float]:
        start = time.perf_counter()
        try:
            return execute(path, solutions=runs.get(path)), time.perf_counter() - start
        except Exception as exc:  # handed to the caller with its notebook
            return exc, time.perf_counter() - start

    workers = max(1, min(jobs or default_jobs(), len(paths) or 1))
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(run, path) for path in paths]
        for path, future in zip(paths, futures):
            yield (path, *future.result())
    finally:  # a caller that stops early (a failed notebook) does not start the rest
        pool.shutdown(wait=True, cancel_futures=True)


def run_all(paths: list[Path], jobs: int | None = None) -> None:
    """Execute and store each notebook (several at once, see :func:`execute_many`), printing
    progress in reading order; stop at the first that fails."""
    total = len(paths)
    workers = max(1, min(jobs or default_jobs(), total or 1))
    print(f"executing {total} notebook(s), {workers} at a time", flush=True)
    for n, (path, nb, seconds) in enumerate(execute_many(paths, workers), start=1):
        print(f"[{n}/{total}] {path.relative_to(REPO_ROOT)} …", end=" ", flush=True)
        if isinstance(nb, BaseException):
            print("failed", flush=True)
            raise nb
        try:
            nbformat.write(nb, path)
        except PermissionError:
            raise SystemExit(
                f"\ncannot store the outputs: {path} is read-only. Make the notebooks folder "
                "writable (or work in a copy of the repository) and run the build again."
            ) from None
        print(f"done in {seconds:.1f} s", flush=True)


def _without_interpreter_details(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for section, key in INTERPRETER_DETAILS:
        nb.metadata.get(section, {}).pop(key, None)
    return nb


_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")


def _describe_text(old: str, new: str) -> str:
    old_numbers, new_numbers = _NUMBER.findall(old), _NUMBER.findall(new)
    lines = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), "stored", "fresh", n=0, lineterm="")
        if not line.startswith(("---", "+++", "@@"))
    ]
    shown = "\n".join(f"        {line[:160]}" for line in lines[:8]) + ("\n        …" if len(lines) > 8 else "")
    changed = [f"{a} → {b}" for a, b in zip(old_numbers, new_numbers) if a != b]
    numbers = f"; numbers: {', '.join(changed[:10])}" if changed and len(old_numbers) == len(new_numbers) else ""
    return f"text changed{numbers}\n{shown}"


def _changed_pixels(diff: Any) -> int:
    raw = diff.tobytes()  # RGBA: four bytes per pixel
    return sum(1 for k in range(0, len(raw), 4) if raw[k : k + 4] != b"\0\0\0\0")


def _describe_image(old: str, new: str) -> str:
    import base64
    import io

    from PIL import Image, ImageChops

    a = Image.open(io.BytesIO(base64.b64decode(old))).convert("RGBA")
    b = Image.open(io.BytesIO(base64.b64decode(new))).convert("RGBA")
    if a.size != b.size:
        return f"image changed size: {a.size[0]}×{a.size[1]} → {b.size[0]}×{b.size[1]} px"
    diff = ImageChops.difference(a, b)
    box = diff.getbbox(alpha_only=False)
    if box is None:
        return "image bytes differ, pixels identical (PNG encoding changed)"
    changed = _changed_pixels(diff.crop(box))
    share = 100 * changed / (a.size[0] * a.size[1])
    return (
        f"image changed: {changed} px ({share:.2f}%) differ inside the box "
        f"x {box[0]}–{box[2]}, y {box[1]}–{box[3]} of {a.size[0]}×{a.size[1]} px"
    )


def _output_text(out: Any) -> dict[str, str]:
    if out.get("output_type") == "stream":
        return {f"stream {out.get('name')}": out.get("text", "")}
    if out.get("output_type") == "error":
        return {"error": f"{out.get('ename')}: {out.get('evalue')}"}
    return {
        mime: value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        for mime, value in out.get("data", {}).items()
    }


def compare(stored: nbformat.NotebookNode, fresh: nbformat.NotebookNode, name: str = "notebook") -> list[str]:
    """What differs between a stored notebook and a fresh run of it, in words: which cell, which
    output, which numbers or which image (pixels, region). Interpreter details are ignored.
    An empty list means the stored notebook is current, byte for byte."""
    a, b = _without_interpreter_details(stored), _without_interpreter_details(fresh)
    if nbformat.writes(a) == nbformat.writes(b):
        return []
    found: list[str] = []
    if len(a.cells) != len(b.cells):
        found.append(f"{name}: {len(a.cells)} cells stored, {len(b.cells)} after a fresh run")
    for i, (ca, cb) in enumerate(zip(a.cells, b.cells), start=1):
        first = (ca.source.splitlines() or [""])[0][:60]
        where = f"{name}, cell {i} ({ca.cell_type}: `{first}`)"
        if ca.source != cb.source:
            found.append(f"{where}: source differs")
        if ca.get("metadata") != cb.get("metadata"):
            found.append(f"{where}: cell metadata differs: {dict(ca.metadata)} → {dict(cb.metadata)}")
        if ca.cell_type != "code":
            continue
        if ca.get("execution_count") != cb.get("execution_count"):
            found.append(f"{where}: execution count {ca.execution_count} → {cb.execution_count}")
        oa, ob = ca.get("outputs", []), cb.get("outputs", [])
        if len(oa) != len(ob):
            found.append(f"{where}: {len(oa)} output(s) stored, {len(ob)} fresh")
        for j, (x, y) in enumerate(zip(oa, ob), start=1):
            tx, ty = _output_text(x), _output_text(y)
            for mime in sorted(set(tx) | set(ty)):
                if tx.get(mime) == ty.get(mime):
                    continue
                label = f"{where}, output {j} {mime}"
                if mime not in tx or mime not in ty:
                    found.append(f"{label}: {'added' if mime in ty else 'gone'} in the fresh run")
                elif mime.startswith("image/png"):
                    found.append(f"{label}: {_describe_image(tx[mime], ty[mime])}")
                else:
                    found.append(f"{label}: {_describe_text(tx[mime], ty[mime])}")
            if x.get("metadata") != y.get("metadata"):
                found.append(f"{where}, output {j}: output metadata (alt text) differs")
    if not found:
        keys = sorted(set(a.metadata) | set(b.metadata))
        changed = [k for k in keys if a.metadata.get(k) != b.metadata.get(k)]
        found.append(f"{name}: notebook metadata differs in {changed or 'formatting'}")
    return found


#: What every notebook imports before it reads any data: the floor its run time is measured against.
FLOOR_CODE = "import pandas, matplotlib.pyplot, seaborn, networkx, helpers"

#: Prepended by ``bench(split=True)``: every chart is built and checked for its title, source
#: line, axis labels, type size and alt text as usual but never laid out or drawn
#: (``style.png_bytes`` returns no bytes; the tick-label overlap check, which needs the drawn
#: labels, is skipped), so the run shows what a notebook costs beyond the floor apart from drawing.
NO_DRAW_CODE = (
    "import helpers.style as _s\n"
    "_s.png_bytes = lambda fig: b''\n"
    "_s.overlapping_tick_labels = lambda fig, drawn=False: []\n"
    "del _s"
)


def _timed(nb: nbformat.NotebookNode, folder: Path, name: str = "floor") -> float:
    start = _now()
    _run_in_fresh_kernel(nb, folder, name)
    return _now() - start


def chart_count(nb: nbformat.NotebookNode) -> int:
    """How many charts (PNG outputs) ``nb``'s stored outputs hold: most of a notebook's run time
    beyond the import floor is drawing them."""
    return sum(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


def no_draw(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose charts are built but not drawn (:data:`NO_DRAW_CODE` first)."""
    from nbformat.v4 import new_code_cell

    out = copy.deepcopy(nb)
    out.cells.insert(0, new_code_cell(NO_DRAW_CODE))
    return out


def bench(
    paths: list[Path] | None = None, jobs: int | None = None, repeat: int = 1, split: bool = False
) -> dict[str, tuple[float, float]]:
    """Print each notebook's cold execution time (fresh kernel, nothing stored) beside the import
    floor: a fresh kernel that only imports pandas, matplotlib, seaborn, networkx and helpers,
    timed right before each notebook so that both see the same machine load. With ``repeat`` > 1
    each pair is timed that many times and the medians are printed (single runs vary by about a
    fifth on a shared machine). Then time the whole collection as the build runs it (``jobs``
    notebooks at once, nothing stored). With ``split``, each notebook is also timed with its charts
    built but not drawn (:func:`no_draw`): the difference is what drawing costs. A benchmark, not a
    test: the numbers depend on the machine and on what else it is doing."""
    from nbformat.v4 import new_code_cell, new_notebook

    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, not {repeat}")
    paths = paths or notebooks()
    runs = f" (median of {repeat})" if repeat > 1 else ""
    extra = f" {'no-draw s':>10} {'x floor':>8}" if split else ""
    print(f"{'notebook' + runs:<34} {'cold s':>7} {'floor s':>8} {'x floor':>8} {'charts':>7}{extra}", flush=True)
    times: dict[str, tuple[float, float]] = {}
    for path in paths:
        stored = nbformat.read(path, as_version=4)
        charts = chart_count(stored)
        pairs, bare = [], []
        for _ in range(repeat):
            floor = _timed(new_notebook(cells=[new_code_cell(FLOOR_CODE)]), NOTEBOOK_DIR)
            pairs.append((_timed(copy.deepcopy(stored), path.parent, path.name), floor))  # each run on a fresh copy
            if split:
                bare.append(_timed(no_draw(stored), path.parent, path.name))
        seconds, floor = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        times[path.name] = (seconds, floor)
        row = f"{path.name:<34} {seconds:7.1f} {floor:8.1f} {seconds / floor:8.2f} {charts:7d}"
        if split:
            undrawn = statistics.median(bare)
            row += f" {undrawn:10.1f} {undrawn / floor:8.2f}"
        print(row, flush=True)
    total = sum(t for t, _ in times.values())
    print(f"{'collection, one after another':<34} {total:7.1f} {sum(f for _, f in times.values()):8.1f}")
    workers = max(1, min(jobs or default_jobs(), len(paths)))
    start = time.perf_counter()
    for _path, result, _seconds in execute_many(paths, workers):
        if isinstance(result, BaseException):
            raise result
    label = f"collection, {workers} at a time (wall)"
    print(f"{label:<34} {time.perf_counter() - start:7.1f}", flush=True)
    return times


#: Sites rendered by this process: inputs key → a pristine copy of the rendered HTML folder.
_RENDERED: dict[str, Path] = {}


def site_inputs_key(roots: tuple[Path, ...] = (NOTEBOOK_DIR, SRC_DIR)) -> str:
    """A hash of every file the site is rendered from (the notebooks folder with its pages,
    configuration and extensions, and the package), build outputs and caches aside."""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(root.rglob("*")):
            parts = path.relative_to(root).parts
            if path.is_file() and not {"_build", "__pycache__", ".ipynb_checkpoints"} & set(parts):
                h.update(f"{root.name}/{'/'.join(parts)}".encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build_site(output: Path = REPO_ROOT, write_dictionary: bool = True) -> Path:
    """Render the site from the stored outputs with Jupyter Book 1.x into ``output/_build/html``
    (warnings are errors); return the index page.

    Rendering is deterministic, so a second call in the same process with unchanged inputs
    (:func:`site_inputs_key`) copies the first rendering instead of rendering again (the tests
    of the site, its citations and the browser checks each get their own copy)."""
    from . import seminar
    from .catalogue_page import write_data_dictionary

    if write_dictionary:  # the generated pages (tests check that the committed ones are current)
        write_data_dictionary()
        seminar.write()
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(NOTEBOOK_DIR),
        "--path-output",
        str(output),
        "--all",
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    html = Path(output) / "_build" / "html"
    key = site_inputs_key()
    if key in _RENDERED and (_RENDERED[key] / "index.html").exists():
        print(f"the site's inputs are unchanged since it was rendered: copying it to {html}", flush=True)
        shutil.copytree(_RENDERED[key], html, dirs_exist_ok=True)
        return html / "index.html"
    print("rendering the site: jupyter-book", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, check=True, env={**os.environ, **kernel_env()})
    if key == site_inputs_key():  # nothing changed the inputs while rendering
        pristine = Path(tempfile.mkdtemp(prefix="site-")) / "html"
        atexit.register(shutil.rmtree, pristine.parent, True)
        shutil.copytree(html, pristine)
        _RENDERED[key] = pristine
    return html / "index.html"


def regenerate_pages(paths: list[Path]) -> None:
    """After executing: restate each notebook's house form and reading time (computed from the
    fresh outputs) and rewrite the pages generated from the notebooks and the catalogue (the
    seminar pack and API page, the source rubric, the data dictionary), so none is left stale."""
    from . import nbformat_fix, seminar
    from . import sources as src
    from .catalogue_page import write_data_dictionary

    print("restating the notebooks' form and regenerating the generated pages …", flush=True)
    nbformat_fix.main([str(p) for p in paths])
    seminar.write()
    src.main(["rubric"])
    write_data_dictionary()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="store_true", help="also render the HTML site")
    parser.add_argument(
        "--bench",
        action="store_true",
        help="only time each notebook's cold run beside the import floor (nothing stored)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="with --bench: time each notebook and its floor this many times and print the medians",
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="with --bench: also time each notebook with its charts built but not drawn",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help=f"how many notebooks to execute at once (default: one per core, here {default_jobs()})",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="only these notebooks")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebooks()
    if args.bench:
        bench(paths, args.jobs, args.repeat, args.split)
        return 0
    from .data import check_all

    print("validating data/ against the catalogue (once per content) …", end=" ", flush=True)
    check_all(stamp_dir=REPO_ROOT / "_build" / "validated")
    print("ok", flush=True)
    run_all(paths, args.jobs)
    regenerate_pages(notebooks())
    if args.site:
        index = build_site()
        print(
            f"\nThe site is ready: {index}\nOpen it in a browser, or serve it with: "
            f"python -m http.server -d {SITE_DIR.relative_to(REPO_ROOT)} 8000"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
