"""Defence limits: the obligation ladder, windows, lanes, the SIPRI check, the treaty in force, the
ledger and the explanations — on small hand-made frames (exact values) and on the real tables."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import data, dates, obligations, periods
from helpers import defence as dl
from helpers import events as dl_events

# --------------------------------------------------------------------------- hand-made frames


def _treaties():
    return pd.DataFrame(
        {
            "treaty_id": ["rus-aaa-2020", "rus-bbb-2010", "rus-ccc-2000", "rus-ddd-2015", "rus-eee-2024"],
            "parties_iso3": ["RUS;IRN", "RUS;CHN", "RUS;BLR", "RUS;PRK", "RUS;SYR"],
            "signed": pd.to_datetime(["2020-01-01", "2010-01-01", "2000-01-01", "2015-01-01", "2024-01-01"]),
        }
    )


def _provisions():
    rows = [
        # aaa: defence yes -> rank 4, settled
        ("rus-aaa-2020", "defense", "yes"),
        ("rus-aaa-2020", "neutrality", "no"),
        # bbb: defence unknown, neutrality yes -> rank 2, ceiling 4
        ("rus-bbb-2010", "defense", "unknown"),
        ("rus-bbb-2010", "consultation", "no"),
        ("rus-bbb-2010", "neutrality", "yes"),
        ("rus-bbb-2010", "nonaggression", "yes"),
        # ccc: everything no -> rank 0, no security commitment
        ("rus-ccc-2000", "defense", "no"),
        ("rus-ccc-2000", "consultation", "no"),
        ("rus-ccc-2000", "neutrality", "no"),
        ("rus-ccc-2000", "nonaggression", "no"),
        # ddd: only unknowns -> rank 0, ceiling 4, unknown
        ("rus-ddd-2015", "defense", "unknown"),
        ("rus-ddd-2015", "nonaggression", "unknown"),
        # eee: consultation no but joint defence measures yes -> rank 3; two rows on defence (no + unknown) -> no
        ("rus-eee-2024", "defense", "no"),
        ("rus-eee-2024", "defense", "unknown"),
        ("rus-eee-2024", "consultation", "no"),
        ("rus-eee-2024", "joint_defense_measures", "yes"),
    ]
    frame = pd.DataFrame(rows, columns=["treaty_id", "obligation", "present"])
    frame["provision_id"] = [f"{t}-p{i:02d}" for i, t in enumerate(frame["treaty_id"], start=1)]
    frame["article"] = ["4", None, None, None, "3(3)", None, None, None, None, None, None, None, None, None, None, "8"]
    frame["quote"] = [f"q{i}" for i in range(len(frame))]
    frame["quote_by"] = [f"b{i}" for i in range(len(frame))]
    frame["source_ids"] = [f"s{i}" for i in range(len(frame))]
    frame["note"] = None
    return frame


def _events():
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"],
            "date": [
                "2025-06-12",
                "2025-06-13",
                "2025-06-13",
                "2025-06",
                "2025-06-20",
                "2025-07",
                "2025-06-24",
                "2025",
                "2025-06-25",
            ],
            "date_precision": ["day", "day", "day", "month", "day", "month", "day", "year", "day"],
            "event": [
                "Iran's council approved the treaty.",
                "Israel struck Iran.",
                "Russia's ministry condemned the strikes; Iran had not asked Russia for military help.",
                "At the UN Security Council Russia voted for a draft.",
                "Putin phoned Pezeshkian and Netanyahu.",
                "A report said Russia gave Iran intelligence.",
                "A newspaper reported Russian intelligence help.",
                "Russia delivered Yak-130 and Su-35 aircraft to Iran.",
                "The US and Iran agreed a ceasefire.",
            ],
            "domain": [
                "treaty",
                "military",
                "diplomacy",
                "sanctions",
                "diplomacy",
                "military",
                "military",
                "arms",
                "military",
            ],
            "event_type": [
                "vote",
                "military_action",
                "statement",
                "vote",
                "meeting",
                "other",
                "other",
                "delivery",
                "agreement",
            ],
            "actors_iso3": [
                "IRN;RUS",
                "ISR;IRN",
                "RUS;ISR;IRN",
                "UN;RUS;IRN;USA",
                "RUS;IRN;ISR",
                "RUS;IRN",
                "RUS;IRN;USA",
                "RUS;IRN",
                "USA;IRN",
            ],
            "source_ids": [f"src{i}" for i in range(1, 10)],
            "note": [
                None,
                None,
                None,
                None,
                None,
                None,
                "[unconfirmed] Report based on anonymous officials.",
                None,
                None,
            ],
        }
    )


# --------------------------------------------------------------------------- the ladder


def test_rung_value_prefers_yes_then_unknown_then_no():
    assert dl.rung_value(["no", "yes"]) == "yes"
    assert dl.rung_value(["no", "unknown"]) == "unknown"
    assert dl.rung_value(["no", "not coded"]) == "no"
    assert dl.rung_value(["not coded"]) == "not coded"
    assert dl.rung_value([]) == "not coded"


def test_ladder_ranks_with_unknowns_kept_apart_from_no():
    lad = dl.ladder(_provisions(), _treaties())
    assert lad["treaty_id"].tolist() == ["rus-aaa-2020", "rus-eee-2024", "rus-bbb-2010", "rus-ddd-2015", "rus-ccc-2000"]
    assert lad["rank"].tolist() == [4, 3, 2, 0, 0]
    assert lad["ceiling"].tolist() == [4, 3, 4, 4, 0]
    assert lad["settled"].tolist() == [True, True, False, False, True]
    assert lad["rung"].tolist() == [
        "Mutual defence",
        "Consultation / joint defence measures",
        "Neutrality / no aid to an aggressor",
        dl.UNKNOWN_RANK,
        dl.NO_COMMITMENT,
    ]
    row = lad.set_index("treaty_id").loc["rus-bbb-2010"]
    assert row["Mutual defence"] == "unknown"  # shown as unknown, never as no
    assert row["Consultation / joint defence measures"] == "no"
    assert row["Non-aggression"] == "yes"
    eee = lad.set_index("treaty_id").loc["rus-eee-2024"]
    assert eee["Mutual defence"] == "no"  # one obligation, rows 'no' and 'unknown': no
    assert eee["Non-aggression"] == "not coded"
    assert lad.set_index("treaty_id").at["rus-ddd-2015", "Neutrality / no aid to an aggressor"] == "not coded"


def test_ladder_evidence_names_the_clause_that_sets_the_rank():
    lad = dl.ladder(_provisions(), _treaties())
    ev = dl.ladder_evidence(_provisions(), lad).set_index("Treaty")
    assert ev.at["Russia–Iran 2020", "Article"] == "Art. 4"
    assert ev.at["Russia–Syria 2024", "Clause"] == "Joint defence measures"
    assert ev.at["Russia–Syria 2024", "Article"] == "Art. 8"
    assert ev.at["Russia–China 2010", "Article"] == "Art. 3(3)"
    assert ev.at["Russia–China 2010", "Could rank higher?"].startswith("yes")
    assert ev.at["Russia–Belarus 2000", "Clause"] == "—"
    assert pd.isna(ev.at["Russia–Belarus 2000", "source_ids"])


# --------------------------------------------------------------------------- windows and lanes


def test_in_window_by_day_and_month_precision():
    ev = _events()
    win = dl.in_window(ev, "2025-06-13", "2025-06-24")
    # E1 (12 June) and E9 (25 June) fall outside; E6 (July) does not overlap;
    # E4 (June) and E8 (2025) only overlap the window
    assert win["event_id"].tolist() == ["E8", "E4", "E2", "E3", "E5", "E7"]
    assert dict(zip(win["event_id"], win["fit"])) == {
        "E8": "overlaps",
        "E4": "overlaps",
        "E2": "inside",
        "E3": "inside",
        "E5": "inside",
        "E7": "inside",
    }
    whole_month = dl.in_window(ev, "2025-06-01", "2025-06-30")
    assert dict(zip(whole_month["event_id"], whole_month["fit"]))["E4"] == "inside"
    assert "E6" not in set(whole_month["event_id"])


def test_classify_into_strike_word_contact_act_help_and_other_lanes():
    lanes = dict(zip(_events()["event_id"], dl.classify(_events())))
    assert lanes == {
        "E1": dl.OTHERS,  # led by Iran
        "E2": dl.STRIKES,  # military action led by Israel
        "E3": dl.RUS_WORDS,  # led by Russia, a statement
        "E4": dl.RUS_ACTS,  # a UN vote in which Russia takes part
        "E5": dl.RUS_CONTACTS,  # a Russian call: a contact
        "E6": dl.RUS_ACTS,  # led by Russia, 'other'
        "E7": dl.OTHERS,  # note: unconfirmed
        "E8": dl.RUS_HELP,  # a Russian delivery: material help
        "E9": dl.OTHERS,  # a ceasefire led by the US
    }


def test_lane_counts_and_russian_days():
    win = dl.in_window(_events(), "2025-06-13", "2025-06-24")
    counts = dl.lane_counts(win).set_index("lane")
    assert counts["events"].to_dict() == {
        dl.STRIKES: 1,
        dl.RUS_WORDS: 1,
        dl.RUS_CONTACTS: 1,
        dl.RUS_ACTS: 1,
        dl.RUS_HELP: 1,
        dl.OTHERS: 1,
    }
    assert counts["days with an event"].to_dict() == {
        dl.STRIKES: 1,
        dl.RUS_WORDS: 1,
        dl.RUS_CONTACTS: 1,
        dl.RUS_ACTS: 0,
        dl.RUS_HELP: 0,
        dl.OTHERS: 1,
    }
    assert dl.russian_days(win, "2025-06-13", "2025-06-24") == {"days": 12, "with Russian conduct": 2, "without": 10}
    # a day whose only Russian event rests only on low-confidence sources is not counted
    weak = win.assign(source_ids="tass-2025-04-08-rudenko")
    weak.loc[weak["event_id"] == "E5", "source_ids"] = "forlancer-2026-04-12-putin-pezeshkian"
    assert dl.russian_days(weak, "2025-06-13", "2025-06-24")["with Russian conduct"] == 1


def test_case_table_lists_russian_lanes_only():
    win = dl.in_window(_events(), "2025-06-13", "2025-06-24")
    table = dl.case_table(win)
    assert table["event_id"].tolist() == ["E8", "E4", "E3", "E5"]
    assert table["lane"].tolist() == ["material help", "act", "word", "contact"]
    assert table["date"].tolist() == ["2025", "Jun 2025", "13 Jun 2025", "20 Jun 2025"]


# --------------------------------------------------------------------------- treaty in force and conduct


def test_in_force_claims_relative_to_a_window():
    ms = pd.DataFrame(
        {
            "treaty_id": ["t", "t", "t", "u"],
            "milestone": ["in_force", "in_force", "signed", "in_force"],
            "date": ["2025-07", "2025-10-02", "2025-01-17", "2025-06-15"],
            "date_precision": ["month", "day", "day", "day"],
            "source_ids": ["a", "b", "c", "d"],
            "note": [None, "n", None, None],
        }
    )
    june = dl.in_force_claims(ms, "t", "2025-06-13", "2025-06-24")
    assert june["claimed entry into force"].tolist() == ["Jul 2025", "2 Oct 2025"]
    assert june["relative to the window"].tolist() == ["after the window", "after the window"]
    july = dl.in_force_claims(ms, "t", "2025-07-10", "2025-07-20")
    assert july["relative to the window"].tolist() == ["same month as the window", "after the window"]
    later = dl.in_force_claims(ms, "t", "2026-02-28", "2026-04-08")
    assert later["relative to the window"].tolist() == ["before the window", "before the window"]
    assert dl.in_force_claims(ms, "u", "2025-06-13", "2025-06-24")["relative to the window"].tolist() == [
        "during the window"
    ]


def test_treaty_conduct_sets_text_beside_window_events():
    prov = pd.DataFrame(
        {
            "treaty_id": ["t", "t", "t"],
            "obligation": ["defense", "consultation", "consultation"],
            "present": ["no", "yes", "unknown"],
            "article": [None, "5(4)", None],
        }
    )
    win = dl.in_window(_events(), "2025-06-13", "2025-06-24")
    rules = {
        k: dl.CONDUCT_RULES[k] for k in ("defense", "consultation", "non_assistance_aggressor", "military_technical")
    }
    out = dl.treaty_conduct(prov, win, ["t"], {"t": "T 2025"}, rules).set_index("obligation")
    assert out["T 2025"].to_dict() == {
        "Defence (aid if attacked)": "no",
        "Consultation": "yes (Art. 5(4))",
        "No assistance to an aggressor": "not coded",
        "Military-technical cooperation": "not coded",
    }
    assert out["event ids"].to_dict() == {
        "Defence (aid if attacked)": "E3",
        "Consultation": "E5",
        "No assistance to an aggressor": "E5",
        "Military-technical cooperation": "E8",
    }
    assert out["events"].tolist() == [1, 1, 1, 1]
    # a yes that rests only on low-confidence sources is read as unknown (obligations.counted)
    weak = prov.assign(source_ids=["tass-2025-04-08-rudenko", "forlancer-2026-04-12-putin-pezeshkian", None])
    out = dl.treaty_conduct(weak, win, ["t"], {"t": "T 2025"}, rules).set_index("obligation")
    assert out.loc["Consultation", "T 2025"] == "unknown"
    assert out.loc["Defence (aid if attacked)", "T 2025"] == "no"


def test_support_ledger_gives_and_withholds():
    prov = pd.DataFrame(
        {
            "provision_id": ["t-p01", "t-p02"],
            "treaty_id": ["t", "t"],
            "obligation": ["defense", "neutrality"],
            "present": ["no", "yes"],
            "quote": ["no alliance", "q"],
            "quote_by": ["Rudenko", "x"],
            "source_ids": ["s-a", "s-b"],
        }
    )
    led = dl.support_ledger(_events(), prov, "t", since="2025-06-13")
    assert led["category"].tolist() == [
        "Public condemnation of attacks and threats against Iran",
        "Diplomatic cover at the UN (votes, drafts, snapback)",
        "Arms and military technology",
        "Treaty: Defence (aid if attacked)",
        "Russian words and acts: no military help owed, asked or announced",
    ]
    assert led["side"].tolist() == ["gives", "gives", "gives", "withholds", "withholds"]
    assert led["evidence"].tolist() == ["E3", "E4", "E8", "s-a", "E3"]
    assert led["years"].tolist() == ["2025–2025", "2025–2025", "2025–2025", "—", "2025–2025"]
    assert led.loc[3, "latest"] == "“no alliance” — Rudenko"


# --------------------------------------------------------------------------- SIPRI and the S-300 marks


def test_designations_in_text():
    assert dl.designations("Su-35 fighters, Mi-28 and Yak-130; Su-35 again") == ["Su-35", "Mi-28", "Yak-130"]
    assert dl.designations("Shahed-type drones and 300,000 shells") == []


def test_sipri_check_statuses():
    deals = pd.DataFrame(
        {
            "supplier_iso3": ["RUS", "IRN", "RUS"],
            "recipient_iso3": ["IRN", "RUS", "CHN"],
            "weapon_designation": ["Yak-130", "Shahed-136", "Su-35"],
            "number_delivered": pd.array([2, 1200, 24], dtype="Int64"),
            "last_delivery_year": pd.array([2023, 2023, 2019], dtype="Int64"),
        }
    )
    ev = pd.DataFrame(
        {
            "event_id": ["A", "B", "C", "D", "F"],
            "date": ["2023-09-02", "2023-11", "2024-09-10", "2023-04-24", "2022-01-01"],
            "date_precision": ["day", "month", "day", "day", "day"],
            "event": [
                "Iran received Yak-130s.",
                "Iran to buy Su-35 and Yak-130.",
                "Russia got Fath-360 missiles.",
                "Ships carried shells.",
                "Su-35 to China.",
            ],
            "domain": ["arms"] * 5,
            "actors_iso3": ["RUS;IRN", "IRN;RUS", "USA;IRN;RUS", "IRN;RUS", "RUS;CHN"],
            "source_ids": ["a", "b", "c", "d", "f"],
            "note": [None, "Delivery unconfirmed.", None, None, None],
        }
    )
    out = dl.sipri_check(ev, deals, "2022-01-01")
    assert out["event_id"].tolist() == ["D", "A", "B", "C"]  # F is not Russia–Iran
    assert out["status"].tolist() == [
        "no weapon named",
        "in SIPRI",
        "named weapon not in SIPRI",
        "after SIPRI's last delivery year",
    ]
    assert out["not in SIPRI"].tolist() == ["—", "—", "Su-35", "Fath-360"]  # China's Su-35 does not count
    assert out["SIPRI deal with deliveries"].tolist() == ["—", "Yak-130", "Yak-130", "—"]
    assert out.attrs["sipri_last_delivery_year"] == 2023


def test_milestone_marks_group_by_year():
    ev = pd.DataFrame(
        {
            "event_id": ["A", "B", "C", "D", "E"],
            "date": ["2007", "2010-09-22", "2010-10-07", "2016-04-05", "2018-09-24"],
            "event": ["S-300 contract", "S-300 ban", "S-300 refund", "S-300 shipment", "S-300 to Syria"],
            "event_type": ["agreement", "sanction", "statement", "delivery", "statement"],
            "actors_iso3": ["RUS;IRN", "RUS;IRN", "RUS;IRN", "RUS;IRN", "RUS;SYR"],
            "source_ids": ["a", "b", "c", "d", "e"],
        }
    )
    marks = dl.milestone_marks(ev, r"S-300")
    assert marks["year"].tolist() == [2007, 2010, 2016]
    assert marks["label"].tolist() == ["contract", "delivery ban", "deliveries"]
    assert marks["event_ids"].tolist() == ["A", "B;C", "D"]


def test_an_other_events_mark_is_read_from_its_text():
    ev = pd.DataFrame(
        {
            "event_id": ["F", "G", "H"],
            "date": ["2011-04", "2015-04-13", "2019"],
            "event": [
                "Iran filed a suit over the S-300",
                "Putin signed a decree lifting the S-300 ban",
                "An S-300 remark",
            ],
            "event_type": ["other", "other", "other"],
            "actors_iso3": ["IRN;RUS", "RUS;IRN", "RUS;IRN"],
            "source_ids": ["f", "g", "h"],
        }
    )
    marks = dl.milestone_marks(ev, r"S-300")
    assert marks["label"].tolist() == ["suit filed", "ban lifted", ""]  # no phrase guessed for 2019


def test_tiv_stack_splices_the_uncategorised_years():
    tiv = pd.DataFrame(
        {
            "supplier_iso3": ["RUS"] * 4 + ["IRN"],
            "recipient_iso3": ["IRN"] * 4 + ["RUS"],
            "year": [1998, 2000, 2000, 2002, 2000],
            "armament_category": ["all", "Aircraft", "Missiles", "Missiles", "Missiles"],
            "tiv_millions": [10.0, 5.0, 1.0, 3.0, 100.0],
        }
    )
    out = dl.tiv_stack(tiv, "RUS", "IRN", 1998, 2002)
    assert out.index.tolist() == [1998, 1999, 2000, 2001, 2002]
    assert out.columns.tolist() == [dl.ALL_LABEL, "Aircraft", "Missiles"]
    assert out[dl.ALL_LABEL].tolist() == [10.0, 0.0, 0.0, 0.0, 0.0]
    assert out["Aircraft"].tolist() == [0.0, 0.0, 5.0, 0.0, 0.0]
    assert out["Missiles"].tolist() == [0.0, 0.0, 1.0, 0.0, 3.0]
    assert out.sum().sum() == 19.0


# --------------------------------------------------------------------------- explanations and real tables


def test_explanations_reject_unknown_event_ids():
    with pytest.raises(KeyError):
        dl.explanations_table(
            _events(), pd.DataFrame([{"explanation": "x", "supports": "E404", "weakens": "", "why": ""}])
        )
    table = dl.explanations_table(
        _events(), pd.DataFrame([{"explanation": "x", "supports": "E3", "weakens": "E2", "why": "w"}])
    )
    assert table.loc[0, "evidence for"].startswith("E3 (13 Jun 2025): Russia's ministry")
    assert table.loc[0, "source_ids"] == "src3;src2"


@pytest.fixture(scope="module")
def real():
    return {name: data.load(name) for name in ("events", "treaties", "treaty_provisions", "arms_tiv", "arms_deals")}


def test_real_ladder_puts_dprk_and_belarus_2024_at_the_top(real):
    lad = dl.ladder(real["treaty_provisions"], real["treaties"]).set_index("treaty_id")
    assert lad.at["rus-prk-2024", "rank"] == 4 and lad.at["rus-blr-2024", "rank"] == 4
    assert lad.at["rus-irn-2025", "Mutual defence"] == "no"
    assert lad.at["rus-irn-2025", "rank"] < 4
    assert lad.at["rus-irn-2001", "Mutual defence"] == "unknown"


def test_real_explanation_ids_exist_and_cite_sources(real):
    table = dl.explanations_table(real["events"])
    assert len(table) == len(data.load("explanations"))
    assert table["source_ids"].str.len().min() > 0


def test_real_windows_and_plots_run(real):
    ev = real["events"]
    start, end = periods.window("war-2025-06")
    win = dl.in_window(ev, start, end)
    assert (win["fit"] == "inside").all()
    assert set(dl.classify(win)) <= set(dl.CASE_LANES)
    dl.plot_case(win, start, end, "t", "s", alt="a test chart of the June 2025 window lanes")
    dl.plot_ladder(
        dl.ladder(real["treaty_provisions"], real["treaties"]),
        "t",
        "s",
        alt="a test chart of the obligation ladder grid",
    )
    dl.plot_tiv_stack(
        dl.tiv_stack(real["arms_tiv"], "RUS", "IRN", 1990, 2023),
        "t",
        "s",
        alt="a test chart of SIPRI TIV stacked by category",
        marks=dl.milestone_marks(ev, r"S-300"),
    )
    dl.plot_two_way(real["arms_tiv"], 2010, 2023, "t", "s", alt="a test chart of two-way arms flows by year")
    dl.plot_gives(
        dl.gives_by_year(dl.gives_events(ev, "2022-01-01"), list(dl.GIVES)),
        "t",
        "s",
        alt="a test chart of what Russia gives Iran by year",
    )
    assert plt.get_fignums() == []


def test_window_summary_counts_days_and_lanes():
    ev = _events()
    win = dl.in_window(ev, "2025-06-13", "2025-06-24")
    out = dl.window_summary({"June": (win, "2025-06-13", "2025-06-24")})
    row = out.iloc[0]
    assert (row["from"], row["to"], row["days"]) == ("13 Jun 2025", "24 Jun 2025", 12)
    assert (row["days with a Russian word, contact or act"], row["days without"]) == (2, 10)
    assert [row[lane] for lane in dl.CASE_LANES] == [1, 1, 1, 1, 1, 1]
    assert row[dl.IRAN_TO_RUSSIA] == 0
    # Iran's own words about Russia get the chart's lane of their own, taken out of 'Others'
    asked = _ev(
        [("E10", "2025-06-15", "day", "Iran asked Russia for more", "diplomacy", "statement", "IRN;RUS", "s1", None)]
    )
    both = dl.in_window(pd.concat([ev, asked], ignore_index=True), "2025-06-13", "2025-06-24")
    row = dl.window_summary({"June": (both, "2025-06-13", "2025-06-24")}).iloc[0]
    assert list(row.index[6:]) == list(dl.WAR_LANES)
    assert (row[dl.IRAN_TO_RUSSIA], row[dl.OTHERS]) == (1, 1)
    assert sum(row[lane] for lane in dl.WAR_LANES) == 7


def test_window_label():
    assert dl.window_label("2025-06-11", "2025-06-25") == "11–25 Jun 2025"
    assert dl.window_label("2026-02-28", "2026-04-08") == "28 Feb – 8 Apr 2026"
    assert dl.window_label("2025-12-30", "2026-01-02") == "30 Dec 2025 – 2 Jan 2026"


def test_ladder_with_a_custom_rule():
    rungs = {"Defence": ("defense",), "Anything else": ("neutrality", "nonaggression", "joint_defense_measures")}
    lad = dl.ladder(_provisions(), _treaties(), rungs=rungs).set_index("treaty_id")
    assert lad["rank"].to_dict() == {
        "rus-aaa-2020": 2,
        "rus-eee-2024": 1,
        "rus-bbb-2010": 1,
        "rus-ddd-2015": 0,
        "rus-ccc-2000": 0,
    }
    assert lad.at["rus-eee-2024", "rung"] == "Anything else"


def test_deal_comment_and_deals_both_ways():
    deals = pd.DataFrame(
        {
            "deal_id": ["d1", "d2", "d3", "d4"],
            "supplier_iso3": ["RUS", "RUS", "IRN", "RUS"],
            "recipient_iso3": ["IRN", "IRN", "RUS", "CHN"],
            "order_year": pd.array([2005, 2015, 2022, 2016], dtype="Int64"),
            "order_year_uncertain": [False] * 4,
            "weapon_designation": ["S-300PMU1", "S-300PMU2 Favorit", "Shahed-136", "S-300X"],
            "weapon_description": ["SAM system", "SAM system", "SSM", "SAM system"],
            "number_ordered": pd.array([5, 4, None, 1], dtype="Int64"),
            "number_ordered_uncertain": [False] * 4,
            "number_delivered": pd.array([None, 4, 1200, 1], dtype="Int64"),
            "number_delivered_uncertain": [False] * 4,
            "delivery_years": [None, "2016", "2022;2023", "2017"],
            "tiv_delivered_millions": [None, 220.0, 240.0, 1.0],
            "comments": ["old", "replacing 2007 order", "Geran-2", "china"],
        }
    )
    assert dl.deal_comment(deals, "S-300") == "replacing 2007 order"
    assert dl.deal_comment(deals, "Tor") == ""
    both = dl.deals_both_ways(deals, since=2010)
    assert both["direction"].tolist() == ["Russia → Iran", "Iran → Russia"]
    assert both["weapon"].tolist() == ["S-300PMU2 Favorit (SAM system)", "Shahed-136 (SSM)"]


def test_gives_events_and_by_year():
    hits = dl.gives_events(_events(), since="2025-01-01")
    assert list(zip(hits["event_id"], hits["category"])) == [
        ("E3", "Public condemnation of attacks and threats against Iran"),
        ("E4", "Diplomatic cover at the UN (votes, drafts, snapback)"),
        ("E8", "Arms and military technology"),
    ]
    table = dl.gives_by_year(hits, list(dl.GIVES))
    assert table.columns.tolist() == [2025]
    assert table[2025].tolist() == [1, 1, 1, 0, 0, 0, 0]


def test_explanations_table_refuses_an_unknown_event_and_writes_out_evidence():
    ev = _events()
    x = pd.DataFrame(
        {"explanation": ["e"], "supports": ["E3"], "weakens": ["E5;E2"], "why": ["w"], "source_ids": ["s"]}
    )
    out = dl.explanations_table(ev, x).iloc[0]
    assert out["evidence for"].startswith("E3 (13 Jun 2025): Russia's ministry condemned")
    assert out["evidence against"].count(";") == 1 and out["source_ids"] == "src3;src5;src2"
    with pytest.raises(KeyError, match="E99"):
        dl.explanations_table(ev, x.assign(supports="E99"))


# ---- tests of the explanations (consistency checks), and the Iranian lane ----


def _periods():
    return pd.DataFrame(
        {
            "period_id": ["war-2025-06", "war-2026"],
            "label": ["June war", "2026 war"],
            "start": ["2025-06-13", "2026-02-28"],
            "end": ["2025-06-24", "2026-04-08"],
            "precision": ["day", "day"],
        }
    )


def _ev(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "event_id",
            "date",
            "date_precision",
            "event",
            "domain",
            "event_type",
            "actors_iso3",
            "source_ids",
            "note",
        ],
    )


WAR_EVENTS = _ev(
    [
        ("E1", "2025-06-13", "day", "Israel strikes Iran", "military", "military_action", "ISR;IRN", "s1", None),
        (
            "E2",
            "2025-06-14",
            "day",
            "Putin and Trump discuss Iran by phone",
            "diplomacy",
            "meeting",
            "RUS;USA;IRN",
            "s2",
            None,
        ),
        ("E3", "2025-06-23", "day", "Iran asks Russia to do more", "diplomacy", "statement", "IRN;RUS", "s3", None),
        (
            "E4",
            "2025-06-25",
            "day",
            "Putin and Trump talk about Iran again",
            "diplomacy",
            "meeting",
            "RUS;USA;IRN",
            "s4",
            None,
        ),
        ("E5", "2026-03", "month", "A UN vote on Iran", "sanctions", "vote", "UN;RUS;IRN", "s5", None),
        (
            "E6",
            "2026-03-12",
            "day",
            "Medicines for Iran flown to Lankaran, Azerbaijan",
            "diplomacy",
            "delivery",
            "RUS;IRN;AZE",
            "s6",
            None,
        ),
        (
            "E7",
            "2016-08-22",
            "day",
            "Iran ends Russia's use of Hamedan",
            "military",
            "statement",
            "IRN;RUS",
            "s7",
            None,
        ),
    ]
)


def _test(**kw):
    base = {
        "test_id": "T99",
        "explanation": "x",
        "claim": "c",
        "implication": "i",
        "window": "both-wars",
        "window_from": None,
        "window_to": None,
        "event_domains": None,
        "event_types": None,
        "actors_all": "RUS;IRN",
        "actors_any": None,
        "lead": None,
        "text_pattern": None,
        "expect": "present",
        "weight": "weak",
        "if_met": "consistent",
        "if_not_met": "inconsistent",
        "registered_on": "2026-11-29",
        "note": None,
    }
    base.update(kw)
    return pd.Series(base)


def test_hits_use_both_war_windows_with_inclusive_ends():
    t = _test(event_types="meeting", actors_all="RUS;USA", text_pattern="iran")
    # E4 (25 June) is one day after the June window; E2 is inside
    assert dl.test_hits(t, WAR_EVENTS, _periods())["event_id"].tolist() == ["E2"]


def test_hits_month_precision_event_overlapping_a_window_counts():
    t = _test(window="war-2026", event_types="vote", actors_all="RUS")
    assert dl.test_hits(t, WAR_EVENTS, _periods())["event_id"].tolist() == ["E5"]


def test_dated_window_open_end_and_pattern():
    t = _test(window="dated", window_from="2015-09-30", window_to="2024-12-08", text_pattern="Hamedan|Article 146")
    assert dl.test_hits(t, WAR_EVENTS, _periods())["event_id"].tolist() == ["E7"]
    t2 = _test(window="dated", window_from="2025-01-01", text_pattern="Lankaran")
    assert dl.test_hits(t2, WAR_EVENTS, _periods())["event_id"].tolist() == ["E6"]
    with pytest.raises(ValueError, match="window_from"):
        dl.test_hits(_test(window="dated"), WAR_EVENTS, _periods())


def test_lead_actor_keeps_only_events_led_by_it():
    t = _test(window="dated", window_from="2015-01-01", actors_all="IRN;RUS", event_types="statement")
    assert dl.test_hits(t, WAR_EVENTS, _periods())["event_id"].tolist() == ["E7", "E3"]
    t["lead"] = "RUS"
    assert dl.test_hits(t, WAR_EVENTS, _periods()).empty


def test_run_tests_reads_present_and_absent():
    tests = pd.DataFrame(
        [
            _test(test_id="T01", event_types="delivery", event_domains="arms", expect="absent"),
            _test(test_id="T02", event_types="delivery", expect="present"),
            _test(test_id="T03", actors_all="RUS;ISR", expect="present"),
        ]
    )
    out = dl.run_tests(tests, WAR_EVENTS, _periods()).set_index("test")
    assert out.loc["T01", "met"] == "yes" and out.loc["T01", "events found"] == 0  # no arms delivery
    assert out.loc["T02", "met"] == "yes" and out.loc["T02", "event_ids"] == "E6"
    assert out.loc["T03", "met"] == "no" and out.loc["T03", "reading"] == "inconsistent"
    # an event that rests only on low-confidence sources is shown as not counted, never a verdict's basis
    weak = WAR_EVENTS.assign(source_ids="tass-2025-04-08-rudenko")
    weak.loc[weak["event_id"] == "E6", "source_ids"] = "forlancer-2026-04-12-putin-pezeshkian"
    out = dl.run_tests(tests, weak, _periods()).set_index("test")
    assert out.loc["T02", "met"] == "no" and out.loc["T02", "events found"] == 0
    assert out.loc["T02", "not counted"] == 1
    # so is a report tagged unconfirmed, whatever its sources
    doubted = WAR_EVENTS.assign(note=None)
    doubted.loc[doubted["event_id"] == "E6", "note"] = "[unconfirmed] Report denied by both governments."
    out = dl.run_tests(tests, doubted, _periods()).set_index("test")
    assert out.loc["T02", "met"] == "no" and out.loc["T02", "events found"] == 0
    assert out.loc["T02", "not counted"] == 1 and out.loc["T02", "event_ids"] == ""
    assert out.loc["T02", "not counted ids"] == "E6"
    # the word alone in a note is no tag
    doubted.loc[doubted["event_id"] == "E6", "note"] = "Whether more followed is unconfirmed."
    assert dl.run_tests(tests, doubted, _periods()).set_index("test").loc["T02", "events found"] == 1


def test_iranian_lane_takes_irans_words_about_russia_only():
    win = dl_events.in_window(WAR_EVENTS, "2025-06-13", "2025-06-24")
    lanes = dict(zip(win["event_id"], dl.war_lanes(win)))
    assert lanes["E3"] == dl.IRAN_TO_RUSSIA
    assert lanes["E1"] == dl_events.STRIKES  # Israel's strike stays a strike
    assert lanes["E2"] == dl_events.RUS_CONTACTS  # Russia's call stays Russian conduct


def test_registered_rules_give_known_verdicts_on_made_up_events():
    """The registered rules of data/explanations_tests.csv, run on a hand-made events frame whose
    answers are known: with no matching event every 'present' test fails and every 'absent' test
    holds; each added event flips exactly the test it was written for."""
    tests = data.load("explanations_tests")
    quiet = _ev(
        [("E1", "2025-06-13", "day", "Israel strikes Iran", "military", "military_action", "ISR;IRN", "s1", None)]
    )
    out = dl.run_tests(tests, quiet).set_index("test")
    assert len(out) == len(tests)
    expect = dict(zip(tests["test_id"], tests["expect"]))
    assert {t: out.loc[t, "met"] for t in expect} == {t: "yes" if e == "absent" else "no" for t, e in expect.items()}
    flips = _ev(
        [
            (
                "E2",
                "2025-06-14",
                "day",
                "Putin and Trump discussed Iran by phone",
                "diplomacy",
                "meeting",
                "RUS;USA;IRN",
                "s2",
                None,
            ),
            (
                "E3",
                "2026-03-10",
                "day",
                "Russia delivered air-defence radars to Iran",
                "arms",
                "delivery",
                "RUS;IRN",
                "s3",
                None,
            ),
            (
                "E4",
                "2026-03-02",
                "day",
                "Putin phoned the leaders of Qatar and Oman",
                "diplomacy",
                "meeting",
                "RUS;QAT;OMN",
                "s4",
                None,
            ),
            (
                "E5",
                "2026-04-07",
                "day",
                "Russia vetoed a Bahrain-drafted resolution",
                "diplomacy",
                "vote",
                "RUS;UN;BHR",
                "s5",
                None,
            ),
            (
                "E6",
                "2026-04-07",
                "day",
                "Russia vetoed a US-drafted resolution",
                "diplomacy",
                "vote",
                "RUS;UN;USA",
                "s6",
                None,
            ),
        ]
    )
    out = dl.run_tests(tests, pd.concat([quiet, flips], ignore_index=True)).set_index("test")
    assert out.loc["T01", "met"] == "yes" and out.loc["T01", "event_ids"] == "E2"
    assert out.loc["T02", "met"] == "no" and out.loc["T02", "event_ids"] == "E3"  # a delivery in a war
    assert out.loc["T05a", "met"] == "yes" and out.loc["T05a", "event_ids"] == "E4"
    assert out.loc["T05b", "met"] == "no" and out.loc["T05b", "event_ids"] == "E5"  # the US-drafted veto is not Gulf
    assert out.loc["T03", "met"] == "no"  # nothing written for it: unchanged


def test_a_veto_of_a_gulf_text_makes_the_block_half_of_gulf_ties_no():
    """T05 split in two: engaging Gulf leaders (present) and not blocking their texts (absent).
    ``actors_any`` needs one Gulf monarchy among the actors; a veto is what 'block' means."""
    gulf = "ARE;BHR;KWT;OMN;QAT;SAU"
    engage = _test(test_id="T05a", window="war-2026", event_types="meeting", actors_all="RUS", actors_any=gulf)
    block = _test(
        test_id="T05b",
        window="war-2026",
        event_types="vote",
        actors_all="RUS;UN",
        actors_any=gulf,
        text_pattern="veto|voted against",
        expect="absent",
    )
    tests = pd.DataFrame([engage, block])
    base = _ev(
        [
            (
                "E1",
                "2026-03-02",
                "day",
                "Putin phoned the Saudi crown prince",
                "diplomacy",
                "meeting",
                "RUS;SAU",
                "s1",
                None,
            ),
            (
                "E2",
                "2026-03-11",
                "day",
                "Russia abstained on a Gulf-sponsored text",
                "diplomacy",
                "vote",
                "UN;RUS;BHR",
                "s2",
                None,
            ),
        ]
    )
    out = dl.run_tests(tests, base, _periods()).set_index("test")
    assert out["met"].tolist() == ["yes", "yes"]  # an abstention is not a block
    veto = _ev(
        [
            (
                "E3",
                "2026-04-07",
                "day",
                "Russia and China vetoed a Bahrain-drafted text",
                "diplomacy",
                "vote",
                "RUS;CHN;UN;BHR",
                "s3",
                None,
            )
        ]
    )
    out = dl.run_tests(tests, pd.concat([base, veto], ignore_index=True), _periods()).set_index("test")
    assert out.loc["T05b", "met"] == "no" and out.loc["T05b", "event_ids"] == "E3"
    assert out.loc["T05b", "reading"] == "inconsistent"
    verdicts = dl.explanation_verdicts(out.reset_index().assign(explanation="Gulf ties"))
    assert verdicts.to_dict("records") == [
        {"explanation": "Gulf ties", "tests": "T05a, T05b", "met": "partly (1 of 2)"}
    ]
    # without a Gulf actor the same veto does not count
    other = veto.assign(actors_iso3="RUS;CHN;UN;USA")
    assert dl.test_hits(block, pd.concat([base, other], ignore_index=True), _periods()).empty


def test_explanation_verdicts_read_all_some_or_none():
    results = pd.DataFrame(
        {
            "test": ["T01", "T02", "T03", "T04", "T05"],
            "explanation": ["A", "A", "B", "C", "C"],
            "met": ["yes", "yes", "no", "no", "yes"],
        }
    )
    out = dl.explanation_verdicts(results)
    assert out["explanation"].tolist() == ["A", "B", "C"]
    assert out["met"].tolist() == ["yes", "no", "partly (1 of 2)"]
    assert out["tests"].tolist() == ["T01, T02", "T03", "T04, T05"]


def test_iran_record_lists_irans_words_with_their_war():
    extra = _ev(
        [
            (
                "E8",
                "2025-07-06",
                "day",
                "Iran's central bank links Mir and Shetab",
                "economy",
                "statement",
                "IRN;RUS",
                "s8",
                None,
            )
        ]
    )
    rec = dl.iran_record(pd.concat([WAR_EVENTS, extra], ignore_index=True), "2016-01-01", _periods())
    assert rec["event"].tolist() == ["Iran ends Russia's use of Hamedan", "Iran asks Russia to do more"]
    assert rec["war"].tolist() == ["—", "June war"]


def test_rung_sentence_and_peers_follow_the_ladder():
    lad = pd.DataFrame(
        {
            "treaty_id": ["a", "b", "c"],
            "treaty": ["A 2025", "B 2001", "C 2000"],
            "Mutual defence": ["no", "unknown", "no"],
            "Consultation / joint defence measures": ["yes", "unknown", "yes"],
            "Neutrality / no aid to an aggressor": ["yes", "yes", "unknown"],
            "Non-aggression": ["yes", "yes", "yes"],
            "rung": [
                "Consultation / joint defence measures",
                "Neutrality / no aid to an aggressor",
                "Consultation / joint defence measures",
            ],
        }
    )
    assert dl.rung_sentence(lad, "b") == (
        "B 2001 reaches only neutrality, with 'unknown' cells for mutual defence and consultation above it"
    )
    assert dl.rung_sentence(lad, "a") == "A 2025 reaches only consultation"
    assert dl.peers_on_rung(lad, "a") == ["C 2000"]
    with pytest.raises(KeyError, match="zz"):
        dl.peers_on_rung(lad, "zz")
    assert dl.peers_phrase(lad, "a") == "the same rung as C 2000"
    # alone on its rung: an empty list, and a phrase that does not dangle
    assert dl.peers_on_rung(lad, "b") == []
    assert dl.peers_phrase(lad, "b") == "alone on that rung"
    # the order of the ladder the frame was built with decides what lies "above"
    cow = lad.copy()
    cow.attrs["rungs"] = dict(dl.RUNGS_COW)
    assert (
        dl.rung_sentence(cow, "b") == "B 2001 reaches only neutrality, with 'unknown' cells for mutual defence above it"
    )
    # no rung coded yes
    none = lad.assign(rung=[lad.at[0, "rung"], lad.at[1, "rung"], dl.UNKNOWN_RANK])
    assert dl.rung_sentence(none, "c") == "C 2000 has no rung coded yes ('unknown' cells for neutrality)"
    assert dl.peers_phrase(none, "c") == "alone on that rung"


def test_variant_rungs_follow_the_main_ladders_rows():
    lad = pd.DataFrame({"treaty_id": ["a", "b"], "rung": ["X", "Y"]})
    variant = pd.DataFrame({"treaty_id": ["b", "a"], "rung": ["Y2", "X2"]})
    assert dl.variant_rungs(lad, variant) == ["X2", "Y2"]
    with pytest.raises(KeyError, match="'a'"):
        dl.variant_rungs(lad, variant.iloc[:1])


def test_run_tests_flags_revised_rules():
    tests = pd.DataFrame([_test(test_id="T01", rule_revision="tightened"), _test(test_id="T02")])
    out = dl.run_tests(tests, WAR_EVENTS, _periods()).set_index("test")
    assert out.loc["T01", "rule revised after first run"] == "yes"
    assert out.loc["T02", "rule revised after first run"] == ""


# -- charts: what a reader sees ----------------------------------------------------------------------
def _capture(monkeypatch):
    """Replace style.show: keep each figure's texts (and the figure) instead of displaying it."""
    from helpers import style

    shown = []

    def keep(fig, alt):
        assert not style.check(fig)
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        legends = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
        shown.append({"fig": fig, "texts": texts, "legend": legends})
        plt.close(fig)

    monkeypatch.setattr(style, "show", keep)
    return shown


