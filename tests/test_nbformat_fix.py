"""The notebook-format transform (helpers.nbformat_fix) and the house form of every notebook:
folded blocks as HTML <details>, code folded on the site, JupyterLab's kernel metadata, and a
reading time of what is unfolded that the header states and that stays within 25 minutes."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import build
from helpers import nbformat_fix as fx

NOTEBOOKS = build.notebooks()

SOLUTION = ":::{admonition} Solution\n:class: dropdown\n```python\nx = 1\n```\nThe answer is one.\n:::"


def _nb(*cells, kernel=None):
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = kernel or {"display_name": "Python 3", "language": "python", "name": "python3"}
    return nb


def test_solution_admonition_becomes_details():
    out = fx.fold_markdown("**Exercise 1.** Do it.\n\n" + SOLUTION + "\n\n**Exercise 2.**")
    assert "<details>\n<summary>Solution</summary>\n\n```python\nx = 1\n```\nThe answer is one.\n\n</details>" in out
    assert ":::" not in out and out.endswith("**Exercise 2.**")


def test_dropdown_directive_and_plain_admonition():
    assert "<summary>Full table</summary>" in fx.fold_markdown(":::{dropdown} Full table\nrows\n:::")
    note = ":::{admonition} Note\nnot folded\n:::"
    assert fx.fold_markdown(note) == note  # an unfolded admonition stays a MyST block


def test_nested_folded_blocks():
    text = "::::{dropdown} Outer\nA\n:::{admonition} Solution\n:class: dropdown\nB\n:::\n::::"
    out = fx.fold_markdown(text)
    assert out.count("<details>") == 2 and out.count("</details>") == 2 and ":::" not in out


def test_fix_sets_kernel_tags_and_reading_time_and_is_idempotent():
    nb = _nb(
        new_markdown_cell("# T\n\n**Reading time:** about 99 minutes (teaching: 5 min).\n\n**Data as of:** x"),
        new_markdown_cell(" ".join(["word"] * 450) + "\n\n" + SOLUTION),
        new_code_cell("print(1)"),
    )
    fixed = fx.fix(nb)
    assert fixed.metadata.kernelspec == fx.KERNELSPEC
    assert fixed.cells[2].metadata.tags == ["hide-input"]
    assert "about 3 minutes" in fixed.cells[0].source and "teaching" not in fixed.cells[0].source
    assert "**Data as of:** x" in fixed.cells[0].source
    assert fx.fix(fixed) == fixed
    assert fx.problems(fixed) == []
    assert len(fx.problems(nb)) >= 3  # kernel, folded block, untagged code, stated time


def test_reading_time_counts_only_what_is_unfolded():
    table = "<table><tr><td>" + "</td><td>".join(["cell"] * 200) + "</td></tr></table>"
    folded = "<details><summary>All rows</summary>" + table + "</details>"
    cell = new_code_cell(
        "x",
        outputs=[
            new_output("display_data", data={"text/html": table, "text/plain": "ignored"}),
            new_output("display_data", data={"text/html": folded}),
            new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Figure size 640x480>"}),
            new_output("stream", name="stdout", text=" ".join(["out"] * 100)),
        ],
    )
    md = new_markdown_cell(
        " ".join(["seen"] * 100)
        + "\n\n<details>\n<summary>S</summary>\n\n"
        + " ".join(["hidden"] * 1000)
        + "\n\n</details>"
    )
    nb = _nb(new_markdown_cell("# T"), md, cell)
    assert fx.visible_words(nb) == 1 + 100 + 200 + 100
    assert fx.reading_minutes(nb) == 3


def test_command_line_check_fails_on_unfixed(tmp_path):
    path = tmp_path / "99_x.ipynb"
    nbformat.write(_nb(new_markdown_cell("# T\n\n**Reading time:** about 9 minutes.\n\n" + SOLUTION)), path)
    assert fx.main([str(path), "--check"]) == 1
    assert fx.main([str(path)]) == 0
    assert fx.main([str(path), "--check"]) == 0
    assert "<details>" in nbformat.read(path, as_version=4).cells[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_in_house_form(path):
    nb = nbformat.read(path, as_version=4)
    assert fx.problems(nb, path.name) == [], "run `python -m helpers.nbformat_fix notebooks/*.ipynb`"
    assert fx.fix(nb) == nb


# Minutes of unfolded reading per notebook when the limit was introduced (the notebooks are
# being shortened; a case that passes is reported as XPASS and its entry should then go).
OVER_LIMIT: dict[str, int] = {}  # every notebook is within the limit; add "NN_name": minutes to mark an exception


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(
                reason=f"{p.stem} reads in about {OVER_LIMIT[p.stem]} min unfolded (limit 25)", strict=False
            ),
        )
        if p.stem in OVER_LIMIT
        else p
        for p in NOTEBOOKS
    ],
    ids=[p.stem for p in NOTEBOOKS],
)
def test_reading_time_within_limit_and_stated(path):
    nb = nbformat.read(path, as_version=4)
    minutes = fx.reading_minutes(nb)
    assert fx.stated_minutes(nb) == minutes
    assert minutes <= fx.MAX_READING_MINUTES, f"{path.name}: {minutes} min of unfolded reading"


def test_objectives_run_together_become_a_list():
    text = (
        "**Learning objectives.** By the end you can: 1. trace a treaty\nfrom signature; 2. code 1.5 "
        "cells; and 3. explain.\n\n**Reading time:** x"
    )
    out = fx.list_objectives(text)
    assert out.startswith(
        "**Learning objectives.** By the end you can:\n1. trace a treaty from signature;\n"
        "2. code 1.5 cells;\n3. explain.\n\n**Reading time:** x"
    )
    assert fx.list_objectives(out) == out
    listed = "**Learning objectives.** By the end you can:\n1. a;\n2. b."
    assert fx.list_objectives(listed) == listed
