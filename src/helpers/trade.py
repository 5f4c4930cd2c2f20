"""Russia's goods trade with Iran, China and Israel: statistics and official statements side by side.

Pure functions on three tables of ``helpers.data.load``:

- ``cow_trade`` — Correlates of War, directed flows 1992–2014 (US$ millions);
- ``russia_trade`` — IMF Direction of Trade Statistics, Russia's exports (2011–2023) and imports
  (2010–2022) by partner (US$ millions);
- ``trade_statements`` — cited figures of officials and agencies where the statistics stop or
  disagree (US$ billions, one row per statement and claimant);

plus thin ``plot_*`` functions in the house style. Every value is returned in **US$ billions**.

Rules kept by every function:

- *turnover* = Russia's exports + imports with the partner; where a source lacks one of the two
  flows for a year, turnover is missing (``NaN``), never half a total;
- statements are never averaged or merged: each claimant keeps its own row, so that
  disagreements stay visible; growth-only statements (no value) are listed, not plotted;
- statements whose note says the value was *exceeded* or *surpassed* are flagged as lower bounds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from . import countries, reliability, style
from . import events as ev_rules
from . import statements as statements_rules

#: Short partner names for labels.
NAMES = countries.NAMES  # one place for names: helpers.countries

#: From this year the IMF's figures for Russia are estimates derived from partner countries'
#: reports: Russia's customs service stopped publishing trade statistics in April 2022 (events
#: table, E309; the IMF describes how it fills gaps in the sources of ``russia_trade``).
IMF_ESTIMATED_FROM = 2022

#: Statement periods that cover a whole year (calendar or Iranian).
FULL_PERIODS: tuple[str, ...] = ("full_year", "ir-year")

#: Readable labels of the statement periods.
PERIOD_LABELS: dict[str, str] = {"full_year": "calendar year", "ir-year": "Iranian year (from 21 March)"}

#: Marker of each claimant role in charts.
ROLE_MARKERS: dict[str, str] = {
    "customs_agency": "s",
    "government": "D",
    "head_of_state": "*",
    "legislator": "^",
    "diplomat": "v",
    "trade_official": "P",
    "intergovernmental_body": "X",
    "analyst": "h",
    "news_agency": "o",
}
ROLE_LABELS: dict[str, str] = {
    "customs_agency": "customs agency",
    "government": "government minister or office",
    "head_of_state": "head of state",
    "legislator": "legislator",
    "diplomat": "diplomat",
    "trade_official": "trade official (Iranian year; our sum of two flows)",
    "intergovernmental_body": "intergovernmental body",
    "analyst": "analyst",
    "news_agency": "news agency",
}


def _bn(values: pd.Series) -> pd.Series:
    return values.astype(float) / 1000.0


def cow_flows(cow: pd.DataFrame, partner: str) -> pd.DataFrame:
    """COW flows of Russia with ``partner`` per year: ``exports`` (Russia → partner),
    ``imports`` (partner → Russia) and ``turnover`` (their sum; ``NaN`` if either is missing),
    US$ billions."""
    ex = cow[(cow["exporter_iso3"] == "RUS") & (cow["importer_iso3"] == partner)].set_index("year")["flow_usd_millions"]
    im = cow[(cow["exporter_iso3"] == partner) & (cow["importer_iso3"] == "RUS")].set_index("year")["flow_usd_millions"]
    years = sorted(set(ex.index) | set(im.index))
    out = pd.DataFrame(
        {"exports": _bn(ex.reindex(years)), "imports": _bn(im.reindex(years))}, index=pd.Index(years, name="year")
    )
    out["turnover"] = out["exports"] + out["imports"]  # NaN propagates: no half totals
    out.index = out.index.astype(int)
    return out


def imf_flows(russia_trade: pd.DataFrame, partner: str) -> pd.DataFrame:
    """IMF DOTS flows of Russia with ``partner`` per year (``exports``, ``imports``,
    ``turnover``; ``NaN`` where a flow is missing, e.g. imports for 2023), US$ billions, and
    ``estimated`` (true from :data:`IMF_ESTIMATED_FROM`: IMF estimates from partner data)."""
    sub = russia_trade[russia_trade["partner_iso3"] == partner]
    wide = sub.pivot(index="year", columns="flow", values="value_usd_millions")
    out = pd.DataFrame(
        {f: _bn(wide[f]) if f in wide.columns else np.nan for f in ("exports", "imports")}, index=wide.index
    )
    out["turnover"] = out["exports"] + out["imports"]
    out.index = out.index.astype(int)
    out.index.name = "year"
    out["estimated"] = out.index >= IMF_ESTIMATED_FROM
    return out


_lower_bound = statements_rules.lower_bound  # the one lower-bound rule (helpers.statements)


def statement_points(
    statements: pd.DataFrame, partner: str, periods: Sequence[str] = FULL_PERIODS, combine_flows: bool = True
) -> pd.DataFrame:
    """Stated turnover levels for ``partner``, one row per statement (claimant) and year.

    Kept: rows with a value, measure ``turnover`` and a period in ``periods``. With
    ``combine_flows``, a claimant that states exports and imports for the same year and period
    but no turnover gets one extra row with their sum (``derived`` true, ids joined with ``+``).
    Columns: ``statement_id``, ``year``, ``period``, ``value_usd_bn``, ``claimant``,
    ``claimant_role``, ``source_ids``, ``lower_bound``, ``derived``; sorted by year and id.
    """
    sub = statements[
        (statements["partner_iso3"] == partner)
        & statements["period"].isin(periods)
        & statements["value_usd_bn"].notna()
    ].copy()
    sub["lower_bound"] = _lower_bound(sub["note"]).astype(bool)
    sub["derived"] = False
    sub["value_usd_bn"] = sub["value_usd_bn"].astype(float)
    turnover = sub[sub["measure"] == "turnover"]
    records = turnover.to_dict("records")
    if combine_flows:
        flows = sub[sub["measure"].isin(["exports_rus", "imports_rus"])]
        for (claimant, year, period), g in flows.groupby(["claimant", "year", "period"], sort=True):
            has_total = (
                (turnover["claimant"] == claimant) & (turnover["year"] == year) & (turnover["period"] == period)
            ).any()
            if set(g["measure"]) == {"exports_rus", "imports_rus"} and not has_total:
                g = g.sort_values("statement_id")
                records.append(
                    {
                        "statement_id": "+".join(g["statement_id"]),
                        "partner_iso3": partner,
                        "year": year,
                        "period": period,
                        "value_usd_bn": float(g["value_usd_bn"].sum()),
                        "measure": "turnover",
                        "claimant": claimant,
                        "claimant_role": g["claimant_role"].iloc[0],
                        "source_ids": ";".join(dict.fromkeys(";".join(g["source_ids"]).split(";"))),
                        "note": "sum of the stated exports and imports (our sum)",
                        "lower_bound": bool(g["lower_bound"].any()),
                        "derived": True,
                    }
                )
    out = pd.DataFrame.from_records(records, columns=list(sub.columns))
    out["year"] = out["year"].astype(int)
    cols = [
        "statement_id",
        "year",
        "period",
        "value_usd_bn",
        "claimant",
        "claimant_role",
        "source_ids",
        "lower_bound",
        "derived",
    ]
    return out.sort_values(["year", "statement_id"])[cols].reset_index(drop=True)


def growth_only(statements: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Statements for ``partner`` that give a growth rate but no level (value empty): year,
    period, claimant, the note (which carries the rate) and sources; in year and id order."""
    sub = statements[(statements["partner_iso3"] == partner) & statements["value_usd_bn"].isna()]
    sub = sub.sort_values(["year", "statement_id"])
    return sub[["statement_id", "year", "period", "claimant", "note", "source_ids"]].reset_index(drop=True)


