"""The seminar pack is generated from the notebooks and the data and must match them: the kit
(syllabus), run sheets, readings, model answers, role-play brief, assessment and the API page."""

import re

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from helpers import nbformat_fix, seminar, seminar_pack


def test_generated_pages_are_current():
    assert seminar.PAGE.read_text(encoding="utf-8") == seminar.render(), (
        "regenerate with `python -m helpers.seminar` (make site does it too)"
    )
    assert seminar.API_PAGE.read_text(encoding="utf-8") == seminar.render_api()
    for path, text in seminar_pack.pages().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `python -m helpers.seminar`"


def test_kit_has_every_notebook_and_no_solutions():
    page = seminar.render()
    for path in seminar.notebooks():
        assert f"[{path.name}]({path.name})" in page
    pack = page + "".join(seminar_pack.pages().values())
    assert "{admonition} Solution" not in pack and "<summary>Solution" not in pack


def test_every_notebook_is_a_session_and_the_toc_lists_every_page():
    keys = {k for k, _ in seminar_pack.SESSIONS if k.isdigit()}
    assert keys == {p.name[:2] for p in seminar.notebooks()}
    toc = (seminar.NOTEBOOK_DIR / "_toc.yml").read_text(encoding="utf-8")
    for path in list(seminar_pack.pages()) + [seminar.PAGE, seminar.API_PAGE]:
        assert f"file: {path.stem}" in toc, path.stem


def test_syllabus_has_both_kinds_of_objectives_and_prerequisites():
    page = seminar.render()
    assert "**Substantive objectives.**" in page and "**Methods objectives.**" in page and "**Prerequisites.**" in page
    text = " ".join(seminar_pack.SUBSTANTIVE_OBJECTIVES).lower()
    for concept in ("alliance", "alignment", "asymmetry", "competing explanations"):
        assert concept in text


def test_reading_times_in_the_pack_are_the_notebooks_own():
    page = seminar.render()
    for key, _ in seminar_pack.SESSIONS:
        if key.isdigit():
            nb = nbformat.read(seminar_pack.notebook_path(key), as_version=4)
            minutes = nbformat_fix.reading_minutes(nb)
            assert f"{seminar_pack.notebook_path(key).name}), about {minutes} min" in page


@pytest.mark.parametrize("key", [k for k, _ in seminar_pack.SESSIONS])
def test_run_sheet_timings_are_consistent(key):
    blocks = seminar_pack.run_sheet(key)
    assert sum(b.minutes for b in blocks) == seminar_pack.SESSION_MINUTES
    assert all(b.minutes > 0 for b in blocks)
    page = seminar_pack.render_run_sheets()
    section = page.split(f": {dict(seminar_pack.SESSIONS)[key]}\n", 1)[1].split("\n## ", 1)[0]
    clocks = re.findall(r"\*\*(\d+):(\d\d)–(\d+):(\d\d)\*\* \((\d+) min\)", section)
    assert len(clocks) == len(blocks)
    end = 0
    for h1, m1, h2, m2, length in clocks:
        start, stop = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
        assert start == end and stop - start == int(length)
        end = stop
    assert end == seminar_pack.SESSION_MINUTES
    if key.isdigit():  # every discussion question gets time
        assert len([b for b in blocks if b.activity.startswith("Discussion question")]) == len(
            seminar_pack.questions(key)
        )


@pytest.mark.parametrize("key", [k for k, _ in seminar_pack.SESSIONS if k.isdigit()])
def test_every_discussion_question_has_a_model_answer(key):
    pairs = seminar_pack.answered(key)
    assert len(pairs) == len(seminar_pack.questions(key)) >= 2
    assert all(len(answer.split()) >= 30 for _, answer in pairs)


def test_missing_or_orphan_answers_are_errors():
    key = "00"
    answers = seminar_pack.model_answers()
    short = {key: answers[key][1:]}
    with pytest.raises(LookupError, match="no model answer for 00"):
        seminar_pack.answered(key, short)
    extra = {key: answers[key] + [("A question nobody asks", "text")]}
    with pytest.raises(LookupError, match="answer to no question"):
        seminar_pack.answered(key, extra)


READINGS = (
    "reading_id,notebooks,author,year,title,publisher,url,annotation,kind\n"
    "a-1987,01;04,A. Author,1987,Theory Book,Press,https://example.org/a,Why to read it.,theory\n"
    "b-2025,03,B. Writer,2025,An Analysis,Journal 1(2),https://example.org/b,What it adds.,analysis\n"
)


