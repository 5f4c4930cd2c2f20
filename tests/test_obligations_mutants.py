"""The obligation ladder and obligations in force by date (``helpers.obligations``), at the edges the
other tests leave open: the order of tied treaties, a rung held by either of two obligations, the
clause shown as evidence, the first and last day a treaty binds, a multilateral treaty binding a
dyad only while both states are members, several treaties binding one dyad, and every branch that
says *none*, *unknown* or *not coded* — on small hand-made frames with exact values."""

import pandas as pd
import pytest

from helpers import obligations as ob

DEF, CONS, NEUT, NONAGG = (
    "Mutual defence",
    "Consultation / joint defence measures",
    "Neutrality / no aid to an aggressor",
    "Non-aggression",
)

# --------------------------------------------------------------------------- the ladder


def _treaties(*rows):
    return pd.DataFrame(rows, columns=["treaty_id", "parties_iso3", "signed"]).assign(
        signed=lambda f: pd.to_datetime(f["signed"])
    )


def _provisions(*rows):
    cols = ["treaty_id", "obligation", "present", "provision_id", "article", "quote", "quote_by", "source_ids"]
    return pd.DataFrame([r + (None,) * (len(cols) - len(r)) for r in rows], columns=cols)


def test_rung_value_takes_any_iterable_and_prefers_yes_then_unknown_then_no():
    assert ob.rung_value(v for v in ("no", "unknown", "yes")) == "yes"
    assert ob.rung_value(iter(["no", "unknown"])) == "unknown"
    assert ob.rung_value(["no", "no"]) == "no"
    assert ob.rung_value(["not coded", "not coded"]) == "not coded"


def test_ties_in_rank_go_to_the_higher_ceiling_then_to_the_newer_treaty():
    treaties = _treaties(
        ("rus-old-2001", "RUS;IRN", "2001-03-12"),
        ("rus-new-2020", "RUS;CHN", "2020-01-01"),
        ("rus-cap-1995", "RUS;PRK", "1995-01-01"),
    )
    provisions = _provisions(
        ("rus-old-2001", "nonaggression", "yes"),
        ("rus-new-2020", "nonaggression", "yes"),
        ("rus-cap-1995", "nonaggression", "yes"),
        ("rus-cap-1995", "defense", "unknown"),  # might be a defence pact: ceiling 4
    )
    lad = ob.ladder(provisions, treaties)
    assert lad["treaty_id"].tolist() == ["rus-cap-1995", "rus-new-2020", "rus-old-2001"]
    assert lad["rank"].tolist() == [1, 1, 1] and lad["ceiling"].tolist() == [4, 1, 1]
    assert lad["settled"].tolist() == [False, True, True]
    assert lad.index.tolist() == [0, 1, 2]  # a fresh index in ladder order
    assert lad["signed"].tolist() == [
        pd.Timestamp("1995-01-01"),
        pd.Timestamp("2020-01-01"),
        pd.Timestamp("2001-03-12"),
    ]
    assert lad["treaty"].tolist() == [ob.treaty_labels(treaties)[t] for t in lad["treaty_id"]]