def trade_series(
    russia_trade: pd.DataFrame,
    cow: pd.DataFrame,
    statements: pd.DataFrame,
    partner: str,
    periods: Sequence[str] = FULL_PERIODS,
) -> pd.DataFrame:
    """All turnover figures for Russia–``partner`` in one long frame, US$ billions:
    COW (``series`` = ``"COW"``), IMF DOTS (``"IMF DOTS"``) and each statement (``series`` =
    the claimant), one row per source and year; every claimant is kept. Columns: ``series``,
    ``kind`` (``statistics`` or ``statement``), ``period``, ``year``, ``value_usd_bn``, ``claimant_role``,
    ``statement_id``, ``source_ids``, ``lower_bound``, ``derived``, ``estimate`` (IMF figures from
    :data:`IMF_ESTIMATED_FROM` on)."""
    records: list[dict] = []
    for label, flows, ids in (
        ("COW", cow_flows(cow, partner), "cow-trade-v4"),
        ("IMF DOTS", imf_flows(russia_trade, partner), _imf_ids(russia_trade, partner)),
    ):
        for year, value in flows["turnover"].dropna().items():
            records.append(
                {
                    "series": label,
                    "kind": "statistics",
                    "period": "full_year",
                    "year": int(year),
                    "value_usd_bn": float(value),
                    "claimant_role": None,
                    "statement_id": None,
                    "source_ids": ids,
                    "lower_bound": False,
                    "derived": False,
                    "estimate": bool(label == "IMF DOTS" and year >= IMF_ESTIMATED_FROM),
                }
            )
    for row in statement_points(statements, partner, periods).itertuples(index=False):
        records.append(
            {
                "series": row.claimant,
                "kind": "statement",
                "period": row.period,
                "year": int(row.year),
                "value_usd_bn": float(row.value_usd_bn),
                "claimant_role": row.claimant_role,
                "statement_id": row.statement_id,
                "source_ids": row.source_ids,
                "lower_bound": bool(row.lower_bound),
                "derived": bool(row.derived),
                "estimate": False,
            }
        )
    out = pd.DataFrame.from_records(
        records,
        columns=[
            "series",
            "kind",
            "period",
            "year",
            "value_usd_bn",
            "claimant_role",
            "statement_id",
            "source_ids",
            "lower_bound",
            "derived",
            "estimate",
        ],
    )
    out.attrs["partner"] = partner
    if "file" in statements.attrs:
        out.attrs["statements_file"] = statements.attrs["file"]
    return out


