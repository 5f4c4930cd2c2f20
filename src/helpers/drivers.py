"""Drivers, indicators and constraints of the partnership (notebook 01), from ``data/drivers.csv``.

A **driver** moves the two states closer; an **indicator** is a sign or consequence of closeness
(it measures, it does not explain); a **constraint** limits the partnership. Each factor names the
capital whose motive or limit it is (Moscow, Tehran or both) and the events and tables that give
its evidence. The classification is the project's reading, kept in a table so that a reader can
see and change it.

Pure functions on the ``drivers`` and ``events`` frames; nothing here draws.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from . import data, dates, reliability

ROLES: tuple[str, ...] = ("driver", "indicator", "constraint")
CAPITALS: tuple[str, ...] = ("Moscow", "Tehran", "both")


def evidence_ids(drivers: pd.DataFrame, factor_id: str) -> list[str]:
    """The event ids listed as evidence for one factor (an unknown factor is an error)."""
    return _evidence_ids(_evidence_lists(drivers), factor_id)


def _evidence_lists(drivers: pd.DataFrame) -> dict[object, list[str]]:
    """Every factor's evidence event ids (from the factor's first row), read once."""
    out: dict[object, list[str]] = {}
    for fid, cell in zip(drivers["factor_id"], drivers["evidence_events"]):
        if fid not in out:
            out[fid] = [] if pd.isna(cell) or str(cell) == "" else data.split_list(str(cell))
    return out


def _evidence_ids(lists: dict[object, list[str]], factor_id: str) -> list[str]:
    if factor_id not in lists:
        raise KeyError(f"unknown factor {factor_id!r} (data/drivers.csv)")
    return list(lists[factor_id])


def _event_rows(events: pd.DataFrame) -> dict[object, dict]:
    """Each event's row by id (looked up once per table, not once per id)."""
    cols = ["date", "date_precision", "event", "source_ids"]
    out = dict(zip(events["event_id"], events[cols].to_dict("records")))
    if len(out) != len(events):
        twice = sorted(str(i) for i in events.loc[events["event_id"].duplicated(), "event_id"].unique())
        raise ValueError(f"events: event_id {', '.join(twice)} appears more than once")
    return out


def overview(drivers: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per factor, drivers first, then indicators, then constraints: factor, role,
    capital, the number of evidence events and the span of their dates, and the tables named."""
    ev, lists = _event_rows(events), _evidence_lists(drivers)
    rows = []
    for _, f in drivers.iterrows():
        ids = _evidence_ids(lists, f["factor_id"])
        spans = [dates.span(ev[i]["date"], ev[i]["date_precision"]) for i in ids]
        years = f"{min(s[0] for s in spans).year}–{max(s[1] for s in spans).year}" if spans else ""
        rows.append(
            {
                "factor": f["factor"],
                "role": f["role"],
                "capital": f["capital"],
                "dated events": len(ids),
                "from – to": years,
                "tables": "" if pd.isna(f["evidence_tables"]) else str(f["evidence_tables"]).replace(";", ", "),
                "_order": (ROLES.index(f["role"]), f["factor_id"]),
            }
        )
    out = pd.DataFrame(rows).sort_values("_order", kind="mergesort").drop(columns="_order").reset_index(drop=True)
    return out


def evidence(drivers: pd.DataFrame, events: pd.DataFrame, factor_ids: Sequence[str]) -> pd.DataFrame:
    """The evidence events of the given factors in date order: factor, date (as precise as
    known), confidence of the sources (:func:`helpers.reliability.confidence`), event text and sources
    (a reader's table; the event ids stay in ``event_id``)."""
    ev, lists = _event_rows(events), _evidence_lists(drivers)
    names = drivers.set_index("factor_id")["factor"]
    rows = []
    for fid in factor_ids:
        for eid in _evidence_ids(lists, fid):
            r = ev[eid]
            rows.append(
                {
                    "factor": names[fid],
                    "event_id": eid,
                    "_when": dates.start_of(r["date"], r["date_precision"]),
                    "date": dates.fmt(r["date"], r["date_precision"]),
                    "event": r["event"],
                    "source_ids": r["source_ids"],
                }
            )
    out = pd.DataFrame(rows, columns=["factor", "event_id", "_when", "date", "event", "source_ids"])
    out = out.sort_values(["_when", "event_id"], kind="mergesort").drop(columns="_when").reset_index(drop=True)
    out = reliability.with_confidence(out, after="date")
    out.attrs["file"] = "data/events.csv"
    return out


def by_role(drivers: pd.DataFrame) -> pd.DataFrame:
    """How many factors of each role each capital has (roles as columns, capitals as rows)."""
    t = pd.crosstab(drivers["capital"], drivers["role"]).reindex(
        index=list(CAPITALS), columns=list(ROLES), fill_value=0
    )
    t.index.name, t.columns.name = "capital", None
    return t


def synthesis(drivers: pd.DataFrame, measured: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """One row per factor in ``measured`` (factor id → (strongest measured evidence, its limit)),
    in the table's order of roles: factor, role, capital, evidence and limit. The texts are
    computed by the notebook; this function only keeps the roles and capitals from the table."""
    f = drivers.set_index("factor_id")
    unknown = [k for k in measured if k not in f.index]
    if unknown:
        raise KeyError(f"unknown factor(s) {unknown} (data/drivers.csv)")
    rows = [
        {
            "factor": f.at[k, "factor"],
            "role": f.at[k, "role"],
            "capital": f.at[k, "capital"],
            "strongest measured evidence": ev,
            "limit": lim,
            "_order": (ROLES.index(f.at[k, "role"]), k),
        }
        for k, (ev, lim) in measured.items()
    ]
    return pd.DataFrame(rows).sort_values("_order", kind="mergesort").drop(columns="_order").reset_index(drop=True)


def show_folded(frame: pd.DataFrame, caption: str, source: str, rows: int = 5, precision: int = 1) -> None:
    """Show the first ``rows`` rows of a long table, with the whole table folded under it in an
    HTML ``<details>`` (which folds in JupyterLab, on GitHub and on the site). A table of at most
    ``rows`` rows is shown whole."""
    from IPython.display import display

    from . import style

    if len(frame) <= rows:
        style.show_table(frame, caption, source, precision)
        return
    head = frame.head(rows)
    html = (
        style.table_html(head, f"{caption} (first {rows} of {len(frame)} rows)", source, precision)
        + f"<details><summary>The whole table ({len(frame)} rows)</summary>"
        + style.table_html(frame, caption, source, precision)
        + "</details>"
    )
    text = (
        f"{caption} (first {rows} of {len(frame)} rows)\n"
        f"{head.to_string(index=not isinstance(head.index, pd.RangeIndex))}\n{source}\n"
        f"[the whole table, {len(frame)} rows, is folded]"
    )
    display({"text/html": html, "text/plain": text}, raw=True)
