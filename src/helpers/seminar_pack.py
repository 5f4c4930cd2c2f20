"""The instructor's pack beyond the kit: syllabus, run sheets, readings, model answers, role-play
brief and assessment, each generated from the notebooks and the data (see ``helpers.seminar``).

The authored parts (model answers, assessment and rubric) live in ``seminar_content/`` as
Markdown; everything else — sessions, reading times, questions, the role-play evidence and what
Russia did afterwards — is read from the notebooks and the curated tables, so the pack changes
when they change.
"""

from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import events as ev_rules
from . import nbformat_fix
from .paths import NOTEBOOK_DIR, data_dir

CONTENT = Path(__file__).parent / "seminar_content"
SESSION_MINUTES = 90

#: Sessions in teaching order: (key, title). A key of two digits is a notebook.
SESSIONS = [
    ("00", "The evidence and how to read it"),
    ("01", "Why Moscow and Tehran moved closer"),
    ("02", "What the January 2025 treaty commits them to"),
    ("03", "Where defence cooperation stops"),
    ("04", "Russia between Iran and Israel"),
    ("06", "Iran in Russia's web of alignments"),
    ("roleplay", "Role-play: Moscow's Security Council decides, June 2025 and March 2026"),
    ("05", "Checking a published account; the assessment"),
]

SUBSTANTIVE_OBJECTIVES = [
    "tell a **defence alliance** (a formal promise of military help, coded as a defence obligation; ATOP's "
    "wider sense of alliance also counts neutrality, non-aggression and consultation pacts such as the 2001 "
    "treaty) from **alignment** and a **strategic partnership**, and place the January 2025 Russia–Iran treaty among "
    "Russia's other treaties (notebooks 02, 03, 06);",
    "explain the **asymmetry** of the relationship — who supplies whom, who needs whom, and how the arms "
    "flow reversed from 2022 — and what each side gains and withholds (01, 03, 06);",
    "describe how Russia **balances** between Iran, Israel and the Gulf states, and what its conduct in "
    "the June 2025 and 2026 wars shows about the limits of the partnership (03, 04);",
    "**weigh competing explanations** of Russia's restraint (treaty text, the war in Ukraine, Israel and "
    "the Gulf, the United States, capacity and gain) against the evidence for and against each (03, 04, 05).",
]

METHODS_OBJECTIVES = [
    "trace a number or a date from a chart to its table, its catalogue entry and its public source (00);",
    "keep **fact**, **interpretation**, **forecast** and **sensitivity** (how a model or index responds to changed "
    "inputs) apart, and show both sides where sources disagree (00, 04, 05, 06);",
    'read coded data critically: coding rules, "unknown" versus "no", partial periods, and the '
    "selection behind a curated table (02, 03, 06);",
    "treat a model or an index as an assumption and test whether a conclusion survives other "
    "reasonable choices (04, 06);",
    "state a verdict rule and apply it to claims of different kinds (05).",
]

PREREQUISITES = [
    "No programming is needed to read the notebooks and follow the sessions; the exercises that ask "
    "for code need basic Python and pandas (selecting rows, grouping, counting) and use only the "
    "functions documented on the [helper API page](api.md).",
    "Basic vocabulary of international relations (alliance, balance of power, sanctions); the theory "
    "readings on the [reading list](seminar_readings.md) supply it.",
    "Running the notebooks: `make lab` (or Binder, where the repository's address is configured); "
    "each runs top to bottom in seconds without a network.",
]


def notebook_path(key: str) -> Path:
    from .seminar import notebooks

    found = [p for p in notebooks() if p.name.startswith(f"{key}_")]
    if len(found) != 1:
        raise FileNotFoundError(f"no single notebook {key}_*.ipynb in {NOTEBOOK_DIR}")
    return found[0]


def reading_minutes(key: str) -> int:
    return nbformat_fix.reading_minutes(nbformat.read(notebook_path(key), as_version=4))


# --- run sheets --------------------------------------------------------------------------------


@dataclass
class Block:
    minutes: int
    activity: str


