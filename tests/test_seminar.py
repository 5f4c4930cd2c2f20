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
    assert seminar.API_PAGE.read_text(encoding="utf-8") == seminar.render_api()  # its pages: test_refpages.py
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


@pytest.mark.parametrize("key", [k for k, _ in seminar_pack.SESSIONS])
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


PLAN = (
    "reading_id,link_kind,required_in,scope,detail,detail_url\n"
    "a-1987,review,,chapters not given (whole book),Press 1987 per the catalogue.,https://example.org/cat\n"
    "b-2025,publisher page,03,whole article (pp. 1–9),,\n"
)


def _plan(tmp_path, text=PLAN):
    path = tmp_path / "plan.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_readings_render_every_row_theory_first(tmp_path):
    path = tmp_path / "readings.csv"
    path.write_text(READINGS, encoding="utf-8")
    page = seminar_pack.render_readings(path, _plan(tmp_path))
    assert page.index("Theory Book") < page.index("An Analysis")
    assert (
        "A. Author (1987). *Theory Book*. Press. Read: chapters not given (whole book). "
        "Link, review: <https://example.org/a> — Why to read it. *Citation note:* Press 1987 per the catalogue. "
        "(<https://example.org/cat>)" in page
    )
    session_03 = page.split("Where defence cooperation stops", 1)[1].split("\n## ", 1)[0]
    assert "**Required before class:**" in session_03 and "An Analysis" in session_03
    assert "**Optional:**" not in session_03
    session_02 = page.split("Why Moscow and Tehran moved closer", 1)[1].split("\n## ", 1)[0]
    assert "**Required" not in session_02 and "Theory Book" in session_02