def test_a_rung_held_by_either_of_its_two_obligations_and_several_sources_on_one():
    treaties = _treaties(
        ("rus-aaa-2010", "RUS;IRN", "2010-01-01"),
        ("rus-bbb-2011", "RUS;CHN", "2011-01-01"),
        ("rus-ccc-2012", "RUS;PRK", "2012-01-01"),
    )
    provisions = _provisions(
        # aaa: consultation no, joint defence measures yes -> consultation rung yes (rank 3)
        ("rus-aaa-2010", "consultation", "no"),
        ("rus-aaa-2010", "joint_defense_measures", "yes"),
        # bbb: two sources on neutrality disagree (no / yes): yes wins; non_assistance unknown
        ("rus-bbb-2011", "neutrality", "no"),
        ("rus-bbb-2011", "neutrality", "yes"),
        ("rus-bbb-2011", "non_assistance_aggressor", "unknown"),
        # ccc: two sources on defence, no and unknown: the rung is no, not unknown
        ("rus-ccc-2012", "defense", "no"),
        ("rus-ccc-2012", "defense", "unknown"),
        ("rus-ccc-2012", "nonaggression", "unknown"),
    )
    lad = ob.ladder(provisions, treaties).set_index("treaty_id")
    assert lad.loc["rus-aaa-2010", [DEF, CONS, NEUT, NONAGG]].tolist() == ["not coded", "yes", "not coded", "not coded"]
    assert lad.at["rus-aaa-2010", "rank"] == 3 and lad.at["rus-aaa-2010", "rung"] == CONS
    assert lad.at["rus-bbb-2011", NEUT] == "yes" and lad.at["rus-bbb-2011", "rung"] == NEUT
    assert lad.loc["rus-ccc-2012", [DEF, NONAGG]].tolist() == ["no", "unknown"]
    assert lad.at["rus-ccc-2012", "rank"] == 0 and lad.at["rus-ccc-2012", "ceiling"] == 1
    assert lad.at["rus-ccc-2012", "rung"] == ob.UNKNOWN_RANK


def test_no_assistance_to_an_aggressor_alone_puts_a_treaty_on_the_neutrality_rung():
    treaties = _treaties(("rus-aaa-2010", "RUS;IRN", "2010-01-01"))
    provisions = _provisions(
        ("rus-aaa-2010", "neutrality", "no"), ("rus-aaa-2010", "non_assistance_aggressor", "yes", "p1", "3")
    )
    lad = ob.ladder(provisions, treaties)
    assert (lad.at[0, NEUT], lad.at[0, "rank"], lad.at[0, "rung"]) == ("yes", 2, NEUT)
    ev = ob.ladder_evidence(provisions, lad)
    assert ev.at[0, "Clause"] == ob.OBLIGATION_LABELS["non_assistance_aggressor"] and ev.at[0, "Article"] == "Art. 3"


def test_the_cow_order_ranks_neutrality_above_consultation_and_records_its_rungs():
    treaties = _treaties(("rus-irn-2025", "RUS;IRN", "2025-01-17"))
    provisions = _provisions(
        ("rus-irn-2025", "defense", "no"),
        ("rus-irn-2025", "neutrality", "yes"),
        ("rus-irn-2025", "consultation", "yes"),
    )
    default = ob.ladder(provisions, treaties)
    cow = ob.ladder(provisions, treaties, ob.RUNGS_COW)
    assert (default.at[0, "rung"], default.at[0, "rank"]) == (CONS, 3)
    assert (cow.at[0, "rung"], cow.at[0, "rank"]) == (NEUT, 3)
    assert default.attrs["rungs"] == ob.RUNGS and list(cow.attrs["rungs"]) == list(ob.RUNGS_COW)
    # the evidence follows the order the ladder was built with
    assert ob.ladder_evidence(provisions, default).at[0, "Clause"] == ob.OBLIGATION_LABELS["consultation"]
    assert ob.ladder_evidence(provisions, cow).at[0, "Clause"] == ob.OBLIGATION_LABELS["neutrality"]


def test_a_custom_two_rung_ladder_labels_ranks_from_its_own_rungs():
    rungs = {"Pact": ("defense",), "Talks": ("consultation",)}
    treaties = _treaties(("rus-aaa-2010", "RUS;IRN", "2010-01-01"), ("rus-bbb-2011", "RUS;CHN", "2011-01-01"))
    provisions = _provisions(
        ("rus-aaa-2010", "consultation", "yes"),
        ("rus-bbb-2011", "defense", "no"),
        ("rus-bbb-2011", "consultation", "no"),
        ("rus-bbb-2011", "neutrality", "yes"),  # not a rung of this ladder
    )
    lad = ob.ladder(provisions, treaties, rungs).set_index("treaty_id")
    assert lad.at["rus-aaa-2010", "rank"] == 1 and lad.at["rus-aaa-2010", "rung"] == "Talks"
    assert lad.at["rus-bbb-2011", "rank"] == 0 and lad.at["rus-bbb-2011", "rung"] == ob.NO_COMMITMENT
    assert ob.NO_COMMITMENT == "No security commitment" and ob.UNKNOWN_RANK == "Unknown (no rung documented)"


