"""Russia between Iran and Israel: indicators side by side (notebook 04).

Pure functions on the project's tables plus thin ``plot_*`` functions in the house style:

- **UN votes**: agreement per UNGA session (``unga_agreement_history``, to 2019), the same rate
  computed from the 2025 recorded votes (``unga_votes_2025``), and ideal points
  (``unga_ideal_points``, to 2022);
- **trade**: IMF Direction of Trade Statistics as Russia reports them (``russia_trade``) beside
  the figures officials state (``trade_statements``), keeping the gaps visible;
- **arms**: SIPRI deals between the pairs (``arms_deals``);
- **contacts**: meetings and calls by counterpart (``contacts``, read from each event's text), and
  what Russia did during the June 2025 and 2026 wars (the one rule of :mod:`helpers.events`).

Agreement rule (the same as ``unga_agreement_history``): among the votes on which *both* states
voted yes, no or abstain, the share on which they cast the identical vote; absences count neither
way.
"""

from __future__ import annotations

import pandas as pd

from . import contacts as contact_rules
from . import countries, periods, reliability, style
from . import events as ev_rules
from . import statements as statements_rules
from .agreement import pair_agreement

PARTNER_NAMES = countries.NAMES  # one place for names: helpers.countries


def _name(code: str) -> str:
    return PARTNER_NAMES.get(code, code)


# --------------------------------------------------------------------------- UN votes


def agreement_history(
    history: pd.DataFrame, partners: tuple[str, ...] = ("IRN", "ISR"), since: int | None = None
) -> pd.DataFrame:
    """Agreement rate per session with each partner (rows: year the session opened; columns:
    partners), from ``unga_agreement_history``."""
    rows = history[history["partner_iso3"].isin(partners)]
    if since is not None:
        rows = rows[rows["year"] >= since]
    out = rows.pivot(index="year", columns="partner_iso3", values="agreement").reindex(columns=list(partners))
    return out.astype(float)


def vote_agreement(votes: pd.DataFrame, state: str, partner: str, records=None) -> dict[str, float | int]:
    """How often ``state`` and ``partner`` voted alike in a table of recorded votes
    (``unga_votes_2025``), under the rule of :func:`helpers.agreement.pair_agreement` (absences left
    out): votes in the table, votes on which both voted yes/no/abstain, identical votes among
    those, the agreement rate, and votes on which either was absent. ``records`` limits the
    count to those record ids."""
    rows = votes if records is None else votes[votes["record_id"].isin(records)]
    r = pair_agreement(rows, state, partner)
    return {
        "votes": r["n_votes"],
        "both voted": r["n_both_voted"],
        "identical": r["n_identical"],
        "agreement": round(r["agreement"], 4) if r["n_both_voted"] else float("nan"),
        "either absent": r["n_votes"] - r["n_both_voted"],
    }


def agreement_table(
    votes: pd.DataFrame, state: str = "RUS", partners: tuple[str, ...] = ("IRN", "ISR", "USA")
) -> pd.DataFrame:
    """:func:`vote_agreement` of ``state`` with each partner, one row per partner."""
    rows = [{"pair": f"{_name(state)}–{_name(p)}", "partner": p, **vote_agreement(votes, state, p)} for p in partners]
    return pd.DataFrame(rows)


def topic_records(votes: pd.DataFrame, pattern: str) -> list[int]:
    """Record ids of the votes whose title matches ``pattern`` (a case-insensitive regular expression)."""
    titles = votes.drop_duplicates("record_id").set_index("record_id")["title"]
    return sorted(int(r) for r in titles.index[titles.str.contains(pattern, case=False, regex=True)])