def plotted_statements(statements: pd.DataFrame, *series: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``statements`` used in one or more :func:`trade_series` frames (a summed
    row counts for each of its statements), with the table's ``attrs`` kept — for a chart's
    source line (``Registry.table_line``)."""
    used: set[str] = set()
    for frame in series:
        for sid in frame["statement_id"].dropna():
            used.update(str(sid).split("+"))
    return statements[statements["statement_id"].isin(used)]


def _imf_ids(russia_trade: pd.DataFrame, partner: str) -> str:
    return ";".join(sorted(russia_trade.loc[russia_trade["partner_iso3"] == partner, "release"].unique()))


def statements_vs_statistics(series: pd.DataFrame, first: int | None = None) -> pd.DataFrame:
    """Each stated level next to the IMF DOTS turnover of the same year: one row per statement
    (from ``first`` on), with the ratio of the stated value to the IMF turnover (``NaN`` where the
    IMF has no turnover for the year). ``series`` is a :func:`trade_series` frame. Statements that
    rest only on low-confidence sources get no ratio: they are left out (:func:`helpers.reliability.split`)."""
    stats = series[series["kind"] == "statistics"].pivot(index="year", columns="series", values="value_usd_bn")
    st = reliability.usable(series[series["kind"] == "statement"])
    if first is not None:
        st = st[st["year"] >= first]
    imf = st["year"].map(stats["IMF DOTS"]) if "IMF DOTS" in stats else pd.Series(np.nan, index=st.index)
    out = (
        pd.DataFrame(
            {
                "year": st["year"],
                "claimant": st["series"] + np.where(st["derived"], " (our sum of two flows)", ""),
                "period": st["period"].map(PERIOD_LABELS).fillna(st["period"]),
                "stated (US$ bn)": st["value_usd_bn"].astype(float),
                "lower bound": np.where(st["lower_bound"], "yes", ""),
                "IMF DOTS turnover (US$ bn)": imf.astype(float),
                "IMF figure": np.where(
                    imf.isna(), "none", np.where(st["year"] >= IMF_ESTIMATED_FROM, "estimate", "reported")
                ),
                "stated ÷ IMF": (st["value_usd_bn"].astype(float) / imf.astype(float)),
                "source_ids": st["source_ids"],
            }
        )
        .sort_values(["year", "claimant"])
        .reset_index(drop=True)
    )
    if "statements_file" in series.attrs:  # rows are statements: their sources are in that table
        out.attrs["file"] = series.attrs["statements_file"]
    return out


def claim_range(series: pd.DataFrame, year: int) -> dict[str, float | int]:
    """The lowest and highest stated level of ``year`` and the number of statements, over the
    statements findings may rest on: one that rests only on low-confidence sources is shown on the
    chart but not counted here (:func:`helpers.reliability.split`)."""
    counted = reliability.usable(series[(series["kind"] == "statement") & (series["year"] == year)])
    st = counted["value_usd_bn"].astype(float)
    return {"low": float(st.min()) if len(st) else np.nan, "high": float(st.max()) if len(st) else np.nan, "n": len(st)}


def _jitter(frame: pd.DataFrame, spread: float = 0.7) -> np.ndarray:
    """Deterministic horizontal offsets so that statements of one year do not hide each other."""
    offsets = np.zeros(len(frame))
    for _, idx in frame.groupby("year").indices.items():
        n = len(idx)
        if n > 1:
            offsets[idx] = np.linspace(-spread / 2, spread / 2, n)
    return offsets


def plot_partner(
    series: pd.DataFrame, title: str, source: str, alt: str, since: int | None = None, subtitle: str | None = None
) -> None:
    """Russia's turnover with one partner: COW (grey, dashed) and IMF (solid where reported,
    dashed with hollow dots where estimated) lines, one marker per statement (shape by claimant
    role, hollow for lower bounds, grey for a statement that rests only on low-confidence
    sources — drawn, never counted). The legend sits under the chart, never over the markers."""
    partner = series.attrs.get("partner", "")
    colour = style.colour(partner)
    data = series if since is None else series[series["year"] >= since]
    fig, ax = style.figure("wide")
    s = data[data["series"] == "COW"].sort_values("year")
    if len(s):
        ax.plot(
            s["year"],
            s["value_usd_bn"],
            "--",
            color=style.PALETTE["grey"],
            linewidth=2,
            label="COW statistics (exports + imports)",
        )
    _draw_imf(ax, data[data["series"] == "IMF DOTS"], colour, labels=True)
    st = data[data["kind"] == "statement"].reset_index(drop=True)
    x = st["year"].to_numpy() + _jitter(st)
    low = ev_rules.low_confidence(st).to_numpy()
    for role in ROLE_MARKERS:
        pick = (st["claimant_role"] == role).to_numpy()
        if not pick.any():
            continue
        ink = [reliability.COLOUR if weak else style.PALETTE["black"] for weak in low[pick]]
        face = ["white" if lb else c for lb, c in zip(st.loc[pick, "lower_bound"], ink)]
        ax.scatter(
            x[pick],
            st.loc[pick, "value_usd_bn"],
            marker=ROLE_MARKERS[role],
            s=45,
            facecolors=face,
            edgecolors=ink,
            linewidths=1,
            zorder=4,
            label=f"Stated: {ROLE_LABELS[role]}",
        )
    from matplotlib.lines import Line2D

    handles, labels = ax.get_legend_handles_labels()
    for k, label in enumerate(labels):  # role markers in the legend in neutral black
        found = next((r for r in ROLE_MARKERS if label == f"Stated: {ROLE_LABELS[r]}"), None)
        if found is not None:
            handles[k] = Line2D([], [], marker=ROLE_MARKERS[found], linestyle="", color=style.PALETTE["black"])
    if low.any():
        handles.append(Line2D([], [], marker="o", linestyle="", color=reliability.COLOUR))
        labels.append("Grey marker: statement rests only on low-confidence sources (not counted)")
    ax.set_ylim(0, float(data["value_usd_bn"].max()) * 1.15)
    ax.set_xlim(float(data["year"].min()) - 0.8, float(data["year"].max()) + 0.8)
    ax.set_xlabel("Year (Iranian-year figures at the year they start)")
    ax.set_ylabel("Trade turnover (US$ billions)")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.0, -0.17), fontsize=8.5, ncols=2)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def _draw_imf(ax, imf_rows: pd.DataFrame, colour: str, labels: bool = False, width: float = 2) -> None:
    """The IMF turnover line: solid where reported, dashed with hollow dots where estimated (the
    dashed part starts at the last reported year so the line stays continuous)."""
    s = imf_rows.sort_values("year")
    rep, est = s[~s["estimate"].astype(bool)], s[s["estimate"].astype(bool)]
    if len(rep):
        ax.plot(
            rep["year"],
            rep["value_usd_bn"],
            "-",
            color=colour,
            linewidth=width,
            label="IMF DOTS statistics (exports + imports)" if labels else None,
        )
    if len(est):
        joined = pd.concat([rep.tail(1), est]) if len(rep) else est
        ax.plot(joined["year"], joined["value_usd_bn"], "--", color=colour, linewidth=width)
        ax.scatter(
            est["year"],
            est["value_usd_bn"],
            s=40,
            facecolors="white",
            edgecolors=colour,
            linewidths=1.5,
            zorder=5,
            label="IMF estimate from partner data (Russia stopped reporting)" if labels else None,
        )


def plot_scale(
    series_by_partner: dict[str, pd.DataFrame], title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
    """Russia's turnover with several partners on a log scale: per partner (colour) COW dashed,
    IMF solid, statements as markers (hollow for lower bounds); each partner labelled at the right
    edge, at the height of its latest figure."""
    fig, ax = style.figure("wide")
    right = max(int(s["year"].max()) for s in series_by_partner.values()) + 0.6
    for partner, series in series_by_partner.items():
        colour = style.colour(partner)
        pname = NAMES.get(partner, partner)
        s = series[series["series"] == "COW"].sort_values("year")
        ax.plot(s["year"], s["value_usd_bn"], ":", color=colour, linewidth=1.8)
        _draw_imf(ax, series[series["series"] == "IMF DOTS"], colour, width=1.8)
        st = series[series["kind"] == "statement"].reset_index(drop=True)
        x = st["year"].to_numpy() + _jitter(st, 0.4)
        face = ["white" if lb else colour for lb in st["lower_bound"]]
        ax.scatter(x, st["value_usd_bn"], s=30, facecolors=face, edgecolors=colour, linewidths=1, zorder=4)
        last = series.sort_values("year").iloc[-1]
        ax.text(
            right, last["value_usd_bn"], f"Russia–{pname}", va="center", fontsize=10, color=colour, fontweight="bold"
        )
    from matplotlib.lines import Line2D

    grey = style.PALETTE["grey"]
    ax.legend(
        handles=[
            Line2D([], [], color=grey, ls=":", label="COW statistics"),
            Line2D([], [], color=grey, ls="-", label="IMF DOTS statistics"),
            Line2D(
                [], [], color=grey, ls="--", marker="o", markerfacecolor="white", label="IMF estimate from partner data"
            ),
            Line2D([], [], color=grey, marker="o", ls="", label="Stated by an official or agency"),
            Line2D(
                [],
                [],
                color=grey,
                marker="o",
                ls="",
                markerfacecolor="white",
                label="Stated as a lower bound ('exceeded')",
            ),
        ],
        loc="upper left",
        fontsize=9,
    )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    years = pd.concat([s["year"] for s in series_by_partner.values()])
    ax.set_xlim(years.min() - 1, years.max() + 3.5)
    ax.set_xlabel("Year")
    ax.set_ylabel("Trade turnover (US$ billions, log scale)")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- estimates, composition, corridor


def composition_table(composition: pd.DataFrame) -> pd.DataFrame:
    """``trade_composition`` for reading: period, the confidence mark of its sources
    (:func:`helpers.reliability.confidence`: ``low`` where a row rests only on low-confidence
    sources — shown, never computed from), flow, item, the stated figure with its unit (a range as
    low–high) and claimant; in period order."""
    flows = {"turnover": "turnover", "exports_rus": "Russia → Iran", "imports_rus": "Iran → Russia"}
    units = {"USD millions": "US$ m", "percent": "%", "million tonnes": "Mt"}
    marks = reliability.confidence(composition)
    rows = []
    for i, r in composition.sort_values(["period_start", "row_id"]).iterrows():
        value = f"{r['value']:g}" if pd.isna(r["value_high"]) else f"{r['value']:g}–{r['value_high']:g}"
        if r["measure"] == "growth":
            value = f"+{value}"
        rows.append(
            {
                "period": f"{r['period_start']} to {r['period_end']}",
                "confidence": marks[i],
                "flow": flows[r["flow"]],
                "item": r["item"],
                "measure": r["measure"],
                "stated": f"{value} {units[r['unit']]}",
                "claimant": r["claimant"],
            }
        )
    return pd.DataFrame(rows)


def plot_corridor(corridor: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Stated cargo of a corridor branch per year: bars for volumes carried (a range drawn as a
    bar to the low value with a line to the high one), a dashed line for each target and a dotted
    line for the stated capacity."""
    fig, ax = style.figure("small")
    carried = corridor[corridor["measure"] == "carried"].sort_values("year")
    x = carried["year"].astype(int).to_numpy()
    low = carried["value_mt"].astype(float).to_numpy()
    high = carried["value_mt_high"].astype(float).fillna(carried["value_mt"]).to_numpy()
    ax.bar(x, low, width=0.5, color=style.PALETTE["blue"], label="Carried (as stated)")
    for xi, lo, hi in zip(x, low, high):
        if hi > lo:
            ax.plot([xi, xi], [lo, hi], color=style.PALETTE["black"], linewidth=2)
            ax.text(xi + 0.28, hi, f"{lo:g}–{hi:g} Mt", va="center", fontsize=9)
        else:
            ax.text(xi + 0.28, lo, f"{lo:g} Mt", va="center", fontsize=9)
    for _, r in corridor[corridor["measure"] == "target"].iterrows():
        ax.hlines(
            float(r["value_mt"]),
            int(r["year"]) - 0.3,
            int(r["year"]) + 0.3,
            colors=style.PALETTE["orange"],
            linestyles="--",
            label=f"Target for {int(r['year'])}",
        )
    for _, r in corridor[corridor["measure"] == "capacity"].iterrows():
        ax.axhline(float(r["value_mt"]), color=style.PALETTE["grey"], linestyle=":", label="Stated capacity")
    ax.set_xticks(sorted(set(corridor["year"].astype(int))))
    ax.set_xlim(min(x) - 0.7, max(x) + 0.9)
    ax.set_ylim(0, float(corridor["value_mt"].max()) * 1.12)
    ax.set_xlabel("Year")
    ax.set_ylabel("Cargo (million tonnes)")
    ax.legend(loc="center left", fontsize=8.5)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
