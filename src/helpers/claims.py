"""A claims ledger: the claims of a published explainer, each with a verdict and its evidence.

Pure functions on the ``claims`` frame (``helpers.data.load("claims")``) and the ``events`` frame:
verdicts by kind as a cross-table, the ledger for display, the evidence of one claim resolved to
events and table titles, the claims overtaken by events, a check that every event and table a
claim names exists — plus thin ``plot_*`` functions that draw in the house style.
"""

from __future__ import annotations

import re
from typing import Iterable

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import data, style
from .dates import starts as event_dates

#: Verdicts, from best to worst standing, then the claims data cannot settle.
VERDICTS: tuple[str, ...] = ("supported", "partly supported", "contradicted", "outdated", "not checkable")
#: Kinds of claim: facts can be checked; the others mostly cannot.
KINDS: tuple[str, ...] = ("fact", "interpretation", "forecast", "opinion")
VERDICT_COLOURS: dict[str, str] = {
    "supported": style.PALETTE["green"],
    "partly supported": style.PALETTE["sky"],
    "contradicted": style.PALETTE["vermillion"],
    "outdated": style.PALETTE["orange"],
    "not checkable": style.PALETTE["grey"],
}
KIND_MARKERS: dict[str, str] = {"fact": "o", "interpretation": "s", "forecast": "^", "opinion": "D"}

_EVENT_ID = re.compile(r"\bE\d{3}\b")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class UnknownReferenceError(ValueError):
    """A claim names an event or a table that does not exist."""


# --------------------------------------------------------------------------- small helpers


def _items(value: object) -> list[str]:
    return data.split_list(value)


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _short_date(value: str, precision: str) -> str:
    parts = str(value).split("-")
    if precision == "year":
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if precision == "month" else f"{int(parts[2])} {month} {parts[0]}"


def sections(claims: pd.DataFrame) -> list[str]:
    """The explainer's sections in the order they first appear (claims sorted by id)."""
    return list(dict.fromkeys(claims.sort_values("claim_id")["section"]))


def mentioned_events(text: object) -> list[str]:
    """Event ids (``E123``) written in a text, in order, without repeats."""
    return list(dict.fromkeys(_EVENT_ID.findall(_text(text))))


def table_titles(folder=None) -> dict[str, str]:
    """Catalogue name → title of every table in ``data/datapackage.json``."""
    return {r["name"]: r.get("title", r["name"]) for r in data.catalogue(folder)["resources"]}


def resolve_tables(names: Iterable[str], titles: dict[str, str]) -> list[tuple[str, str]]:
    """``(name, title)`` of each table; an unknown name raises :class:`data.UnknownTableError`."""
    out = []
    for name in names:
        if name not in titles:
            raise data.UnknownTableError(
                f"no table {name!r} in data/{data.CATALOGUE}; known tables: {', '.join(titles)}"
            )
        out.append((name, titles[name]))
    return out


# --------------------------------------------------------------------------- counts


