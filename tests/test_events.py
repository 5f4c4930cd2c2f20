"""One window rule and one word / contact / act / material-help rule (helpers.events), pinned at
their edges on small hand-made frames; and the callers that must keep using them."""

import pandas as pd
import pytest

from helpers import defence as dl
from helpers import events as E
from helpers import reliability, timeline


def _ev(rows):
    """rows: (id, date, precision, type, actors[, note])"""
    out = []
    for r in rows:
        out.append(
            {
                "event_id": r[0],
                "date": r[1],
                "date_precision": r[2],
                "event": f"text of {r[0]}",
                "domain": "diplomacy",
                "event_type": r[3],
                "actors_iso3": r[4],
                "source_ids": f"s{r[0]}",
                "note": r[5] if len(r) > 5 else None,
            }
        )
    return pd.DataFrame(out)


EDGES = _ev(
    [
        ("A", "2025-06-12", "day", "statement", "RUS;IRN"),  # the day before the window
        ("B", "2025-06-13", "day", "statement", "RUS;IRN"),  # first day
        ("C", "2025-06-24", "day", "statement", "RUS;IRN"),  # last day
        ("D", "2025-06-25", "day", "statement", "RUS;IRN"),  # the day after
        ("M", "2025-06", "month", "vote", "UN;RUS;IRN"),  # month straddling both ends
        ("P", "2025-05", "month", "statement", "RUS;IRN"),  # the month before
        ("Y", "2025", "year", "delivery", "RUS;IRN"),  # the year
    ]
)


def test_window_includes_both_end_days_and_excludes_the_days_outside():
    ids = E.in_window(EDGES, "2025-06-13", "2025-06-24")["event_id"].tolist()
    assert "B" in ids and "C" in ids
    assert "A" not in ids and "D" not in ids


def test_month_precision_event_overlapping_a_day_window_is_in_it_flagged_overlaps():
    win = E.in_window(EDGES, "2025-06-13", "2025-06-24").set_index("event_id")
    assert win.at["M", "fit"] == "overlaps" and win.at["Y", "fit"] == "overlaps"
    assert win.at["B", "fit"] == "inside"
    assert "P" not in win.index  # May does not overlap 13–24 June
    whole = E.in_window(EDGES, "2025-06-01", "2025-06-30").set_index("event_id")
    assert whole.at["M", "fit"] == "inside"  # the whole month lies in the window
    assert E.in_window(EDGES, "2025-05-31", "2025-05-31")["event_id"].tolist() == ["Y", "P"]
    assert E.in_window(EDGES, "2025-07-01", "2025-07-01")["event_id"].tolist() == ["Y"]


def test_open_ends_and_a_reversed_window():
    assert E.in_window(EDGES, "2025-06-24")["event_id"].tolist() == ["Y", "M", "C", "D"]
    assert E.in_window(EDGES, None, "2025-06-12")["event_id"].tolist() == ["Y", "P", "M", "A"]
    with pytest.raises(ValueError, match="before it starts"):
        E.in_window(EDGES, "2025-06-24", "2025-06-13")


def test_browse_since_and_until_are_inclusive():
    assert timeline.browse(EDGES, since="2025-06-13")["event_id"].tolist()[:3] == ["Y", "M", "B"]
    assert "B" in timeline.browse(EDGES, since="2025-06-13", until="2025-06-13")["event_id"].tolist()
    assert "C" in timeline.browse(EDGES, until="2025-06-24")["event_id"].tolist()
    assert "D" not in timeline.browse(EDGES, until="2025-06-24")["event_id"].tolist()
    assert "A" not in timeline.browse(EDGES, since="2025-06-13")["event_id"].tolist()