def test_ladder_heatmap_frames_the_rank_and_marks_weak_codings(monkeypatch, real):
    shown = _capture(monkeypatch)
    lad = dl.ladder(real["treaty_provisions"], real["treaties"])
    codes, texts = dl.ladder_grid(lad)
    assert codes.shape == (len(lad), len(dl.RUNGS))
    assert set(texts.to_numpy().ravel()) <= {"yes", "no", "unknown", "—"}
    assert (
        codes.to_numpy() == [[list(dl.LADDER_COLOURS).index(v) for v in row] for row in lad[list(dl.RUNGS)].to_numpy()]
    ).all()
    weak = lad["treaty_id"].iloc[[0]].tolist()
    dl.plot_ladder(lad, "t", "s", alt="a test chart of the obligation ladder heatmap", low=weak)
    got = shown[-1]
    assert got["texts"].count("yes (weak source)") == 1
    frames = [p for p in got["fig"].axes[0].patches if p.get_edgecolor()[:3] == (0.0, 0.0, 0.0)]
    assert len(frames) == int((lad["rank"] > 0).sum())  # one black frame per ranked treaty
    assert sum(p.get_linestyle() == "--" for p in frames) == 1
    assert dl.LADDER_COLOURS["no"] != style_colour("vermillion")  # absence of a clause is not drawn as a warning
    # one category, one colour: the ladder (notebook 03) draws yes / no / unknown as the matrix (notebook 02) does
    assert dl.LADDER_COLOURS == obligations.PRESENCE_COLOURS