def test_readings_render_every_row_theory_first(tmp_path):
    path = tmp_path / "readings.csv"
    path.write_text(READINGS, encoding="utf-8")
    page = seminar_pack.render_readings(path)
    assert page.index("Theory Book") < page.index("An Analysis")
    assert "A. Author (1987). *Theory Book*. Press. <https://example.org/a> — Why to read it." in page
    session_03 = page.split("Where defence cooperation stops", 1)[1]
    assert "An Analysis" in session_03


def test_readings_bad_row_and_missing_table(tmp_path):
    path = tmp_path / "readings.csv"
    path.write_text(READINGS.replace("Theory Book", ""), encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: missing \\['title'\\]"):
        seminar_pack.render_readings(path)
    assert "does not hold yet" in seminar_pack.render_readings(tmp_path / "none.csv")


def test_roleplay_evidence_respects_each_decision_date():
    for label, cutoff, since, until in seminar_pack.DECISIONS:
        brief, debrief = seminar_pack.split_evidence(cutoff, since, until)
        assert len(brief) >= 10 and len(debrief) >= 5, label
        assert all(
            since <= seminar_pack._span(r["date"])[0] and seminar_pack._span(r["date"])[1] <= cutoff for r in brief
        )
        assert all(seminar_pack._span(r["date"])[1] > cutoff for r in debrief)
        assert all(re.search(r"\]\(https?://", r["cites"]) for r in brief + debrief)
    page = seminar_pack.render_roleplay()
    assert not re.search(r"\bE\d{3}\b", page), "no internal event ids in the brief"


def test_roleplay_split_of_partial_dates():
    rows = [
        {"date": "2025-06", "text": "month only", "cites": "x"},
        {"date": "2025-05", "text": "before", "cites": "x"},
        {"date": "2025-06-14", "text": "after", "cites": "x"},
    ]
    brief, debrief = seminar_pack.split_evidence("2025-06-13", "2025-01-01", "2025-06-30", rows)
    assert [r["text"] for r in brief] == ["before"]
    assert [r["text"] for r in debrief] == ["month only *(dated only to the month)*", "after"]


def test_rubric_weights_add_to_100():
    weights = seminar_pack.rubric_weights()
    assert sum(weights.values()) == 100 and len(weights) >= 5
    with pytest.raises(ValueError, match="add up to 90"):
        original = seminar_pack.CONTENT
        try:
            tmp = __import__("tempfile").mkdtemp()
            text = (original / "assessment.md").read_text(encoding="utf-8").replace("| 25 |", "| 15 |")
            (__import__("pathlib").Path(tmp) / "assessment.md").write_text(text, encoding="utf-8")
            seminar_pack.CONTENT = __import__("pathlib").Path(tmp)
            seminar_pack.render_assessment()
        finally:
            seminar_pack.CONTENT = original


def test_api_page_lists_every_analysis_module():
    page = seminar.render_api()
    for name in seminar.api_modules():
        assert f".. automodule:: helpers.{name}" in page
    assert "helpers.build" not in page and len(seminar.api_modules()) >= 10


def _nb(tmp_path, front, rest):
    path = tmp_path / "99_test.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell(front)] + [new_markdown_cell(r) for r in rest]), path)
    return path


def test_entry_strips_solutions(tmp_path):
    front = (
        "# 99 — Test\n\n**Question.** Why?\n\n**Learning objectives.** By the end you can: 1. a\n\n"
        "**Reading time:** about 5 minutes.\n\n**Data as of:** today"
    )
    rest = [
        "## Discussion questions\n\n1. One?",
        "## Exercises\n\n**Exercise 1.** Do it.\n\n"
        "<details>\n<summary>Solution</summary>\n\nsecret\n\n</details>\n\n**Exercise 2.** Again.\n\n"
        ":::{admonition} Solution\n:class: dropdown\nold secret\n:::\n",
        "## Sources",
    ]
    entry = seminar.notebook_entry(_nb(tmp_path, front, rest))
    assert entry["title"] == "99 — Test" and entry["question"] == "Why?"
    assert entry["time"] == "about 5 minutes."
    assert entry["discussion"] == "1. One?"
    assert "secret" not in entry["exercises"] and "**Exercise 2.** Again." in entry["exercises"]


def test_missing_section_is_a_clear_error(tmp_path):
    path = _nb(tmp_path, "# 99 — Test\n\n**Question.** Why?", ["## Exercises\n\nnone"])
    with pytest.raises(seminar.NotebookStructureError, match="99_test.ipynb"):
        seminar.notebook_entry(path)


def test_no_import_cycle_between_build_and_seminar():
    import inspect

    source = inspect.getsource(seminar) + inspect.getsource(seminar_pack)
    assert not re.search(r"^\s*from \.build import|^\s*from \. import build|import helpers\.build", source, re.M)