def test_browse_actor_filter_keeps_only_events_naming_the_actor():
    ev = _ev(
        [
            ("R", "2025-01-01", "day", "statement", "RUS;IRN"),
            ("U", "2025-01-02", "day", "statement", "USA;IRN"),
            ("X", "2025-01-03", "day", "statement", "RUSX;IRN")[:4] + ("ISR;IRN",),
        ]
    )
    assert timeline.browse(ev, actor="RUS")["event_id"].tolist() == ["R"]
    assert timeline.browse(ev, actor="IRN")["event_id"].tolist() == ["R", "U", "X"]


def test_classification_rule_of_each_event_type():
    assert E.lane_of("RUS;IRN", "statement") == E.RUS_WORDS
    assert E.lane_of("RUS;ISR", "meeting") == E.RUS_CONTACTS
    for t in ("vote", "agreement", "sanction", "other"):
        assert E.lane_of("RUS;IRN", t) == E.RUS_ACTS, t
    for t in ("delivery", "economic", "military_action"):
        assert E.lane_of("RUS;IRN", t) == E.RUS_HELP, t
    assert E.lane_of("UN;RUS;IRN", "vote") == E.RUS_ACTS  # a UN vote with Russia is Russia's
    assert E.lane_of("UN;RUS;IRN", "statement") == E.OTHERS  # ... other UN events are not
    assert E.lane_of("UN;IRN", "vote") == E.OTHERS  # a UN vote without Russia
    assert E.lane_of("IRN;RUS", "statement") == E.OTHERS  # led by Iran
    assert E.lane_of("ISR;IRN", "military_action") == E.STRIKES
    assert E.lane_of("RUS;IRN", "delivery", "[unconfirmed] Report denied by both governments.") == E.OTHERS
    assert E.lane_of("RUS;IRN", "delivery", "Unconfirmed report") == E.RUS_HELP  # the tag decides, not the word
    assert E.lane_of("RUS;IRN", "delivery", float("nan")) == E.RUS_HELP  # a missing note is no flag
    with pytest.raises(ValueError, match="unknown event type"):
        E.lane_of("RUS;IRN", "tweet")
    with pytest.raises(ValueError, match="without actors"):
        E.lane_of("", "statement")


def test_conduct_by_window_counts_each_class_once_and_totals():
    out = E.conduct_by_window(EDGES, {"June": ("2025-06-13", "2025-06-24")}).iloc[0]
    assert (out[E.RUS_WORDS], out[E.RUS_CONTACTS], out[E.RUS_ACTS], out[E.RUS_HELP]) == (2, 0, 1, 1)
    assert out["Russian events"] == 4 and (out["from"], out["to"]) == ("13 Jun 2025", "24 Jun 2025")
    listed = E.conduct_list(EDGES, {"June": ("2025-06-13", "2025-06-24")})
    assert listed["event_id"].tolist() == ["Y", "M"] and listed["date"].tolist() == ["2025", "Jun 2025"]


def test_notebooks_03_and_04_count_with_the_same_rule(real_events):
    from helpers import balancing as bl
    from helpers import periods

    start, end = periods.window("war-2025-06")
    counts03 = E.lane_counts(dl.in_window(real_events, start, end)).set_index("lane")["events"]
    counts04 = bl.conduct_summary(real_events).set_index("window").iloc[0]
    for lane in E.RUSSIAN:
        assert counts03[lane] == counts04[lane], lane


@pytest.fixture(scope="module")
def real_events():
    from helpers import data

    return data.load("events")


# --------------------------------------------------------------------------- what the charts draw


def test_day_counts_count_day_events_per_lane_and_skip_coarse_dates():
    win = E.in_window(EDGES, "2025-06-13", "2025-06-24")
    counts = E.day_counts(win)
    assert counts.to_dict("records") == [
        {"lane": E.RUS_WORDS, "day": pd.Timestamp("2025-06-13"), "events": 1},
        {"lane": E.RUS_WORDS, "day": pd.Timestamp("2025-06-24"), "events": 1},
    ]