def style_colour(name):
    from helpers import style

    return style.PALETTE[name]


def test_gives_chart_marks_low_confidence_cells_and_the_partial_year(monkeypatch):
    shown = _capture(monkeypatch)
    table = pd.DataFrame({2025: [3, 2], 2026: [1, 0]}, index=["UN cover", "Arms"])
    low = pd.DataFrame({2025: [1, 2], 2026: [0, 0]}, index=["UN cover", "Arms"])
    dl.plot_gives(table, "t", "s", alt="a test dot matrix of what Russia gives", low=low, last_day="2026-06-15")
    got = shown[-1]
    assert "3*" in got["texts"]  # some of the cell's events are low confidence
    assert "2" in got["texts"]  # all of them: hollow dot, plain number
    assert any("low-confidence" in t for t in got["legend"])
    ax = got["fig"].axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "2026\n(to 15 Jun 2026)"
    dl.plot_gives(table, "t", "s", alt="a test dot matrix of what Russia gives")
    assert shown[-1]["legend"] == [] and "3*" not in shown[-1]["texts"]


def test_war_points_and_marks_of_low_confidence_events(monkeypatch, real):
    shown = _capture(monkeypatch)
    start, end = periods.window("war-2026")
    win = dl.in_window(real["events"], start, end)
    pts = dl.war_points(win, start)
    from helpers import sources

    assert pts["low"].tolist() == sources.low_confidence(win).tolist()
    weak_id = win.loc[sources.low_confidence(win), "event_id"].iloc[0]
    dl.plot_wars({"2026": (win, start, end, {weak_id: "weak mark"})}, "t", "s", alt="a test chart of the 2026 war")
    got = shown[-1]
    weak_text = [t for ax in got["fig"].axes for t in ax.texts if t.get_text() == "weak mark"]
    assert weak_text and weak_text[0].get_fontstyle() == "italic"
    assert any("low-confidence" in t for t in got["legend"])