def test_ladder_evidence_shows_the_first_listed_obligation_and_the_first_provision():
    treaties = _treaties(
        ("rus-aaa-2010", "RUS;IRN", "2010-01-01"),
        ("rus-bbb-2011", "RUS;CHN", "2011-01-01"),
        ("rus-ccc-2012", "RUS;PRK", "2012-01-01"),
    )
    provisions = _provisions(
        # aaa: both obligations of the consultation rung yes: consultation (listed first) is shown,
        # from its lowest provision id; a 'no' row and another treaty's row are never shown
        ("rus-aaa-2010", "joint_defense_measures", "yes", "aaa-p01", "9", "joint measures", "TASS", "s-jdm"),
        ("rus-aaa-2010", "consultation", "yes", "aaa-p03", "5", "shall consult later", "IRNA", "s-late"),
        ("rus-aaa-2010", "consultation", "yes", "aaa-p02", "4", "shall consult", "MFA", "s-cons"),
        ("rus-aaa-2010", "consultation", "no", "aaa-p00", "1", "denied", "X", "s-no"),
        ("rus-bbb-2011", "consultation", "yes", "aaa-p00", "2", "other", "Y", "s-other"),
        # bbb also ranks on consultation, with no article, quote or speaker recorded
        # ccc: only unknowns -> no clause
        ("rus-ccc-2012", "defense", "unknown", "ccc-p01", "1", "?", "?", "s-unk"),
    )
    provisions.loc[4, ["article", "quote", "quote_by"]] = [pd.NA, pd.NA, pd.NA]
    provisions.attrs["file"] = "tests/hand-made.csv"
    lad = ob.ladder(provisions, treaties)
    ev = ob.ladder_evidence(provisions, lad)
    shown = ["Rung", "Could rank higher?", "Clause", "Article", "Quote", "Quoted by", "source_ids"]
    assert ev.columns[0] == "Treaty" and set(shown) <= set(ev.columns)
    assert ev.attrs["file"] == "tests/hand-made.csv"
    assert not ev.isna().all().any(), "a column without any value (a stray key)"
    labels = ob.treaty_labels(treaties)
    ev = ev.set_index("Treaty")
    aaa = ev.loc[labels["rus-aaa-2010"], shown]
    assert aaa.tolist() == [
        CONS,
        "no",
        ob.OBLIGATION_LABELS["consultation"],
        "Art. 4",
        "shall consult",
        "MFA",
        "s-cons",
    ]
    bbb = ev.loc[labels["rus-bbb-2011"], shown]
    assert bbb.tolist() == [CONS, "no", ob.OBLIGATION_LABELS["consultation"], "—", "", "", "s-other"]
    ccc = ev.loc[labels["rus-ccc-2012"], shown]
    assert ccc.drop("source_ids").tolist() == [ob.UNKNOWN_RANK, "yes: a higher rung is unknown", "—", "—", "", ""]
    assert pd.isna(ccc["source_ids"])
    # without a file name the evidence names the table it comes from
    bare = _provisions(("rus-ccc-2012", "defense", "unknown"))
    assert ob.ladder_evidence(bare, ob.ladder(bare, treaties)).attrs["file"] == "data/treaty_provisions.csv"


def test_an_obligation_without_a_label_is_shown_by_its_code():
    rungs = {"Pact": ("made_up_obligation",)}
    treaties = _treaties(("rus-aaa-2010", "RUS;IRN", "2010-01-01"))
    provisions = _provisions(("rus-aaa-2010", "made_up_obligation", "yes", "p1", "2", "q", "w", "s"))
    ev = ob.ladder_evidence(provisions, ob.ladder(provisions, treaties, rungs))
    assert ev.at[0, "Clause"] == "made_up_obligation" and ev.at[0, "Article"] == "Art. 2"