def test_coarse_spans_are_clipped_to_the_window():
    win = E.in_window(EDGES, "2025-06-13", "2025-06-24")
    spans = E.coarse_spans(win, "2025-06-13", "2025-06-24").set_index("event_id")
    assert (spans.at["M", "lo"], spans.at["M", "hi"]) == (pd.Timestamp("2025-06-13"), pd.Timestamp("2025-06-24"))
    assert spans.at["M", "lane"] == E.RUS_ACTS and spans.at["Y", "lane"] == E.RUS_HELP
    inner = E.coarse_spans(E.in_window(EDGES, "2025-05-20", "2025-07-10"), "2025-05-20", "2025-07-10").set_index(
        "event_id"
    )
    assert (inner.at["M", "lo"], inner.at["M", "hi"]) == (pd.Timestamp("2025-06-01"), pd.Timestamp("2025-06-30"))


def test_timeline_points_hollow_only_for_coarse_dates_and_lanes_top_down():
    pts = timeline.points(EDGES).set_index("event_id")
    assert pts["hollow"].to_dict() == {"A": False, "B": False, "C": False, "D": False, "M": True, "P": True, "Y": True}
    assert pts.at["A", "y"] == len(timeline.LANES) - 1  # diplomacy is the first lane, drawn at the top
    assert pts.at["M", "when"] == pd.Timestamp("2025-06-01")


# --------------------------------------------------------------------------- gives_events


def _gives_frame():
    return pd.DataFrame(
        {
            "event_id": ["G1", "G2", "G3"],
            "date": ["2025-03-01", "2025-03-02", "2021-12-31"],
            "date_precision": ["day"] * 3,
            "event": ["Russia launched an Iranian satellite."] * 3,
            "domain": ["space"] * 3,
            "event_type": ["other"] * 3,
            "actors_iso3": ["RUS;IRN", "RUS;CHN", "RUS;IRN"],
            "source_ids": ["a", "b", "c"],
            "note": [None] * 3,
        }
    )


def test_gives_events_needs_russia_and_iran_among_the_actors_and_the_since_day():
    hits = dl.gives_events(_gives_frame(), since="2022-01-01")
    assert hits["event_id"].tolist() == ["G1"]  # G2 names no Iran; G3 is before 2022
    assert dl.gives_events(_gives_frame(), since="2021-12-31")["event_id"].tolist() == ["G3", "G1"]


# -- horizon and reliability ------------------------------------------------------------------------
REGISTRY = pd.DataFrame({"source_id": ["hi", "med", "lo1", "lo2"], "confidence": ["high", "medium", "low", "low"]})


def test_last_day_is_the_latest_day_precision_event():
    ev = _ev([("A", "2026-06-15", "day", "statement", "RUS"), ("B", "2026-07", "month", "statement", "RUS")])
    assert E.last_day(ev) == pd.Timestamp("2026-06-15")  # a later month-only event does not extend it
    with pytest.raises(ValueError, match="no event is dated to the day"):
        E.last_day(ev[ev["date_precision"] != "day"])


def test_last_day_ignores_a_later_event_that_rests_only_on_low_confidence_sources():
    """The series stops at the latest counted event: a later low-only row is shown, not counted."""
    ev = _ev([("A", "2026-04-25", "day", "statement", "RUS"), ("B", "2026-06-15", "day", "statement", "RUS")])
    ev["source_ids"] = ["tass-2025-04-08-rudenko", "forlancer-2026-04-12-putin-pezeshkian"]
    assert E.last_day(ev) == pd.Timestamp("2026-04-25")
    ev["source_ids"] = ["tass-2025-04-08-rudenko", "tass-2025-04-08-rudenko"]
    assert E.last_day(ev) == pd.Timestamp("2026-06-15")