def test_tables_of_events_codings_and_verdicts_carry_a_confidence_mark(real):
    ev = real["events"]
    lad = dl.ladder(real["treaty_provisions"], real["treaties"])
    assert "confidence" in dl.ladder_evidence(real["treaty_provisions"], lad)
    start, end = periods.window("war-2026")
    assert "confidence" in dl.case_table(dl.in_window(ev, start, end))
    tested = dl.run_tests(data.load("explanations_tests"), ev)
    assert set(tested["confidence"]) <= {"high", "medium", "low", "—"}
    assert "confidence" in dl.sipri_check(ev, real["arms_deals"], since="2022-01-01")


def test_test_evidence_lists_each_tests_events_with_dates_and_confidence():
    """Two tests, three events: one row per test and event, dates as precise as known, and the
    confidence of each event's own sources (high, low, or the stronger of two)."""
    high, low = "tass-2025-04-08-rudenko", "forlancer-2026-04-12-putin-pezeshkian"
    events = _ev(
        [
            ("E1", "2025-06-14", "day", "first", "diplomacy", "meeting", "RUS;IRN", high, None),
            ("E2", "2026-03", "month", "second", "diplomacy", "statement", "RUS;IRN", low, None),
            ("E3", "2016", "year", "third", "military", "statement", "IRN;RUS", f"{low};{high}", None),
        ]
    )
    results = pd.DataFrame(
        {"test": ["T01", "T02"], "explanation": ["A", "B"], "event_ids": ["E1;E2", "E3"], "met": ["yes", "yes"]}
    )
    out = dl.test_evidence(results, events)
    assert list(out.columns) == [
        "test",
        "explanation",
        "event_id",
        "date",
        "confidence",
        "event",
        "counted",
        "source_ids",
    ]
    assert out[["test", "event_id"]].values.tolist() == [["T01", "E1"], ["T01", "E2"], ["T02", "E3"]]
    assert out["date"].tolist() == ["14 Jun 2025", "Mar 2026", "2016"]
    assert out["confidence"].tolist() == ["high", "low", "high"]
    assert out["counted"].tolist() == ["yes"] * 3  # what run_tests counted (its event_ids)
    assert out.attrs["file"] == "data/events.csv"
    # the events a test found but did not count follow its counted ones, each with the reason
    events.loc[events["event_id"] == "E3", "note"] = "[unconfirmed] Denied."
    left_out = results.assign(event_ids=["E1", ""], **{"not counted ids": ["E2", "E3"]})
    out = dl.test_evidence(left_out, events)
    assert out[["test", "event_id", "counted"]].values.tolist() == [
        ["T01", "E1", "yes"],
        ["T01", "E2", "no: low confidence"],
        ["T02", "E3", "no: unconfirmed report"],
    ]
    # a test with no event adds no row; an unknown id is an error, not a silent gap
    assert len(dl.test_evidence(results.assign(event_ids=["", "E3"]), events)) == 1
    with pytest.raises(KeyError):
        dl.test_evidence(results.assign(event_ids=["E9", ""]), events)