def agreement_by_topic(
    votes: pd.DataFrame, pattern: str, label: str, state: str = "RUS", partners: tuple[str, ...] = ("IRN", "ISR")
) -> pd.DataFrame:
    """Agreement with each partner on the votes whose title matches ``pattern`` and on the rest."""
    match = topic_records(votes, pattern)
    rest = sorted(set(int(r) for r in votes["record_id"]) - set(match))
    rows = []
    for subset, records in ((label, match), ("all other recorded votes", rest)):
        for p in partners:
            rows.append(
                {"votes on": subset, "pair": f"{_name(state)}–{_name(p)}", **vote_agreement(votes, state, p, records)}
            )
    return pd.DataFrame(rows)


def ideal_points(
    ideal: pd.DataFrame,
    states: tuple[str, ...] = ("RUS", "IRN", "ISR", "USA"),
    since: int | None = None,
    column: str = "ideal_point",
) -> pd.DataFrame:
    """Ideal points per session-opening year (rows) and state (columns); ``column`` may name a
    posterior quantile of the table instead (``q05``, ``q95``) for an interval."""
    if column not in ideal.columns:
        raise ValueError(f"unga_ideal_points has no column {column!r}")
    rows = ideal[ideal["iso3"].isin(states)]
    if since is not None:
        rows = rows[rows["year"] >= since]
    return rows.pivot(index="year", columns="iso3", values=column).reindex(columns=list(states)).astype(float)