@pytest.mark.parametrize(
    "change, message",
    [
        (("review,", "homepage,"), "row 2: column link_kind"),
        (("b-2025,publisher page,03", "b-2025,publisher page,01"), "row 3: column required_in"),
        (("review,,chapters", "review,01,chapters"), "a whole book cannot be required"),
        (("Press 1987 per the catalogue.,https://example.org/cat", "Press 1987.,"), "column detail_url"),
        (("whole article (pp. 1–9)", ""), "row 3: column scope"),
    ],
)
def test_reading_plan_bad_rows_are_named(tmp_path, change, message):
    path = tmp_path / "readings.csv"
    path.write_text(READINGS, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        seminar_pack.render_readings(path, _plan(tmp_path, PLAN.replace(*change)))
    with pytest.raises(ValueError, match="no row for \\['b-2025'\\]"):
        seminar_pack.render_readings(path, _plan(tmp_path, PLAN.rsplit("b-2025", 1)[0]))


def test_reading_list_requires_at_most_two_works_per_session_and_labels_links():
    rows = seminar_pack.readings()
    plan = seminar_pack.reading_plan(rows)
    for key, _ in seminar_pack.SESSIONS:
        required = [r for r in plan.values() if key in r["required_in"].split(";")]
        assert len(required) <= seminar_pack.REQUIRED_PER_SESSION, key
        assert all("whole book" not in r["scope"] for r in required), key
    page = seminar_pack.render_readings()
    for row in rows:  # every entry says what its link is
        assert f"Link, {plan[row['reading_id']]['link_kind']}: <{row['url']}>" in page
    # a link to a review or an author's page is never presented as the work
    assert plan["walt-1987-origins"]["link_kind"] == "review"
    assert plan["grajewski-2026-partners"]["link_kind"] == "author page"
    session_6 = page.split("Iran in Russia's web of alignments", 1)[1].split("\n## ", 1)[0]
    assert session_6.split("**Optional:**")[0].count("\n- ") <= seminar_pack.REQUIRED_PER_SESSION


def test_readings_bad_row_and_missing_table(tmp_path):
    path = tmp_path / "readings.csv"
    path.write_text(READINGS.replace("Theory Book", ""), encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: missing \\['title'\\]"):
        seminar_pack.render_readings(path, _plan(tmp_path))
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


def test_roleplay_brief_does_not_give_the_outcome_away():
    import datetime as dt
    import math

    page = seminar_pack.render_roleplay()
    answers = seminar_pack.render_answers()
    assert "Debrief for" not in page and "what the record shows next" not in page
    for n, (label, cutoff, since, until) in enumerate(seminar_pack.DECISIONS):
        _, debrief = seminar_pack.split_evidence(cutoff, since, until)
        for r in debrief:  # every debrief item is on the instructors' page, none in the students' brief
            line = f"**{r['date']}** — {r['text']}"
            assert line not in page, (label, r["date"])
            assert line in answers, (label, r["date"])
        if n:  # the next brief starts the day after the previous debrief ends: nothing repeated
            previous_until = seminar_pack.DECISIONS[n - 1][3]
            assert dt.date.fromisoformat(since) == dt.date.fromisoformat(previous_until) + dt.timedelta(days=1)
    # the pre-reading time is the students' page (roles, options, briefs) and nothing else
    words = len(re.findall(r"[^\W_]+", re.sub(r"\]\([^)]*\)", "]", page)))
    assert seminar_pack.roleplay_minutes() == math.ceil(words / 200)
    assert f"about {seminar_pack.roleplay_minutes()} minutes" in seminar_pack.render_run_sheets()
    assert "instructor" in seminar_pack.render_run_sheets().split("Role-play", 2)[-1]


def test_roleplay_split_of_partial_dates():
    rows = [
        {"date": "2025-06", "text": "month only", "cites": "x"},
        {"date": "2025-05", "text": "before", "cites": "x"},
        {"date": "2025-06-14", "text": "after", "cites": "x"},
    ]
    brief, debrief = seminar_pack.split_evidence("2025-06-13", "2025-01-01", "2025-06-30", rows)
    assert [r["text"] for r in brief] == ["before"]
    assert [r["text"] for r in debrief] == ["month only *(dated only to the month)*", "after"]


def test_each_task_has_a_rubric_adding_to_100():
    rubrics = seminar_pack.task_rubrics()
    assert sorted(rubrics) == [1, 2, 3]
    for task, weights in rubrics.items():
        assert sum(weights.values()) == 100 and len(weights) >= 5, task
    assert "Verdict rule stated and applied evenly" in rubrics[1]
    assert "Weighing competing explanations" not in rubrics[1]
    assert "Weighing competing explanations" in rubrics[3]


def test_bad_rubrics_are_errors():
    text = (seminar_pack.CONTENT / "assessment.md").read_text(encoding="utf-8")
    task1 = text.split("### Rubric for task 1", 1)[1].split("### ", 1)[0]
    broken = text.replace(task1, task1.replace("| 25 |", "| 15 |"))
    with pytest.raises(ValueError, match="task 1 .*add up to 90"):
        seminar_pack.task_rubrics(broken)
    with pytest.raises(ValueError, match=r"no rubric for task\(s\) \[1\]"):
        seminar_pack.task_rubrics(text.replace("### Rubric for task 1", "### Notes on task 1"))


def test_assessment_states_the_record_as_the_notebooks_do():
    text = seminar_pack.render_assessment()
    assert "Russia did not give Iran military help" not in text
    assert "records no confirmed Russian military help" in text and "(notebook 03, section 3)" in text


def test_api_pages_document_every_analysis_module():
    pages = "".join(seminar.api_pages().values())
    for name in seminar.api_modules():
        assert f".. automodule:: helpers.{name}\n" in pages
    assert "helpers.build" not in pages and len(seminar.api_modules()) >= 10


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


@pytest.mark.parametrize("key", [k for k, _ in seminar_pack.SESSIONS if k.isdigit()])
def test_run_sheet_exercises_are_the_notebooks_own_and_include_a_no_code_one(key):
    entry = seminar.notebook_entry(seminar_pack.notebook_path(key))
    found = seminar_pack.notebook_exercises(key)
    assert [e.name for e in found] == re.findall(r"\*\*(Exercise \d+)\.?\*\*", entry["exercises"])
    block = [b for b in seminar_pack.run_sheet(key) if b.activity.startswith("Exercises in pairs")]
    assert len(block) == 1
    named = re.findall(r"Exercise \d+", block[0].activity.split("solutions folded")[0])
    assert 1 <= len(named) <= seminar_pack.EXERCISES_PER_SESSION
    assert set(named) <= {e.name for e in found}
    no_code = {e.name for e in found if e.no_code}
    if no_code:
        assert no_code & set(named), f"{key}: no exercise without code in the run sheet"
    sound = [e for e in found if not e.low_confidence]
    chosen = [e for e in found if e.name in named]
    if len(sound) >= len(chosen):
        assert all(not e.low_confidence for e in chosen), key


def test_no_code_exercises_are_found_in_every_heading_form():
    text = (
        "**Exercise 1.** Code it (event E001).\n\n**Exercise 2** (from the charts and tables alone). Read.\n\n"
        "**Exercise 3** (charts and tables only). Read.\n\n**Exercise 4.** Code again.\n"
    )
    found = seminar_pack.notebook_exercises("00", text=text, low={"E001"})
    assert [(e.name, e.no_code, e.low_confidence) for e in found] == [
        ("Exercise 1", False, True),
        ("Exercise 2", True, False),
        ("Exercise 3", True, False),
        ("Exercise 4", False, False),
    ]
    chosen, left = seminar_pack.session_exercises("00", found)
    assert [e.name for e in chosen] == ["Exercise 2", "Exercise 3"]
    assert [e.name for e in left] == ["Exercise 1", "Exercise 4"]
    # with no alternative, the low-confidence exercise stays and the sheet must say so
    only = seminar_pack.notebook_exercises("00", text=text.split("**Exercise 2**")[0], low={"E001"})
    assert [e.name for e in seminar_pack.session_exercises("00", only)[0]] == ["Exercise 1"]


def test_notebook_03_skips_the_exercise_on_a_low_confidence_row():
    found = {e.name: e for e in seminar_pack.notebook_exercises("03")}
    assert found["Exercise 2"].low_confidence  # anchored on a row sourced only to reposts
    sheet = seminar_pack.render_run_sheets().split("Where defence cooperation stops", 1)[1].split("\n## ", 1)[0]
    assert "Left out: Exercise 2" in sheet and "(Exercise 1; Exercise 3 — no code;" in sheet


def _notebook_text(key: str) -> str:
    """A notebook's markdown and stored outputs, with thin and non-breaking spaces made plain."""
    nb = nbformat.read(seminar_pack.notebook_path(key), as_version=4)
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts.append(str(out.get("text", "")))
            parts += [str(v) for k, v in out.get("data", {}).items() if k.startswith("text/")]
    return re.sub(r"[\u00a0\u2009\u202f]", " ", "\n".join(parts))


NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?\s?%|\d+\.\d+|\d+ of \d+)(?![\w.]*\d)")


@pytest.mark.parametrize("key", [k for k, _ in seminar_pack.SESSIONS if k.isdigit()])
def test_numbers_in_model_answers_occur_in_the_notebooks(key):
    """Every percentage, decimal and "N of M" count an answer states must occur in the notebook
    it answers (or in a notebook the answer names), so a changed number leaves no stale answer."""
    for question, answer in seminar_pack.answered(key):
        keys = {key} | set(re.findall(r"notebooks? (\d\d)", answer))
        text = "\n".join(_notebook_text(k) for k in keys)
        plain = text.replace(" %", "%")
        for number in NUMBER.findall(answer):
            assert number.replace(" %", "%") in plain, f"{key}: {number!r} in the answer to {question[:50]!r}"


def test_number_check_can_fail():
    assert NUMBER.findall("16 of 19 agree (84%, κ 0.50); 2.5 % and 2025") == ["16 of 19", "84%", "0.50", "2.5 %"]


def test_roleplay_marks_rows_that_are_no_states_conduct_and_strips_hindsight():
    from helpers import data
    from helpers import events as ev

    events = data.load("events")
    page = seminar_pack.render_roleplay() + seminar_pack.render_answers()
    for tagged_as, mark, at_least in (
        (ev.non_official, seminar_pack.NON_OFFICIAL_MARK, 2),  # the Duma deputy (2026), nationalist figures (2025)
        (ev.unconfirmed, seminar_pack.UNCONFIRMED_MARK, 2),  # the intelligence (2026) and enrichment (2025) reports
        (lambda n: ev.MARKET_REPORT in str(n), seminar_pack.MARKET_REPORT_MARK, 1),  # the Feb 2026 discounts report
    ):
        tagged = events[events["note"].map(tagged_as)]
        shown = 0
        for r in tagged.itertuples():  # every tagged row in the brief or a debrief carries the mark
            if r.event in page:
                shown += 1
                assert r.event + mark in page, r.event_id
        assert shown >= at_least
        untagged = events[~events["note"].map(tagged_as)]
        assert not any(r.event + mark in page for r in untagged.itertuples())
    brief = seminar_pack.render_roleplay()
    for event_id, (phrase, then) in seminar_pack.HINDSIGHT.items():
        text = events.set_index("event_id").at[event_id, "event"]
        assert phrase in text and text not in brief and text.replace(phrase, then) in brief, event_id


def test_stale_hindsight_phrase_is_an_error():
    row = {"id": "E139", "date": "2025-06-13", "text": "Israel struck Iran.", "cites": "x"}
    with pytest.raises(ValueError, match="E139, column event: hindsight phrase"):
        seminar_pack._as_known_then(row)
    assert seminar_pack._as_known_then({**row, "id": "E001"}) == {**row, "id": "E001"}