def verdicts_by_kind(claims: pd.DataFrame, totals: bool = True) -> pd.DataFrame:
    """Claims per kind (rows) and verdict (columns), every kind and verdict shown (zeros
    included), with an ``All`` row and column when ``totals``."""
    unknown = (set(claims["kind"]) - set(KINDS)) | (set(claims["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"unknown kind(s) or verdict(s): {sorted(unknown)}")
    table = pd.crosstab(claims["kind"], claims["verdict"]).reindex(index=list(KINDS), columns=list(VERDICTS),
                                                                   fill_value=0)
    if totals:
        table["All"] = table.sum(axis=1)
        table.loc["All"] = table.sum(axis=0)
    table.index.name = "kind"
    table.columns.name = "verdict"
    return table.astype(int)


def support_rate(claims: pd.DataFrame, kind: str = "fact", count_partly: bool = False) -> float:
    """Share of the claims of ``kind`` that are supported (``count_partly``: partly supported
    counts as supported). Not-checkable claims stay in the denominator."""
    rows = claims[claims["kind"] == kind]
    if rows.empty:
        raise ValueError(f"no claims of kind {kind!r}")
    good = {"supported", "partly supported"} if count_partly else {"supported"}
    return float(rows["verdict"].isin(good).mean())


# --------------------------------------------------------------------------- the ledger


def ledger(claims: pd.DataFrame, verdicts: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
           with_note: bool = False) -> pd.DataFrame:
    """The ledger for display: id, section, kind, claim, the explainer's words, verdict, evidence
    (and note), in the explainer's order; optionally only some verdicts or kinds."""
    keep = pd.Series(True, index=claims.index)
    for column, chosen, allowed in (("verdict", verdicts, VERDICTS), ("kind", kinds, KINDS)):
        if chosen is not None:
            chosen = list(chosen)
            bad = set(chosen) - set(allowed)
            if bad:
                raise ValueError(f"unknown {column}(s) {sorted(bad)}; choose from {allowed}")
            keep &= claims[column].isin(chosen)
    out = claims.loc[keep].sort_values("claim_id").copy()
    out["quote"] = "“" + out["quote"].astype(str) + "”"
    cols = ["claim_id", "section", "kind", "claim", "quote", "verdict", "evidence"] + (["note"] if with_note else [])
    out = out[cols].rename(columns={"claim_id": "id", "quote": "the explainer's words"}).reset_index(drop=True)
    out.attrs.update(claims.attrs)
    return out


def evidence_for(claim_id: str, claims: pd.DataFrame, events: pd.DataFrame,
                 titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The evidence of one claim, resolved: one row per cited event (date, what happened, its
    sources), in date order, then one row per table (its catalogue title)."""
    rows = claims[claims["claim_id"] == claim_id]
    if rows.empty:
        raise KeyError(f"no claim {claim_id!r} in the ledger")
    row = rows.iloc[0]
    titles = table_titles() if titles is None else titles
    ev = events.set_index("event_id")
    out = []
    for eid in _items(row["event_ids"]):
        if eid not in ev.index:
            raise UnknownReferenceError(f"claim {claim_id} cites event {eid!r}, which is not in the events table")
        e = ev.loc[eid]
        out.append({"evidence": eid, "date": _short_date(e["date"], e["date_precision"]),
                    "_when": e["date"], "what": e["event"], "source_ids": e["source_ids"]})
    out.sort(key=lambda r: (r["_when"], r["evidence"]))
    for name, title in resolve_tables(_items(row["evidence_tables"]), titles):
        out.append({"evidence": f"table {name}", "date": "", "_when": "", "what": title, "source_ids": ""})
    frame = pd.DataFrame(out, columns=["evidence", "date", "_when", "what", "source_ids"]).drop(columns="_when")
    frame.attrs.update(events.attrs)  # the sources listed are the events' sources
    return frame


def check_references(claims: pd.DataFrame, events: pd.DataFrame, tables: Iterable[str]) -> int:
    """Check that every event id and table a claim names exists, and that every event id written
    in a claim's evidence or note is listed in its ``event_ids``; raise
    :class:`UnknownReferenceError` listing every problem, else return the number of references checked."""
    known_events = set(events["event_id"])
    known_tables = set(tables)
    problems: list[str] = []
    checked = 0
    for _, row in claims.sort_values("claim_id").iterrows():
        listed = _items(row["event_ids"])
        for eid in listed:
            checked += 1
            if eid not in known_events:
                problems.append(f"{row['claim_id']}: event {eid} is not in the events table")
        for name in _items(row["evidence_tables"]):
            checked += 1
            if name not in known_tables:
                problems.append(f"{row['claim_id']}: table {name!r} is not in the catalogue")
        for eid in mentioned_events(_text(row["evidence"]) + " " + _text(row.get("note"))):
            if eid not in listed:
                problems.append(f"{row['claim_id']}: {eid} is named in the text but not listed in event_ids")
    if problems:
        raise UnknownReferenceError("claims ledger: " + "; ".join(problems))
    return checked


# --------------------------------------------------------------------------- what changed


def evidence_events(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per (claim, cited event): claim id, kind, verdict, event id, its date as a timestamp
    (``when``, first day of the month or year where coarser) and the event text."""
    ev = events.set_index("event_id")
    whens = event_dates(events).set_axis(events["event_id"])
    rows = []
    for _, c in claims.sort_values("claim_id").iterrows():
        for eid in _items(c["event_ids"]):
            rows.append({"claim_id": c["claim_id"], "kind": c["kind"], "verdict": c["verdict"],
                         "event_id": eid, "when": whens[eid], "date": ev.at[eid, "date"],
                         "date_precision": ev.at[eid, "date_precision"], "event": ev.at[eid, "event"]})
    return pd.DataFrame(rows, columns=["claim_id", "kind", "verdict", "event_id", "when", "date",
                                       "date_precision", "event"])


def latest_event_date(claims: pd.DataFrame, events: pd.DataFrame) -> str:
    """The date (as written in the events table) of the latest event any claim cites."""
    cited = evidence_events(claims, events)
    if cited.empty:
        raise ValueError("no claim cites an event")
    return str(cited.sort_values(["when", "event_id"]).iloc[-1]["date"])


def since(claims: pd.DataFrame, events: pd.DataFrame, after: str) -> pd.DataFrame:
    """Claims whose evidence includes events dated after ``after`` (ISO date): what has happened
    since, per claim (events listed as ``E158 (24 Jun 2025): …``), in the explainer's order."""
    cited = evidence_events(claims, events)
    later = cited[cited["when"] > pd.Timestamp(after)].sort_values(["claim_id", "when", "event_id"])
    by_claim = claims.set_index("claim_id")
    rows = []
    for cid, group in later.groupby("claim_id", sort=True):
        rows.append({"id": cid, "kind": by_claim.at[cid, "kind"], "verdict": by_claim.at[cid, "verdict"],
                     "claim": by_claim.at[cid, "claim"], "events since": len(group),
                     "what happened since": " | ".join(
                         f"{e} ({_short_date(d, p)}): {t}" for e, d, p, t in
                         group[["event_id", "date", "date_precision", "event"]].values)})
    out = pd.DataFrame(rows, columns=["id", "kind", "verdict", "claim", "events since", "what happened since"])
    out.attrs.update(claims.attrs)
    return out


def overtaken(claims: pd.DataFrame, verdicts: Iterable[str] = ("outdated", "contradicted")) -> pd.DataFrame:
    """The claims with the given verdicts (default: outdated and contradicted), with what the data
    show (evidence) and what changed (note)."""
    out = ledger(claims, verdicts=verdicts, with_note=True)
    out = out.rename(columns={"evidence": "what the data show", "note": "what changed / caveat"})
    return out[["id", "kind", "claim", "the explainer's words", "verdict", "what the data show",
                "what changed / caveat"]]


# --------------------------------------------------------------------------- charts


def plot_verdicts_by_kind(table: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Horizontal stacked bars: claims per kind, segments coloured by verdict, counts printed."""
    body = table.drop(index="All", columns="All", errors="ignore")
    body = body.loc[list(reversed(body.index))]
    fig, ax = style.figure("wide")
    left = pd.Series(0, index=body.index)
    for verdict in body.columns:
        values = body[verdict]
        ax.barh(body.index, values, left=left, color=VERDICT_COLOURS[verdict], label=verdict,
                edgecolor="white", linewidth=1)
        for y, (x0, v) in enumerate(zip(left, values)):
            if v:
                ax.text(x0 + v / 2, y, str(int(v)), ha="center", va="center", fontsize=10,
                        color="white" if verdict != "partly supported" else "black", fontweight="bold")
        left = left + values
    ax.set_xlabel("Claims (count)")
    ax.set_ylabel("Kind of claim")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=len(body.columns), loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_claims_by_section(claims: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """One dot per claim, read left to right in the explainer's order, one row per section:
    colour = verdict, marker = kind, labelled with its id."""
    order = sections(claims)
    rows = claims.sort_values("claim_id").reset_index(drop=True)
    y_of = {s: len(order) - 1 - i for i, s in enumerate(order)}
    fig, ax = style.figure("wide")
    for i, r in rows.iterrows():
        x, y = i + 1, y_of[r["section"]]
        ax.scatter([x], [y], s=150, marker=KIND_MARKERS[r["kind"]], color=VERDICT_COLOURS[r["verdict"]],
                   edgecolor="black", linewidth=0.6, zorder=3)
        ax.annotate(r["claim_id"], (x, y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8)
    ax.set_yticks(range(len(order)), list(reversed(order)))
    ax.set_ylim(-0.6, len(order) - 0.3)
    ax.set_xlim(0, len(rows) + 1)
    ax.set_xlabel("Position of the claim in the explainer (1 = first)")
    ax.set_ylabel("Section of the explainer")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=VERDICT_COLOURS[v], label=v) for v in VERDICTS if v in set(rows["verdict"])]
    handles += [Line2D([], [], marker=KIND_MARKERS[k], linestyle="", color="white", markeredgecolor="black",
                       markersize=8, label=k) for k in KINDS if k in set(rows["kind"])]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_evidence_timeline(claims: pd.DataFrame, events: pd.DataFrame, cutoff: str, title: str, source: str,
                           alt: str, subtitle: str | None = None, cutoff_label: str = "cut-off",
                           start: str | None = None) -> None:
    """One row per claim that cites events, one dot per cited event at its date; dots after
    ``cutoff`` (ISO date) are filled, earlier ones hollow; a vertical line marks the cut-off.
    With ``start`` (ISO date), events before it are drawn as small left-pointing triangles at
    the left edge, so that the recent years stay readable."""
    cited = evidence_events(claims, events)
    first = pd.Timestamp(start) if start else None
    if first is not None:
        cited = cited.assign(early=cited["when"] < first)
        cited.loc[cited["early"], "when"] = first
    else:
        cited = cited.assign(early=False)
    ids = sorted(cited["claim_id"].unique())
    y_of = {c: len(ids) - 1 - i for i, c in enumerate(ids)}
    verdict_of = claims.set_index("claim_id")["verdict"]
    fig, ax = style.figure("tall")
    cut = pd.Timestamp(cutoff)
    for cid in ids:
        rows = cited[cited["claim_id"] == cid]
        colour = VERDICT_COLOURS[verdict_of[cid]]
        after = rows["when"] > cut
        early = rows["early"]
        before = ~after & ~early
        ax.scatter(rows.loc[early, "when"], [y_of[cid]] * int(early.sum()), s=30, marker="<", facecolor="none",
                   edgecolor=colour, linewidth=1.2, zorder=3)
        ax.scatter(rows.loc[before, "when"], [y_of[cid]] * int(before.sum()), s=34, facecolor="none",
                   edgecolor=colour, linewidth=1.2, zorder=3)
        ax.scatter(rows.loc[after, "when"], [y_of[cid]] * int(after.sum()), s=40, color=colour,
                   edgecolor="black", linewidth=0.5, zorder=3)
    ax.axvline(cut, color="black", linestyle="--", linewidth=1)
    ax.annotate(cutoff_label, (cut, len(ids) - 0.4), xytext=(-4, 0), textcoords="offset points", ha="right",
                va="bottom", fontsize=9)
    ax.set_yticks(range(len(ids)), [f"{c} ({verdict_of[c]})" for c in reversed(ids)])
    ax.set_ylim(-0.6, len(ids) + 0.2)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    edge = f"; ◀ at the left edge: before {first.year}" if first is not None else ""
    ax.set_xlabel(f"Date of the cited event (filled: after the cut-off{edge})")
    ax.set_ylabel("Claim (verdict)")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=VERDICT_COLOURS[v], label=v) for v in VERDICTS if v in set(verdict_of[ids])]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=3, frameon=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