def test_combined_keeps_each_event_once_in_order_with_the_first_frames_attrs():
    a = _ev([("E1", "2025-06-13", "day", "a", "d", "statement", "RUS", "s1", None)])
    a.attrs["file"] = "data/events.csv"
    b = _ev(
        [
            ("E2", "2026-03-01", "day", "b", "d", "statement", "RUS", "s2", None),
            ("E1", "2025-06-13", "day", "a", "d", "statement", "RUS", "s1", None),
        ]
    )
    b.attrs["file"] = "other.csv"
    out = dl.combined(a, b)
    assert out["event_id"].tolist() == ["E1", "E2"]
    assert list(out.index) == [0, 1]
    assert out.attrs["file"] == "data/events.csv"


def test_supplier_names_split_deliveries_by_the_name_sipri_gives():
    tiv = pd.DataFrame(
        {
            "supplier_iso3": ["RUS", "RUS", "RUS", "RUS", "CHN"],
            "supplier_name": ["Soviet Union", "Soviet Union", "Russia", "Russia", "China"],
            "recipient_iso3": ["IRN", "IRN", "IRN", "IRN", "IRN"],
            "year": [1990, 1991, 1993, 2001, 1993],
            "tiv_millions": [100.0, 50.0, 30.0, 7.0, 9.0],
        }
    )
    out = dl.supplier_names(tiv, "RUS", "IRN", 1990, 1999)
    assert out.to_dict("records") == [
        {"supplier as named by SIPRI": "Soviet Union", "years": "1990–1991", "TIV delivered (millions)": 150.0},
        {"supplier as named by SIPRI": "Russia", "years": "1993–1993", "TIV delivered (millions)": 30.0},
    ]  # 2001 is outside the years, China another supplier