def questions(key: str) -> list[str]:
    """The notebook's discussion questions, one string each (numbering removed); for ``roleplay``
    the debrief questions."""
    from .seminar import notebook_entry

    if key == "roleplay":
        return list(DEBRIEF_QUESTIONS)

    text = notebook_entry(notebook_path(key))["discussion"]
    items = re.split(r"(?m)^\d+\.\s+", text)
    return [" ".join(i.split()) for i in items if i.strip()]


#: An exercise heading: "**Exercise 3.**" or "**Exercise 3** (from the charts and tables alone)".
_EXERCISE = re.compile(r"\*\*(Exercise \d+)\.?\*\*")
#: The parenthesis after a heading that marks an exercise done without code.
_NO_CODE = re.compile(r"^\s*\(([^)]*\b(?:alone|only|no code)\b[^)]*)\)", re.I)
EXERCISES_PER_SESSION = 2


@dataclass
class Exercise:
    """One exercise of a notebook: its name, text (solution removed), whether it needs code, and
    the event rows it names that rest only on low-confidence sources."""

    name: str
    text: str
    no_code: bool
    rows: list[str]
    low_rows: list[str]

    @property
    def low_confidence(self) -> bool:
        """Anchored on event rows every one of which rests only on low-confidence sources."""
        return bool(self.rows) and self.low_rows == self.rows


def _low_confidence_events(events=None) -> set[str]:
    """The event rows (of ``events``, default the events table) that rest only on low-confidence
    sources (the one rule of use: :func:`helpers.reliability.is_low`)."""
    from . import data, reliability

    events = data.load("events") if events is None else events
    return set(events.loc[reliability.is_low(events), "event_id"].astype(str))


def notebook_exercises(key: str, text: str | None = None, low: set[str] | None = None) -> list[Exercise]:
    """Every exercise of notebook ``key`` (or of ``text``, its Exercises section without solutions)."""
    from .seminar import notebook_entry

    text = notebook_entry(notebook_path(key))["exercises"] if text is None else text
    low = _low_confidence_events() if low is None else low
    parts = _EXERCISE.split(text)
    out = []
    for name, body in zip(parts[1::2], parts[2::2]):
        rows = sorted(set(re.findall(r"\bE\d{3}\b", body)))
        out.append(
            Exercise(name, " ".join(body.split()), bool(_NO_CODE.match(body)), rows, [r for r in rows if r in low])
        )
    return out


def exercises(key: str) -> list[str]:
    """The names of every exercise of notebook ``key``, in order."""
    return [e.name for e in notebook_exercises(key)]


def session_exercises(key: str, found: list[Exercise] | None = None) -> tuple[list[Exercise], list[Exercise]]:
    """(chosen, left out): at most EXERCISES_PER_SESSION exercises for the session, always one done
    without code where the notebook has one, and none anchored only on low-confidence rows while
    another exercise can take its place. Chosen exercises keep the notebook's order."""
    found = notebook_exercises(key) if found is None else found
    sound = [e for e in found if not e.low_confidence]
    pool = sound if sound else found
    chosen: list[Exercise] = []
    no_code = [e for e in pool if e.no_code] or [e for e in found if e.no_code]
    if no_code:
        chosen.append(no_code[0])
    for e in pool + found:
        if len(chosen) >= EXERCISES_PER_SESSION:
            break
        if e not in chosen:
            chosen.append(e)
    chosen.sort(key=found.index)
    return chosen, [e for e in found if e not in chosen]


def _exercise_block(key: str) -> str:
    chosen, left = session_exercises(key)
    names = "; ".join(
        e.name
        + (" — no code" if e.no_code else "")
        + (" — its row rests only on low-confidence sources: say so" if e.low_confidence else "")
        for e in chosen
    )
    text = f"Exercises in pairs ({names}; solutions folded in the notebook): one pair presents its answer and the table rows behind it."
    skipped = [e.name for e in left if e.low_confidence]
    if skipped:
        text += f" Left out: {', '.join(skipped)} (it rests on a row whose sources are all low-confidence)."
    return text


