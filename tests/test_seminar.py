"""The seminar kit page is generated from the notebooks and must match them."""

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from helpers import seminar


def test_seminar_kit_page_is_current():
    assert seminar.PAGE.read_text(encoding="utf-8") == seminar.render(), \
        "regenerate with `python -m helpers.seminar` (make site does it too)"


def test_kit_has_every_notebook_and_no_solutions():
    page = seminar.render()
    for path in seminar.notebooks():
        assert f"[{path.name}]({path.name})" in page
    assert "{admonition} Solution" not in page


def _nb(tmp_path, front, rest):
    path = tmp_path / "99_test.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell(front)] + [new_markdown_cell(r) for r in rest]), path)
    return path


def test_entry_strips_solutions(tmp_path):
    front = ("# 99 — Test\n\n**Question.** Why?\n\n**Learning objectives.** By the end you can: 1. a\n\n"
             "**Reading time:** about 5 minutes.\n\n**Data as of:** today")
    rest = ["## Discussion questions\n\n1. One?", "## Exercises\n\n**Exercise 1.** Do it.\n\n"
            ":::{admonition} Solution\n:class: dropdown\nsecret\n:::\n\n**Exercise 2.** Again.", "## Sources"]
    entry = seminar.notebook_entry(_nb(tmp_path, front, rest))
    assert entry["title"] == "99 — Test" and entry["question"] == "Why?"
    assert entry["time"] == "about 5 minutes."
    assert entry["discussion"] == "1. One?"
    assert "secret" not in entry["exercises"] and "**Exercise 2.** Again." in entry["exercises"]


def test_missing_section_is_a_clear_error(tmp_path):
    path = _nb(tmp_path, "# 99 — Test\n\n**Question.** Why?", ["## Exercises\n\nnone"])
    with pytest.raises(seminar.NotebookStructureError, match="99_test.ipynb"):
        seminar.notebook_entry(path)
