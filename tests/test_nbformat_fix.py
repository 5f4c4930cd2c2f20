"""The notebook-format transform (helpers.nbformat_fix) and the house form of every notebook:
folded blocks as HTML <details>, code folded on the site, JupyterLab's kernel metadata, and a
reading time of what is unfolded that the header states and that stays within 25 minutes."""

import re

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


def _solution(*parts: str) -> str:
    return "<details>\n<summary>Solution</summary>\n\n" + "\n\n".join(parts) + "\n\n</details>"


def test_solution_code_reads_each_python_block_with_its_cell_and_exercise():
    nb = _nb(
        new_markdown_cell("## Exercises\n\n**Exercise 1.** Count.\n\n" + _solution("```python\nn = 1\n```", "One.")),
        new_code_cell("x = 2"),
        new_markdown_cell(
            "**Exercise 2** (no code). Read the chart.\n\n"
            + _solution("The answer is in words only; `inline code` is not a block.")
            + "\n\n**Exercise 3.** Two steps.\n\n"
            + _solution("```python\na = 1\n```", "Then:", "```Python\nb = a + 1\nprint(b)\n```")
            + "\n\n**Exercise 4.** Not Python.\n\n"
            + _solution("```text\nx = undefined\n```", "```\nbare = fence\n```", "```bash\nls\n```")
            + "\n\n<details><summary>Full table</summary>\n\n```python\nnot_a_solution()\n```\n</details>"
        ),
    )
    found = fx.solution_code(nb)
    assert [(s.cell, s.exercise, s.block, s.code) for s in found] == [
        (0, "Exercise 1", 1, "n = 1\n"),
        (2, "Exercise 3", 1, "a = 1\n"),
        (2, "Exercise 3", 2, "b = a + 1\nprint(b)\n"),
    ]
    assert [s.label for s in found] == ["Exercise 1", "Exercise 3", "Exercise 3, block 2"]


def test_solution_code_takes_the_exercise_from_an_earlier_cell_and_longer_fences():
    nb = _nb(
        new_markdown_cell("**Exercise 7.** Text above the solution, in its own cell."),
        new_markdown_cell(_solution("````python\ns = '```'\n````", "~~~py\nt = 2\n~~~")),
        new_markdown_cell(_solution("```python\norphan = 1\n```").replace("Solution", "Hint")),
    )
    found = fx.solution_code(nb)
    assert [(s.cell, s.exercise, s.code) for s in found] == [
        (1, "Exercise 7", "s = '```'\n"),
        (1, "Exercise 7", "t = 2\n"),
    ]
    assert fx.solution_code(_nb(new_markdown_cell(_solution("```python\nz = 0\n```"))))[0].exercise == "exercise ?"


def test_solution_prose_reads_every_solution_without_its_code():
    nb = _nb(
        new_markdown_cell("**Exercise 1.** Count.\n\n" + _solution("```python\nprint(0.25)\n```", "About 0.3 of 4.")),
        new_markdown_cell("**Exercise 2** (no code).\n\n" + _solution("Read 12.5% off the chart.")),
        new_markdown_cell(_solution("````text\n9.9\n````", "Nothing.").replace("Solution", "Hint")),
    )
    found = fx.solution_prose(nb)
    assert [(s.cell, s.exercise) for s in found] == [(0, "Exercise 1"), (1, "Exercise 2")]
    assert "About 0.3 of 4." in found[0].text and "0.25" not in found[0].text and "python" not in found[0].text
    assert "12.5%" in found[1].text


def test_every_code_block_of_a_notebook_solution_is_python_and_is_read():
    """The blocks tests/test_notebooks.py runs: a solution block whose fence lost its language
    would silently drop out of that test, so every fenced block inside a solution must be read."""
    total = 0
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        solutions = re.findall(r"<details>\s*<summary>Solution</summary>(.*?)</details>", text, re.S)
        fences = sum(len(re.findall(r"^\s*```", body, re.M)) for body in solutions)
        read = len(fx.solution_code(nb))
        assert fences == 2 * read, f"{path.name}: {fences // 2} fenced block(s) in its solutions, {read} read as Python"
        total += read
    assert total >= 2 * len(NOTEBOOKS) - 2, "most notebooks have solutions with code"


def test_solutions_are_not_counted_in_the_reading_time():
    plain = _nb(new_markdown_cell("**Exercise 1.** Count the words."))
    more = _nb(new_markdown_cell("**Exercise 1.** Count the words.\n\n" + _solution("Many words " * 50)))
    assert fx.visible_words(more) == fx.visible_words(plain) == 5
