"""Put every notebook into the form that reads the same in JupyterLab, on GitHub and on the site.

``python -m helpers.nbformat_fix notebooks/*.ipynb`` rewrites the notebooks in place (running it
twice changes nothing; ``--check`` only reports). It

* turns folded MyST blocks (``:::{admonition} Solution`` with ``:class: dropdown``,
  ``:::{dropdown}``) into HTML ``<details><summary>…</summary> … </details>``, which folds in
  JupyterLab, on GitHub and on the site alike (MyST passes the HTML through and parses the
  Markdown inside it);
* tags every code cell ``hide-input``: the site folds the code (a click shows it), JupyterLab
  ignores the tag and shows it. A cell tagged ``show-input`` or ``remove-input`` is left alone;
* writes learning objectives run together in one paragraph as a numbered list;
* sets the kernel metadata exactly as JupyterLab writes it, so that opening, running and saving a
  notebook leaves it unchanged;
* writes the header's reading time, computed by :func:`reading_minutes` from what a reader sees
  unfolded (Markdown and text or table outputs outside ``<details>``) at 200 words a minute.

:func:`solution_code` reads the Python blocks of the folded exercise solutions, which students copy
into JupyterLab; the tests run them after the notebook's own cells (``helpers.build.execute``).
:func:`solution_prose` reads the solutions' words, whose numbers the tests compare with the outputs.

:func:`problems` lists what a notebook still lacks; ``tests/test_nbformat_fix.py`` runs it over
every notebook.
"""

from __future__ import annotations

import argparse
import copy
import html
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

#: Kernel metadata as JupyterLab 4 with ipykernel writes it on save.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
WORDS_PER_MINUTE = 200
MAX_READING_MINUTES = 25
HIDE = "hide-input"
_KEEP_VISIBLE = {"show-input", "remove-input", "remove-cell"}

# A colon fence (3+ colons) opening a folded block; the closing fence has the same colons.
_FENCE = re.compile(
    r"^(?P<colons>:{3,})\{(?P<name>admonition|dropdown)\}[ \t]*(?P<title>[^\n]*)\n"
    r"(?P<opts>(?:[ \t]*:[a-z-]+:[^\n]*\n)*)"
    r"(?P<body>.*?)\n?^(?P=colons)[ \t]*$",
    re.S | re.M,
)
_DETAILS = re.compile(r"<details\b.*?</details>", re.S | re.I)
_READING = re.compile(r"\*\*Reading time[^*]*\*\*:?[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*")
_STATED = re.compile(r"\*\*Reading time[^*]*\*\*:?\s*about (\d+) minutes?")
_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")


def _folded(match: re.Match) -> str | None:
    """The ``<details>`` form of one fenced block, or None when the block does not fold."""
    opts = match.group("opts")
    dropdown = match.group("name") == "dropdown" or re.search(r":class:[^\n]*\bdropdown\b", opts)
    if not dropdown:
        return None
    title = match.group("title").strip() or ("Solution" if match.group("name") == "admonition" else "Details")
    body = match.group("body").strip("\n")
    body = _FENCE.sub(_replace, body)  # nested folded blocks
    return f"<details>\n<summary>{html.escape(title, quote=False)}</summary>\n\n{body}\n\n</details>"


def _replace(match: re.Match) -> str:
    folded = _folded(match)
    return folded if folded is not None else match.group(0)


def fold_markdown(text: str) -> str:
    """``text`` with every folded MyST block written as HTML ``<details>``."""
    return _FENCE.sub(_replace, text)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _visible_markdown(text: str) -> str:
    text = _READING.sub(" ", _DETAILS.sub(" ", text))  # the reading-time line itself is not counted
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # link targets are not read
    return text


