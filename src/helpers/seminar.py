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
* ``api.md`` — the helper API page (autodoc).

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
#: Modules that build the collection rather than analyse it: not on the students' API page.
TOOLING = {"build", "paths", "seminar", "nbformat_fix", "slides", "catalogue_page", "extract"}


def api_modules() -> list[str]:
    """The analysis modules of ``helpers`` (every module but the tooling), in alphabetical order."""
    import pkgutil

    from . import __path__ as package_path

    return sorted(
        m.name for m in pkgutil.iter_modules(package_path) if m.name not in TOOLING and not m.name.startswith("_")
    )


def render_api() -> str:
    """The helper API page: Sphinx autodoc renders each module's docstrings at build time."""
    out = [
        "# Helper API",
        "",
        "The functions the notebooks call, documented from their docstrings (generated with "
        "`python -m helpers.seminar`). Exercises use only what is listed here. The documentation "
        "itself is rendered on the collection's site (`make build`); on GitHub or in JupyterLab this "
        "file shows only the directives that generate it. In a notebook, `help()` shows the same text "
        "for any function: `help(timeline.browse)` after `from helpers import timeline`, as the "
        "notebooks import it.",
        "",
    ]
    for name in api_modules():
        out += [
            f"## `helpers.{name}`",
            "",
            "```{eval-rst}",
            f".. automodule:: helpers.{name}",
            "   :members:",
            "```",
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def write(page: Path = PAGE) -> Path:
    """Write every generated page of the pack (and the API page); return the kit's path."""
    from . import seminar_pack

    page.write_text(render(), encoding="utf-8")
    API_PAGE.write_text(render_api(), encoding="utf-8")
    for path, text in seminar_pack.pages().items():
        path.write_text(text, encoding="utf-8")
    return page


if __name__ == "__main__":
    print(write())