def run_sheet(key: str) -> list[Block]:
    """The timed plan of one session; the blocks add up to SESSION_MINUTES."""
    if key == "roleplay":
        return [
            Block(
                10,
                "Briefing: roles handed out, the rules of evidence (only the brief's items may be cited), the four options.",
            ),
            Block(
                25,
                "Council 1 — the evening of 13 June 2025: each role states its advice in two minutes citing brief items; the chair forces a decision and a one-paragraph rationale.",
            ),
            Block(
                10,
                "Debrief 1: the instructor reads out or hands out what Russia did next (the June debrief, on the instructors' [model answers page](seminar_answers.md), not part of the pre-reading); where did the council differ, and why?",
            ),
            Block(
                25,
                "Council 2 — 1 March 2026: the same roles, the longer brief; the treaty is now in force by Moscow's count.",
            ),
            Block(
                20,
                "Debrief 2 (the March debrief, handed out now) and comparison: did the treaty's entry into force change any role's advice? Which explanation of restraint does the exercise favour? Exit note: one sentence each.",
            ),
        ]
    qs = questions(key)
    discussion = 25
    per_q = [discussion // len(qs)] * len(qs)
    per_q[0] += discussion - sum(per_q)
    blocks = [
        Block(
            10,
            "Opening: the notebook's question and learning objectives; a two-minute check of the pre-reading (what surprised you?).",
        )
    ]
    blocks.append(
        Block(
            20,
            "Evidence walk-through on the slides (`make slides`): the charts and tables of each section, with their source lines; students say what each shows and where it stops.",
        )
    )
    blocks += [Block(m, f"Discussion question {n}: {q}") for n, (m, q) in enumerate(zip(per_q, qs), start=1)]
    blocks.append(Block(25, _exercise_block(key)))
    blocks.append(
        Block(
            10,
            "Wrap-up: the key takeaways; each student writes one claim of fact and one interpretation from today, labelled.",
        )
    )
    return blocks


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def render_run_sheets() -> str:
    out = [
        "# Run sheets",
        "",
        f"One {SESSION_MINUTES}-minute session per unit, in the order of the [syllabus](seminar_kit.md). "
        "Pre-reading is the notebook (its reading time is what the page shows unfolded, at 200 words a "
        "minute) and the session's entries on the [reading list](seminar_readings.md). Generated by "
        "`python -m helpers.seminar`; the discussion questions are the notebook's own.",
        "",
    ]
    for n, (key, title) in enumerate(SESSIONS, start=1):
        out += [f"## Session {n}: {title}", ""]
        if key == "roleplay":
            out += [
                f"*Before class:* read the [role-play brief](seminar_roleplay.md) — about {roleplay_minutes()} minutes of reading "
                "(roles, options and the two briefs; the debriefs stay with the instructor).",
                "",
            ]
        else:
            path = notebook_path(key)
            out += [
                f"*Before class:* [{path.name}]({path.name}) — about {reading_minutes(key)} minutes of reading.",
                "",
            ]
        start = 0
        for block in run_sheet(key):
            out.append(f"- **{_clock(start)}–{_clock(start + block.minutes)}** ({block.minutes} min) {block.activity}")
            start += block.minutes
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- readings ----------------------------------------------------------------------------------


def readings(path: Path | None = None) -> list[dict[str, str]] | None:
    """The rows of ``data/readings.csv``, or None when the table is not there."""
    path = path or data_dir() / "readings.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    required = {"author", "year", "title", "publisher", "url", "annotation", "kind", "notebooks"}
    for n, row in enumerate(rows, start=2):
        missing = sorted(c for c in required if not (row.get(c) or "").strip() and c != "notebooks")
        if missing or not required <= set(row):
            raise ValueError(f"{path.name}: row {n}: missing {missing or sorted(required - set(row))}")
    return rows


#: What a reading's link is: only "publisher page", "archive page" and "the text" lead to the work.
LINK_KINDS = (
    "publisher page",
    "publisher page (DOI)",
    "archive page (JSTOR)",
    "the text (author's site)",
    "catalogue record",
    "review",
    "author page",
)
REQUIRED_PER_SESSION = 2
PLAN = CONTENT / "reading_plan.csv"


def reading_plan(rows: list[dict[str, str]], path: Path = PLAN) -> dict[str, dict[str, str]]:
    """``{reading_id: plan row}`` from ``seminar_content/reading_plan.csv``: what the link is, the
    sessions (notebook keys) for which the work is required, what to read, and any citation detail
    with the page that confirms it. ``ValueError`` naming file, row and column on a bad row, a
    reading without a plan, more than REQUIRED_PER_SESSION required works in a session, or a
    whole book required without chapters."""
    with path.open(encoding="utf-8", newline="") as handle:
        plan = list(csv.DictReader(handle))
    by_id = {r["reading_id"]: r for r in rows}
    out: dict[str, dict[str, str]] = {}
    for n, row in enumerate(plan, start=2):
        rid = row["reading_id"]
        if rid not in by_id:
            raise ValueError(f"{path.name}: row {n}: column reading_id: {rid!r} is not in readings.csv")
        if row["link_kind"] not in LINK_KINDS:
            raise ValueError(f"{path.name}: row {n}: column link_kind: {row['link_kind']!r} not one of {LINK_KINDS}")
        if not row["scope"].strip():
            raise ValueError(f"{path.name}: row {n}: column scope: empty (say 'pages not given' if unknown)")
        if row["detail"].strip() and not row["detail_url"].startswith("http"):
            raise ValueError(f"{path.name}: row {n}: column detail_url: a detail needs the page that confirms it")
        keys = [k for k in row["required_in"].split(";") if k]
        stray = [k for k in keys if k not in by_id[rid]["notebooks"].split(";")]
        if stray:
            raise ValueError(f"{path.name}: row {n}: column required_in: {stray} not among the work's notebooks")
        if keys and "whole book" in row["scope"]:
            raise ValueError(f"{path.name}: row {n}: column required_in: a whole book cannot be required reading")
        out[rid] = row
    missing = [rid for rid in by_id if rid not in out]
    if missing:
        raise ValueError(f"{path.name}: no row for {missing}")
    for key, _ in SESSIONS:
        required = [rid for rid, r in out.items() if key in r["required_in"].split(";")]
        if len(required) > REQUIRED_PER_SESSION:
            raise ValueError(
                f"{path.name}: session {key} requires {len(required)} works (at most {REQUIRED_PER_SESSION})"
            )
    return out


def _reading(row: dict[str, str], plan: dict[str, str] | None = None) -> str:
    text = f"{row['author']} ({row['year']}). *{row['title']}*. {row['publisher']}."
    if plan is None:
        return f"{text} <{row['url']}> — {row['annotation']}"
    text += f" Read: {plan['scope']}. Link, {plan['link_kind']}: <{row['url']}> — {row['annotation']}"
    if plan["detail"].strip():
        text += f" *Citation note:* {plan['detail']} (<{plan['detail_url']}>)"
    return text


def render_readings(path: Path | None = None, plan_path: Path = PLAN) -> str:
    rows = readings(path)
    out = ["# Reading list", ""]
    if rows is None:
        return "\n".join(
            out
            + [
                "The reading list is built from `data/readings.csv`, which this copy of "
                "the collection does not hold yet.",
                "",
            ]
        )
    plan = reading_plan(rows, plan_path)
    out += [
        "Works checked against the page in each link (see `data/readings.csv`); what to read and which "
        f"works are required come from `src/helpers/seminar_content/reading_plan.csv`. Each link says what "
        "it is: a *review*, *catalogue record* or *author page* describes the work and is not the work "
        "itself. Each session requires at most "
        f"{REQUIRED_PER_SESSION} works, with chapters or pages where a publisher or catalogue gives them "
        "(otherwise the entry says so); the rest are optional. Theory first, then the readings for each session.",
        "",
        "## Theory: alliances and alignment",
        "",
    ]
    out += [f"- {_reading(r, plan[r['reading_id']])}" for r in rows if r["kind"] == "theory"] + [""]
    for n, (key, title) in enumerate(SESSIONS, start=1):
        if key == "roleplay":
            continue
        chosen = [r for r in rows if key in (r["notebooks"] or "").split(";")]
        if not chosen:
            continue
        required = [r for r in chosen if key in plan[r["reading_id"]]["required_in"].split(";")]
        optional = [r for r in chosen if r not in required]
        out += [f"## Session {n}: {title}", ""]
        if required:
            out += ["**Required before class:**", ""] + [f"- {_reading(r, plan[r['reading_id']])}" for r in required]
            out.append("")
        if optional:
            out += ["**Optional:**", ""] + [f"- {_reading(r, plan[r['reading_id']])}" for r in optional] + [""]
    return "\n".join(out).rstrip() + "\n"


# --- model answers -----------------------------------------------------------------------------


def model_answers(path: Path = CONTENT / "answers.md") -> dict[str, list[tuple[str, str]]]:
    """``{notebook key: [(question opening, answer), …]}`` from the authored answers file."""
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    result: dict[str, list[tuple[str, str]]] = {}
    for block in re.split(r"(?m)^## ", text)[1:]:
        key, _, rest = block.partition("\n")
        pairs = re.findall(r"(?ms)^### (.+?)\n(.*?)(?=^### |\Z)", rest)
        result[key.strip()] = [(q.strip(), " ".join(a.split())) for q, a in pairs]
    return result


def answered(key: str, answers: dict[str, list[tuple[str, str]]] | None = None) -> list[tuple[str, str]]:
    """Each discussion question of notebook ``key`` with its model answer, in order.

    Raises ``LookupError`` naming the question when an answer is missing, and naming the answer
    when it matches no question (a question was rewritten)."""
    answers = model_answers() if answers is None else answers
    qs, given = questions(key), list(answers.get(key, []))
    out = []
    for q in qs:
        match = [a for a in given if q.startswith(a[0].rstrip("?.… "))]
        if not match:
            raise LookupError(f"seminar_content/answers.md: no model answer for {key}: {q[:80]!r}")
        out.append((q, match[0][1]))
        given.remove(match[0])
    if given:
        raise LookupError(f"seminar_content/answers.md: answer to no question in {key}: {given[0][0]!r}")
    return out


def render_answers() -> str:
    out = [
        "# Discussion questions with model answers",
        "",
        "For the instructor. The questions are the notebooks' own (and, for the role-play, the debrief's); "
        "the answers are written by hand in `src/helpers/seminar_content/answers.md` and are "
        "**interpretations** that rest on the notebooks' charts and tables — good student answers may "
        "differ and should be judged on their evidence and reasoning. Tests check that every question has "
        'an answer and that each percentage, decimal and "N of M" count an answer states appears in '
        "the notebooks it draws on.",
        "",
    ]
    for n, (key, title) in enumerate(SESSIONS, start=1):
        if key == "roleplay":
            out += render_debriefs(n)
            continue
        out += [f"## Session {n}: {title} ({notebook_path(key).name})", ""]
        for m, (q, a) in enumerate(answered(key), start=1):
            out += [f"**{m}. {q}**", "", a, ""]
    return "\n".join(out).rstrip() + "\n"


# --- role play ---------------------------------------------------------------------------------

#: The decision points: (label, the last day of the evidence, the start of the background, debrief end).
#: The March brief starts the day after the June debrief ends, so it never repeats the June debrief.
DECISIONS = [
    ("June 2025", "2025-06-13", "2025-01-01", "2025-06-30"),
    ("March 2026", "2026-02-28", "2025-07-01", "2026-04-30"),
]

#: The questions for the debrief (model answers under ``## roleplay`` in ``seminar_content/answers.md``).
DEBRIEF_QUESTIONS = [
    "Which option did the record match in each meeting? Did your council choose differently, and which brief items drove the difference?",
    "The treaty was not in force by Moscow's count in June 2025 and was in force in March 2026. Did any role's advice change because of it?",
    "Which explanation of Russia's restraint (notebook 03) did the exercise make more plausible, and which evidence would test it?",
]


def _span(date: str) -> tuple[str, str]:
    """Earliest and latest day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date can mean."""
    parts = date.split("-")
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{date}-01", f"{date}-{last:02d}"
    return f"{date}-01-01", f"{date}-12-31"


def _events():
    from . import data

    events = data.load("events")
    sources = data.load("sources").set_index("source_id")
    low_rows = _low_confidence_events(events)
    rows = []
    for r in events.itertuples():
        if "RUS" not in str(r.actors_iso3).split(";") and r.domain not in ("military",):
            continue
        cites = []
        for sid in str(r.source_ids).split(";"):
            s = sources.loc[sid.strip()]
            date = s["date"] if isinstance(s["date"], str) and s["date"] else "n.d."
            cites.append(
                f"[{s['publisher']}, {date}]({s['url']})"
                if isinstance(s["url"], str) and s["url"]
                else f"{s['publisher']}, {date}"
            )
        low = " *(low confidence)*" if str(r.event_id) in low_rows else ""
        text = str(r.event) + "".join(mark for tag, mark in MARKS.items() if tag in str(r.note))
        rows.append({"id": str(r.event_id), "date": str(r.date), "text": text, "cites": "; ".join(cites) + low})
    return sorted(rows, key=lambda row: _span(row["date"])[0])


#: Rows the coding rules (section 8) say are no state's conduct, marked in the brief and debriefs so
#: that a council does not read a deputy's or a commentator's call, or a denied report, as what a
#: state did: note tag (:mod:`helpers.events`) → the mark after the event's text.
NON_OFFICIAL_MARK = " *(non-official voice: not a state's conduct; [Coding rules](coding_rules.md), section 8)*"
UNCONFIRMED_MARK = " *(unconfirmed report: not a state's conduct; [Coding rules](coding_rules.md), section 8)*"
MARKET_REPORT_MARK = " *(market report: not a state's conduct; [Coding rules](coding_rules.md), section 8)*"
MARKS = {
    ev_rules.NON_OFFICIAL: NON_OFFICIAL_MARK,
    ev_rules.UNCONFIRMED: UNCONFIRMED_MARK,
    ev_rules.MARKET_REPORT: MARKET_REPORT_MARK,
}

#: Hindsight in an event's wording that a council meeting on the brief's day could not know:
#: ``{event id: (phrase, the brief's wording)}``; the debriefs keep the event's own words.
HINDSIGHT = {"E139": ("beginning the twelve-day war", "beginning a war")}


def _as_known_then(row: dict[str, str]) -> dict[str, str]:
    """A brief item without hindsight: an event listed in ``HINDSIGHT`` with its phrase replaced
    (a phrase no longer in the event's wording is an error, so the override cannot go stale silently)."""
    if row.get("id") not in HINDSIGHT:
        return row
    phrase, then = HINDSIGHT[row["id"]]
    if phrase not in row["text"]:
        raise ValueError(f"data/events.csv, row {row['id']}, column event: hindsight phrase {phrase!r} not found")
    return {**row, "text": row["text"].replace(phrase, then)}


def split_evidence(cutoff: str, since: str, until: str, rows=None):
    """(brief, debrief): events known to lie in [since, cutoff], and those after it up to ``until``
    (an event dated only to a month that straddles the cut-off goes to the debrief, marked)."""
    rows = _events() if rows is None else rows
    brief, debrief = [], []
    for row in rows:
        first, last = _span(row["date"])
        if first >= since and last <= cutoff:
            brief.append(_as_known_then(row))
        elif first > cutoff and first <= until:
            debrief.append(row)
        elif first <= cutoff < last and last <= until:
            debrief.append({**row, "text": row["text"] + " *(dated only to the month)*"})
    return brief, debrief


def roleplay_minutes() -> int:
    """Reading time of the role-play brief (roles, options and the two briefs: the students'
    page, without the debriefs) at 200 words a minute, rounded up."""
    import math

    return math.ceil(len(re.findall(r"[^\W_]+", re.sub(r"\]\([^)]*\)", "]", render_roleplay()))) / 200)


def render_roleplay() -> str:
    out = [
        "# Role-play: Moscow's Security Council decides",
        "",
        "Two meetings of Russia's Security Council, played in one session (see the "
        "[run sheets](seminar_run_sheets.md)): the evening of **13 June 2025**, after Israel's first "
        "strikes on Iran, and **1 March 2026**, after the US–Israeli strikes of 28 February. The brief is "
        "the collection's evidence as it stood on each day — the curated events involving Russia (and "
        "the strikes themselves), each cited by its sources — and nothing else: players may cite only "
        "the numbered items and the notebooks' charts dated before the meeting. After each meeting the "
        "instructor hands out the debrief — what the record shows Russia did next; it is kept on the "
        "instructors' page, so that this brief does not give the outcome away.",
        "",
        "## Roles",
        "",
        "- **Chair (the Council's secretary):** keeps time, asks each role for advice, forces a choice "
        "among the options and writes the one-paragraph rationale.",
        "- **Foreign Ministry:** the treaty's terms (notebook 02), the United Nations, relations with "
        "Israel and the Gulf states (notebook 04).",
        "- **Defence Ministry and General Staff:** the war in Ukraine, arms flows in both directions "
        "(notebooks 01 and 03), what could be sent and what Russia needs itself.",
        "- **Rosatom and energy:** Russian staff at Bushehr, nuclear safety, oil markets.",
        "- **Economy and finance:** sanctions (notebook 01), trade and corridors, the effect of a wider war.",
        "- **Intelligence assessment:** what Iran, Israel and the United States are likely to do next — "
        "stated as a forecast, with the evidence for it.",
        "",
        "## Options before the Council",
        "",
        "A. Words and diplomacy: condemnation, calls to all sides, the UN Security Council, an offer to mediate.  ",
        "B. As A, plus practical non-military help: nuclear-safety measures, evacuations, humanitarian aid.  ",
        "C. As B, plus indirect military support: intelligence, spare parts, deliveries through third parties.  ",
        "D. Open military assistance or a public security guarantee.",
        "",
        "Each role must say which option it advises, cite at least two brief items, and name the "
        "strongest item *against* its advice.",
        "",
    ]
    for n, (label, cutoff, since, _until) in enumerate(DECISIONS):
        brief, _ = split_evidence(cutoff, since, _until)
        out += [f"## Brief for {label} (evidence from {since} to {cutoff})", ""]
        if n:
            previous = DECISIONS[n - 1]
            out += [
                f"Everything in the {previous[0]} brief and in its debrief (handed out after the first "
                f"meeting; it runs to {previous[3]}), plus:",
                "",
            ]
        out += [f"{m}. **{r['date']}** — {r['text']} ({r['cites']})" for m, r in enumerate(brief, start=1)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_debriefs(number: int) -> list[str]:
    """The instructors' part of the role-play: what the record shows Russia did after each meeting,
    the debrief questions and their model answers (Markdown lines for the model-answers page)."""
    out = [
        f"## Session {number}: {dict(SESSIONS)['roleplay']} — the debriefs",
        "",
        "For the instructor only: hand each list out after its meeting, not before (the students' "
        "[role-play brief](seminar_roleplay.md) holds the evidence up to each meeting only).",
        "",
    ]
    for label, cutoff, since, until in DECISIONS:
        _, debrief = split_evidence(cutoff, since, until)
        out += [f"### Debrief for {label}: what the record shows next (after {cutoff}, to {until})", ""]
        out += [f"- **{r['date']}** — {r['text']} ({r['cites']})" for r in debrief] + [""]
    out += ["### Questions for the debrief, with model answers", ""]
    for m, (q, a) in enumerate(answered("roleplay"), start=1):
        out += [f"**{m}. {q}**", "", a, ""]
    return out


# --- assessment --------------------------------------------------------------------------------


def rubric_weights(text: str | None = None) -> dict[str, dict[str, int]]:
    """``{rubric heading: {criterion: weight}}``: one rubric per ``### Rubric for task(s) …`` heading."""
    text = text if text is not None else (CONTENT / "assessment.md").read_text(encoding="utf-8")
    out: dict[str, dict[str, int]] = {}
    for block in re.split(r"(?m)^### ", text)[1:]:
        heading, _, body = block.partition("\n")
        if heading.startswith("Rubric for"):
            rows = re.findall(r"(?m)^\| ([^|]+?) \| (\d+) \|", body)
            out[heading.strip()] = {name.strip(): int(weight) for name, weight in rows}
    return out


def task_rubrics(text: str | None = None) -> dict[int, dict[str, int]]:
    """``{task number: {criterion: weight}}``; every task has exactly one rubric adding up to 100,
    else ``ValueError`` naming the task or the rubric."""
    text = text if text is not None else (CONTENT / "assessment.md").read_text(encoding="utf-8")
    tasks = [int(n) for n in re.findall(r"(?m)^(\d+)\. \*\*", text)]
    out: dict[int, dict[str, int]] = {}
    for heading, weights in rubric_weights(text).items():
        total = sum(weights.values())
        if total != 100:
            raise ValueError(f"seminar_content/assessment.md: {heading!r}: weights add up to {total}, not 100")
        for n in (int(m) for m in re.findall(r"\d+", heading.split("(")[0])):
            if n in out:
                raise ValueError(f"seminar_content/assessment.md: task {n} has two rubrics")
            out[n] = weights
    missing = [n for n in tasks if n not in out]
    if missing or not tasks:
        raise ValueError(f"seminar_content/assessment.md: no rubric for task(s) {missing or 'any'}")
    return out


def render_assessment() -> str:
    text = (CONTENT / "assessment.md").read_text(encoding="utf-8").strip()
    task_rubrics(text)
    return (
        "# Assessment and marking rubric\n\nSet after session 8 (see the [syllabus](seminar_kit.md)); "
        "the [model answers](seminar_answers.md) show the standard expected in discussion.\n\n" + text + "\n"
    )


# --- syllabus (the head of the kit page) -------------------------------------------------------


def render_syllabus() -> list[str]:
    out = [
        "## Syllabus",
        "",
        f"Eight sessions of {SESSION_MINUTES} minutes. Students read the notebook (or run it in "
        "JupyterLab) before class; the class discusses the notebook's questions and works through its "
        "exercises in pairs. Everything an instructor needs is on these pages: the "
        "[run sheets](seminar_run_sheets.md), the [reading list](seminar_readings.md), "
        "[model answers](seminar_answers.md), the [role-play brief](seminar_roleplay.md), the "
        "[assessment and rubric](seminar_assessment.md), the [helper API](api.md) for code exercises, "
        "and slides built from the notebooks (`make slides`, or `python -m helpers.slides`; they open "
        "offline from `_build/slides/index.html`).",
        "",
        "**Substantive objectives.** By the end of the course students can:",
        "",
    ]
    out += [f"{n}. {o}" for n, o in enumerate(SUBSTANTIVE_OBJECTIVES, start=1)]
    out += ["", "**Methods objectives.** By the end of the course students can:", ""]
    out += [f"{n}. {o}" for n, o in enumerate(METHODS_OBJECTIVES, start=1)]
    out += ["", "**Prerequisites.**", ""] + [f"- {p}" for p in PREREQUISITES]
    out += ["", "| session | topic | pre-reading |", "|---|---|---|"]
    for n, (key, title) in enumerate(SESSIONS, start=1):
        reading = (
            f"[role-play brief](seminar_roleplay.md), about {roleplay_minutes()} min"
            if key == "roleplay"
            else f"[{notebook_path(key).name}]({notebook_path(key).name}), about {reading_minutes(key)} min"
        )
        out.append(f"| {n} | {title} | {reading} |")
    return out + [""]


def pages() -> dict[Path, str]:
    """Every generated page of the pack but the kit itself: {path: Markdown}."""
    return {
        NOTEBOOK_DIR / "seminar_run_sheets.md": render_run_sheets(),
        NOTEBOOK_DIR / "seminar_readings.md": render_readings(),
        NOTEBOOK_DIR / "seminar_answers.md": render_answers(),
        NOTEBOOK_DIR / "seminar_roleplay.md": render_roleplay(),
        NOTEBOOK_DIR / "seminar_assessment.md": render_assessment(),
    }
