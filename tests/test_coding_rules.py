"""The coding-rules page (notebooks/coding_rules.md) is the collection's one codebook.

These tests fail when the page and the catalogue or the data drift apart: a coded table without a
section, an allowed value of a coded column that its section does not name, a worked example whose
id is not a row of its table, or a rule the page states as applied that the data no longer follow.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest

from helpers import data, networks
from helpers.paths import data_dir

PAGE = data_dir().parent / "notebooks" / "coding_rules.md"

#: Coded tables without an enumerated column (their coding is in free columns: supports, weakens).
CODED_WITHOUT_ENUM: tuple[str, ...] = ("explanations",)

#: Worked-example ids: the pattern of a table's key → the table and its key column.
ID_PATTERNS: dict[str, tuple[str, str]] = {
    r"E\d{3}": ("events", "event_id"),
    r"R\d{3}": ("relations", "relation_id"),
    r"C\d{3}": ("contacts", "contact_id"),
    r"[CT]\d{4}[A-Z]?": ("choice_episodes", "episode_id"),
    r"A\d{2}": ("claims", "claim_id"),
    r"A\d{2}[a-z]": ("claim_parts", "part_id"),
    r"[DIC]\d{2}": ("drivers", "factor_id"),
    r"X\d": ("explanations", "explanation_id"),
    r"T\d{2}[a-z]?": ("explanations_tests", "test_id"),
    r"W\d{2}": ("war_support", "support_id"),
    r"TS\d{3}": ("trade_statements", "statement_id"),
    r"[a-z]{3}-[a-z]{3}-\d{4}-p\d{2}": ("treaty_provisions", "provision_id"),
}


def page_text() -> str:
    return PAGE.read_text(encoding="utf-8")


def flat_text() -> str:
    """The page with every run of whitespace as one space (statements survive a reflow)."""
    return " ".join(page_text().split())


def sections(text: str) -> list[tuple[str, str]]:
    """The numbered sections of the page: ``(heading, body)`` for each ``## N. …`` heading; a
    section runs to the next ``## `` heading."""
    parts = re.split(r"(?m)^(## .*)$", text)
    out = []
    for i in range(1, len(parts), 2):
        heading = parts[i]
        if re.match(r"## \d+\. ", heading):
            out.append((heading, parts[i + 1]))
    return out