# --------------------------------------------------------------------------- obligations in force by date


def _frames():
    treaties = pd.DataFrame(
        {
            "treaty_id": ["rus-irn-2020", "mul-2000", "rus-chn-1990", "rus-prk-2010"],
            "parties_iso3": ["RUS;IRN", "RUS;BLR;KAZ;IRN", "RUS;CHN", "RUS;PRK"],
            "signed": pd.to_datetime(["2020-01-17", "2000-01-01", "1990-01-01", "2010-05-01"]),
            "entered_into_force": pd.to_datetime(["2020-10-02", "2000-06-01", None, "2011-01-01"]),
        }
    )
    provisions = pd.DataFrame(
        [
            ("rus-irn-2020", "neutrality", "yes"),
            ("rus-irn-2020", "consultation", "yes"),
            ("rus-irn-2020", "defense", "unknown"),
            ("mul-2000", "defense", "yes"),
            ("mul-2000", "consultation", "yes"),
            ("rus-chn-1990", "defense", "yes"),
            ("rus-prk-2010", "nonaggression", "no"),
            ("rus-prk-2010", "defense", "no"),
        ],
        columns=["treaty_id", "obligation", "present"],
    )
    milestones = pd.DataFrame(
        {
            "treaty_id": ["rus-irn-2020", "rus-irn-2020", "rus-prk-2010"],
            "milestone": ["expired", "suspended", "expired"],
            "date": ["2031", "2030-07-01", "2016-01-01"],
            "date_precision": ["year", "day", "day"],
        }
    )
    # the multilateral treaty: RUS and BLR from the start, IRN joins in 2021, KAZ leaves in 2005
    parties = pd.DataFrame(
        {
            "treaty_id": ["mul-2000"] * 4,
            "party_iso3": ["RUS", "BLR", "KAZ", "IRN"],
            "joined": ["2000-06-01", "2000-06-01", "2000-06-01", "2021-03-01"],
            "joined_precision": ["day"] * 4,
            "left": [None, None, "2005-03-01", None],
            "left_precision": [None, None, "day", None],
        }
    )
    atop = pd.DataFrame({"partner_iso3": ["ISR", "ISR", "SYR"], "year": [2010, 2018, 2005]})
    return treaties, provisions, milestones, parties, atop


def _in_force(day, dyad, order=ob.LADDER_COW, atop=True):
    t, p, m, pa, a = _frames()
    return ob.obligation_in_force(day, dyad, t, p, m, pa, a if atop else None, order)


def test_a_bilateral_treaty_binds_from_entry_into_force_to_the_day_before_its_end():
    assert _in_force("2020-10-01", ("RUS", "IRN"))["treaties"] == []  # signed, not yet in force
    first = _in_force("2020-10-02", ("IRN", "RUS"))  # either order of the dyad
    assert first == {
        "status": "neutrality",
        "treaties": ["rus-irn-2020"],
        "by": "rus-irn-2020",
        "open_above": True,  # its defence rung is unknown
        "basis": "rus-irn-2020: neutrality coded yes",
    }
    # (from 2021 Iran is also a member of the multilateral treaty, which stays in force)
    assert _in_force("2030-06-30", ("RUS", "IRN"))["treaties"] == ["rus-irn-2020", "mul-2000"]
    # the earliest of its end claims (suspended on 1 July 2030) ends it, that day included
    assert _in_force("2030-07-01", ("RUS", "IRN"))["treaties"] == ["mul-2000"]


def test_the_ladder_order_decides_the_status_and_what_lies_above_it():
    cons_first = ("defence", "consultation", "neutrality", "non-aggression")
    res = _in_force("2021-01-01", ("RUS", "IRN"), order=cons_first)
    assert res["status"] == "consultation" and res["by"] == "rus-irn-2020" and res["open_above"] is True
    assert res["basis"] == "rus-irn-2020: consultation coded yes"
    # with the unknown rung below the status, nothing is open above it
    low = ("consultation", "neutrality", "non-aggression", "defence")
    assert _in_force("2021-01-01", ("RUS", "IRN"), order=low)["open_above"] is False