def test_topic_modules_of_notebooks_00_01_03_import_no_topic_module():
    """Topic modules compose domain modules only (timeline, drivers, drones, defence never import
    each other); arms is a domain module and draws nothing. (defence's obligation vocabulary
    import from treaties moves to obligations with the treaty recoding.)"""
    import ast
    from pathlib import Path

    import helpers

    root = Path(helpers.__file__).parent
    topic = {"timeline", "drivers", "drones", "defence", "balancing", "ledger", "alliances", "partners"}
    for name in ("timeline", "drivers", "drones", "defence", "trade", "votes", "arms", "events", "coverage"):
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                imported |= {node.module} if node.module else {a.name for a in node.names}
        assert not (imported & (topic - {name})), f"{name}.py imports topic module(s) {imported & topic}"
        if name == "arms":
            assert "style" not in imported


def test_run_tests_finds_what_test_hits_finds_for_each_test():
    """run_tests selects each window once for all the tests that share it: every test still gets
    exactly the events test_hits gives it on its own."""
    tests = pd.DataFrame(
        [
            _test(test_id="T01", event_types="meeting", actors_all="RUS;USA", text_pattern="iran"),
            _test(test_id="T02", window="war-2026", event_types="vote", actors_all="RUS"),
            _test(test_id="T03", window="dated", window_from="2015-01-01", actors_all="IRN;RUS", lead="IRN"),
            _test(test_id="T04", window="dated", window_from="2015-01-01", actors_all="IRN;RUS"),
            _test(test_id="T05", event_domains="arms;military", actors_all="RUS"),
        ]
    )
    out = dl.run_tests(tests, WAR_EVENTS, _periods()).set_index("test")
    for _, t in tests.iterrows():
        alone = dl.test_hits(t, WAR_EVENTS, _periods())
        assert out.loc[t["test_id"], "event_ids"] == ";".join(alone["event_id"])
    assert out.loc["T03", "event_ids"] == "E7;E3"  # led by Iran, in date order