def coded_tables(catalogue: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """Tables the project codes by hand (their provenance is not an extract script or a computation),
    each with its enumerated columns → allowed values; plus :data:`CODED_WITHOUT_ENUM`."""
    out: dict[str, dict[str, list[Any]]] = {}
    for res in catalogue["resources"]:
        provenance = str(res.get("x-provenance", ""))
        if provenance.startswith(("python -m helpers.extract", "Computed by")):
            continue
        enums = {
            f["name"]: list(f["constraints"]["enum"])
            for f in res["schema"]["fields"]
            if f.get("constraints", {}).get("enum")
        }
        if enums or res["name"] in CODED_WITHOUT_ENUM:
            out[res["name"]] = enums
    return out


def _spellings(value: Any) -> list[str]:
    """How the page may write an allowed value: in backticks; a sign as `+1`, `-1` or `−1`."""
    if isinstance(value, int) and not isinstance(value, bool):
        forms = {str(value), f"{value:+d}" if value else "0", str(value).replace("-", "−")}
        return [f"`{f}`" for f in forms]
    return [f"`{value}`"]


def codebook_gaps(text: str, catalogue: dict[str, Any]) -> list[str]:
    """Everything the page fails to state: a coded table that no section heading names, an enumerated
    column its sections do not name, an allowed value they do not name (each as a readable line)."""
    secs = sections(text)
    gaps = []
    for table, enums in coded_tables(catalogue).items():
        bodies = [heading + body for heading, body in secs if f"`{table}`" in heading]
        if not bodies:
            gaps.append(f"table {table}: no numbered section names `{table}` in its heading")
            continue
        body = "\n".join(bodies)
        for column, values in enums.items():
            if f"`{column}`" not in body:
                gaps.append(f"table {table}: column `{column}` is not named in its section")
            for value in values:
                if not any(s in body for s in _spellings(value)):
                    gaps.append(f"table {table}, column {column}: value {value!r} is not named in its section")
    return gaps


def example_ids(text: str) -> dict[str, set[str]]:
    """Backticked row ids on the page, by table (ids inside ranges such as `E001`–`E235` included)."""
    found: dict[str, set[str]] = {}
    for token in re.findall(r"`([^`\s]+)`", text):
        for pattern, (table, _) in ID_PATTERNS.items():
            if re.fullmatch(pattern, token):
                found.setdefault(table, set()).add(token)
    return found


# --------------------------------------------------------------------------- the page against the catalogue


def test_every_coded_table_column_and_value_is_in_the_codebook():
    gaps = codebook_gaps(page_text(), data.catalogue())
    assert gaps == [], "notebooks/coding_rules.md misses:\n" + "\n".join(gaps)


def test_the_gap_finder_fails_on_a_page_that_drops_a_value_a_column_or_a_section():
    text, catalogue = page_text(), data.catalogue()
    assert "`delegation`" in text
    assert any("'delegation'" in g for g in codebook_gaps(text.replace("`delegation`", "delegation"), catalogue))
    # a sign written only as a bare number is not named
    dropped = codebook_gaps(text.replace("`-1`", "-1").replace("`−1`", "−1"), catalogue)
    assert any("relations, column sign: value -1" in g for g in dropped)
    assert any("column `checkability`" in g for g in codebook_gaps(text.replace("`checkability`", "x"), catalogue))
    no_heading = text.replace("(`contacts`)", "(contacts)")
    assert "table contacts: no numbered section" in "\n".join(codebook_gaps(no_heading, catalogue))
    # a new coded table in the catalogue needs a section
    extra = {**catalogue, "resources": [*catalogue["resources"], _resource("new_coding", {"grade": ["a", "b"]})]}
    assert "table new_coding: no numbered section names `new_coding` in its heading" in codebook_gaps(text, extra)
    # an extracted table with enums needs none
    extracted = _resource("new_extract", {"grade": ["a"]}, provenance="python -m helpers.extract new_extract x.csv")
    assert codebook_gaps(text, {**catalogue, "resources": [*catalogue["resources"], extracted]}) == []


def _resource(name: str, enums: dict[str, list[str]], provenance: str = "Coded by the project.") -> dict[str, Any]:
    fields = [{"name": k, "type": "string", "constraints": {"enum": v}} for k, v in enums.items()]
    return {"name": name, "x-provenance": provenance, "schema": {"fields": fields}}


def test_the_treaty_sections_one_to_five_stay_and_new_sections_follow_in_order():
    numbers = [int(re.match(r"## (\d+)\.", h).group(1)) for h, _ in sections(page_text())]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    headings = [h for h, _ in sections(page_text())]
    assert headings[0].startswith("## 1. The ATOP definitions") and headings[4].startswith("## 5. The order of")
    assert page_text().splitlines()[4] == "# Coding rules"


def test_every_worked_example_is_a_row_of_its_table():
    found = example_ids(page_text())
    assert {"events", "relations", "contacts", "claim_parts", "choice_episodes", "drivers"} <= set(found)
    for table, ids in found.items():
        key = dict(ID_PATTERNS.values())[table]
        known = set(data.load(table)[key].astype(str))
        assert ids <= known, f"coding_rules.md cites {sorted(ids - known)} not in data/{table}.csv"


# --------------------------------------------------------------------------- rules the page states as applied


@pytest.fixture(scope="module")
def relations():
    return data.load("relations")


def _tie(relations, a: str, b: str) -> dict[str, int]:
    a, b = sorted((a, b))
    rows = relations[(relations["a_iso3"] == a) & (relations["b_iso3"] == b)]
    return dict(zip(rows["period"].astype(str), rows["sign"].astype(int)))


def test_russia_us_is_minus_one_and_russia_israel_zero_in_every_window(relations):
    text = flat_text()
    assert "**Russia–United States: −1 in every window.**" in text
    assert _tie(relations, "RUS", "USA") == dict.fromkeys(networks.PERIODS, -1), "update section 10"
    assert "**Russia–Israel: 0 in every window**" in text
    assert _tie(relations, "ISR", "RUS") == dict.fromkeys(networks.PERIODS, 0), "update section 10"


def test_the_gulf_ties_of_the_2026_war_are_zero_and_every_zero_is_russias(relations):
    text = flat_text()
    gulf = relations[relations["relation_id"].isin(["R074", "R078", "R080"])]
    assert set(gulf["period"].astype(str)) == {"2026-03"} and set(gulf["sign"]) == {0}
    assert set(gulf[["a_iso3", "b_iso3"]].to_numpy().ravel()) == {"RUS", "SAU", "ARE", "QAT"}
    assert "**Every tie coded 0 is one of Russia's**" in text
    zeros = relations[relations["sign"] == 0]
    not_russian = zeros[~zeros[["a_iso3", "b_iso3"]].eq("RUS").any(axis=1)]
    assert not_russian.empty, (
        f"ties coded 0 that are not Russia's: {list(not_russian['relation_id'])}; update section 10"
    )


def test_every_russia_us_row_is_the_standing_sanctions_state(relations):
    rows = relations.set_index("relation_id")
    us = relations[(relations["a_iso3"] == "RUS") & (relations["b_iso3"] == "USA")]
    event_rows = sorted(us.loc[us["evidence_kind"] == "event", "relation_id"])
    assert event_rows == [], "section 10 says every Russia–US row is a standing state (sanctions in force)"
    assert rows.at["R033", "period"] == "2025-01" and rows.at["R033", "evidence_from"] == "2025-01"


def test_driver_ids_repeat_their_role():
    drivers = data.load("drivers")
    letter = {"driver": "D", "indicator": "I", "constraint": "C"}
    wrong = [f for f, r in zip(drivers["factor_id"], drivers["role"]) if f[0] != letter[r]]
    assert wrong == [], f"data/drivers.csv: factor_id letter does not match role for {wrong}"


def test_values_the_page_calls_unused_are_unused():
    text = flat_text()
    parts, tests = data.load("claim_parts"), data.load("explanations_tests")
    outdated = (parts["verdict_at_horizon"] == "outdated").any()
    assert ("No part is `outdated` at present" in text) == (not outdated), "update section 12"
    strong = (tests["weight"] == "strong").any()
    assert ("allowed, not used: no check was blind" in text) == (not strong), "update section 14"


def test_no_verdict_counts_a_low_confidence_row_and_the_one_shown_is_a16as():
    from helpers import ledger

    parts = data.load("claim_parts")
    ledger.check_counting(parts, data.load)
    marks = ledger.evidence_confidence(parts, data.load)
    assert set(marks["confidence"]) == {""}, "a verdict's keys include a low-confidence row; update section 12"
    shown = parts[parts["keys_shown"].fillna("") != ""]
    assert dict(zip(shown["part_id"], shown["keys_shown"])) == {"A16a": "events:E419"}, "update section 12"
    assert "The one case is `A16a`" in flat_text()
    a16a = parts.set_index("part_id").loc["A16a"]
    assert (a16a["verdict_at_publication"], a16a["verdict_at_horizon"]) == ("partly supported", "partly supported")


def test_the_ledger_counting_check_fails_on_a_low_row_counted_or_a_counted_row_shown():
    from helpers import ledger

    parts = data.load("claim_parts")
    counted = parts.copy()
    row = counted["part_id"] == "A16a"
    counted.loc[row, "keys_at_horizon"] = counted.loc[row, "keys_at_horizon"] + ";events:E419"
    with pytest.raises(ValueError, match=r"A16a, column keys_at_horizon: events:E419 rests only on low-confidence"):
        ledger.check_counting(counted, data.load)
    shown = parts.copy()
    shown.loc[shown["part_id"] == "A16a", "keys_shown"] = "events:E419;events:E029"
    with pytest.raises(ValueError, match=r"A16a, column keys_shown: events:E029 does not rest only"):
        ledger.check_counting(shown, data.load)


def test_a16a_shows_both_readings_the_counted_rows_and_the_shown_one():
    from helpers import ledger

    parts = data.load("claim_parts")
    rows = ledger.evidence_rows(parts, "A16a", data.load)
    counted = "E029 E418 E063 E432 E433 E430 E434 E431 E435 E123 E183".split()
    assert list(rows["key"]) == [*counted, "E419"]
    assert list(rows["confidence"]) == [""] * len(counted) + [ledger.SHOWN]
    assert "E419" not in set(ledger.evidence_rows(parts, "A16a", data.load, shown=False)["key"])


# --------------------------------------------------------------------------- treaty cells resting on paraphrases


def test_no_treaty_cell_is_decided_on_a_paraphrase_or_on_low_confidence_sources_alone():
    from helpers import reliability

    provisions = data.load("treaty_provisions")
    decided_low = provisions[(reliability.confidence(provisions) == "low") & provisions["present"].isin(["yes", "no"])]
    assert list(decided_low["provision_id"]) == [], "section 2 says the counting rule affects no cell at present"
    assert "Cells it affects at present: none." in flat_text()
    paraphrased = provisions[provisions["quote_by"].fillna("").str.contains("paraphras", case=False)]
    assert set(paraphrased["rule"]) == {"secondary-only"} and set(paraphrased["present"]) == {"unknown"}
    row = provisions.set_index("provision_id").loc["rus-chn-2001-p06"]
    assert (row["present"], row["rule"], row["present_before"]) == ("unknown", "secondary-only", "yes")


# --------------------------------------------------------------------------- market reports are not conduct

#: Words that make an event's text a market report (section 8): prices, volumes, traders.
MARKET_WORDS = r"\bcrude\b|\bdiscounts?\b|\brefiners?\b|\bbarrels?\b|\btankers?\b|\btraders?\b|Kpler|Vortexa"


def market_reports_as_russian_conduct(events) -> list[str]:
    """Events whose text reports (``reported``) a market (:data:`MARKET_WORDS`) and that fall in a
    Russian lane: section 8 says a market report is never Russian conduct."""
    from helpers import events as ev

    lanes = ev.classify(events)
    text = events["event"].astype(str)
    report = text.str.contains(r"\breport(?:ed|s)?\b", case=False, regex=True)
    market = text.str.contains(MARKET_WORDS, case=False, regex=True)
    return sorted(events.loc[report & market & lanes.isin(ev.RUSSIAN), "event_id"])


def test_market_reports_are_never_russian_conduct():
    from helpers import events as ev

    events = data.load("events")
    assert market_reports_as_russian_conduct(events) == [], "a market report is in a Russian lane; see section 8"
    rows = events.set_index("event_id")
    lanes = ev.classify(events.set_index("event_id"))
    for event_id in ("E312", "E334"):
        assert lanes[event_id] == ev.OTHERS and rows.at[event_id, "actors_iso3"].startswith("CHN;")
        assert rows.at[event_id, "note"].startswith(ev.MARKET_REPORT)
    assert sorted(events.loc[events["note"].map(lambda n: ev.MARKET_REPORT in str(n)), "event_id"]) == ["E312", "E334"]
    # the tag decides, not the order: a tagged market report that names Russia first is still no Russian conduct
    assert ev.lane_of("RUS;IRN;CHN", "other", rows.at["E334", "note"]) == ev.OTHERS
    assert ev.lane_of("RUS;IRN;CHN", "other", "Traders' quotes.") == ev.RUS_ACTS
    text = flat_text()
    assert "two rows moved from Russia's *acts* lane to *Others* — `E312`" in text


def test_the_market_report_check_fails_on_a_russia_led_market_report():
    from helpers import events as ev

    events = data.load("events")
    led = events.copy()
    led.loc[led["event_id"] == "E334", "actors_iso3"] = "RUS;IRN;CHN;IND"
    assert market_reports_as_russian_conduct(led) == []  # tagged: no state's conduct, whoever is first
    row = led["event_id"] == "E334"
    led.loc[row, "note"] = led.loc[row, "note"].str.replace(ev.MARKET_REPORT, "", regex=False)
    assert market_reports_as_russian_conduct(led) == ["E334"]  # untagged and Russia-led: the check fails
    # a state's words about markets are not a report: Putin on energy markets stays Russian words
    assert "E221" not in market_reports_as_russian_conduct(events)


# --------------------------------------------------------------------------- non-official words


def tagged_rows_the_page_names(rule: str, end: str) -> list[str]:
    """The ids section 8 lists as tagged under the rule that begins at ``rule`` (between "rows are
    tagged" and ``end``)."""
    text = flat_text()
    start = text.index(rule)
    part = text[text.index("rows are tagged", start) : text.index(end, start)]
    return sorted(re.findall(r"`(E\d{3})`", part))


def tagged_rows_of(events, tagged_as, rule: str, end: str) -> tuple[list[str], dict[str, str]]:
    """The ids whose note ``tagged_as`` recognises, checked to be the ones section 8 names (see
    :func:`tagged_rows_the_page_names`) and to be no state's conduct: *Others* in Russia's lanes
    and never Iran's lane of notebook 03. Returns them with every event's lane by id."""
    from helpers import events as ev
    from helpers.defence import IRAN_TO_RUSSIA, war_lanes

    tagged = sorted(events.loc[events["note"].map(tagged_as), "event_id"])
    assert tagged == tagged_rows_the_page_names(rule, end)
    lanes = ev.classify(events)
    assert (lanes[events["event_id"].isin(tagged)] == ev.OTHERS).all()
    assert not (war_lanes(events)[events["event_id"].isin(tagged)] == IRAN_TO_RUSSIA).any()
    return tagged, dict(zip(events["event_id"], lanes))


def test_the_rows_tagged_non_official_are_the_ones_the_page_names_and_none_is_conduct():
    from helpers import events as ev

    events = data.load("events")
    tagged, by_id = tagged_rows_of(events, ev.non_official, "**Non-official words.**", "Worked example")
    assert tagged == ["E326", "E328", "E335", "E336"]
    # the hard cases the page names stay counted
    assert by_id["E154"] == ev.RUS_WORDS


def test_the_tag_moves_a_russian_statement_out_of_russias_words():
    from helpers import events as ev

    assert ev.lane_of("RUS;IRN", "statement", "A minister said so.") == ev.RUS_WORDS
    assert ev.lane_of("RUS;IRN", "statement", "[non-official] A private person said so.") == ev.OTHERS
    assert ev.lane_of("RUS;IRN", "delivery", ev.NON_OFFICIAL) == ev.OTHERS
    assert not ev.non_official(None) and not ev.non_official(float("nan"))


def test_the_rows_tagged_unconfirmed_are_the_ones_the_page_names_and_none_is_conduct():
    from helpers import events as ev
    from helpers.defence import IRAN_TO_RUSSIA, war_lanes

    events = data.load("events")
    tagged, by_id = tagged_rows_of(events, ev.unconfirmed, "carries the tag `[unconfirmed]`", "The report date")
    assert tagged == ["E216", "E305", "E327", "E419"]
    # the page's counter-examples: the word in a note is no tag (E093 is Iran's words, Others by its lead)
    notes = dict(zip(events["event_id"], events["note"].fillna("")))
    assert "unconfirmed" in notes["E093"] and not ev.unconfirmed(notes["E093"])
    assert "unconfirmed" in notes["E243"] and by_id["E243"] == ev.RUS_CONTACTS
    # Iran's lane of notebook 03 reads the same test: an Iran-led row tagged unconfirmed leaves it
    led = events.copy()
    row = led["event_id"] == "E093"
    window = led[row].assign(date="2025-06-15", date_precision="day")
    assert war_lanes(window).tolist() == [IRAN_TO_RUSSIA]
    window = window.assign(note=ev.UNCONFIRMED + " " + notes["E093"])
    assert war_lanes(window).tolist() == [ev.OTHERS]


# --------------------------------------------------------------------------- the weight of an explanation test

JUDGED_WEAK = "Weight weak by judgement"


def weight_problems(tests, periods_frame) -> list[str]:
    """Every test row whose ``weight`` breaks section 14's rule: ``strong`` only for a blind test
    (registered before its window opened); ``weak`` for every ``absent`` test and every ``present``
    test met by contacts alone (``event_types`` = ``meeting``); any other ``present`` test
    ``moderate``, or ``weak`` only by a judgement its note states (:data:`JUDGED_WEAK`)."""
    from helpers import defence

    problems = []
    for _, t in tests.iterrows():
        weight, note = str(t["weight"]), str(t["note"]) if isinstance(t["note"], str) else ""
        contacts_only = str(t["event_types"]) == "meeting"
        opens = min(lo for lo, _ in defence.test_window(t, periods_frame))
        where = f"data/explanations_tests.csv, row {t['test_id']}, column weight"
        if weight == "strong":
            if not pd.Timestamp(t["registered_on"]) < opens:
                problems.append(f"{where}: strong, but registered after its window opened (not blind)")
        elif t["expect"] == "absent" or contacts_only:
            if weight != "weak":
                why = "an absence" if t["expect"] == "absent" else "met by contacts alone"
                problems.append(f"{where}: {why} is weak, not {weight}")
        elif weight == "weak" and JUDGED_WEAK not in note:
            problems.append(f"{where}: weak by judgement needs its note to say why ({JUDGED_WEAK!r})")
        if JUDGED_WEAK in note and weight != "weak":
            problems.append(f"{where}: the note judges it weak, the weight says {weight}")
    return problems


def test_every_explanation_test_weight_follows_the_written_rule():
    tests, periods_frame = data.load("explanations_tests"), data.load("periods")
    assert weight_problems(tests, periods_frame) == []
    weights = dict(zip(tests["test_id"], tests["weight"]))
    assert [t for t, w in weights.items() if w == "weak"] == ["T01", "T02", "T03", "T05a", "T05b", "T08"]
    text = flat_text()
    assert "(2) every `present` test met by contacts alone (`event_types` = `meeting`)" in text
    assert "it moved four tests from `moderate` to `weak` — `T01`, `T03`, `T05a` (contacts alone) and `T05b`" in text


def test_the_weight_rule_fails_when_a_weight_drifts():
    tests, periods_frame = data.load("explanations_tests"), data.load("periods")

    def with_weight(test_id: str, weight: str, **more: str):
        out = tests.copy()
        out.loc[out["test_id"] == test_id, "weight"] = weight
        for column, value in more.items():
            out.loc[out["test_id"] == test_id, column] = value
        return weight_problems(out, periods_frame)

    assert any("T05b" in p and "an absence is weak" in p for p in with_weight("T05b", "moderate"))
    assert any("T01" in p and "contacts alone is weak" in p for p in with_weight("T01", "moderate"))
    assert any("T12" in p and "weak by judgement needs" in p for p in with_weight("T12", "weak"))
    assert any("T08" in p and "the note judges it weak" in p for p in with_weight("T08", "moderate"))
    assert any("T06" in p and "not blind" in p for p in with_weight("T06", "strong"))
    # a test registered before its window opened may be strong
    assert with_weight("T07", "strong", registered_on="2024-06-01") == []


def test_every_contact_counterpart_is_the_other_party():
    contacts = data.load("contacts")
    assert (contacts["state_iso3"] == "RUS").all()
    assert (contacts["counterpart_iso3"] != contacts["state_iso3"]).all()
    # one row per call: the four Gulf calls of E210 as the page's example says
    gulf = contacts[contacts["event_id"] == "E210"]
    assert sorted(gulf["contact_id"]) == ["C041", "C042", "C043", "C044"]
    assert set(gulf["channel"]) == {"call"} and gulf["counterpart_iso3"].is_unique
