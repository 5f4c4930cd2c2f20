"""Every notebook follows the notebook standard, its stored outputs are current, and
re-executing it gives the same images (nbval, run by ``make test``, compares the text)."""

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers import build
from helpers.paths import NOTEBOOK_DIR

NOTEBOOKS = build.notebooks()
IDS = [p.stem for p in NOTEBOOKS]
MAX_CODE_LINES = 15


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _text(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def test_reading_order_matches_the_site_toc():
    toc = yaml.safe_load((NOTEBOOK_DIR / "_toc.yml").read_text())
    files = [ch["file"] for part in toc["parts"] for ch in part["chapters"]]  # reading order across parts
    numbered = [f for f in files if re.match(r"\d\d_", f)]
    assert numbered == IDS
    assert IDS and IDS[0] == "00_introduction"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_front_matter(path):
    first = _text(_read(path).cells[0])
    assert first.startswith("# "), "the first cell is the title"
    for needle in ("**Question", "**Learning objectives", "**Reading time", "**Data as of"):
        assert needle in first, f"front matter lacks {needle}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_closing_sections(path):
    nb = _read(path)
    headings = [line for c in nb.cells if c.cell_type == "markdown" for line in _text(c).splitlines() if line.startswith("#")]
    for section in ("Key takeaways", "Discussion questions", "Exercises", "Sources"):
        assert any(section in h for h in headings), f"no '{section}' section"
    markdown = "\n".join(_text(c) for c in nb.cells if c.cell_type == "markdown")
    solutions = re.findall(r":::\{admonition\} Solution[^\n]*\n:class: dropdown", markdown)
    exercises = len(re.findall(r"^\*\*Exercise \d+", markdown, flags=re.M))
    assert exercises >= 2 and len(solutions) == exercises, "every exercise has a folded solution"
    last = nb.cells[-1]
    assert last.cell_type == "code" and f'src.show("{path.name}")' in _text(last), "the last cell renders the source list"
    rendered = last.outputs[0]["data"]["text/markdown"]
    assert rendered.startswith("1. `"), "the source list is generated from the registry"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executed_in_order_without_errors_or_warnings(path):
    code = [c for c in _read(path).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", _text(cell)
            assert not (out.output_type == "stream" and out.name == "stderr"), f"stderr in: {_text(cell)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_code_cells_are_short(path):
    for cell in _read(path).cells:
        if cell.cell_type == "code":
            lines = [l for l in _text(cell).splitlines() if l.strip()]
            assert len(lines) <= MAX_CODE_LINES, f"move logic into helpers: {_text(cell)[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_chart_has_alt_text_in_output_and_cell(path):
    charts = 0
    for cell in _read(path).cells:
        if cell.cell_type != "code":
            continue
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(images) <= 1, "one chart per cell (alt text is per cell in the site)"
        for out in images:
            charts += 1
            alt = out["metadata"]["image/png"]["alt"]
            assert len(alt) >= 30
            assert cell.metadata["mystnb"]["image"]["alt"] == alt
            assert out["data"]["text/plain"].startswith("[Chart: ")
    assert charts >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_reexecution_gives_identical_images(path):
    stored = _read(path)
    fresh = build.execute(path)
    def images(nb):
        return [o["data"]["image/png"] for c in nb.cells if c.cell_type == "code"
                for o in c.outputs if "image/png" in o.get("data", {})]
    old, new = images(stored), images(fresh)
    assert len(old) == len(new)
    for i, (a, b) in enumerate(zip(old, new)):
        assert a == b, f"chart {i + 1} differs on re-execution: rebuild with `make build`"
    assert [c.metadata.get("mystnb") for c in stored.cells] == [c.metadata.get("mystnb") for c in fresh.cells]
    assert nbformat.writes(fresh) == nbformat.writes(stored), "stored notebook differs from a fresh run: `make build`"


def test_stored_notebooks_carry_no_widget_state():
    for path in NOTEBOOKS:
        nb = _read(path)
        assert "widgets" not in nb.metadata, path.name
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert build.WIDGET_VIEW not in out.get("data", {}), path.name


def test_scrub_widgets_keeps_the_text():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    nb = new_notebook(cells=[new_code_cell("w", outputs=[new_output(
        "execute_result", data={build.WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "interactive(...)"},
        execution_count=1)])])
    nb.metadata["widgets"] = {"state": {}}
    build.scrub_widgets(nb)
    assert "widgets" not in nb.metadata
    assert nb.cells[0].outputs[0]["data"] == {"text/plain": "interactive(...)"}


def test_one_data_as_of_date_across_the_collection():
    root = NOTEBOOK_DIR.parent
    stated = set(re.findall(r"Data as of:?\**:? (\d{1,2} \w+ \d{4})", (root / "README.md").read_text(encoding="utf-8")))
    stated |= set(re.findall(r"Data as of:?\**:? (\d{1,2} \w+ \d{4})", (NOTEBOOK_DIR / "index.md").read_text(encoding="utf-8")))
    for path in NOTEBOOKS:
        stated |= set(re.findall(r"\*\*Data as of:\*\* (\d{1,2} \w+ \d{4})", _text(_read(path).cells[0])))
    assert len(stated) == 1, f"the collection states several 'data as of' dates: {sorted(stated)}"