def plot_agreement(
    history: pd.DataFrame,
    recent: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    recent_year: int = 2025,
) -> None:
    """Lines: agreement per session with each partner; hollow markers: the rate computed from the
    ``recent_year`` recorded votes (``recent``: :func:`agreement_table` output with a ``partner`` column)."""
    fig, ax = style.figure("wide")
    for code in history.columns:
        colour = style.colour(code)
        ax.plot(
            history.index,
            history[code],
            color=colour,
            linewidth=2,
            marker="o",
            markersize=3.5,
            label=f"Russia–{_name(code)}, per session (Voeten)",
        )
        row = recent[recent["partner"] == code]
        if len(row):
            value = float(row["agreement"].iloc[0])
            ax.scatter([recent_year], [value], s=70, facecolor="white", edgecolor=colour, linewidth=2, zorder=3)
            ax.annotate(
                f"{value:.0%}",
                (recent_year, value),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=colour,
                annotation_clip=False,
            )
    last = int(history.index.max())
    ax.axvspan(last + 0.5, recent_year - 0.5, color="#EEEEEE", zorder=0)
    ax.text(
        (last + recent_year) / 2,
        0.5,
        "no agreement\ndata in the\ncollection",
        ha="center",
        va="center",
        fontsize=8.5,
        color="#666666",
    )
    ax.scatter(
        [],
        [],
        s=70,
        facecolor="white",
        edgecolor="#555555",
        linewidth=2,
        label=f"{recent_year}: computed from recorded votes",
    )
    ax.set_ylim(0, 1)
    ax.set_xlim(history.index.min() - 1, recent_year + 0.5)  # the axis ends with the data
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("Year the UNGA session opened")
    ax.set_ylabel("Identical votes, share of votes\nboth cast (yes/no/abstain)")
    ax.legend(loc="lower left", fontsize=9)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_ideal_points(
    points: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    low: pd.DataFrame | None = None,
    high: pd.DataFrame | None = None,
) -> None:
    """Ideal points over time, one line per state; where ``low`` and ``high`` (same layout, e.g.
    the q05 and q95 of :func:`ideal_points`) hold a state's column, its interval is shaded."""
    if (low is None) != (high is None):
        raise ValueError("give both ends of the interval (low and high) or neither")
    fig, ax = style.figure("wide")
    for code in points.columns:
        if low is not None and high is not None and code in low.columns and code in high.columns:
            band = pd.concat([low[code], high[code]], axis=1, keys=["lo", "hi"]).reindex(points.index)
            ax.fill_between(band.index, band["lo"], band["hi"], color=style.colour(code), alpha=0.15, linewidth=0)
        ax.plot(points.index, points[code], color=style.colour(code), linewidth=2, label=_name(code))
        last = points[code].dropna()
        ax.annotate(
            _name(code),
            (last.index[-1], last.iloc[-1]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color=style.colour(code),
            annotation_clip=False,
        )
    ax.set_xlabel("Year the UNGA session opened")
    ax.set_ylabel("Ideal point (higher = closer\nto the US position)")
    ax.set_xlim(points.index.min() - 0.5, points.index.max() + 0.5)  # the axis ends with the data
    ax.set_xticks([y for y in range(1995, int(points.index.max()) + 1, 5)])
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- trade


def imf_trade(trade: pd.DataFrame, partners: tuple[str, ...] = ("IRN", "ISR")) -> pd.DataFrame:
    """Russia's reported goods trade with each partner from the IMF (US$ billions): exports, imports
    and their sum (turnover) where both flows exist; one row per partner and year."""
    rows = trade[trade["partner_iso3"].isin(partners)]
    wide = rows.pivot_table(
        index=["partner_iso3", "year"], columns="flow", values="value_usd_millions", aggfunc="sum"
    ).reindex(columns=["exports", "imports"])
    wide = wide.astype(float) / 1000.0
    wide["turnover"] = wide["exports"] + wide["imports"]  # NaN where a flow is missing
    out = wide.reset_index().rename(columns={"partner_iso3": "partner"})
    out.columns.name = None
    return out


def stated_trade(statements: pd.DataFrame, partners: tuple[str, ...] = ("IRN", "ISR")) -> pd.DataFrame:
    """Full-calendar-year turnover levels stated by officials and agencies (US$ billions), one row per
    statement; ``lower_bound`` where the note says the value was exceeded or surpassed."""
    rows = statements[
        statements["partner_iso3"].isin(partners)
        & (statements["period"] == "full_year")
        & (statements["measure"] == "turnover")
        & statements["value_usd_bn"].notna()
    ]
    out = rows[["statement_id", "partner_iso3", "year", "value_usd_bn", "claimant", "source_ids", "note"]].copy()
    out["lower_bound"] = statements_rules.lower_bound(out["note"])
    out = out.rename(columns={"partner_iso3": "partner"}).sort_values(["partner", "year", "statement_id"])
    out["value_usd_bn"] = out["value_usd_bn"].astype(float)
    return out.reset_index(drop=True)


def trade_coverage(imf: pd.DataFrame, stated: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Per partner: years covered by IMF turnover, by IMF exports, by stated full-year levels, and
    statements that give growth only (no level)."""
    rows = []
    for p in sorted(set(imf["partner"]) | set(stated["partner"])):
        i = imf[imf["partner"] == p]
        s = reliability.usable(stated[stated["partner"] == p])  # shown-only rows cover nothing
        g = reliability.usable(statements[(statements["partner_iso3"] == p) & statements["value_usd_bn"].isna()])

        def span(years):
            years = sorted(int(y) for y in years)
            if not years:
                return "none"
            return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"

        rows.append(
            {
                "partner": _name(p),
                "IMF: exports + imports": span(i.loc[i["turnover"].notna(), "year"]),
                "IMF: exports only": span(i.loc[i["turnover"].isna() & i["exports"].notna(), "year"]),
                "stated full-year levels": ", ".join(str(int(y)) for y in sorted(set(s["year"]))) or "none",
                "growth-only statements (years)": ", ".join(str(int(y)) for y in sorted(set(g["year"]))) or "none",
            }
        )
    return pd.DataFrame(rows)


def plot_trade(
    imf: pd.DataFrame,
    stated: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    until: int | None = None,
) -> None:
    """Lines: IMF turnover (exports + imports, Russia's reports); crosses: IMF exports in years without
    imports; circles: stated full-year turnover (triangles: lower bounds), faded where the statement
    rests only on low-confidence sources. The x-axis runs to ``until`` so that the years without any
    figure show as empty."""
    fig, ax = style.figure("wide")
    any_weak = False
    for p in sorted(set(imf["partner"]) | set(stated["partner"])):
        colour = style.colour(p)
        i = imf[imf["partner"] == p].sort_values("year")
        full = i[i["turnover"].notna()]
        ax.plot(full["year"], full["turnover"], color=colour, linewidth=2, label=f"{_name(p)}: IMF, exports + imports")
        only = i[i["turnover"].isna() & i["exports"].notna()]
        if len(only):
            ax.scatter(
                only["year"],
                only["exports"],
                marker="x",
                s=50,
                color=colour,
                linewidth=2,
                label=f"{_name(p)}: IMF, Russia's exports only (imports not reported)",
            )
        s = stated[stated["partner"] == p]
        weak = (reliability.confidence(s) == reliability.LOW).to_numpy()
        for kind, marker, size in (
            ("stated by officials or agencies", "o", 46),
            ("stated lower bound ('exceeded')", "^", 60),
        ):
            rows = s[~s["lower_bound"]] if marker == "o" else s[s["lower_bound"]]
            low = weak[~s["lower_bound"].to_numpy()] if marker == "o" else weak[s["lower_bound"].to_numpy()]
            if len(rows):  # the legend shows the marker unfaded, whatever the rows' confidence
                ax.scatter(
                    [],
                    [],
                    s=size,
                    marker=marker,
                    facecolor="white",
                    edgecolor=colour,
                    linewidth=1.8,
                    label=f"{_name(p)}: {kind}",
                )
            for faded in (False, True):
                part = rows[low == faded]
                if len(part):
                    ax.scatter(
                        part["year"],
                        part["value_usd_bn"],
                        s=size,
                        marker=marker,
                        facecolor="white",
                        edgecolor=colour,
                        linewidth=1.8,
                        alpha=0.35 if faded else 1.0,
                        zorder=3,
                    )
        any_weak = any_weak or bool(weak.any())
    last = int(max(imf["year"].max(), stated["year"].max()))
    if until and until > last:
        ax.axvspan(last + 0.5, until + 0.5, color="#EEEEEE", zorder=0)
        ax.text(
            (last + until + 1) / 2, 0.3, "no level\nstated", ha="center", va="bottom", fontsize=8.5, color="#666666"
        )
        ax.set_xlim(right=until + 0.5)
    ax.set_xlabel("Calendar year")
    ax.set_ylabel("Goods trade, US$ billions\n(current prices)")
    ax.set_ylim(0, max(imf["turnover"].max(), stated["value_usd_bn"].max()) * 1.6)
    if any_weak:
        ax.scatter(
            [],
            [],
            s=46,
            facecolor="white",
            edgecolor="#555555",
            linewidth=1.8,
            alpha=0.35,
            label="faded marker: rests only on low-confidence sources",
        )
    ax.legend(loc="upper left", fontsize=8.5, ncols=2)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- arms


def arms_pairs(
    deals: pd.DataFrame, pairs: tuple[tuple[str, str], ...] = (("RUS", "IRN"), ("IRN", "RUS"), ("ISR", "RUS"))
) -> pd.DataFrame:
    """SIPRI deals per supplier→recipient pair: number of deals, order years, weapon types and TIV
    delivered (millions, up to 2023); a pair with no deal gets a row of zeros."""
    rows = []
    for s, r in pairs:
        d = deals[(deals["supplier_iso3"] == s) & (deals["recipient_iso3"] == r)]
        kinds = sorted(set(d["weapon_description"]))
        rows.append(
            {
                "supplier → recipient": f"{_name(s)} → {_name(r)}",
                "deals": len(d),
                "first order": str(int(d["order_year"].min())) if len(d) else "—",
                "last order": str(int(d["order_year"].max())) if len(d) else "—",
                "weapon types": ", ".join(kinds) if kinds else "—",
                "TIV delivered (millions)": round(float(d["tiv_delivered_millions"].fillna(0).sum()), 1),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- meetings and conduct


def contacts_per_year(
    contacts: pd.DataFrame,
    partners: tuple[str, ...] = ("ISR", "IRN"),
    state: str = "RUS",
    since: int | None = None,
    until: int | None = None,
    only_low: bool = False,
    levels: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Meetings and calls per year between ``state`` and each partner, by counterpart
    (``data/contacts.csv``, :func:`helpers.contacts.per_year`): a call with the US about Israel is
    not a contact with Israel. Contacts that rest only on low-confidence sources are not counted;
    ``only_low``: count those instead (what a chart states it left out). ``levels``: only contacts
    at these levels (``("leader",)``: leaders' contacts); ``None``: every level."""
    return contact_rules.per_year(
        contacts, partners, state, since, until, names=PARTNER_NAMES, not_counted=only_low, levels=levels
    )


def plot_meetings(
    table: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    codes: tuple[str, ...] = ("ISR", "IRN"),
    low: pd.DataFrame | None = None,
    partial: dict[int, str] | None = None,
    gaps: dict[str, tuple[int, ...]] | None = None,
) -> None:
    """Side-by-side bars per year for each pair (a table of :func:`contacts_per_year`: the contacts
    counted).

    ``low`` (same shape) counts the contacts left out because they rest only on low-confidence
    sources (``contacts_per_year(..., only_low=True)``): they are not drawn, and the legend states
    how many were left out. ``partial`` marks years the data do not cover in full (year → what they
    cover, e.g. ``{2026: "to 15 Jun"}``) under the year's tick. ``gaps`` (pair column → years)
    marks years whose count for that pair was searched less fully, so that a zero there is not a
    finding: a "?" stands in the bar's place and the legend says what it means. A pair or year not
    in the table is an error."""
    from matplotlib.patches import Patch

    pairs = [c for c in table.columns if c.count("–") == 1]
    partial = partial or {}
    gaps = gaps or {}
    for col, years in gaps.items():
        if col not in pairs or not set(years) <= set(table.index):
            raise ValueError(f"plot_meetings: gaps {col!r} {sorted(years)} are not a pair and years of the table")
    fig, ax = style.figure("wide")
    width = 0.4
    handles = []
    for i, (col, code) in enumerate(zip(pairs, codes)):
        xs = table.index + (i - 0.5) * width
        # hatching marks a year not covered in full, as on the collection's other bar charts;
        # the counterparts differ by colour and side
        hatches = ["//" if y in partial else None for y in table.index]
        ax.bar(xs, table[col], width=width, color=style.colour(code), hatch=hatches, edgecolor="white")
        handles.append(Patch(facecolor=style.colour(code), edgecolor="white", label=col))
        for y in gaps.get(col, ()):
            ax.text(y + (i - 0.5) * width, table.loc[y, col], "?", ha="center", va="bottom", color=style.colour(code))
    if gaps:
        handles.append(Patch(alpha=0, label="?: searched less fully; the count is a floor, a zero not established"))
    left_out = reliability.not_counted(int(low[pairs].to_numpy().sum()) if low is not None else 0, "contact")
    if left_out:
        handles.append(Patch(alpha=0, label=left_out))
    ax.set_xticks(
        list(table.index), [f"{y}\n({partial[y]})" if y in partial else str(y) for y in table.index], fontsize=9
    )
    ax.set_xlabel("Year (hatched: a year not covered in full, its span in brackets)" if partial else "Year")
    ax.set_ylabel("Meetings and calls recorded\n(count, by counterpart)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(handles=handles, loc="upper left")
    ax.grid(axis="x", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def war_windows(periods_table: pd.DataFrame | None = None) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """The war windows of ``data/periods.csv`` (label → first and last day, both inclusive)."""
    return {periods.label(pid, periods_table): periods.window(pid, periods_table) for pid in periods.WARS}


def conduct_summary(events: pd.DataFrame, periods_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per war window: Russian words, contacts, acts and material help (the one rule of
    :mod:`helpers.events`, the same count as notebook 03's)."""
    return ev_rules.conduct_by_window(events, war_windows(periods_table))


def conduct_acts(events: pd.DataFrame, periods_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Russian acts and material help in each war window, each with its text and sources."""
    return ev_rules.conduct_list(events, war_windows(periods_table))