def test_confidence_is_the_strongest_source_and_low_only_when_all_are_low():
    frame = pd.DataFrame({"source_ids": ["lo1;hi", "lo1;lo2", "med;lo1", "", "nope", "lo1;nope"]})
    got = reliability.confidence(frame, REGISTRY).tolist()
    assert got == ["high", "low", "medium", "—", "unregistered", "unregistered"]
    # 'low' is exactly what sources.low_confidence flags
    from helpers import sources

    assert (reliability.confidence(frame, REGISTRY) == "low").tolist() == sources.low_confidence(
        frame, REGISTRY
    ).tolist()


def test_with_confidence_places_the_mark_after_the_named_column_and_keeps_attrs():
    frame = pd.DataFrame({"date": ["2025"], "event": ["x"], "source_ids": ["lo1"]})
    frame.attrs["file"] = "data/events.csv"
    out = reliability.with_confidence(frame, REGISTRY, after="date")
    assert out.columns.tolist() == ["date", "confidence", "event", "source_ids"]
    assert out["confidence"].tolist() == ["low"]
    assert out.attrs["file"] == "data/events.csv"
    assert reliability.with_confidence(frame, REGISTRY).columns.tolist()[1] == "confidence"


def test_low_confidence_is_false_without_a_sources_column():
    frame = pd.DataFrame({"event": ["x", "y"]})
    assert E.low_confidence(frame).tolist() == [False, False]


def test_browse_and_timeline_points_carry_the_confidence_of_real_rows(real_events):
    from helpers import sources

    low = sources.low_confidence(real_events)
    assert low.any(), "the real events should include low-confidence rows to draw apart"
    pts = timeline.points(real_events)
    assert pts["low"].tolist() == low.tolist()
    table = timeline.browse(real_events)
    flagged = set(table.loc[table["confidence"] == "low", "event_id"])
    assert flagged == set(real_events.loc[low, "event_id"])


def test_per_year_chart_marks_the_partial_last_year_and_stops_at_the_data(monkeypatch):
    import matplotlib.pyplot as plt

    from helpers import style

    shown = []

    def keep(fig, alt):
        ax = fig.axes[0]
        shown.append(
            {
                "texts": [t.get_text() for t in ax.texts],
                "xlim": ax.get_xlim(),
                "xlabel": ax.get_xlabel(),
                "ticks": [t.get_position()[0] for t in ax.get_xticklabels()],
            }
        )
        plt.close(fig)

    monkeypatch.setattr(style, "show", keep)
    ev = _ev([("A", "2024-03-01", "day", "statement", "RUS"), ("B", "2026-06-15", "day", "statement", "RUS")])
    timeline.plot_per_year(ev, "t", "s", alt="a test chart of events per year and lane")
    got = shown[-1]
    assert got["texts"] == ["partial: to 15 Jun 2026"]
    assert "2026 partial" in got["xlabel"]
    assert got["xlim"][1] < 2027  # no room for years without data
    timeline.plot_per_year(ev, "t", "s", alt="a test chart of events per year and lane", through="2026-12-31")
    assert shown[-1]["texts"] == []  # a complete year is not marked
    timeline.plot_timeline(ev, "t", "s", alt="a test dot timeline of events by lane")
    from matplotlib.dates import num2date

    assert num2date(max(shown[-1]["ticks"])).year <= 2026  # no year tick past the last event
    assert num2date(shown[-1]["xlim"][1]) < pd.Timestamp("2027-01-01", tz="UTC")


def test_dot_timeline_keeps_its_legend_inside_the_figure_and_the_axes_wide(shown_figures):
    import io

    from PIL import Image

    from helpers import data, style

    # the collection's events: every lane, and a legend entry for the low-confidence ones
    timeline.plot_timeline(data.load("events"), "t", "s", alt="a test dot timeline of events by lane")
    fig = shown_figures[-1]
    width, _ = Image.open(io.BytesIO(style.png_bytes(fig))).size
    assert width <= (fig.get_figwidth() + 2 * style.PAD_INCHES) * fig.dpi + 1  # the legend does not widen the image
    assert fig.axes[0].get_position().width > 0.55  # the dots get most of the width