def _visible_html(text: str) -> str:
    text = _DETAILS.sub(" ", text)
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _join(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def output_text(output: dict) -> str:
    """What a reader sees of one output as text: tables, Markdown, plain text; not images."""
    kind = output.get("output_type")
    if kind == "stream":
        return _join(output.get("text", "")) if output.get("name") == "stdout" else ""
    if kind not in ("display_data", "execute_result"):
        return ""
    data = output.get("data", {})
    if "text/html" in data:
        return _visible_html(_join(data["text/html"]))
    if "text/markdown" in data:
        return _visible_markdown(_join(data["text/markdown"]))
    if any(k.startswith("image/") for k in data) or "application/vnd.jupyter.widget-view+json" in data:
        return ""
    return _join(data.get("text/plain", ""))


def visible_words(nb: nbformat.NotebookNode) -> int:
    """Words a reader of the site sees unfolded: Markdown and text/table outputs outside
    ``<details>``; code (folded on the site) and images are not counted."""
    total = 0
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type == "markdown":
            total += _words(_visible_markdown(cell.source))
        elif cell.cell_type == "code" and not tags & {"remove-output", "remove-cell", "hide-output"}:
            total += sum(_words(output_text(o)) for o in cell.get("outputs", []))
    return total


def reading_minutes(nb: nbformat.NotebookNode) -> int:
    """Reading time in whole minutes (rounded up) at 200 words a minute."""
    return max(1, math.ceil(visible_words(nb) / WORDS_PER_MINUTE))


def reading_line(minutes: int) -> str:
    return (
        f"**Reading time:** about {minutes} minutes (the text and tables shown unfolded, at "
        f"{WORDS_PER_MINUTE} words a minute; folded code, solutions and full tables come on top)."
    )


def stated_minutes(nb: nbformat.NotebookNode) -> int | None:
    """The reading time the header (first cell) states, or None."""
    match = _STATED.search(nb.cells[0].source) if nb.cells else None
    return int(match.group(1)) if match else None


_OBJECTIVES = re.compile(r"(\*\*Learning objectives[^*]*\*\*)(.*?)(?=\n[ \t]*\n|\Z)", re.S)


def list_objectives(text: str) -> str:
    """Write learning objectives run together in one paragraph ("…: 1. a; 2. b") as a list."""

    def split(match: re.Match) -> str:
        body = match.group(2)
        if re.search(r"(?m)^\s*1\.\s", body) or not re.search(r":\s+1\.\s", body):
            return match.group(0)  # already a list, or not numbered
        joined = " ".join(body.split())
        head, _, items = joined.partition(" 1. ")
        parts = re.split(r"(?<=[;.])\s+(?:and\s+)?(?=\d+\.\s)", "1. " + items)
        return match.group(1) + " " + head.strip() + "\n" + "\n".join(parts)

    return _OBJECTIVES.sub(split, text, count=1)


def fix(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` in the house form (see the module's docstring)."""
    nb = copy.deepcopy(nb)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {**LANGUAGE_INFO, **({"version": info["version"]} if "version" in info else {})}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = fold_markdown(cell.source)
        elif cell.cell_type == "code":
            tags = list(cell.metadata.get("tags", []))
            if HIDE not in tags and not set(tags) & _KEEP_VISIBLE:
                cell.metadata["tags"] = tags + [HIDE]
    if nb.cells and nb.cells[0].cell_type == "markdown":
        nb.cells[0].source = list_objectives(nb.cells[0].source)
    if nb.cells and nb.cells[0].cell_type == "markdown" and _READING.search(nb.cells[0].source):
        nb.cells[0].source = _READING.sub(reading_line(reading_minutes(nb)), nb.cells[0].source, count=1)
    return nb


def problems(nb: nbformat.NotebookNode, name: str = "notebook") -> list[str]:
    """What keeps ``nb`` from the house form (empty when it conforms)."""
    found = []
    if nb.metadata.get("kernelspec") != KERNELSPEC:
        found.append(f"{name}: kernelspec is {nb.metadata.get('kernelspec')}, not {KERNELSPEC}")
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and fold_markdown(cell.source) != cell.source:
            found.append(f"{name}: cell {n} has a folded MyST block that JupyterLab shows unfolded")
        if cell.cell_type == "markdown" and cell.source.count("<details") != cell.source.count("</details>"):
            found.append(f"{name}: cell {n} has an unclosed <details>")
        if cell.cell_type == "code":
            tags = set(cell.metadata.get("tags", []))
            if HIDE not in tags and not tags & _KEEP_VISIBLE:
                found.append(f"{name}: code cell {n} is not tagged {HIDE}")
    stated, computed = stated_minutes(nb), reading_minutes(nb)
    if stated != computed:
        found.append(f"{name}: header states reading time {stated}, computed {computed} minutes")
    return found


#: Fence languages of a solution block a student runs in the notebook's kernel.
PYTHON_FENCES = frozenset({"python", "python3", "py", "ipython", "ipython3"})
_SOLUTION = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>(?P<body>.*?)</details>", re.S | re.I)
_EXERCISE = re.compile(r"^\*\*(Exercise \d+)\b", re.M)
# A fenced block (``` or ~~~, three or more) with its info string; the closing fence is the same or longer.
_CODE_FENCE = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n(?P<code>.*?)^[ \t]{0,3}(?P=fence)[`~]*[ \t]*$",
    re.S | re.M,
)


@dataclass(frozen=True)
class SolutionCode:
    """One Python block of a folded exercise solution: the markdown cell that holds it (index from
    0), the exercise it answers (``"Exercise 2"``, or ``"exercise ?"`` when no exercise precedes
    it), its place among that solution's Python blocks (from 1) and its code."""

    cell: int
    exercise: str
    block: int
    code: str

    @property
    def label(self) -> str:
        """Where a reader finds the block: ``"Exercise 2"``, ``"Exercise 2, block 2"``."""
        return self.exercise if self.block == 1 else f"{self.exercise}, block {self.block}"


@dataclass(frozen=True)
class SolutionProse:
    """The words of one folded exercise solution, its fenced code blocks left out: the markdown
    cell that holds it (index from 0), the exercise it answers and the text a student reads."""

    cell: int
    exercise: str
    text: str


def _solutions(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """Every folded solution in reading order: (cell index, exercise label, body)."""
    found: list[tuple[int, str, str]] = []
    exercise = "exercise ?"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        text = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        events = [(m.start(), "exercise", m) for m in _EXERCISE.finditer(text)]
        events += [(m.start(), "solution", m) for m in _SOLUTION.finditer(text)]
        for _, kind, match in sorted(events, key=lambda e: e[0]):
            if kind == "exercise":
                exercise = match.group(1)
            else:
                found.append((index, exercise, match.group("body")))
    return found


def solution_prose(nb: nbformat.NotebookNode) -> list[SolutionProse]:
    """The prose of every folded solution (with or without code), in reading order, each
    labelled like :func:`solution_code`; the numbers it states are checked against what the
    solution's code and the notebook print (``helpers.build.unsupported_numbers``)."""
    return [SolutionProse(index, exercise, _CODE_FENCE.sub(" ", body)) for index, exercise, body in _solutions(nb)]


def solution_code(nb: nbformat.NotebookNode) -> list[SolutionCode]:
    """The Python blocks of every folded solution (``<details><summary>Solution</summary>``) in
    ``nb``'s Markdown cells, in reading order, each labelled with the last ``**Exercise N**`` above
    it (in the same cell or an earlier one). Blocks fenced with another language (``text``,
    ``bash``) or none are not run by a student as Python and are left out; a solution without code
    gives nothing."""
    found: list[SolutionCode] = []
    for index, exercise, body in _solutions(nb):
        blocks = [
            b
            for b in _CODE_FENCE.finditer(body)
            if b.group("info").split()[:1] and b.group("info").split()[0].lower() in PYTHON_FENCES
        ]
        for n, block in enumerate(blocks, start=1):
            found.append(SolutionCode(index, exercise, n, block.group("code")))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="report, do not rewrite")
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        fixed = fix(nb)
        if args.check:
            issues = problems(nb, path.name)
            status |= bool(issues)
            print("\n".join(issues) or f"{path.name}: ok")
        elif fixed != nb:
            nbformat.write(fixed, path)
            print(f"{path.name}: rewritten ({reading_minutes(fixed)} min reading)")
        else:
            print(f"{path.name}: unchanged ({reading_minutes(fixed)} min reading)")
    return status


if __name__ == "__main__":
    sys.exit(main())