def test_gives_events_asks_every_rule_of_every_row_as_a_row_by_row_loop_would():
    ev = _events()
    hits = dl.gives_events(ev, since="2025-01-01")
    win = dl_events.in_window(ev, "2025-01-01")
    win["lane"] = dl.classify(win)
    win = win[win["actors_iso3"].map(lambda a: dl_events.has_all(a, "RUS", "IRN"))].sort_values(["date", "event_id"])
    want = [(e["event_id"], cat) for cat, (_, pred) in dl.GIVES.items() for _, e in win.iterrows() if pred(e)]
    assert list(zip(hits["event_id"], hits["category"])) == want
    assert hits.attrs == ev.attrs


def test_ladder_evidence_shows_the_variant_rung_beside_the_main_one(real):
    cow = dl.ladder(real["treaty_provisions"], real["treaties"], dl.RUNGS_COW)
    variant = dl.ladder(real["treaty_provisions"], real["treaties"])
    ev = dl.ladder_evidence(real["treaty_provisions"], cow, variant=variant)
    cols = list(ev.columns)
    assert cols[cols.index("Rung") + 1] == dl.VARIANT_COLUMN
    rows = ev.set_index("Treaty")
    # the 2025 Iran treaty: neutrality in the COW order, consultation in the variant
    assert rows.at["Russia–Iran 2025", "Rung"] == "Neutrality / no aid to an aggressor"
    assert rows.at["Russia–Iran 2025", dl.VARIANT_COLUMN] == "Consultation / joint defence measures"
    assert dl.VARIANT_COLUMN not in dl.ladder_evidence(real["treaty_provisions"], cow)


def _words_and_calls(days, start="2026-02-28"):
    """Russian statements (odd positions: calls) on the given days since ``start``."""
    t0 = pd.Timestamp(start)
    rows = []
    for k, d in enumerate(days):
        day = (t0 + pd.Timedelta(days=d)).strftime("%Y-%m-%d")
        kind = "meeting" if k % 2 else "statement"
        rows.append((f"E{k + 1}", day, "day", "Russia said or called", "diplomacy", kind, "RUS;IRN", "s1", None))
    return _ev(rows)