def test_a_multilateral_treaty_binds_a_dyad_only_while_both_are_members():
    # Belarus: bound at defence from the day the treaty enters into force
    assert _in_force("2000-05-31", ("RUS", "BLR"))["status"] == "none"
    blr = _in_force("2000-06-01", ("BLR", "RUS"))
    assert (blr["status"], blr["treaties"], blr["by"], blr["open_above"]) == (
        "defence",
        ["mul-2000"],
        "mul-2000",
        False,
    )
    # Kazakhstan: bound until the day it leaves; after that nothing binds it (outside the ATOP extract)
    assert _in_force("2005-02-28", ("RUS", "KAZ"))["status"] == "defence"
    assert _in_force("2005-03-01", ("RUS", "KAZ")) == {
        "status": "not coded",
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": "no coded treaty, and the partner is outside the ATOP extract",
    }
    # Iran joins the multilateral treaty in 2021: from then two treaties bind the dyad, and the
    # strongest rung of either gives the status
    assert _in_force("2021-02-28", ("RUS", "IRN"))["treaties"] == ["rus-irn-2020"]
    both = _in_force("2021-03-01", ("RUS", "IRN"))
    assert both["treaties"] == ["rus-irn-2020", "mul-2000"]
    assert (both["status"], both["by"], both["open_above"]) == ("defence", "mul-2000", False)
    # two members other than Russia: the collection codes Russia's treaties only
    assert _in_force("2003-01-01", ("BLR", "KAZ")) == {
        "status": "not coded",
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": "the collection codes Russia's treaties only",
    }


def test_a_binding_treaty_with_no_rung_yes_gives_unknown_or_none():
    # PRK: in force 2011-2015, non-aggression and defence both coded no
    prk = _in_force("2012-01-01", ("RUS", "PRK"))
    assert prk == {
        "status": "none",
        "treaties": ["rus-prk-2010"],
        "by": None,
        "open_above": False,
        "basis": "the binding treaties have no rung coded yes",
    }
    t, p, m, pa, a = _frames()
    p.loc[p["treaty_id"] == "rus-prk-2010", "present"] = ["unknown", "no"]
    unk = ob.obligation_in_force("2012-01-01", ("RUS", "PRK"), t, p, m, pa, a)
    assert unk == {
        "status": "unknown",
        "treaties": ["rus-prk-2010"],
        "by": None,
        "open_above": True,
        "basis": "a binding treaty has rungs coded unknown and none coded yes",
    }


def test_a_treaty_without_a_stated_entry_into_force_leaves_the_dyad_not_coded_once_signed():
    # signed 1990, entry into force unknown: before signature it cannot bind, after it might
    before = _in_force("1989-12-31", ("RUS", "CHN"))  # China: in the ATOP extract, no ATOP alliance
    assert before["status"] == "none" and before["treaties"] == []
    signed = _in_force("1990-01-01", ("RUS", "CHN"))
    assert signed == {
        "status": "not coded",
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": "rus-chn-1990: entry into force not stated by any source read",
    }
    # an undated treaty that has ended binds no more: the partner's ATOP record decides
    t, p, m, pa, a = _frames()
    m = pd.concat(
        [
            m,
            pd.DataFrame(
                [{"treaty_id": "rus-chn-1990", "milestone": "expired", "date": "2001", "date_precision": "year"}]
            ),
        ]
    )
    ended = ob.obligation_in_force("2001-01-01", ("RUS", "CHN"), t, p, m, pa, a)
    assert ended["status"] == "none" and ended["treaties"] == []
    assert ob.obligation_in_force("2000-12-31", ("RUS", "CHN"), t, p, m, pa, a)["status"] == "not coded"


