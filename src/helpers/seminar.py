"""The seminar pack: pages for instructors generated from the notebooks and the data.

``python -m helpers.seminar`` (also run by ``make site``) writes

* ``seminar_kit.md`` — the syllabus: sessions, substantive and methods objectives, prerequisites,
  and for each notebook its question, objectives, reading time, discussion questions and exercises
  (solutions stay folded in the notebooks);
* ``seminar_run_sheets.md`` — a timed run sheet per session (timings add up to the session);
* ``seminar_readings.md`` — the reading list from ``data/readings.csv``;
* ``seminar_answers.md`` — model answers to every discussion question (written in
  ``seminar_content/answers.md``; a question without an answer is an error);
* ``seminar_roleplay.md`` — a role-play brief: Moscow's Security Council deciding in June 2025 and
  in March 2026, its evidence the curated events up to each decision, cited by their sources;
* ``seminar_assessment.md`` — assessment tasks and the marking rubric;
* ``api.md`` — the helper API index, and ``api/<module>.md`` one page per module (autodoc),
  listed under it in ``_toc.yml``.

``tests/test_seminar.py`` fails when a committed page differs from what the notebooks give.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from .paths import NOTEBOOK_DIR

PAGE = NOTEBOOK_DIR / "seminar_kit.md"
# Folded solutions: HTML <details> (the house form) or a MyST dropdown admonition (older form).
_SOLUTION = re.compile(r"\n?(?:<details\b.*?</details>|:::\{admonition\} Solution.*?\n:::)\n?", re.S)


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks in reading order (the same rule as ``helpers.build.notebooks``;
    kept here so that the build may import this module without an import cycle)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


class NotebookStructureError(ValueError):
    """A notebook lacks a part of the front matter or a closing section the kit needs."""


def _markdown(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _labelled(text: str, label: str, path: Path) -> str:
    """The paragraph that starts with ``**<label>`` in the front matter."""
    match = re.search(rf"\*\*{re.escape(label)}[^*]*\*\*:?\s*(.*?)(?:\n\s*\n|\Z)", text, re.S)
    if not match:
        raise NotebookStructureError(f"{path.name}: front matter has no '**{label}' paragraph")
    return " ".join(match.group(1).split()) if label != "Learning objectives" else match.group(1).strip()


def _section(cells: list[str], heading: str, path: Path) -> str:
    """The text of the ``## <heading>`` section (up to the next ``## `` heading), across cells."""
    text = "\n\n".join(cells)
    match = re.search(rf"^## {re.escape(heading)}[^\n]*\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    if not match:
        raise NotebookStructureError(f"{path.name}: no '## {heading}' section")
    return match.group(1).strip()


def notebook_entry(path: Path) -> dict[str, str]:
    """The kit's entry for one notebook: title, question, objectives, time, questions, exercises."""
    cells = _markdown(path)
    front = cells[0]
    exercises = _SOLUTION.sub("\n", _section(cells, "Exercises", path)).strip()
    return {
        "file": path.name,
        "title": front.splitlines()[0].lstrip("# ").strip(),
        "question": _labelled(front, "Question", path),
        "objectives": _labelled(front, "Learning objectives", path),
        "time": _labelled(front, "Reading time", path),
        "discussion": _section(cells, "Discussion questions", path),
        "exercises": re.sub(r"\n{3,}", "\n\n", exercises),
    }


def render(paths: list[Path] | None = None) -> str:
    """The seminar kit page as MyST Markdown."""
    paths = paths if paths is not None else notebooks()
    from .seminar_pack import render_syllabus

    out = [
        "# Seminar kit",
        "",
        "For instructors: a course of eight seminar sessions built on the notebooks. The syllabus, run "
        "sheets, unit entries, role-play brief and debriefs are generated from the notebooks and the data "
        "(`python -m helpers.seminar`), so they follow them; the model answers, the assessment and the "
        "reading plan are written by hand (in `src/helpers/seminar_content/`) and checked against the "
        "notebooks by tests, not regenerated from them.",
        "",
        *render_syllabus(),
        "**Ground rules for discussion.** Keep fact, interpretation, forecast and sensitivity apart and say which one "
        "you are offering; cite the table row or the source behind a fact; where sources disagree, say "
        "which you rely on and why; to dispute a coding, name the rule in the "
        "[Coding rules](coding_rules.md) page you would apply instead and the rows it would change.",
        "",
        "## The units",
        "",
    ]
    for path in paths:
        e = notebook_entry(path)
        out += [
            f"### {e['title']}",
            "",
            f"*Notebook:* [{e['file']}]({e['file']}) · *Time:* {e['time']}",
            "",
            f"**Question.** {e['question']}",
            "",
            "**Learning objectives.**",
            "",
            e["objectives"],
            "",
            "**Discussion questions** ([model answers](seminar_answers.md))",
            "",
            e["discussion"],
            "",
            "**Exercises** (solutions folded in the notebook)",
            "",
            e["exercises"],
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


API_PAGE = NOTEBOOK_DIR / "api.md"
#: The folder of the per-module pages of the API (``api/<module>.md``).
API_DIR = NOTEBOOK_DIR / "api"
#: Modules that build the collection rather than analyse it: not on the students' API page.
TOOLING = {"build", "paths", "seminar", "nbformat_fix", "slides", "catalogue_page", "refpages", "extract"}
#: The API index's groups in reading order; a module named in none falls under the group whose
#: list is ``None`` (the analysis modules, alphabetically).
API_GROUPS: list[tuple[str, list[str] | None]] = [
    ("Loading and checking the data", ["data", "dates", "countries", "periods", "coverage"]),
    ("Sources and their reliability", ["sources", "reliability"]),
    ("Charts, tables and text", ["style", "labels", "folding", "languages"]),
    ("Analysis, by topic", None),
    ("The instructor's pack", ["seminar_pack"]),
]


def _documented_modules() -> set[str]:
    import pkgutil

    from . import __path__ as package_path

    return {m.name for m in pkgutil.iter_modules(package_path) if m.name not in TOOLING and not m.name.startswith("_")}


def api_groups() -> list[tuple[str, list[str]]]:
    """The documented modules of ``helpers`` (every module but the tooling) by group, in the order
    of the API index (:data:`API_GROUPS`); a group with no module is left out."""
    modules = _documented_modules()
    named = {m for _, members in API_GROUPS for m in members or []}
    groups = []
    for title, members in API_GROUPS:
        names = sorted(modules - named) if members is None else [m for m in members if m in modules]
        if names:
            groups.append((title, names))
    return groups


def api_modules() -> list[str]:
    """The documented modules of ``helpers``, in the order of the API index and its pages."""
    return [m for _, names in api_groups() for m in names]


def module_purpose(name: str) -> str:
    """The first sentence of module ``helpers.<name>``'s docstring, as Markdown (read from the
    source, without importing it)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(f"helpers.{name}")
    if spec is None or spec.origin is None:
        raise ValueError(f"helpers.{name}: module not found")
    doc = ast.get_docstring(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    if not first:
        raise ValueError(f"helpers.{name}: the module has no docstring to state its purpose")
    sentence = re.split(r"(?<=[a-z0-9)`])\.\s+(?=[A-Z])", first)[0].rstrip(".") + "."
    return re.sub(r"(?::\w+:)?``?([^`]+)``?", r"`\1`", sentence)


def api_page_name(name: str) -> str:
    """The file of module ``name``'s page in :data:`API_DIR`."""
    return f"{name}.md"


def render_api() -> str:
    """The helper API index: every documented module, linked to its page, with its purpose."""
    out = [
        "# Helper API",
        "",
        "The functions the notebooks call, one page per module, documented from their docstrings "
        "(generated with `python -m helpers.seminar`); exercises use only these. The site renders "
        "the documentation (on GitHub or in JupyterLab a module's file shows only the directive "
        "that generates it). In a notebook, `help(timeline.browse)` after `from helpers import "
        "timeline` shows the same text.",
        "",
    ]
    for title, names in api_groups():
        out += [f"## {title}", ""]
        out += [f"- [`helpers.{m}`](api/{api_page_name(m)}) — {module_purpose(m)}" for m in names]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_api_module(name: str) -> str:
    """One module's page: Sphinx autodoc renders its docstrings (and only its own) at build time."""
    return "\n".join(
        [
            f"# `helpers.{name}`",
            "",
            f"One module of the [helper API](../api.md). In a notebook: `from helpers import {name}`.",
            "",
            "```{eval-rst}",
            f".. automodule:: helpers.{name}",
            "   :members:",
            "```",
            "",
        ]
    )


def api_pages() -> dict[str, str]:
    """Every documented module's page: file name in :data:`API_DIR` → text, in index order."""
    return {api_page_name(m): render_api_module(m) for m in api_modules()}


def api_toc_sections() -> list[str]:
    """The module pages as the table of contents names them (``api/data``), in index order."""
    return [f"{API_DIR.name}/{Path(name).stem}" for name in api_pages()]


def write(page: Path = PAGE) -> Path:
    """Write every generated page of the pack (and the API index and module pages, listed in the
    table of contents); return the kit's path."""
    from . import refpages, seminar_pack

    page.write_text(render(), encoding="utf-8")
    API_PAGE.write_text(render_api(), encoding="utf-8")
    refpages.write_folder(API_DIR, api_pages())
    refpages.write_toc_sections(API_PAGE.stem, api_toc_sections())
    for path, text in seminar_pack.pages().items():
        path.write_text(text, encoding="utf-8")
    return page


if __name__ == "__main__":
    print(write())
