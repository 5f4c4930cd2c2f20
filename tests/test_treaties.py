"""Treaty coding: coverage, strength by domain, obligation matrix, milestones — on small hand-made
frames (exact values) and on the real tables. The check against ATOP is tests/test_atop_check.py."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import atop_check as ac
from helpers import coverage as covmod
from helpers import data, obligations, reliability
from helpers import treaties as tr
from treaty_frames import _provisions, _provisions_with_a_low_cell, _registry_ids, _treaties, real_tables, record_charts

NC = tr.NOT_COVERED


# --------------------------------------------------------------------------- hand-made frames


def _articles():
    return pd.DataFrame(
        {
            "article": pd.array([1, 2, 3, 4, 5, 6], dtype="Int64"),
            "title": ["Aims", "Principles", "Security", None, "Military", None],
            "domain": ["general", "political", "security", None, "security", None],
            "strength": ["best-effort", "declaratory", "binding", None, "unknown", None],
            "status": ["documented", "documented", "documented", NC, "documented", NC],
            "summary": ["s1", "s2", "s3", None, "s5", None],
            "quote": ["q1", "q2", "q3", None, "q5", None],
            "quote_by": ["b1", "b2", "b3", None, "b5", None],
            "source_ids": ["a", "b", "c", None, "d", None],
            "note": [None] * 6,
        }
    )


def _milestones():
    return pd.DataFrame(
        {
            "treaty_id": ["aaa-bbb-2020"] * 5 + ["aaa-ccc-2010"],
            "milestone": ["in_force", "signed", "ratified_ru_duma", "ratified_ru_duma", "in_force", "signed"],
            "date": ["2020-10-02", "2020-01-17", "2020-04-08", "2020-04-09", "2020-07", "2010-05-01"],
            "date_precision": ["day", "day", "day", "day", "month", "day"],
            "source_ids": ["a;b;c", "a", "a;b", "d", "e;f", "g"],
            "note": [None, None, None, "DISAGREEMENT: one source", None, None],
        }
    )


# --------------------------------------------------------------------------- small helpers


def test_labels_dates_and_ranges():
    assert tr.treaty_label("rus-irn-2025", "RUS;IRN") == "Russia–Iran 2025"
    # state names come from helpers.countries (one name per state across the collection)
    assert tr.treaty_label("sun-prk-1961", "RUS;PRK") == "USSR–North Korea 1961"
    assert tr.treaty_label("rus-prk-2024", "RUS;PRK") == "Russia–North Korea 2024"
    assert tr.treaty_label("csto-1992", "ARM;KAZ;KGZ;RUS;TJK;UZB") == "CSTO 1992"
    assert tr.format_date("2025-10-02") == "2 Oct 2025"
    assert tr.format_date("2025-07", "month") == "Jul 2025"
    assert tr.format_date("1996", "year") == "1996"
    assert tr.compress_ranges([6, 8, 9, 10, 11, 13, 15, 16]) == "6, 8–11, 13, 15–16"
    assert tr.compress_ranges([]) == ""
    assert tr.article_number("3(3)") == 3 and tr.article_number("19") == 19 and tr.article_number(None) is None
    assert tr.article_ref("5(4)") == "Art. 5(4)"
    assert tr.article_ref(pd.NA) == tr.NO_ARTICLE == "article not given by the source"


def test_latest_date_mixes_precisions_and_timestamps():
    frame = pd.DataFrame({"d": ["2025-07", "2024", "2025-06-30"], "date_precision": ["month", "year", "day"]})
    stamps = pd.DataFrame({"t": pd.to_datetime(["2025-07-02", None])})
    assert tr.latest_date((frame, "d")) == "2025-07-01"
    assert tr.latest_date((frame, "d"), (stamps, "t")) == "2025-07-02"
    # the precision comes from the table, never from the text's length; a mismatch is an error
    with pytest.raises(ValueError, match="does not have the form"):
        tr.latest_date((frame.assign(date_precision=["year", "year", "day"]), "d"))
    with pytest.raises(ValueError, match="no date_precision column"):
        tr.latest_date((frame.drop(columns="date_precision"), "d"))


def test_latest_date_is_not_extended_by_a_row_resting_only_on_low_confidence_sources():
    frame = pd.DataFrame(
        {
            "d": ["2026-04-25", "2026-06-15"],
            "date_precision": ["day", "day"],
            "source_ids": ["tass-2025-04-08-rudenko", "forlancer-2026-04-12-putin-pezeshkian"],  # high; low
        }
    )
    assert tr.latest_date((frame, "d")) == "2026-04-25"
    assert tr.latest_date((frame.assign(source_ids="tass-2025-04-08-rudenko"), "d")) == "2026-06-15"


# --------------------------------------------------------------------------- articles


def test_coverage_counts_documented_rows_exactly():
    cov = tr.coverage(_articles())
    assert cov == {"documented": 4, "total": 6, "not_covered": 2, "share": 4 / 6}
    assert tr.coverage(_articles(), total=8)["share"] == 0.5
    with pytest.raises(ValueError):
        tr.coverage(_articles(), total=0)
    bad = _articles().assign(status=["documented"] * 5 + ["maybe"])
    with pytest.raises(ValueError, match="maybe"):
        tr.coverage(bad)


def test_coverage_table_rounds_the_share_to_a_whole_percentage():
    # By hand: 20 of 47 articles documented, 27 not; 20 / 47 = 0.4255… → "43%".
    t = tr.coverage_table({"documented": 20, "total": 47, "not_covered": 27, "share": 20 / 47})
    assert t.to_dict("records") == [
        {
            "Articles in the treaty": 47,
            "Documented by an available source": 20,
            "Not covered by an available source": 27,
            "Coverage (documented / total)": "43%",
        }
    ]
    # From the hand-made article map: 4 documented of 6 rows, 4 / 6 = 0.667 → "67%".
    assert tr.coverage_table(tr.coverage(_articles()))["Coverage (documented / total)"].item() == "67%"


def test_treaty_overview_one_readable_line_per_treaty():
    treaties = pd.DataFrame(
        {
            "treaty_id": ["rus-irn-2025", "sun-prk-1961"],
            "parties_iso3": ["RUS;IRN", "RUS;PRK"],
            "signed": pd.to_datetime(["2025-01-17", "1961-07-06"]),
            "entered_into_force": pd.to_datetime(["2025-10-02", None]),
            "duration_years": pd.array([20, pd.NA], dtype="Int64"),
            "renewal": ["automatic five-year extensions", "Indefinite unless denounced"],
            "articles_n": pd.array([47, pd.NA], dtype="Int64"),
            "atop_id": pd.array([pd.NA, 3525], dtype="Int64"),
        }
    )
    assert tr.treaty_overview(treaties).values.tolist() == [
        [
            "Russia–Iran 2025",
            "17 Jan 2025",
            "2 Oct 2025",
            "20 years",
            "automatic five-year extensions",
            "47",
            "not in ATOP",
        ],
        [
            "USSR–North Korea 1961",
            "6 Jul 1961",
            "unknown",
            "indefinite",
            "Indefinite unless denounced",
            "unknown",
            "3525",
        ],
    ]
    no_renewal = treaties.assign(renewal=[None, None], duration_years=pd.array([pd.NA, 10], dtype="Int64"))
    out = tr.treaty_overview(no_renewal)
    # No stated term and no renewal text: the term is unknown, not indefinite.
    assert out["Term"].tolist() == ["unknown", "10 years"] and out["Renewal"].tolist() == ["not stated"] * 2


def test_strength_by_domain_and_status():
    table = tr.strength_by_domain(_articles())
    assert list(table.columns) == ["binding", "best-effort", "declaratory", "unknown", "total"]
    assert list(table.index) == ["security", "general", "political"]  # by total, then name
    assert table.loc["security"].to_dict() == {
        "binding": 1,
        "best-effort": 0,
        "declaratory": 0,
        "unknown": 1,
        "total": 2,
    }
    assert int(table["total"].sum()) == 4
    assert tr.article_status(_articles()).to_list() == ["best-effort", "declaratory", "binding", NC, "unknown", NC]


def test_article_table_lists_documented_rows_then_the_gaps():
    table = tr.article_table(_articles())
    assert table["Article"].to_list() == ["1", "2", "3", "5", "4, 6"]
    assert table.iloc[-1]["Label"] == NC
    assert table.iloc[0]["Quote"] == "q1"


# --------------------------------------------------------------------------- provisions


def test_combine_presence():
    assert tr.combine_presence(["unknown", "yes", "no"]) == "yes"
    assert tr.combine_presence(["unknown", "no"]) == "no"
    assert tr.combine_presence(["unknown"]) == "unknown"
    assert tr.combine_presence([]) == "not coded"


def test_obligation_matrix_has_every_treaty_and_obligation():
    m = tr.obligation_matrix(_provisions(), _treaties())
    assert list(m.index) == ["aaa-bbb-2020", "aaa-ccc-2010", "aaa-ddd-2000"]
    assert list(m.columns) == list(tr.ATOP_OBLIGATIONS + tr.EXTRA_OBLIGATIONS)
    assert m.at["aaa-bbb-2020", "defense"] == "no"
    assert m.at["aaa-bbb-2020", "neutrality"] == "yes"
    assert m.at["aaa-bbb-2020", "offense"] == "not coded"
    assert m.at["aaa-bbb-2020", "sanctions_clause"] == "yes"  # two rows, one value
    assert m.at["aaa-ccc-2010", "consultation"] == "unknown"
    assert m.at["aaa-ddd-2000", "nonaggression"] == "no"


def test_commitments_merge_rows_of_the_same_article_and_take_its_strength():
    arts = _articles()
    c = tr.commitments(_provisions(), arts, "aaa-bbb-2020")
    # neutrality and non-assistance share 3(3): one clause; defence 'no' is not a commitment
    assert c["obligation"].to_list() == ["neutrality", "military_technical", "sanctions_clause", "sanctions_clause"]
    assert c["article"].fillna("").to_list() == ["3(3)", "", "", "4"]
    # 3 is documented (security, binding); 4 is not covered -> falls back to the obligation's domain
    assert c["domain"].to_list() == ["security", "military_technical", "economy", "economy"]
    assert c["strength"].to_list() == ["binding", "not numbered", "not numbered", "not numbered"]
    table = tr.commitments_by_domain(c)
    assert table.loc["economy", "not numbered"] == 2 and table.loc["security", "binding"] == 1
    assert list(table.index) == ["economy", "military_technical", "security"]
    assert int(table["total"].sum()) == 4


def test_security_articles_and_absences():
    sec = tr.security_articles(_provisions(), "aaa-bbb-2020")
    assert sec["Topic"].to_list() == [
        "No assistance to an aggressor",
        "Military-technical cooperation",
        "Sanctions / coercive measures",
        "Sanctions / coercive measures",
    ]
    assert sec["Article"].to_list() == ["Art. 3(3)", tr.NO_ARTICLE, tr.NO_ARTICLE, "Art. 4"]
    ab = tr.absences(_provisions(), "aaa-bbb-2020")
    assert ab["Obligation absent"].to_list() == ["Defence (aid if attacked)"]
    assert ab["Said by"].to_list() == ["speaker 0"]


# --------------------------------------------------------------------------- milestones


def test_milestone_claims_order_and_disputes():
    claims = tr.milestone_claims(_milestones(), "aaa-bbb-2020")
    assert claims["milestone"].to_list() == ["signed", "ratified_ru_duma", "ratified_ru_duma", "in_force", "in_force"]
    assert claims["date"].to_list() == ["2020-01-17", "2020-04-08", "2020-04-09", "2020-07", "2020-10-02"]
    assert claims["n_sources"].to_list() == [1, 2, 1, 2, 3]
    assert claims["disputed"].to_list() == [False, True, True, True, True]
    assert claims.loc[3, "when"] == pd.Timestamp("2020-07-01")
    table = tr.disagreements(_milestones(), "aaa-bbb-2020")
    assert table["Claimed date"].to_list() == ["8 Apr 2020", "9 Apr 2020", "Jul 2020", "2 Oct 2020"]
    with pytest.raises(ValueError):
        tr.milestone_claims(_milestones(), "zzz-2000")


def test_a_note_flag_alone_marks_a_dispute():
    ms = _milestones()
    ms.loc[5, "note"] = "DISAGREEMENT: on the vote tally"
    claims = tr.milestone_claims(ms, "aaa-ccc-2010")
    assert claims["disputed"].to_list() == [True]


# --------------------------------------------------------------------------- the real tables


@pytest.fixture(scope="module")
def real():
    return real_tables()


def test_real_coverage_equals_the_documented_rows(real):
    arts, treaties = real["treaty_articles"], real["treaties"]
    n = int(treaties.set_index("treaty_id").at["rus-irn-2025", "articles_n"])
    assert len(arts) == n == 47
    cov = tr.coverage(arts, total=n)
    assert cov["documented"] == int((arts["status"] == "documented").sum())
    assert cov["documented"] + cov["not_covered"] == 47
    assert int(tr.strength_by_domain(arts)["total"].sum()) == cov["documented"]
    assert len(tr.article_table(arts)) == cov["documented"] + 1


def test_real_matrix_has_every_treaty_and_atop_rows(real):
    m = tr.obligation_matrix(real["treaty_provisions"], real["treaties"])
    assert list(m.index) == real["treaties"]["treaty_id"].to_list()
    assert set(m[list(tr.ATOP_OBLIGATIONS)].stack()) <= {"yes", "no", "unknown"}  # the six are coded everywhere
    assert m.at["rus-irn-2025", "defense"] == "no"
    assert m.at["rus-irn-2025", "neutrality"] == "yes"
    # the non-assistance clause is the neutrality clause: the matrix shows it once
    assert "non_assistance_aggressor" not in m.columns and "non_assistance_aggressor" not in tr.EXTRA_OBLIGATIONS


def test_real_milestones_and_security_clauses(real):
    claims = tr.milestone_claims(real["treaty_milestones"], "rus-irn-2025")
    in_force = claims[claims["milestone"] == "in_force"]
    assert len(in_force) >= 2 and in_force["disputed"].all()
    sec = tr.security_articles(real["treaty_provisions"], "rus-irn-2025")
    assert len(sec) > 0 and (sec["Quote"] != "").all()
    assert sec["Article"].str.match(r"^(Art\. \d|article not given)").all()
    facts = tr.treaty_facts(real["treaties"], real["treaty_milestones"], "rus-irn-2025")
    assert (facts["Sources (registry ids)"] != "").all()


# --------------------------------------------------------------------------- charts


@pytest.fixture()
def capture(monkeypatch):
    return record_charts(monkeypatch)


def test_plots_are_finished(capture, real):
    labels = tr.treaty_labels(real["treaties"])
    tr.plot_milestones(tr.milestone_claims(_milestones(), "aaa-bbb-2020"), "T", "Source: x.", "alt text " * 5)
    tr.plot_article_grid(_articles(), "T", "Source: x.", "alt text " * 5, ncols=3)
    c = tr.commitments(_provisions(), _articles(), "aaa-bbb-2020")
    tr.plot_commitments(tr.commitments_by_domain(c), "T", "Source: x.", "alt text " * 5)
    tr.plot_matrix(
        tr.obligation_matrix(real["treaty_provisions"], real["treaties"]),
        labels,
        "T",
        "Source: x.",
        "alt text " * 5,
        highlight="rus-irn-2025",
    )
    assert len(capture) == 4 and all(missing == [] for missing, _ in capture)


def test_coverage_line_lives_in_the_coverage_module():
    assert not hasattr(tr, "coverage_line") and not hasattr(tr, "coverage_header")
    assert "02_treaty_terms" in covmod.NOTEBOOKS


# --------------------------------------------------------------------------- coding rules


def _ruled():
    frame = _provisions().iloc[:3].copy()
    frame["rule"] = ["absence-official", "atop-neutrality", "category-text"]
    frame["quote_lang"] = ["en", "hr", "en"]
    frame["translation"] = [None, "In the event ...", None]
    frame["translation_by"] = [None, "the collection's own translation", None]
    frame["searched"] = None
    return frame


def test_check_provisions_accepts_a_well_formed_table_and_names_the_breach():
    tr.check_provisions(_ruled())
    bad = _ruled()
    bad.loc[1, "translation"] = None
    with pytest.raises(ValueError, match=r"row aaa-bbb-2020-p02, column translation"):
        tr.check_provisions(bad)
    bad = _ruled()
    bad.loc[0, "present"] = "yes"  # an official's denial cannot give yes
    with pytest.raises(ValueError, match=r"row aaa-bbb-2020-p01, column rule"):
        tr.check_provisions(bad)
    bad = _ruled()
    bad.loc[1, "rule"] = "atop-defense"  # the defence rule on a neutrality row
    with pytest.raises(ValueError, match="applies to 'defense'"):
        tr.check_provisions(bad)
    bad = _ruled()
    bad.loc[2, ["present", "rule"]] = ["unknown", "text-not-reached"]  # unknown without a search note
    with pytest.raises(ValueError, match="column searched"):
        tr.check_provisions(bad)


def test_real_tables_follow_the_coding_rules(real):
    tr.check_provisions(real["treaty_provisions"])
    tr.check_articles(real["treaty_articles"])
    arts = real["treaty_articles"].copy()
    row = arts.index[arts["article"] == 12][0]
    arts.loc[row, "strength"] = "binding"  # "shall facilitate" is not binding by its rule
    with pytest.raises(ValueError, match="article 12, column strength"):
        tr.check_articles(arts)


# --------------------------------------------------------------------------- obligations in force


def _inforce_frames():
    treaties = pd.DataFrame(
        {
            "treaty_id": ["aaa-bbb-2020", "mul-2000", "aaa-ccc-1990"],
            "parties_iso3": ["RUS;IRN", "RUS;BLR;KAZ", "RUS;CHN"],
            "signed": pd.to_datetime(["2020-01-17", "2000-01-01", "1990-01-01"]),
            "entered_into_force": pd.to_datetime(["2020-10-02", "2000-06-01", None]),
        }
    )
    provisions = pd.DataFrame(
        {
            "treaty_id": ["aaa-bbb-2020", "aaa-bbb-2020", "mul-2000", "mul-2000", "aaa-ccc-1990"],
            "obligation": ["neutrality", "consultation", "defense", "consultation", "defense"],
            "present": ["yes", "yes", "yes", "unknown", "yes"],
        }
    )
    milestones = pd.DataFrame(
        {"treaty_id": ["aaa-bbb-2020"], "milestone": ["expired"], "date": ["2030"], "date_precision": ["year"]}
    )
    parties = pd.DataFrame(
        {
            "treaty_id": ["mul-2000", "mul-2000", "mul-2000"],
            "party_iso3": ["RUS", "BLR", "KAZ"],
            "joined": ["2000-06-01", "2001-01", "2000-06-01"],
            "joined_precision": ["day", "month", "day"],
            "left": [None, None, "2005-03-01"],
            "left_precision": [None, None, "day"],
        }
    )
    atop = pd.DataFrame({"partner_iso3": ["CHN"], "year": [1995]})
    return treaties, provisions, milestones, parties, atop


def _status(day, dyad, order=tr.LADDER_COW):
    t, p, m, pa, a = _inforce_frames()
    return obligations.obligation_in_force(day, dyad, t, p, m, pa, a, order)


def test_in_force_before_on_and_after_entry_into_force():
    assert _status("2020-10-01", ("RUS", "IRN"))["status"] == "none"  # signed, not yet in force
    on = _status("2020-10-02", ("IRN", "RUS"))  # either order of the dyad
    assert on["status"] == "neutrality" and on["treaties"] == ["aaa-bbb-2020"]
    assert _status("2020-10-02", ("RUS", "IRN"), tr.LADDER_CONSULTATION_FIRST)["status"] == "consultation"
    assert _status("2030-01-01", ("RUS", "IRN"))["status"] == "none"  # ended on the first day of 2030


def test_a_multilateral_treaty_binds_a_dyad_only_while_both_are_parties():
    # BLR joins in Jan 2001; before that no treaty binds it and the (hand-made) ATOP frame has none
    assert _status("2000-07-01", ("RUS", "BLR"))["status"] == "none"
    res = _status("2001-01-15", ("RUS", "BLR"))
    assert res["status"] == "defence" and res["treaties"] == ["mul-2000"]
    assert _status("2004-01-01", ("RUS", "KAZ"))["status"] == "defence"
    assert _status("2005-03-01", ("RUS", "KAZ"))["status"] == "not coded"  # left; KAZ outside the ATOP extract
    assert _status("2004-01-01", ("BLR", "KAZ"))["status"] == "not coded"  # a dyad without Russia


def test_none_and_not_coded_are_different_values():
    # an undated treaty (entry into force unknown) could bind: not coded, never none
    assert _status("1995-01-01", ("RUS", "CHN"))["status"] == "not coded"
    # a state with no treaty and none in ATOP: none
    assert _status("2015-01-01", ("RUS", "ISR"))["status"] == "none"
    with pytest.raises(ValueError):
        _status("2015-01-01", ("RUS", "RUS"))
    with pytest.raises(ValueError):
        _status("2015-01-01", ("RUS", "ISR"), order=("defence", "neutrality"))


def _carry_frames():
    """A coded treaty that ATOP also records (atop_id 9) ends in 2021; ATOP's last year (2018)
    also records an alliance with Syria that the collection does not code."""
    treaties = pd.DataFrame(
        {
            "treaty_id": ["rus-irn-2001"],
            "parties_iso3": ["RUS;IRN"],
            "signed": pd.to_datetime(["2001-03-12"]),
            "entered_into_force": pd.to_datetime(["2002-04-05"]),
            "atop_id": [9.0],
        }
    )
    provisions = pd.DataFrame({"treaty_id": ["rus-irn-2001"], "obligation": ["neutrality"], "present": ["yes"]})
    milestones = pd.DataFrame(
        {"treaty_id": ["rus-irn-2001"], "milestone": ["expired"], "date": ["2021-03-12"], "date_precision": ["day"]}
    )
    parties = pd.DataFrame(columns=["treaty_id", "party_iso3", "joined", "joined_precision", "left", "left_precision"])
    atop = pd.DataFrame({"partner_iso3": ["IRN", "SYR", "SYR"], "year": [2018, 2017, 2018]})
    return treaties, provisions, milestones, parties, atop


def test_an_uncoded_atop_alliance_is_carried_past_2018_as_not_coded():
    frames = _carry_frames()

    def status(day, partner):
        return obligations.obligation_in_force(day, ("RUS", partner), *frames)

    # up to 2018 ATOP's own record decides; after it, Syria's 2018 alliance may still be in force
    assert status("2018-06-01", "SYR")["status"] == "not coded"
    carried = status("2019-06-01", "SYR")
    assert carried["status"] == "not coded" and "2018" in carried["basis"]
    assert status("2026-01-01", "SYR")["status"] == "not coded"
    # Israel: in the ATOP extract, no ATOP alliance in 2018, no coded treaty - none
    assert status("2019-06-01", "ISR")["status"] == "none"
    # Iran: ATOP's 2018 alliance is the coded treaty, bound until it ends ...
    assert status("2021-03-11", "IRN")["status"] == "neutrality"
    # ... and after it ends nothing binds: none, not carried as not coded
    after = status("2021-03-12", "IRN")
    assert after["status"] == "none" and after["treaties"] == []
    # without the ATOP extract the rule cannot apply: a partner in the extract reads none
    t, p, m, pa, _ = frames
    assert obligations.obligation_in_force("2019-06-01", ("RUS", "SYR"), t, p, m, pa, None)["status"] == "none"


def test_real_obligations_in_force_by_date():
    load = data.load
    frames = [
        load(n) for n in ("treaties", "treaty_provisions", "treaty_milestones", "treaty_parties", "atop_dyad_years")
    ]

    def status(day, dyad):
        return obligations.obligation_in_force(day, dyad, *frames)

    # June 2025 war: only the 2001 treaty binds Russia and Iran, whichever entry-into-force claim holds
    june = status("2025-06-20", ("RUS", "IRN"))
    assert june["treaties"] == ["rus-irn-2001"]
    assert status("2025-10-01", ("RUS", "IRN"))["treaties"] == ["rus-irn-2001"]
    assert status("2025-10-02", ("RUS", "IRN"))["treaties"] == ["rus-irn-2025"]
    # Belarus is bound at defence through the Collective Security Treaty long before the 2024 treaty
    blr = status("2010-01-01", ("RUS", "BLR"))
    assert blr["status"] == "defence" and blr["treaties"] == ["csto-1992"]
    # Uzbekistan: a party 1994-1999 and 2006-2012 only
    assert status("1996-01-01", ("RUS", "UZB"))["status"] == "defence"
    assert status("2003-01-01", ("RUS", "UZB"))["treaties"] == []
    assert status("2010-01-01", ("RUS", "UZB"))["status"] == "defence"
    # Syria: an ATOP alliance in 2018 that the collection does not code - not coded after 2018, not none
    assert status("2022-01-01", ("RUS", "SYR"))["status"] == "not coded"
    assert status("2022-01-01", ("RUS", "ISR"))["status"] == "none"
    # Israel: no treaty, and ATOP records none: "none", not "not coded"
    assert status("2025-06-20", ("RUS", "ISR"))["status"] == "none"


def test_the_coding_rules_page_states_every_rule_the_tables_use():
    from helpers.paths import data_dir

    page = (data_dir().parent / "notebooks" / "coding_rules.md").read_text(encoding="utf-8")
    # every rule of the tables is a row of one of the page's rule tables
    for rule in [*tr.RULES, *tr.STRENGTH_RULES]:
        assert f"| `{rule}` |" in page, rule


def test_real_claims_both_date_the_2025_treaty_after_the_june_2025_war():
    load = data.load
    t, p, m, pa, a = (
        load(n) for n in ("treaties", "treaty_provisions", "treaty_milestones", "treaty_parties", "atop_dyad_years")
    )
    days = {"war": "2025-06-13", "ceasefire": "2025-06-24", "after": "2026-03-01"}
    table = tr.bound_under_claims(days, ("RUS", "IRN"), "rus-irn-2025", t, p, m, pa, a).set_index("moment")
    claims = [c for c in table.columns if c.startswith("if in force from")]
    assert len(claims) == 2  # July 2025 (ambassador) and 2 October 2025 (Foreign Ministry)
    for c in claims:
        assert table.at["war", c] == table.at["ceasefire", c] == "rus-irn-2001"
        assert table.at["after", c] == "rus-irn-2025"
    # the final notification is shown as an inference, never as a source's claim
    notif = m[(m["treaty_id"] == "rus-irn-2025") & (m["milestone"] == "notification_final")]
    assert notif["basis"].to_list() == ["inferred"]
    claims_frame = tr.milestone_claims(m, "rus-irn-2025")
    assert claims_frame.loc[claims_frame["milestone"] == "notification_final", "inferred"].all()


def test_notebook_02_header_states_the_computed_coverage(real):
    import nbformat

    from helpers.paths import data_dir

    nb = nbformat.read(data_dir().parent / "notebooks" / "02_treaty_terms.ipynb", as_version=4)
    expected = covmod.header("02_treaty_terms")
    decided, cells = ac.atop_cells_decided(real["treaty_provisions"])
    assert f"{decided} of {cells} cells decided" in expected
    counts = tr.claim_counts(real["treaty_milestones"])
    assert counts["reported"] + counts["inferred"] == len(real["treaty_milestones"])
    assert f"{counts['reported']} reported claims" in expected and "inference" in expected
    assert expected in nb.cells[0].source, f"update the header of notebook 02 to: {expected}"


def test_ladder_in_the_cow_order_and_the_consultation_first_variant(real):
    from helpers import obligations

    assert (
        set(obligations.RUNGS_COW) == set(obligations.RUNGS) and next(iter(obligations.RUNGS_COW)) == "Mutual defence"
    )
    # the ladder orders of helpers.treaties name the same rungs in the same two orders
    assert [r.split()[0].lower() for r in obligations.RUNGS_COW][:3] == ["mutual", "neutrality", "non-aggression"]
    cow = obligations.ladder(real["treaty_provisions"], real["treaties"], obligations.RUNGS_COW).set_index("treaty_id")
    alt = obligations.ladder(real["treaty_provisions"], real["treaties"]).set_index("treaty_id")
    # 2025 Iran: neutrality under the COW order, consultation under the variant; never defence
    assert cow.at["rus-irn-2025", "rung"] == "Neutrality / no aid to an aggressor"
    assert alt.at["rus-irn-2025", "rung"] == "Consultation / joint defence measures"
    # 2000 DPRK: every security cell but defence (no) is unknown - consultation, neutrality and
    # non-aggression rest on reports' paraphrases - so no rung is documented under either order
    assert cow.at["rus-prk-2000", "rung"] == alt.at["rus-prk-2000", "rung"] == obligations.UNKNOWN_RANK
    assert cow.at["rus-prk-2000", "rank"] == 0 and not cow.at["rus-prk-2000", "settled"]
    # 2001 China: non-aggression (Art. 2) under both orders, higher rungs unknown
    assert cow.at["rus-chn-2001", "rung"] == alt.at["rus-chn-2001", "rung"] == "Non-aggression"
    # 2001 Iran: neutrality coded (the non-assistance clause as reported at the signing), the same COW rung as
    # 2025; higher rungs (defence, consultation) unknown under both orders
    assert cow.at["rus-irn-2001", "rung"] == alt.at["rus-irn-2001", "rung"] == "Neutrality / no aid to an aggressor"
    assert cow.at["rus-irn-2001", "rung"] == cow.at["rus-irn-2025", "rung"]
    assert not cow.at["rus-irn-2001", "settled"] and not alt.at["rus-irn-2001", "settled"]


# --------------------------------------------------------------------------- the confidence mark

REGISTRY = pd.DataFrame(
    {
        "source_id": ["a", "b", "c", "d", "e", "f", "g"],
        "confidence": ["high", "low", "low", "medium", "low", "low", "high"],
    }
)


def test_treaty_tables_carry_the_confidence_mark_beside_the_first_column():
    table = pd.DataFrame({"Topic": ["t1", "t2", "t3", "t4"], "Sources": ["a; b", "b; c", "—", ""]})
    marked = tr.with_confidence(table, registry=REGISTRY)
    assert list(marked.columns) == ["Topic", "confidence", "Sources"]
    assert marked["confidence"].tolist() == ["high", "low", "—", "—"]
    assert marked["Sources"].tolist() == table["Sources"].tolist()  # the ids stay as shown
    with pytest.raises(KeyError, match="no sources column"):
        tr.with_confidence(table.drop(columns="Sources"), registry=REGISTRY)


def test_ladder_rows_take_the_mark_of_the_clause_that_gives_the_status():
    prov = _provisions()
    prov["source_ids"] = [f"s{i}" for i in range(len(prov))]
    # aaa-ccc-2010: defence yes from row 6 only; consultation rung: its yes rows (none: unknown)
    assert tr._rung_sources(prov, "aaa-ccc-2010", "defence") == "s6"
    assert tr._rung_sources(prov, "aaa-ddd-2000", "consultation") == "s15"
    # neutrality rung holds two obligations: both clauses count
    assert tr._rung_sources(prov, "aaa-bbb-2020", "neutrality") == "s1;s2"
    assert tr._rung_sources(prov, None, "none") == ""


def test_ladder_table_marks_a_status_with_no_clause_as_citing_nothing(real):
    table = tr.obligations_table(
        ["2010-01-01"],
        [("RUS", "IRN"), ("RUS", "ISR")],
        real["treaties"],
        real["treaty_provisions"],
        real["treaty_milestones"],
        data.load("treaty_parties"),
        data.load("atop_dyad_years"),
    )
    assert list(table.columns[:3]) == ["date", "dyad", "confidence"] and "source_ids" not in table
    row = table.set_index("dyad")
    assert row.at["RUS–ISR", "COW order"] == "none" and row.at["RUS–ISR", "confidence"] == "—"
    assert row.at["RUS–IRN", "confidence"] in ("high", "medium", "low")


def test_recoded_changes_one_cell_in_a_copy_and_rejects_bad_cells():
    prov = _provisions()
    out = tr.recoded(prov, "aaa-bbb-2020", "sanctions_clause", "no")
    hit = (prov["treaty_id"] == "aaa-bbb-2020") & (prov["obligation"] == "sanctions_clause")
    assert hit.sum() == 2 and (out.loc[hit, "present"] == "no").all()  # every row of the cell
    assert out.loc[~hit, "present"].tolist() == prov.loc[~hit, "present"].tolist()
    assert (prov.loc[hit, "present"] == "yes").all()  # the input is not changed
    with pytest.raises(KeyError, match="no row codes 'offense' for 'aaa-bbb-2020'"):
        tr.recoded(prov, "aaa-bbb-2020", "offense", "no")
    with pytest.raises(ValueError, match="yes, no or unknown"):
        tr.recoded(prov, "aaa-bbb-2020", "defense", "maybe")


def test_rung_sensitivity_reports_each_order_recoded_and_as_coded(real):
    tables = (
        real["treaties"],
        real["treaty_provisions"],
        real["treaty_milestones"],
        data.load("treaty_parties"),
        data.load("atop_dyad_years"),
    )
    day, dyad, cell = "2026-02-28", ("RUS", "IRN"), ("rus-irn-2025", "consultation")

    def status(prov, order):
        return obligations.obligation_in_force(day, dyad, tables[0], prov, *tables[2:], order)["status"]

    orders = (("COW order", tr.LADDER_COW), ("consultation above neutrality", tr.LADDER_CONSULTATION_FIRST))

    def expected(present):
        prov = tr.recoded(tables[1], *cell, present)
        parts = [f"{name} → {status(prov, o)} (as coded: {status(tables[1], o)})" for name, o in orders]
        return f"With Art. 5(4) coded {present}, Russia–Iran on 28 Feb 2026: {'; '.join(parts)}."

    assert tr.rung_sensitivity(day, dyad, *tables, cell, "no", "Art. 5(4)") == expected("no")
    assert tr.rung_sensitivity(day, dyad, *tables, cell, "yes", "Art. 5(4)") == expected("yes")
    # the cell decides the variant's rung: coded yes it gives consultation, coded no it does not
    assert status(tr.recoded(tables[1], *cell, "yes"), tr.LADDER_CONSULTATION_FIRST) == "consultation"
    assert status(tr.recoded(tables[1], *cell, "no"), tr.LADDER_CONSULTATION_FIRST) != "consultation"


def test_claim_counts_keep_inferred_dates_apart_from_reported_claims():
    rows = _milestones().assign(basis=["reported", "reported", "reported", "reported", "reported", "inferred"])
    rows.loc[5, "source_ids"] = "e"  # an inference citing only a low source is still an inference
    counts = tr.claim_counts(rows, REGISTRY)
    assert counts == {"reported": 5, "low": 1, "inferred": 1}  # low: the Jul 2020 claim (e;f)
    assert tr.claims_phrase(counts) == "5 reported claims (1 resting only on low-confidence sources) and 1 inference"
    assert tr.claims_phrase(counts, low=False) == "5 reported claims and 1 inference"
    assert tr.claims_phrase({"reported": 1, "low": 0, "inferred": 0}) == "1 reported claim"
    assert tr.claim_counts(_milestones(), REGISTRY)["inferred"] == 0  # no basis column: nothing inferred
    claims = tr.milestone_claims(rows.assign(treaty_id="aaa-bbb-2020"), "aaa-bbb-2020")
    assert tr.claim_counts(claims, REGISTRY)["inferred"] == 1  # milestone_claims' own inferred column
    assert tr.milestone_alt(claims, "X").startswith("Timeline of the 5 reported claims and 1 inference about")


def test_milestones_chart_draws_low_confidence_claims_grey_and_says_so(shown_figures):
    claims = tr.milestone_claims(_milestones(), "aaa-bbb-2020")
    tr.plot_milestones(claims, "T", "Source: x.", "alt text " * 5)  # no confidence column: nothing weak
    assert shown_figures[0].axes[0].get_legend() is None
    marked = reliability.with_confidence(claims, REGISTRY)
    assert marked["confidence"].tolist().count("low") == 1  # the July 2020 claim: sources e;f, both low
    assert "rest only on low-confidence sources: Entry into force (Jul 2020)" in tr.milestone_alt(marked, "X")
    assert "No claim rests only on low-confidence" in tr.milestone_alt(marked.assign(confidence="high"), "X")
    assert "low-confidence" not in tr.milestone_alt(claims, "X")
    tr.plot_milestones(marked, "T", "Source: x.", "alt text " * 5)
    ax = shown_figures[1].axes[0]
    italic = [t.get_text() for t in ax.texts if t.get_fontstyle() == "italic"]
    assert italic == ["Jul 2020 (2 src)"]
    assert any("low-confidence" in t.get_text() for t in ax.get_legend().get_texts())


def test_article_grid_frames_the_weak_articles_and_says_so(shown_figures):
    tr.plot_article_grid(_articles(), "T", "Source: x.", "alt text " * 5, ncols=3, weak={2, 5})
    ax = shown_figures[0].axes[0]
    dashed = [p for p in ax.patches if p.get_linestyle() == "--" and not p.get_fill()]
    assert len(dashed) == 2
    assert any("low-confidence" in t.get_text() for t in ax.get_legend().get_texts())
    before = plt.get_fignums()
    with pytest.raises(ValueError, match="not in the table"):
        tr.plot_article_grid(_articles(), "T", "Source: x.", "alt text " * 5, weak={99})
    assert plt.get_fignums() == before  # the refused call left no figure open


def test_matrix_frames_the_cells_whose_coding_rests_only_on_low_confidence_sources(shown_figures):
    prov = _provisions()
    prov["source_ids"] = "a"  # high
    prov.loc[prov["treaty_id"] == "aaa-ccc-2010", "source_ids"] = "b;c"  # low only
    prov.loc[(prov["treaty_id"] == "aaa-ccc-2010") & (prov["obligation"] == "defense"), "source_ids"] = "b;a"
    weak = tr.weak_cells(prov, REGISTRY)
    assert weak == {("aaa-ccc-2010", o) for o in ("offense", "neutrality", "nonaggression", "consultation")}
    # a cell with one strong row among weak ones is not weak
    extra = pd.concat([prov, prov[prov["obligation"] == "offense"].assign(source_ids="d")])
    assert ("aaa-ccc-2010", "offense") not in tr.weak_cells(extra, REGISTRY)
    matrix = tr.obligation_matrix(prov, _treaties())
    tr.plot_matrix(matrix, {}, "T", "Source: x.", "alt text " * 5, weak=weak)
    ax = shown_figures[0].axes[0]
    assert len([p for p in ax.patches if p.get_linestyle() == "--" and not p.get_fill()]) == 4
    assert any("low-confidence" in t.get_text() for t in ax.get_legend().get_texts())
    before = plt.get_fignums()
    with pytest.raises(ValueError, match="not in the matrix"):
        tr.plot_matrix(matrix, {}, "T", "Source: x.", "alt text " * 5, weak={("zzz", "defense")})
    assert plt.get_fignums() == before  # the refused call left no figure open


# --------------------------------------------------------------------------- the counting rule


def test_counted_turns_a_low_only_yes_into_unknown_and_keeps_the_coded_value():
    prov = _provisions_with_a_low_cell()
    out = obligations.counted(prov)
    cell = out[(out.treaty_id == "aaa-ccc-2010") & (out.obligation == "nonaggression")].iloc[0]
    assert (cell["coded"], cell["present"], bool(cell["low_only"])) == ("yes", "unknown", True)
    mixed = out[(out.treaty_id == "aaa-bbb-2020") & (out.obligation == "neutrality")].iloc[0]
    assert (mixed["present"], bool(mixed["low_only"])) == ("yes", False)  # one source not low: counted
    assert out["low_only"].sum() == 2 and len(out) == len(prov)  # rows kept, not dropped
    again = obligations.counted(out)
    pd.testing.assert_frame_equal(again, out)  # idempotent
    assert (prov["present"] == _provisions()["present"]).all()  # the input is not modified


def test_a_low_only_cell_is_not_counted_in_matrix_or_ladder():
    """(Its ATOP cells: tests/test_atop_check.py, test_a_low_only_cell_is_not_counted_in_the_atop_agreement.)"""
    prov = _provisions_with_a_low_cell()
    matrix = tr.obligation_matrix(prov, _treaties())
    assert matrix.at["aaa-ccc-2010", "nonaggression"] == "unknown"
    assert matrix.at["aaa-ddd-2000", "consultation"] == "unknown"
    assert matrix.at["aaa-bbb-2020", "neutrality"] == "yes"
    # the ladder: ddd's consultation no longer ranks it; ccc's non-aggression is unknown
    lad = obligations.ladder(prov, _treaties().assign(signed=["2020-01-01", "2010-01-01", "2000-01-01"]))
    lad = lad.set_index("treaty_id")
    assert lad.at["aaa-ddd-2000", "Consultation / joint defence measures"] == "unknown"
    assert lad.at["aaa-ccc-2010", "Non-aggression"] == "unknown"
    assert obligations.rung_values(prov, "aaa-ddd-2000")["consultation"] == "unknown"
    # still shown, with what it counts as
    shown = tr.security_articles(prov, "aaa-bbb-2020", ("neutrality",))
    assert shown["Counted as"].tolist() == ["yes"]


def test_a_low_only_defence_clause_does_not_bind_a_dyad_in_force():
    low, high = _registry_ids()
    treaties = pd.DataFrame(
        {
            "treaty_id": ["rus-xxx-2000"],
            "parties_iso3": ["RUS;IRN"],
            "signed": ["2000-01-01"],
            "entered_into_force": [pd.Timestamp("2000-06-01")],
            "atop_id": pd.array([pd.NA], dtype="Int64"),
        }
    )
    prov = pd.DataFrame(
        {
            "treaty_id": ["rus-xxx-2000", "rus-xxx-2000"],
            "obligation": ["defense", "nonaggression"],
            "present": ["yes", "yes"],
            "source_ids": [low, high],
        }
    )
    empty_m = pd.DataFrame(columns=["treaty_id", "milestone", "date", "date_precision"])
    empty_p = pd.DataFrame(columns=["treaty_id", "party_iso3", "joined", "joined_precision", "left", "left_precision"])
    res = obligations.obligation_in_force("2010-01-01", ("RUS", "IRN"), treaties, prov, empty_m, empty_p)
    assert res["status"] == "non-aggression" and res["open_above"]  # defence counts as unknown
    strong = prov.assign(source_ids=[high, high])
    res = obligations.obligation_in_force("2010-01-01", ("RUS", "IRN"), treaties, strong, empty_m, empty_p)
    assert res["status"] == "defence"


def test_no_low_only_cell_of_the_real_table_is_counted(real):
    """Fails if any computation counts a cell whose every row rests only on low-confidence sources.
    The real table has no such decided cell at present (coding rules, section 2), so two of its
    low-confidence rows are coded as they once were or could be — ``noothall`` and neutrality in
    the 2001 China treaty, yes on a repost alone — for the rule to have something to do."""
    prov, treaties = real["treaty_provisions"].copy(), real["treaties"]
    for pid, rule in (("rus-chn-2001-p06", "atop-noothall"), ("rus-chn-2001-p03", "atop-neutrality")):
        prov.loc[prov["provision_id"] == pid, ["present", "rule"]] = ["yes", rule]
    counted = obligations.counted(prov)
    weak = counted[counted["low_only"]]
    assert len(weak) > 0  # the rule has something to do in the real data
    strong_keys = set(
        zip(counted.loc[~counted["low_only"], "treaty_id"], counted.loc[~counted["low_only"], "obligation"])
    )
    matrix = tr.obligation_matrix(prov, treaties, tuple(dict.fromkeys(prov["obligation"])))
    cells = ac.atop_agreement(prov, treaties, real["atop_treaty_codes"]).set_index(["treaty_id", "obligation"])
    lad = obligations.ladder(prov, treaties).set_index("treaty_id")
    for tid, ob in set(zip(weak["treaty_id"], weak["obligation"])) - strong_keys:
        assert matrix.at[tid, ob] == "unknown", (tid, ob)
        if (tid, ob) in cells.index:
            assert cells.at[(tid, ob), "result"] == "ours unknown", (tid, ob)
        for rung, obs in obligations.RUNGS.items():
            if ob in obs and all(
                (tid, o) not in strong_keys
                or counted[(counted.treaty_id == tid) & (counted.obligation == o)]["present"].ne("yes").all()
                for o in obs
            ):
                assert lad.at[tid, rung] != "yes", (tid, rung)


def test_counted_articles_keeps_the_article_documented_but_its_strength_unknown():
    low, high = _registry_ids()
    arts = _articles().assign(source_ids=[low, high, f"{low};{high}", None, low, None])
    out = tr.counted_articles(arts)
    assert out["strength"].tolist()[:3] == ["unknown", "declaratory", "binding"]
    assert out["strength_coded"].tolist()[0] == "best-effort"
    assert tr.coverage(out)["documented"] == tr.coverage(arts)["documented"]
    assert tr.article_status(arts).tolist()[0] == "unknown"
    assert "coded best-effort" in tr.article_table(arts)["Strength"].iloc[0]
    assert tr.strength_by_domain(arts).loc["general", "unknown"] == 1


def test_check_articles_reads_the_coded_strength_of_a_counted_map():
    low, _ = _registry_ids()
    arts = _articles().assign(source_ids=[low, "b", "c", None, "d", None], strength_rule=None, quote_lang="en")
    arts["strength_rule"] = ["open-cooperation", "principle", "determinate-act", None, "no-modal", None]
    counted = tr.counted_articles(tr.check_articles(arts))
    assert counted.at[0, "strength"] == "unknown"
    assert tr.check_articles(counted) is counted  # still valid: the rule is checked against the coded strength
    broken = counted.assign(strength_coded=["binding", *counted["strength_coded"].tolist()[1:]])
    with pytest.raises(ValueError, match="row article 1, column strength"):
        tr.check_articles(broken)


def test_an_end_date_resting_only_on_low_confidence_sources_does_not_end_a_treaty():
    low, high = _registry_ids()
    treaties = pd.DataFrame(
        {
            "treaty_id": ["rus-xxx-1961"],
            "parties_iso3": ["RUS;PRK"],
            "signed": ["1961-07-06"],
            "entered_into_force": [pd.Timestamp("1961-09-10")],
        }
    )
    milestones = pd.DataFrame(
        {
            "treaty_id": ["rus-xxx-1961"] * 2,
            "milestone": ["expired"] * 2,
            "date": ["1990", "1995"],
            "date_precision": ["year", "year"],
            "source_ids": [low, high],
        }
    )
    assert obligations.treaty_span(treaties, milestones, "rus-xxx-1961")[1] == pd.Timestamp("1995-01-01")
    both_high = milestones.assign(source_ids=[high, high])
    assert obligations.treaty_span(treaties, both_high, "rus-xxx-1961")[1] == pd.Timestamp("1990-01-01")


def test_named_obligations_shows_names_and_treaty_labels_not_ids():
    table = pd.DataFrame(
        {
            "date": [pd.Timestamp("2010-01-01")] * 2,
            "dyad": ["RUS–IRN", "RUS–ISR"],
            "binding treaties": ["rus-irn-2001, csto-1992", "—"],
            "basis (first order)": ["rus-irn-2001: neutrality coded yes", "no treaty binds the dyad"],
        }
    )
    labels = {"rus-irn-2001": "Russia–Iran 2001", "csto-1992": "CSTO 1992"}
    out = tr.named_obligations(table, labels)
    assert out["dyad"].tolist() == ["Russia–Iran", "Russia–Israel"]
    assert out["binding treaties"].tolist() == ["Russia–Iran 2001, CSTO 1992", "—"]
    assert out["basis (first order)"].tolist() == ["Russia–Iran 2001: neutrality coded yes", "no treaty binds the dyad"]
    assert table.loc[0, "dyad"] == "RUS–IRN"  # the input is not changed
    with pytest.raises(KeyError, match="no label for treaty id"):
        tr.named_obligations(table, {"rus-irn-2001": "Russia–Iran 2001"})


def test_strength_sensitivity_moves_the_regraded_article_only(real):
    articles = data.load("treaty_articles")
    graded = tr.strength_counts(articles)
    regraded = tr.strength_counts(articles, {"5": "best-effort"})
    # Art. 5 is graded binding from 5(4); regraded, exactly one article moves to best-effort
    assert articles.set_index("article").at[5, "strength"] == "binding"
    assert regraded["binding"] == graded["binding"] - 1
    assert regraded["best-effort"] == graded.get("best-effort", 0) + 1
    assert sum(regraded.values()) == sum(graded.values())
    line = tr.strength_sensitivity(articles, "5", "best-effort", "Art. 5(4)")
    assert f"binding {graded['binding']}" in line and f"graded best-effort: binding {regraded['binding']}" in line
    with pytest.raises(KeyError, match="'6'"):
        tr.strength_counts(articles, {"6": "binding"})  # not documented
    with pytest.raises(ValueError, match="strength 'strong'"):
        tr.strength_counts(articles, {"5": "strong"})
