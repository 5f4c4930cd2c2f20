"""Arms transfers (SIPRI) and their sanctions trace (OFAC): sums and tables — a **domain** module.

It holds the one definition of the arms concepts several notebooks share (delivered TIV per
dyad, year and category; the readable SIPRI deal table; the OFAC link kinds) — 01, 03, 04 and 06
all read SIPRI or OFAC data — so topic modules such as :mod:`helpers.defence` compose it without
importing another topic module. It draws nothing: charts of these frames live in the topic
modules.

Pure functions on the frames of ``helpers.data.load``:

- ``arms_tiv``: delivered SIPRI trend-indicator values (TIV, millions) per supplier→recipient
  pair, delivery year and armament category (two SIPRI releases spliced: 1950–1999 without
  categories, 2000–2023 by category — see the catalogue);
- ``arms_deals``: SIPRI's trade register, one row per deal;
- ``sanctions_nexus`` and ``sanctions_program_counts``: OFAC SDN entries (3 May 2024) that tie
  Iran and Russia together — the sanctions trace of the same transfers.

A *dyad* is a ``(supplier_iso3, recipient_iso3)`` pair. A dyad-year missing from ``arms_tiv``
means SIPRI records no deliveries: the functions here fill it with 0 within the requested years,
so that sums and charts show the absence rather than skip it. TIV measures the volume of military
capability transferred, not the price paid.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import countries

Dyad = tuple[str, str]

#: Short names used in dyad labels.
NAMES = countries.NAMES  # one place for names: helpers.countries


def dyad_label(dyad: Dyad) -> str:
    """``("RUS", "IRN")`` → ``"Russia → Iran"``."""
    s, r = dyad
    return f"{NAMES.get(s, s)} → {NAMES.get(r, r)}"


def _select(tiv: pd.DataFrame, dyad: Dyad) -> pd.DataFrame:
    s, r = dyad
    return tiv[(tiv["supplier_iso3"] == s) & (tiv["recipient_iso3"] == r)]


def tiv_by_year(tiv: pd.DataFrame, dyads: Sequence[Dyad], first: int, last: int) -> pd.DataFrame:
    """Delivered TIV (millions) per year (rows ``first``…``last``) and dyad (columns labelled by
    :func:`dyad_label`), summed over armament categories; years without deliveries are 0."""
    years = pd.Index(range(first, last + 1), name="year")
    cols = {}
    for d in dyads:
        sub = _select(tiv, d)
        cols[dyad_label(d)] = sub.groupby("year")["tiv_millions"].sum().astype(float).reindex(years, fill_value=0.0)
    out = pd.DataFrame(cols, index=years)
    out.columns.name = None
    return out


def tiv_totals(tiv: pd.DataFrame, dyads: Sequence[Dyad], periods: Sequence[tuple[int, int]]) -> pd.DataFrame:
    """Total delivered TIV (millions) per dyad (rows) over inclusive year ranges (columns
    ``"first–last"``)."""
    lo = min(p[0] for p in periods)
    hi = max(p[1] for p in periods)
    by_year = tiv_by_year(tiv, dyads, lo, hi)
    out = pd.DataFrame({f"{a}–{b}": by_year.loc[a:b].sum() for a, b in periods})
    out.index.name = "dyad"
    return out


def tiv_by_category(tiv: pd.DataFrame, dyad: Dyad, first: int, last: int) -> pd.DataFrame:
    """Delivered TIV (millions) of one dyad per armament category (columns) and year (rows),
    from the categorised release only (2000 on); empty categories left out, missing years 0."""
    sub = _select(tiv, dyad)
    sub = sub[(sub["year"] >= first) & (sub["year"] <= last) & (sub["armament_category"] != "all")]
    years = pd.Index(range(max(first, 2000), last + 1), name="year")
    out = sub.pivot_table(index="year", columns="armament_category", values="tiv_millions", aggfunc="sum")
    out = out.astype(float).reindex(years, fill_value=0.0).fillna(0.0)
    out.columns.name = None
    return out


def deals(deals_frame: pd.DataFrame, dyad: Dyad, since: int | None = None, newest_first: bool = True) -> pd.DataFrame:
    """The readable SIPRI deal table — the one the notebooks show — for one dyad (orders ``since``
    or later): order year, weapon, numbers ordered and delivered, delivery years, delivered TIV
    and SIPRI's comment; a ``?`` marks SIPRI's uncertain values, ``—`` a missing one. Most recent
    order first (``newest_first=False``: oldest first); ties by weapon designation, then deal id."""
    s, r = dyad
    sub = deals_frame[(deals_frame["supplier_iso3"] == s) & (deals_frame["recipient_iso3"] == r)]
    if since is not None:
        sub = sub[sub["order_year"] >= since]
    sub = sub.sort_values(["order_year", "weapon_designation", "deal_id"], ascending=[not newest_first, True, True])

    def flag(values: pd.Series, uncertain: pd.Series) -> list[str]:
        return ["—" if pd.isna(v) else f"{int(v)}{'?' if bool(u) else ''}" for v, u in zip(values, uncertain)]

    out = pd.DataFrame(
        {
            "order year": flag(sub["order_year"], sub["order_year_uncertain"]),
            "weapon": sub["weapon_designation"] + " (" + sub["weapon_description"] + ")",
            "number ordered": flag(sub["number_ordered"], sub["number_ordered_uncertain"]),
            "number delivered": flag(sub["number_delivered"], sub["number_delivered_uncertain"]),
            "delivery years": sub["delivery_years"].fillna("—").str.replace(";", ", "),
            "TIV delivered (millions)": sub["tiv_delivered_millions"].astype(float),
            "SIPRI comment": sub["comments"].fillna(""),
        }
    ).reset_index(drop=True)
    return out


# --------------------------------------------------------------------------- sanctions trace

#: Readable labels of the ``nexus_kind`` codes of ``sanctions_nexus``.
NEXUS_KINDS: dict[str, str] = {
    "both-programs": "Listed under both an Iran and a Russia program",
    "iran-program-russia-remarks": "Iran program; OFAC remarks mention Russia",
    "russia-program-iran-remarks": "Russia program; OFAC remarks mention Iran",
    "npwmd-remarks-both": "Non-proliferation program; remarks mention both",
}


def nexus_by_kind(nexus: pd.DataFrame) -> pd.DataFrame:
    """Entries of ``sanctions_nexus`` by link kind (rows, in :data:`NEXUS_KINDS` order) and entry
    type (columns), with a total column and a total row; kinds with no entry are left out."""
    table = pd.crosstab(nexus["nexus_kind"], nexus["sdn_type"])
    kinds = [k for k in NEXUS_KINDS if k in table.index]
    types = [t for t in ("entity", "individual", "vessel", "aircraft") if t in table.columns]
    table = table.reindex(index=kinds, columns=types, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.loc["all"] = table.sum()
    table.index = [NEXUS_KINDS.get(k, "All entries") for k in table.index]
    table.index.name = "link"
    table.columns.name = None
    return table.astype(int)


def nexus_programs(counts: pd.DataFrame) -> pd.DataFrame:
    """The program tags that carry at least one nexus entry: group, entries on the whole SDN
    list, nexus entries and 'both-programs' entries, sorted by nexus entries (then tag)."""
    sub = counts[counts["nexus_entries"] > 0]
    sub = sub.sort_values(["nexus_entries", "program"], ascending=[False, True])
    return sub[["program", "program_group", "sdn_entries", "nexus_entries", "both_programs_entries"]].reset_index(
        drop=True
    )


def nexus_entries(nexus: pd.DataFrame, kind: str | None = None) -> pd.DataFrame:
    """Readable list of nexus entries (optionally one ``kind``): name, type, Iran and Russia
    program tags, link kind; ordered by kind then name."""
    sub = nexus if kind is None else nexus[nexus["nexus_kind"] == kind]
    order = {k: i for i, k in enumerate(NEXUS_KINDS)}
    sub = sub.assign(_k=sub["nexus_kind"].map(order)).sort_values(["_k", "name"])
    out = pd.DataFrame(
        {
            "name": sub["name"],
            "type": sub["sdn_type"],
            "Iran-related programs": sub["iran_programs"].fillna("—").str.replace(";", ", "),
            "Russia-related programs": sub["russia_programs"].fillna("—").str.replace(";", ", "),
            "link": sub["nexus_kind"].map(NEXUS_KINDS),
        }
    ).reset_index(drop=True)
    return out