def test_without_a_binding_treaty_the_atop_record_decides_up_to_2018():
    assert ob.ATOP_LAST_YEAR == 2018
    atop_not_coded = "ATOP records an alliance in force that the collection does not code"
    # Israel: ATOP alliances in 2010 and 2018 (hand-made), none in other years
    assert _in_force("2010-06-01", ("RUS", "ISR")) == {
        "status": "not coded",
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": atop_not_coded,
    }
    assert _in_force("2018-12-31", ("ISR", "RUS"))["status"] == "not coded"  # the last ATOP year included
    assert _in_force("2011-01-01", ("RUS", "ISR"))["status"] == "none"
    assert _in_force("2010-06-01", ("RUS", "ISR"), atop=False)["status"] == "none"  # no ATOP frame given
    # Syria: an ATOP alliance in 2005 only; after ATOP ends, none
    assert _in_force("2005-01-01", ("RUS", "SYR"))["status"] == "not coded"
    after = _in_force("2019-01-01", ("RUS", "SYR"))
    assert (after["status"], after["treaties"], after["by"], after["open_above"]) == ("none", [], None, False)
    assert set(after) == {"status", "treaties", "by", "open_above", "basis"} and after["basis"]


def test_bad_dyads_and_ladder_orders_are_refused_with_the_reason():
    with pytest.raises(ValueError, match=r"^a dyad needs two different states, got \('RUS', 'RUS'\)$"):
        _in_force("2015-01-01", ("RUS", "RUS"))
    message = r"^order must list each rung of \['defence', 'neutrality', 'non-aggression', 'consultation'\] once, got "
    for order in [
        ("defence", "neutrality", "non-aggression"),  # a rung missing
        ("defence", "defence", "neutrality", "consultation"),  # a rung twice, another missing
        ("defence", "neutrality", "non-aggression", "talks"),  # not a rung
    ]:
        with pytest.raises(ValueError, match=message):
            _in_force("2015-01-01", ("RUS", "ISR"), order=order)


def test_two_treaties_on_the_same_rung_name_the_first_listed_and_two_undated_treaties_are_both_named():
    t, p, m, pa, a = _frames()
    p.loc[(p["treaty_id"] == "rus-irn-2020") & (p["obligation"] == "defense"), "present"] = "yes"
    res = ob.obligation_in_force("2022-01-01", ("RUS", "IRN"), t, p, m, pa, a)
    assert (res["status"], res["by"], res["treaties"]) == ("defence", "rus-irn-2020", ["rus-irn-2020", "mul-2000"])
    t.loc[t["treaty_id"] == "rus-irn-2020", "entered_into_force"] = pd.NaT
    t.loc[t["treaty_id"] == "mul-2000", "entered_into_force"] = pd.NaT
    undated = ob.obligation_in_force("2022-01-01", ("RUS", "IRN"), t, p, m, pa, a)
    assert undated["status"] == "not coded"
    assert undated["basis"] == "rus-irn-2020, mul-2000: entry into force not stated by any source read"


def test_frames_edited_in_place_between_calls_give_fresh_answers_not_cached_ones():
    t, p, m, pa, a = _frames()
    day, dyad = "2020-12-01", ("RUS", "IRN")
    assert ob.obligation_in_force(day, dyad, t, p, m, pa, a)["status"] == "neutrality"
    assert ob.treaty_span(t, m, "rus-irn-2020")[1] == pd.Timestamp("2030-07-01")
    # the same frames, edited in place: every lookup sees the edit
    p.loc[(p["treaty_id"] == "rus-irn-2020") & (p["obligation"] == "defense"), "present"] = "yes"
    assert ob.rung_values(p, "rus-irn-2020")["defence"] == "yes"
    assert ob.obligation_in_force(day, dyad, t, p, m, pa, a)["status"] == "defence"
    m.loc[m["milestone"] == "suspended", "date"] = "2020-11-01"
    assert ob.treaty_span(t, m, "rus-irn-2020")[1] == pd.Timestamp("2020-11-01")
    assert ob.obligation_in_force(day, dyad, t, p, m, pa, a)["status"] == "none"
    pa.loc[pa["party_iso3"] == "IRN", "joined"] = "2020-06-01"
    assert "IRN" in ob.parties_on("mul-2000", day, t, pa)
    res = ob.obligation_in_force(day, dyad, t, p, m, pa, a)
    assert (res["status"], res["treaties"]) == ("defence", ["mul-2000"])
    t.loc[t["treaty_id"] == "mul-2000", "parties_iso3"] = "RUS;BLR"
    pa.loc[:, "treaty_id"] = "gone-1999"
    assert ob.parties_on("mul-2000", day, t, pa) == {"RUS", "BLR"}
    # a value of another type with the same text is another value
    t2 = t.copy()
    t2["entered_into_force"] = t2["entered_into_force"].astype(object)
    assert ob.treaty_span(t2, m, "rus-prk-2010") == ob.treaty_span(t, m, "rus-prk-2010")