def test_early_share_counts_the_first_third_of_a_war_against_an_even_spread():
    # 12 days: the first third is days 0-3 (four days), an even spread puts a third there
    ev = _words_and_calls([0, 0, 0, 1, 3, 4, 5, 9, 11], start="2025-06-13")
    win = dl.in_window(ev, "2025-06-13", "2025-06-24")
    got = dl.early_share(win, "2025-06-13", "2025-06-24")
    assert got == {"days": 12, "early days": 4, "events": 9, "in the early days": 5, "if spread evenly": 3.0}
    # 40 days: days 0-13 (fourteen days) are the first third; a month-dated event and a strike are not counted
    ev = _words_and_calls([0, 1, 13, 14, 39])
    extra = _ev(
        [
            ("E8", "2026-03", "month", "Russia said", "diplomacy", "statement", "RUS;IRN", "s1", None),
            ("E9", "2026-03-01", "day", "Israel struck Iran", "military", "military_action", "ISR;IRN", "s1", None),
        ]
    )
    win = dl.in_window(pd.concat([ev, extra], ignore_index=True), "2026-02-28", "2026-04-08")
    got = dl.early_share(win, "2026-02-28", "2026-04-08")
    assert got == {"days": 40, "early days": 14, "events": 5, "in the early days": 3, "if spread evenly": 1.8}
    # events resting only on low-confidence sources are not counted
    weak = win.assign(source_ids="forlancer-2026-04-12-putin-pezeshkian")
    assert dl.early_share(weak, "2026-02-28", "2026-04-08")["events"] == 0
    table = dl.early_table({"2026": (win, "2026-02-28", "2026-04-08")})
    assert table.to_dict("records") == [
        {
            "war": "2026",
            "first third": "days 1–14 of 40",
            "words and contacts": 5,
            "in the first third": 3,
            "if spread evenly": 1.8,
            "in the first 40 days": 5,
            "if spread evenly (40 days)": 5.0,
        }
    ]


def test_early_table_also_counts_every_war_on_the_clock_of_the_shortest():
    # a 12-day war with all its events in days 0-11 and a 40-day war with 3 of 5 in days 0-11:
    # by thirds only the long war clusters early; in absolute days both put their events early
    short = dl.in_window(_words_and_calls([0, 5, 9, 11], start="2025-06-13"), "2025-06-13", "2025-06-24")
    long = dl.in_window(_words_and_calls([0, 1, 11, 12, 39]), "2026-02-28", "2026-04-08")
    table = dl.early_table({"June": (short, "2025-06-13", "2025-06-24"), "2026": (long, "2026-02-28", "2026-04-08")})
    got = table.set_index("war")
    assert got.at["June", "in the first third"] == 1 and got.at["June", "in the first 12 days"] == 4
    assert got.at["June", "if spread evenly (12 days)"] == 4.0
    assert got.at["2026", "in the first third"] == 4 and got.at["2026", "in the first 12 days"] == 3
    assert got.at["2026", "if spread evenly (12 days)"] == 1.5
    assert dl.early_share(long, "2026-02-28", "2026-04-08", days_early=12)["early days"] == 12
    with pytest.raises(ValueError, match="between 1 and the war's 12 days"):
        dl.early_share(short, "2025-06-13", "2025-06-24", days_early=13)


def _gives_hits():
    rows = [
        ("E1", "2025-08-29", "day", "x", "sanctions", "statement", "RUS;IRN", "s1", None, "UN"),
        ("E2", "2025-09-20", "day", "x", "sanctions", "vote", "RUS;IRN", "s1", None, "UN"),
        ("E3", "2025-10", "month", "x", "sanctions", "statement", "RUS;IRN", "s1", None, "UN"),
        ("E4", "2025-11-29", "day", "x", "sanctions", "statement", "RUS;IRN", "s1", None, "UN"),  # 29 days after 31 Oct
        ("E5", "2026-01-05", "day", "x", "sanctions", "vote", "RUS;IRN", "s1", None, "UN"),  # 37 days: a new one
        ("E6", "2025-09-21", "day", "x", "economy", "agreement", "RUS;IRN", "s1", None, "Deals"),
    ]
    frame = pd.DataFrame(rows, columns=[*_ev([]).columns, "category"])
    first, last = zip(*(dates.span(d, p) for d, p in zip(frame["date"], frame["date_precision"])))
    return frame.assign(first=list(first), last=list(last))


def test_episodes_join_events_of_a_category_less_than_a_month_apart():
    hits = _gives_hits()
    assert dict(zip(hits["event_id"], dl.episodes(hits))) == {"E1": 1, "E2": 1, "E3": 1, "E4": 1, "E5": 2, "E6": 1}
    # E4 joins only because E3 (October) may have been as late as 31 Oct; 25 days splits it off
    assert dl.episodes(hits, gap_days=25).tolist() == [1, 1, 1, 2, 3, 1]


def test_gives_in_context_sets_events_beside_episodes_and_the_baseline():
    hits = _gives_hits()
    base = pd.concat(
        [hits[_ev([]).columns], _ev([("E7", "2025-03-01", "day", "y", "diplomacy", "meeting", "RUS;IRN", "s1", None)])],
        ignore_index=True,
    )
    out = dl.gives_in_context(base, hits, "2025-01-01", "UN", label="UN cover")
    assert list(out.columns) == [2025, 2026]
    assert out.loc["all Russia–Iran events"].tolist() == [6, 1]  # E7 is no support
    assert out.loc["support: events"].tolist() == [5, 1]
    assert out.loc["support: % of all events"].tolist() == [83, 100]
    assert out.loc["support: episodes"].tolist() == [2, 1]
    assert out.loc["UN cover: events"].tolist() == [4, 1]
    assert out.loc["UN cover: episodes"].tolist() == [1, 1]
    assert dl.russia_and_iran(base, "2025-01-01")["event_id"].tolist() == ["E7", "E1", "E2", "E6", "E3", "E4", "E5"]
    # an event resting only on low-confidence sources is left out of every row
    weak = base.assign(
        source_ids=base["source_ids"].mask(base["event_id"] == "E2", "forlancer-2026-04-12-putin-pezeshkian")
    )
    hits_weak = hits.assign(source_ids=weak["source_ids"].iloc[: len(hits)].to_numpy())
    out = dl.gives_in_context(weak, hits_weak, "2025-01-01", "UN", label="UN cover")
    assert out.loc["all Russia–Iran events"].tolist() == [5, 1]
    assert out.loc["UN cover: events"].tolist() == [3, 1]
    # a year with baseline events but no support still shows (and counts in the baseline)
    early = pd.concat(
        [base, _ev([("E8", "2024-05-01", "day", "z", "economy", "meeting", "RUS;IRN", "s1", None)])], ignore_index=True
    )
    out = dl.gives_in_context(early, hits, "2024-01-01", "UN", label="UN cover")
    assert list(out.columns) == [2024, 2025, 2026]
    assert out.loc["all Russia–Iran events"].tolist() == [1, 6, 1]
    assert out.loc["support: events"].tolist() == [0, 5, 1]


def test_month_only_phrase_counts_month_dated_events_per_month():
    frame = pd.DataFrame(
        {
            "date": ["2026-03", "2026-03-05", "2026-04", "2026-03"],
            "date_precision": ["month", "day", "month", "month"],
        }
    )
    assert (
        dl.month_only_phrase(frame)
        == "events dated only to a month are drawn as bars (2 to March 2026 and 1 to April 2026)"
    )
    assert dl.month_only_phrase(frame.iloc[[1]]) == "no event is dated only to a month"


def test_early_clock_puts_every_war_on_the_shortest_wars_clock():
    short = dl.in_window(_words_and_calls([0, 5, 9, 11], start="2025-06-13"), "2025-06-13", "2025-06-24")
    long = dl.in_window(_words_and_calls([0, 1, 11, 12, 39]), "2026-02-28", "2026-04-08")
    got = dl.early_clock({"June": (short, "2025-06-13", "2025-06-24"), "2026": (long, "2026-02-28", "2026-04-08")})
    assert got["days"] == 12
    assert got["after"] == "the 2026 war's last 28 days saw 2 more"
    assert (
        got["alt"]
        == "Counted in days since each war began: 4 of 4 in June and 3 of 5 in 2026 fall in the first 12 days."
    )
    same = dl.early_clock({"a": (short, "2025-06-13", "2025-06-24")})
    assert same["after"] == "every war is as short"


def test_counts_phrase_says_each_rows_counts_and_skips_empty_years_and_rows():
    by_year = pd.DataFrame(
        {2022: [1, 0, 0], 2023: [0, 0, 0], 2024: [2, 3, 0]}, index=pd.Index(["Space", "UN", "None"], name="category")
    )
    assert dl.counts_phrase(by_year) == "Events per row: Space: 1 in 2022, 2 in 2024; UN: 3 in 2024."
