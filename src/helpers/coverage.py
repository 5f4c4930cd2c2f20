"""Per-series coverage: how far each data series runs, computed from the tables themselves.

Every notebook states in its header which series it uses and where each stops
(``**Coverage:** events to 15 Jun 2026; …``), apart from the date the data were accessed
(``**Data as of:**``). :func:`line` writes that statement from the data, and
``tests/test_coverage.py`` fails when a header no longer matches it. The treaty series of
notebook 02 need several tables for one statement (:data:`PHRASES`); they are stated here too,
so that every header's coverage comes from this one module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pandas as pd

from . import atop_check, data, dates, events, reliability, treaties

#: said after the events' end when later rows exist that are shown but not counted
LATER_NOT_COUNTED = " (later rows rest only on low-confidence sources: shown, not counted)"


def _events(f: pd.DataFrame) -> str:
    """The latest counted event known to the day (:func:`helpers.events.last_day`), and whether
    rows dated later are shown but not counted (they rest only on low-confidence sources)."""
    end = events.last_day(f)
    shown = reliability.shown_only(f)
    later = (shown["date"].astype(str) > end.strftime("%Y-%m-%d")).any() if len(shown) else False
    return dates.fmt(end) + (LATER_NOT_COUNTED if later else "")


def _drones(f: pd.DataFrame) -> str:
    last = f.sort_values("month").iloc[-1]
    partial = " (partial month)" if str(last["partial_month"]).lower() == "true" else ""
    return dates.fmt(str(last["month"]), "month") + partial


def _day(column: str) -> Callable[[pd.DataFrame], str]:
    return lambda f: dates.fmt(pd.Timestamp(f[column].max()))


def _year(column: str) -> Callable[[pd.DataFrame], str]:
    return lambda f: str(int(f[column].max()))


def _statements(f: pd.DataFrame) -> str:
    """The last year a counted statement gives a trade level for, and the later years that counted
    statements give only growth rates for (no level)."""
    counted = reliability.usable(f)
    levels = counted[counted["value_usd_bn"].notna()]
    if levels.empty:
        raise ValueError("trade_statements: no counted statement gives a level")
    last = int(levels["year"].max())
    later = sorted({int(y) for y in counted["year"] if int(y) > last})
    if not later:
        return str(last)
    span = str(later[0]) if len(later) == 1 else f"{later[0]}–{later[-1]}"
    return f"{last} (growth rates only for {span})"


def _statements_with(partner: str) -> Callable[[pd.DataFrame], str]:
    return lambda f: _statements(f[f["partner_iso3"] == partner])


def _dated(f: pd.DataFrame) -> str:
    """The latest of dates of mixed precision (``date``, ``date_precision``), as precise as it is given."""
    periods = [dates.parse(str(d), str(p)) for d, p in zip(f["date"], f["date_precision"])]
    return dates.fmt(max(periods, key=lambda p: p.end_time))


def _month(column: str) -> Callable[[pd.DataFrame], str]:
    return lambda f: dates.fmt(str(f[column].max()), "month")


def imf_flows(f: pd.DataFrame) -> str:
    """Where IMF trade statistics (``russia_trade``: flows ``exports`` and ``imports``) end:
    exports can run a year past imports, and turnover (exports plus imports) ends with the
    shorter of the two."""
    ends = f.groupby("flow")["year"].max().astype(int)
    unknown = sorted(set(ends.index) - {"exports", "imports"})
    if unknown or len(ends) != 2:
        raise ValueError(f"russia_trade: flows must be exports and imports, found {sorted(ends.index)}")
    if ends["exports"] == ends["imports"]:
        return f"IMF trade statistics to {ends['exports']}"
    longer = "exports" if ends["exports"] > ends["imports"] else "imports"
    shorter = "imports" if longer == "exports" else "exports"
    return f"IMF trade statistics: {longer} to {ends[longer]}, {shorter} and turnover to {ends[shorter]}"


def year_span(label: str, years: pd.Series) -> str:
    """``label 2023–2024`` (one year: ``label 2024``) for a short series of years."""
    first, last = int(years.min()), int(years.max())
    return f"{label} {first}–{last}" if first != last else f"{label} {last}"


def snapshot_day(resource: dict) -> str:
    """The day of the one dated copy a catalogue resource was drawn from, as its source's
    ``version`` gives it (``snapshot of 3 May 2024 …`` → ``3 May 2024``)."""
    versions = [str(s.get("version", "")) for s in resource.get("sources", [])]
    days = [m.group(1) for m in (re.search(r"snapshot of (\d{1,2} \w+ \d{4})", v) for v in versions) if m]
    if not days:
        raise ValueError(f"{resource.get('name')}: the catalogue gives no 'snapshot of <day month year>' version")
    return days[0]


def _imf_flows(folder=None) -> str:
    return imf_flows(data.load("russia_trade", folder))


def _corridor(folder=None) -> str:
    return year_span("corridor volumes", data.load("corridor_volumes", folder)["year"])


def _sanctions(folder=None) -> str:
    return f"US sanctions list (OFAC SDN): one snapshot, {snapshot_day(data.resource('sanctions_nexus', folder))}"


#: series key → (reader's label, table, how the end is computed)
SERIES: dict[str, tuple[str, str, Callable[[pd.DataFrame], str]]] = {
    "events": ("events", "events", _events),
    "drones": ("drone tallies", "drone_launches_monthly", _drones),
    "unga_votes": ("UN votes", "unga_votes_2025", _day("date")),
    "unga_history": ("UN vote agreement by session", "unga_agreement_history", _year("year")),
    "ideal_points": ("UN ideal points", "unga_ideal_points", _year("year")),
    "sipri": ("SIPRI deliveries", "arms_tiv", _year("year")),
    "imf_trade": ("IMF trade statistics", "russia_trade", _year("year")),
    "cow_trade": ("COW trade statistics", "cow_trade", _year("year")),
    "trade_statements": ("stated trade totals", "trade_statements", _statements),
    "iran_trade_statements": ("stated Russia–Iran trade totals", "trade_statements", _statements_with("IRN")),
    "claims": ("claims assessed", "claims", _day("assessed_as_of")),
    "atop": ("ATOP 5.1 alliance obligations (dyad-years)", "atop_dyad_years", _year("year")),
    "war_support": ("wartime-support reports", "war_support", _dated),
    "trade_composition": ("trade composition", "trade_composition", _month("period_end")),
}


def _treaty_series(folder=None) -> str:
    """The treaty series of notebook 02: treaties signed, dated milestone claims, ATOP cells
    decided from the texts, articles of the 2025 treaty documented, treaties ATOP codes."""
    t = data.load("treaties", folder)
    milestones = data.load("treaty_milestones", folder)
    decided, cells = atop_check.atop_cells_decided(data.load("treaty_provisions", folder))
    cov = treaties.coverage(data.load("treaty_articles", folder))
    signed = pd.to_datetime(t["signed"])
    last_claim = treaties.latest_date((milestones, "date"))
    counts = treaties.claim_counts(milestones, data.load("sources", folder))
    return (
        f"treaties signed {signed.min().year}–{signed.max().year} ({len(t)}); treaty milestones to "
        f"{dates.fmt(last_claim)}, {treaties.claims_phrase(counts)}; "
        "ATOP obligations coded from the texts: "
        f"{decided} of {cells} cells decided, the rest unknown; 2025 treaty text: {cov['documented']} of "
        f"{cov['total']} articles documented; ATOP 4.01 (alliances begun 1815–2016) codes "
        f"{int(t['atop_id'].notna().sum())} of the {len(t)} treaties"
    )


def _treaty_coding(folder=None) -> str:
    """The collection's own obligation coding of notebook 06: from the year after ATOP's last,
    to the latest dated treaty milestone."""
    first = int(data.load("atop_dyad_years", folder)["year"].max()) + 1
    last = treaties.latest_date((data.load("treaty_milestones", folder), "date"))
    return f"the collection's treaty coding from {first} (treaty milestones to {dates.fmt(last)})"


#: series whose statement is not "label to end" but a phrase drawn from several tables
PHRASES: dict[str, Callable[..., str]] = {
    "treaties": _treaty_series,
    "treaty_coding": _treaty_coding,
    "imf_flows": _imf_flows,
    "sanctions_nexus": _sanctions,
    "corridor": _corridor,
}

#: the series each notebook uses, in the order its header lists them
NOTEBOOKS: dict[str, tuple[str, ...]] = {
    "00_introduction": ("events",),
    "01_drivers": (
        "events",
        "unga_votes",
        "ideal_points",
        "drones",
        "sanctions_nexus",
        "imf_flows",
        "cow_trade",
        "iran_trade_statements",
        "trade_composition",
        "corridor",
    ),
    "02_treaty_terms": ("treaties", "atop"),
    "03_defence_limits": ("events", "sipri"),
    "04_israel_balancing": (
        "events",
        "unga_votes",
        "unga_history",
        "ideal_points",
        "imf_flows",
        "iran_trade_statements",
        "sipri",
    ),
    "05_claims_ledger": ("events", "claims"),
    "06_alliance_network": ("atop", "treaty_coding", "sipri", "war_support", "unga_history", "unga_votes"),
}


def end(series: str, folder=None) -> str:
    """Where ``series`` stops, as written for readers (``15 Jun 2026``, ``2023``)."""
    if series in PHRASES:
        return PHRASES[series](folder)
    if series not in SERIES:
        raise KeyError(f"unknown series {series!r}; known: {sorted([*SERIES, *PHRASES])}")
    _, table, last = SERIES[series]
    return last(data.load(table, folder))


def line(series: Sequence[str], folder=None) -> str:
    """``events to 15 Jun 2026; SIPRI deliveries to 2023`` for the given series."""
    return "; ".join(end(s, folder) if s in PHRASES else f"{SERIES[s][0]} to {end(s, folder)}" for s in series)


def header(notebook: str, folder=None) -> str:
    """The coverage line of a notebook's header (``**Coverage:** …``)."""
    return f"**Coverage:** {line(NOTEBOOKS[notebook], folder)}."