def test_a_treaty_listed_twice_or_not_at_all_is_refused():
    t, p, m, pa, a = _frames()
    with pytest.raises(KeyError):
        ob.treaty_span(t, m, "rus-xxx-1999")
    twice = pd.concat([t, t.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match=r"treaty_id 'rus-irn-2020' appears twice in the treaties table"):
        ob.obligation_in_force("2022-01-01", ("RUS", "IRN"), twice, p, m, pa, a)


def test_between_signature_and_entry_into_force_a_listed_treaty_is_signed_not_in_force():
    # ATOP dates alliances from signature: an ATOP row for the year of signature must not be read
    # as an alliance the collection leaves uncoded
    t, p, m, pa, _ = _frames()
    atop = pd.DataFrame({"partner_iso3": ["PRK", "PRK"], "year": [2010, 2011]})
    signed = ob.obligation_in_force("2010-06-01", ("RUS", "PRK"), t, p, m, pa, atop)
    assert signed == {
        "status": "none",
        "treaties": [],
        "by": None,
        "open_above": False,
        "basis": f"rus-prk-2010: {ob.SIGNED_NOT_IN_FORCE}",
    }
    assert ob.SIGNED_NOT_IN_FORCE.startswith("signed, not yet in force")
    # the day of signature counts; the day before it, ATOP's record decides as before
    assert ob.obligation_in_force("2010-05-01", ("PRK", "RUS"), t, p, m, pa, atop)["basis"] == signed["basis"]
    before = ob.obligation_in_force("2010-04-30", ("RUS", "PRK"), t, p, m, pa, atop)
    assert before["status"] == "not coded" and before["basis"].startswith("ATOP records an alliance in force")
    # from entry into force the treaty binds
    assert ob.obligation_in_force("2011-01-01", ("RUS", "PRK"), t, p, m, pa, atop)["treaties"] == ["rus-prk-2010"]
    # a multilateral treaty counts only for states that are parties when it enters into force
    assert _in_force("2000-03-01", ("RUS", "BLR"))["basis"] == f"mul-2000: {ob.SIGNED_NOT_IN_FORCE}"
    assert "signed" not in _in_force("2000-03-01", ("RUS", "IRN"))["basis"]


def test_the_real_treaties_are_signed_not_in_force_before_entry_into_force():
    from helpers import data

    real = {k: data.load(k) for k in ("treaties", "treaty_provisions", "treaty_milestones", "treaty_parties")}
    real["atop_dyad_years"] = data.load("atop_dyad_years")
    frames = [real[k] for k in ("treaties", "treaty_provisions", "treaty_milestones", "treaty_parties")]
    for day, dyad, tid in [
        ("2001-06-01", ("RUS", "IRN"), "rus-irn-2001"),
        ("2002-01-01", ("RUS", "IRN"), "rus-irn-2001"),
        ("2001-12-01", ("RUS", "CHN"), "rus-chn-2001"),
        ("2000-06-01", ("RUS", "PRK"), "rus-prk-2000"),
    ]:
        res = ob.obligation_in_force(day, dyad, *frames, real["atop_dyad_years"])
        assert res["basis"] == f"{tid}: {ob.SIGNED_NOT_IN_FORCE}", (day, dyad, res)
