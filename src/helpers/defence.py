"""Defence limits: the obligation ladder, arms flows, the two war windows, what Russia gives and
withholds, and competing explanations of its restraint.

Pure functions on the frames of ``helpers.data.load`` (``treaties``, ``treaty_provisions``,
``treaty_milestones``, ``events``, ``arms_tiv``, ``arms_deals``) plus thin ``plot_*`` functions
that draw in the house style. Every rule below is written out so that a reader can check it:

- **Obligation ladder** (:data:`RUNGS`). A treaty's rank is the highest rung whose obligation a
  source says the text contains (``present`` = yes): mutual defence (4) > consultation in a crisis
  or joint defence measures (3) > neutrality / no assistance to an aggressor (2) > non-aggression
  (1) > none (0). A rung whose cells are all ``unknown`` is *unknown*, never *no*; the
  *ceiling* is the highest rung that is yes or unknown, so ``rank < ceiling`` says the treaty
  might rank higher if the unknown cells were settled.
- **Windows and lanes** come from :mod:`helpers.periods` (one window per war, both ends
  inclusive) and :mod:`helpers.events` (which events fall in a window; what counts as a Russian
  word, contact, act or material help). This module only composes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from . import arms, data, dates, obligations, periods, reliability, style
from . import events as ev_rules
from .obligations import OBLIGATION_LABELS, PRESENCE_COLOURS, combine_presence, treaty_labels  # noqa: F401

format_date = dates.fmt

# --------------------------------------------------------------------------- the obligation ladder
# The rungs, the ranking rule and the evidence table live in helpers.obligations (shared with
# notebook 06); this module draws them.

RUNGS, NO_COMMITMENT, UNKNOWN_RANK = obligations.RUNGS, obligations.NO_COMMITMENT, obligations.UNKNOWN_RANK
RUNGS_COW = obligations.RUNGS_COW
rung_value, ladder = obligations.rung_value, obligations.ladder


def variant_rungs(lad: pd.DataFrame, variant: pd.DataFrame) -> list[str]:
    """The rung of each treaty of ``lad`` (in its row order) on another ladder ``variant`` (the
    same treaties ranked in another order, e.g. :data:`RUNGS` beside :data:`RUNGS_COW`)."""
    other = dict(zip(variant["treaty_id"], variant["rung"]))
    missing = [t for t in lad["treaty_id"] if t not in other]
    if missing:
        raise KeyError(f"treaties {missing} are not on the variant ladder")
    return [other[t] for t in lad["treaty_id"]]


#: The column :func:`ladder_evidence` adds for the rung on a variant ladder.
VARIANT_COLUMN = "Rung, consultation above neutrality (variant)"


def ladder_evidence(provisions: pd.DataFrame, lad: pd.DataFrame, variant: pd.DataFrame | None = None) -> pd.DataFrame:
    """The clause that puts each treaty on its rung (:func:`helpers.obligations.ladder_evidence`)
    with the ``confidence`` of its sources beside the rung (``low``: the coding rests only on
    low-confidence sources; ``—``: no clause). ``variant``: the same treaties on another ladder
    (:data:`RUNGS` beside :data:`RUNGS_COW`); its rung is shown right after ``Rung``
    (:data:`VARIANT_COLUMN`, :func:`variant_rungs`)."""
    out = reliability.with_confidence(obligations.ladder_evidence(provisions, lad), after="Rung")
    if variant is not None:
        out.insert(out.columns.get_loc("Rung") + 1, VARIANT_COLUMN, variant_rungs(lad, variant))
    return out


#: Cell colours of the ladder chart, the same as the obligation matrix's (one category, one
#: colour across the collection): a clause found is coloured; "no" (the text has no such clause)
#: is a neutral grey, not a warning colour — absence of a clause is a finding, not a fault;
#: "unknown" (no source read settles it) is pale with dark text.
LADDER_COLOURS: dict[str, str] = dict(PRESENCE_COLOURS)
_LADDER_CODES = {value: i for i, value in enumerate(LADDER_COLOURS)}


def ladder_grid(lad: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`plot_ladder` draws: a treaty × rung frame of colour codes (index of
    :data:`LADDER_COLOURS`) and one of cell texts; rows labelled with the treaty, its rank and
    whether it could rank higher."""
    names = list(lad.attrs.get("rungs", RUNGS))
    rows = [
        f"{t}  ({r})" if s else f"{t}  ({r}; could be higher)"
        for t, r, s in zip(lad["treaty"], lad["rank"], lad["settled"])
    ]
    values = lad[names].copy()
    values.index = pd.Index(rows, name="treaty")
    codes = values.apply(lambda col: col.map(_LADDER_CODES)).astype(int)
    texts = values.replace({"not coded": "—"})
    return codes, texts


def plot_ladder(
    lad: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    low: Sequence[str] = (),
) -> None:
    """The ladder as a seaborn heatmap: treaties (rows, top rank first) × rungs (columns,
    strongest left), cells yes / no / unknown / not coded; a black frame marks the rung that
    sets each treaty's rank. ``low``: treaty ids whose rank-setting clause rests only on
    low-confidence sources — their frame is dashed and the cell reads "yes (weak source)"."""
    import textwrap

    import seaborn as sns
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    names = list(lad.attrs.get("rungs", RUNGS))
    codes, texts = ladder_grid(lad)
    weak = lad["treaty_id"].isin(list(low)).to_numpy()
    for i, (is_weak, rung) in enumerate(zip(weak, lad["rung"])):
        if is_weak and rung in names:
            texts.iloc[i, names.index(rung)] = "yes (weak source)"
    fig, ax = style.figure("wide")
    sns.heatmap(
        codes,
        ax=ax,
        cmap=ListedColormap(list(LADDER_COLOURS.values())),
        vmin=-0.5,
        vmax=len(LADDER_COLOURS) - 0.5,
        cbar=False,
        linewidths=3,
        linecolor="white",
        annot=texts.to_numpy(),
        fmt="",
        annot_kws={"fontsize": 9.5},
    )
    for text, code in zip(ax.texts, codes.to_numpy().ravel()):
        text.set_color(style.text_colour(list(LADDER_COLOURS.values())[int(code)]))  # by WCAG contrast
        if code == _LADDER_CODES["unknown"]:
            text.set_fontstyle("italic")
    for i, (rank, rung) in enumerate(zip(lad["rank"], lad["rung"])):
        if rank and rung in names:
            ax.add_patch(
                Rectangle(
                    (names.index(rung) + 0.04, i + 0.06),
                    0.92,
                    0.88,
                    fill=False,
                    edgecolor="black",
                    linewidth=2.2,
                    linestyle="--" if weak[i] else "-",
                )
            )
    ax.set_xticks([j + 0.5 for j in range(len(names))], [textwrap.fill(n, 16) for n in names], fontsize=9.5)
    ax.tick_params(axis="y", labelsize=10, rotation=0)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xlabel("Rung of the ladder (strongest obligation on the left)")
    ax.set_ylabel("Treaty (rank)")
    ax.tick_params(length=0)
    if weak.any():
        ax.legend(
            handles=[Rectangle((0, 0), 1, 1, fill=False, edgecolor="black", linestyle="--")],
            labels=["dashed frame: the clause rests only on low-confidence sources"],
            loc="upper left",
            bbox_to_anchor=(0.0, -0.02),
            fontsize=8.5,
            frameon=False,
        )
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- arms flows (SIPRI)

#: Colours of SIPRI armament categories (``all`` = the 1950–1999 release, which has none).
CATEGORY_COLOURS: dict[str, str] = {
    "all": "#BDBDBD",
    "Aircraft": style.PALETTE["blue"],
    "Air defence systems": style.PALETTE["vermillion"],
    "Armoured vehicles": style.PALETTE["orange"],
    "Artillery": style.PALETTE["yellow"],
    "Missiles": style.PALETTE["purple"],
    "Sensors": style.PALETTE["sky"],
    "Ships": style.PALETTE["green"],
    "Engines": "#6E6E6E",
    "Naval weapons": "#1B5E20",
    "Satellites": "#4A148C",
    "Other": style.PALETTE["black"],
}
ALL_LABEL = "No category (release of 2022: years before 2000)"

LOW_CONFIDENCE_LABEL = "grey italic mark: rests only on low-confidence sources"


def _low_confidence_handle():
    """A legend entry for annotations drawn from low-confidence rows (a grey dashed stem)."""
    from matplotlib.lines import Line2D

    return Line2D([], [], color=reliability.COLOUR, linestyle="--", linewidth=1)


def tiv_stack(tiv: pd.DataFrame, supplier: str, recipient: str, first: int, last: int) -> pd.DataFrame:
    """Delivered TIV (millions) per year (rows ``first``…``last``) and armament category
    (columns): 2000 on by SIPRI category, earlier years in one column :data:`ALL_LABEL`
    (that release has no categories). Years without deliveries are 0; categories ordered by
    total, largest first, the uncategorised column first."""
    years = pd.Index(range(first, last + 1), name="year")
    out = pd.DataFrame(index=years)
    if first < 2000:
        early = arms.tiv_by_year(tiv, [(supplier, recipient)], first, min(last, 1999)).iloc[:, 0]
        out[ALL_LABEL] = early.reindex(years, fill_value=0.0)
    if last >= 2000:
        cats = arms.tiv_by_category(tiv, (supplier, recipient), max(first, 2000), last)
        order = cats.sum().sort_values(ascending=False, kind="stable").index
        for c in order:
            out[c] = cats[c].reindex(years, fill_value=0.0)
    return out.fillna(0.0).astype(float)


def deals_both_ways(deals: pd.DataFrame, since: int, pair: tuple[str, str] = ("RUS", "IRN")) -> pd.DataFrame:
    """SIPRI deals ordered ``since`` or later in both directions of ``pair`` (``arms.deals``),
    with a ``direction`` column first."""
    a, b = pair
    parts = [arms.deals(deals, d, since=since).assign(direction=arms.dyad_label(d)) for d in ((a, b), (b, a))]
    out = pd.concat(parts, ignore_index=True)
    return out[["direction", *[c for c in out.columns if c != "direction"]]]


def deal_comment(deals: pd.DataFrame, designation_prefix: str, recipient: str = "IRN") -> str:
    """SIPRI's comment on the most recent deal whose designation starts with ``designation_prefix``
    for ``recipient`` ('' if none or no comment)."""
    sub = deals[deals["weapon_designation"].str.startswith(designation_prefix) & (deals["recipient_iso3"] == recipient)]
    sub = sub.sort_values("order_year").dropna(subset=["comments"])
    return "" if sub.empty else str(sub["comments"].iloc[-1])


#: Phrases for events of type ``other`` in :func:`milestone_marks`, read from the event's text
#: (first match wins): the type alone says nothing about what happened.
OTHER_PHRASES: tuple[tuple[str, str], ...] = ((r"\blift", "ban lifted"), (r"\bsuit\b", "suit filed"))


def milestone_marks(
    events: pd.DataFrame, pattern: str, actor: str = "IRN", phrases: dict[str, str] | None = None
) -> pd.DataFrame:
    """Events whose text matches ``pattern`` (a regex) and whose actors include ``actor``,
    grouped by year: ``year``, ``label`` (the phrases of their event types, in date order,
    statements left out of the label; an ``other`` event's phrase is read from its text,
    :data:`OTHER_PHRASES`, and left out when none matches), ``event_ids``, ``source_ids`` and
    ``low`` (every source of the year's events is low confidence:
    :func:`helpers.sources.low_confidence`)."""
    phrases = phrases or {
        "agreement": "contract",
        "sanction": "delivery ban",
        "delivery": "deliveries",
    }
    ev = events[
        events["event"].str.contains(pattern, regex=True)
        & events["actors_iso3"].str.split(";").apply(lambda a: actor in a)
    ].copy()
    ev["year"] = ev["date"].str[:4].astype(int)
    rows = []
    for year, grp in ev.sort_values(["date", "event_id"]).groupby("year", sort=True):
        words: list[str] = []
        for t, text in zip(grp["event_type"], grp["event"], strict=True):
            w = phrases.get(t)
            if t == "other" and w is None:
                w = next((p for rx, p in OTHER_PHRASES if re.search(rx, str(text))), None)
            if w and w not in words:
                words.append(w)
        rows.append(
            {
                "year": int(year),
                "label": ", ".join(words),
                "event_ids": ";".join(grp["event_id"]),
                "source_ids": ";".join(grp["source_ids"]),
            }
        )
    out = pd.DataFrame(rows, columns=["year", "label", "event_ids", "source_ids"])
    out["low"] = ev_rules.low_confidence(out).to_numpy()
    return out


def plot_tiv_stack(
    stack: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    marks: pd.DataFrame | None = None,
    mark_prefix: str = "",
    subtitle: str | None = None,
    ylabel: str = "SIPRI TIV delivered (millions)",
    size: str = "wide",
) -> None:
    """Stacked bars of :func:`tiv_stack`; ``marks`` (from :func:`milestone_marks`) are drawn as
    labelled pins above the bars of their years — in grey italics, on a dashed stem, where the
    mark rests only on low-confidence sources (``low``), and the legend then says so."""
    fig, ax = style.figure(size)
    bottom = np.zeros(len(stack))
    for col in stack.columns:
        if stack[col].sum() == 0:
            continue
        key = "all" if col == ALL_LABEL else col
        ax.bar(stack.index, stack[col], bottom=bottom, width=0.8, label=col, color=CATEGORY_COLOURS.get(key, "#999999"))
        bottom = bottom + stack[col].to_numpy()
    top = float(bottom.max()) if len(bottom) else 1.0
    if marks is not None and len(marks):
        totals = stack.sum(axis=1)
        for k, (_, m) in enumerate(marks.iterrows()):
            y0 = float(totals.get(m["year"], 0.0))
            y1 = top * (0.62 + 0.09 * (k % 4))  # four heights, so that neighbouring pins' labels do not meet
            weak = bool(m.get("low", False))
            ax.annotate(
                f"{mark_prefix}{m['year']}: {m['label']}",
                xy=(m["year"], y0),
                xytext=(m["year"], max(y1, y0 + top * 0.08)),
                ha="center",
                fontsize=8.5,
                color=reliability.COLOUR if weak else "#222222",
                fontstyle="italic" if weak else "normal",
                arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.8, "linestyle": "--" if weak else "-"},
            )
    ax.set_ylim(0, top * 1.12)
    ax.set_xlim(stack.index.min() - 0.7, stack.index.max() + 0.7)
    ax.set_xlabel("Year of delivery")
    ax.set_ylabel(ylabel)
    handles, labels = ax.get_legend_handles_labels()
    if marks is not None and "low" in marks and marks["low"].any():
        handles.append(_low_confidence_handle())
        labels.append(LOW_CONFIDENCE_LABEL)
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        fontsize=8.5,
        ncols=4,
        title="SIPRI armament category",
        title_fontsize=9,
    )
    ax.grid(axis="x", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_two_way(
    tiv: pd.DataFrame, first: int, last: int, title: str, source: str, alt: str, subtitle: str | None = None
) -> None:
    """Diverging stacked bars by category: Russia → Iran upwards, Iran → Russia downwards."""
    up = tiv_stack(tiv, "RUS", "IRN", first, last)
    down = tiv_stack(tiv, "IRN", "RUS", first, last)
    fig, ax = style.figure("wide")
    seen: set[str] = set()
    for frame, sign in ((up, 1), (down, -1)):
        base = np.zeros(len(frame))
        for col in frame.columns:
            if frame[col].sum() == 0:
                continue
            key = "all" if col == ALL_LABEL else col
            ax.bar(
                frame.index,
                sign * frame[col],
                bottom=sign * base,
                width=0.8,
                color=CATEGORY_COLOURS.get(key, "#999999"),
                label=None if col in seen else col,
            )
            seen.add(col)
            base = base + frame[col].to_numpy()
    ax.axhline(0, color="#333333", lw=0.8)
    hi = float(up.sum(axis=1).max()) * 1.2
    lo = float(down.sum(axis=1).max()) * 1.6
    ax.set_ylim(-lo, hi)
    ax.text(
        first - 0.5,
        hi * 0.9,
        arms.dyad_label(("RUS", "IRN")) + " ↑",
        fontsize=10,
        fontweight="bold",
        color=style.colour("RUS"),
    )
    ax.text(
        first - 0.5,
        -lo * 0.9,
        arms.dyad_label(("IRN", "RUS")) + " ↓",
        fontsize=10,
        fontweight="bold",
        color=style.colour("IRN"),
    )
    ax.set_xticks(
        range(first, last + 1), [str(y) if (y - first) % 2 == 0 or y == last else "" for y in range(first, last + 1)]
    )
    ax.set_xlim(first - 0.7, last + 0.7)
    ax.yaxis.set_major_formatter(lambda v, _: f"{abs(v):.0f}")
    ax.set_xlabel("Year of delivery")
    ax.set_ylabel("SIPRI TIV delivered (millions)")
    ax.legend(loc="upper right", fontsize=8.5)
    ax.grid(axis="x", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


#: A weapon designation in an event's text: letters, a hyphen, digits (Su-35, Mi-28, Fath-360).
DESIGNATION = re.compile(r"\b([A-Z][A-Za-z]*-\d+[A-Za-z0-9]*)\b")


def designations(text: str) -> list[str]:
    """The weapon designations named in a text, in order, without repeats (a plural ``s`` after
    the digits is dropped: ``Su-35s`` → ``Su-35``)."""
    out: list[str] = []
    for d in DESIGNATION.findall(str(text)):
        d = re.sub(r"(?<=\d)s$", "", d)
        if d not in out:
            out.append(d)
    return out


def sipri_check(
    events: pd.DataFrame,
    deals: pd.DataFrame,
    since: str,
    pair: tuple[str, str] = ("RUS", "IRN"),
    domains: tuple[str, ...] = ("arms",),
) -> pd.DataFrame:
    """Each reported arms event since ``since`` (ISO date) between the two states of ``pair``,
    set against SIPRI's register: the weapons the event names (:data:`DESIGNATION`), the
    SIPRI deals between the pair (either direction) with the same designation, and a status:

    - ``in SIPRI`` — every named weapon has a SIPRI deal with deliveries;
    - ``after SIPRI's last delivery year`` — the event falls after the register's last delivery
      year and a named weapon is not matched;
    - ``named weapon not in SIPRI`` — a named weapon has no SIPRI deal with deliveries;
    - ``no weapon named`` — nothing to match (e.g. shells, a factory, trainers).
    """
    a, b = pair
    pair_deals = deals[
        ((deals["supplier_iso3"] == a) & (deals["recipient_iso3"] == b))
        | ((deals["supplier_iso3"] == b) & (deals["recipient_iso3"] == a))
    ]
    delivered = pair_deals[pair_deals["number_delivered"].fillna(0) > 0]
    by_name = {str(d).lower(): d for d in delivered["weapon_designation"]}
    last_year = int(deals["last_delivery_year"].max())
    ev = ev_rules.in_window(events, since)
    ev = ev[ev["domain"].isin(domains)]
    ev = ev_rules.with_actors(ev, a, b)
    rows = []
    for _, e in ev.sort_values(["date", "event_id"]).iterrows():
        named = designations(e["event"])
        matched = [by_name[n.lower()] for n in named if n.lower() in by_name]
        missing = [n for n in named if n.lower() not in by_name]
        year = int(e["date"][:4])
        if not named:
            status = "no weapon named"
        elif not missing:
            status = "in SIPRI"
        elif year > last_year:
            status = "after SIPRI's last delivery year"
        else:
            status = "named weapon not in SIPRI"
        rows.append(
            {
                "event_id": e["event_id"],
                "date": e["date"],
                "event": e["event"],
                "weapons named": ", ".join(named) or "—",
                "SIPRI deal with deliveries": ", ".join(matched) or "—",
                "not in SIPRI": ", ".join(missing) or "—",
                "status": status,
                "note": "" if pd.isna(e["note"]) else str(e["note"]),
                "source_ids": e["source_ids"],
            }
        )
    out = reliability.with_confidence(pd.DataFrame(rows), after="date")
    out.attrs.update(events.attrs)
    out.attrs["sipri_last_delivery_year"] = last_year
    return out


# --------------------------------------------------------------------------- windows and lanes
# Selection in a window and the word / contact / act / material-help rule live in helpers.events;
# the war windows in data/periods.csv (helpers.periods). The names below are that module's.

STRIKES, RUS_WORDS, RUS_CONTACTS, RUS_ACTS, RUS_HELP, OTHERS = (
    ev_rules.STRIKES,
    ev_rules.RUS_WORDS,
    ev_rules.RUS_CONTACTS,
    ev_rules.RUS_ACTS,
    ev_rules.RUS_HELP,
    ev_rules.OTHERS,
)
CASE_LANES: tuple[str, ...] = ev_rules.LANES
CASE_COLOURS: dict[str, str] = {
    STRIKES: style.PALETTE["vermillion"],
    RUS_WORDS: style.PALETTE["sky"],
    RUS_CONTACTS: style.PALETTE["purple"],
    RUS_ACTS: style.PALETTE["blue"],
    RUS_HELP: style.PALETTE["green"],
    OTHERS: style.PALETTE["grey"],
}
#: short names of the Russian lanes, for tables
SHORT: dict[str, str] = {RUS_WORDS: "word", RUS_CONTACTS: "contact", RUS_ACTS: "act", RUS_HELP: "material help"}
classify = ev_rules.classify
in_window = ev_rules.in_window
lane_counts = ev_rules.lane_counts
window_label = dates.fmt_range


def lead(actors: str) -> str:
    """The leading actor of an ``actors_iso3`` cell (its first code)."""
    return ev_rules.actors(actors)[0]


def russian_days(window: pd.DataFrame, start, end) -> dict[str, int]:
    """Days of the window (inclusive), and how many of them have at least one Russian word,
    contact, act or material help of day precision in the table, and how many have none. Events
    that rest only on low-confidence sources are not counted (:func:`helpers.reliability.split`)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    window = reliability.usable(window)
    lanes = classify(window)
    russian = window[lanes.isin(ev_rules.RUSSIAN) & (window["date_precision"] == "day")]
    days = int((end - start).days) + 1
    with_ru = int(russian["first"].between(start, end).groupby(russian["first"]).any().sum())
    return {"days": days, "with Russian conduct": with_ru, "without": days - with_ru}


def window_summary(cases: dict[str, tuple[pd.DataFrame, object, object]]) -> pd.DataFrame:
    """One row per case (name → (window events, start, end)): first and last day, days, days with
    and without Russian conduct (:func:`russian_days`), then counted events per lane in the lanes
    of the war chart (:data:`WAR_LANES`: Iran's words and requests about Russia apart from
    'Others', as :func:`war_lanes` draws them)."""
    rows = []
    for name, (window, start, end) in cases.items():
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        row: dict[str, object] = {"case": name, "from": dates.fmt(start), "to": dates.fmt(end)}
        days = russian_days(window, start, end)
        row["days"] = days["days"]
        row["days with a Russian word, contact or act"] = days["with Russian conduct"]
        row["days without"] = days["without"]
        counts = lane_counts(window).set_index("lane")["events"]
        iran = int((war_lanes(reliability.usable(window)) == IRAN_TO_RUSSIA).sum())
        for lane_name in WAR_LANES:
            if lane_name == IRAN_TO_RUSSIA:
                row[lane_name] = iran
            else:
                row[lane_name] = int(counts[lane_name]) - (iran if lane_name == ev_rules.OTHERS else 0)
        rows.append(row)
    return pd.DataFrame(rows)


def case_table(window: pd.DataFrame, lanes: Sequence[str] = ev_rules.RUSSIAN) -> pd.DataFrame:
    """The events of ``lanes`` in a window, in date order: date, confidence (of the sources,
    :func:`helpers.reliability.confidence`), lane, event, sources, note."""
    lane = classify(window)
    sub = window[lane.isin(lanes)].copy()
    sub["lane"] = lane[lane.isin(lanes)]
    out = pd.DataFrame(
        {
            "event_id": sub["event_id"],
            "date": [format_date(d, p) for d, p in zip(sub["date"], sub["date_precision"])],
            "lane": sub["lane"].map(SHORT),
            "event": sub["event"],
            "source_ids": sub["source_ids"],
            "note": sub["note"].fillna(""),
        }
    ).reset_index(drop=True)
    out = reliability.with_confidence(out, after="date")
    out.attrs.update(window.attrs)
    return out


def plot_case(
    window: pd.DataFrame,
    start,
    end,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    marks: dict[str, str] | None = None,
) -> None:
    """Day-by-day timeline of a window: one row per lane (:data:`CASE_LANES`), one dot per day
    and lane (its size and number: events that day); a month-precision event is a bar over the
    part of its month inside the window. ``marks`` (event id → short label) get a dashed
    vertical line with the label."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    ev = window.assign(lane=classify(window))
    fig, ax = style.figure("wide")
    lanes = list(CASE_LANES)
    ypos = {name: len(lanes) - 1 - i for i, name in enumerate(lanes)}
    for eid, text in (marks or {}).items():
        day = ev.loc[ev["event_id"] == eid, "first"].iloc[0]
        ax.axvline(day, color=style.PALETTE["vermillion"], lw=0.9, ls="--", alpha=0.6, zorder=1)
        ax.text(day, len(lanes) - 0.45, text, ha="center", va="bottom", fontsize=8, color=style.PALETTE["vermillion"])
    counts_all = ev_rules.day_counts(window)
    spans = ev_rules.coarse_spans(window, start, end)
    for name in lanes:
        colour = CASE_COLOURS[name]
        counts = counts_all[counts_all["lane"] == name].set_index("day")["events"]
        y = ypos[name]
        ax.scatter(
            counts.index,
            [y] * len(counts),
            s=70 + 120 * (counts.to_numpy() - 1),
            color=colour,
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
        )
        for day, n in counts.items():
            if n > 1:
                ax.text(
                    day, y, str(n), ha="center", va="center", fontsize=9, color="white", fontweight="bold", zorder=4
                )
        for k, e in enumerate(spans[spans["lane"] == name].itertuples()):
            yy = y - 0.28 - 0.12 * k
            ax.plot([e.lo, e.hi], [yy, yy], color=colour, lw=2.2, alpha=0.55, solid_capstyle="butt", zorder=2)
            ax.text(e.hi, yy, " (month only)", va="center", fontsize=8.5, color="#444444")
    ax.set_yticks([ypos[n] for n in lanes], lanes)
    ax.set_ylim(-0.8, len(lanes) - 0.2)
    ax.set_xlim(start - pd.Timedelta(hours=18), end + pd.Timedelta(hours=18))
    days = (end - start).days
    if days <= 20:
        ticks = pd.date_range(start, end, freq="D")
        ax.set_xticks(ticks, [f"{t.day}" for t in ticks])
        month = f" ({start.strftime('%B %Y')})" if start.month == end.month else ""
        ax.set_xlabel(f"Day{month}")
    else:
        ticks = pd.date_range(start, end, freq="7D")
        ax.set_xticks(ticks, [t.strftime("%-d %b") for t in ticks])
        ax.set_xlabel("Day (ticks every 7 days; a line instead of a dot: only the month is known)")
    ax.set_ylabel("Lane")
    ax.grid(axis="y", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


# --------------------------------------------------------------------------- the treaty in force


def in_force_claims(milestones: pd.DataFrame, treaty_id: str, start, end) -> pd.DataFrame:
    """Each claim of ``treaty_id``'s entry into force, set against a window: the claimed date
    (as precise as the source), when relative to the window (``before``, ``during``, ``after``;
    a month-precision claim whose month overlaps the window is ``same month``), sources, note."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = milestones[(milestones["treaty_id"] == treaty_id) & (milestones["milestone"] == "in_force")]
    out = []
    for _, r in rows.sort_values("date").iterrows():
        lo, hi = dates.span(r["date"], r["date_precision"])
        when = {
            dates.BEFORE: "before the window",
            dates.AFTER: "after the window",
            dates.INSIDE: "during the window",
            dates.OVERLAPS: "same month as the window",
        }[dates.placement(lo, hi, start, end)]
        out.append(
            {
                "claimed entry into force": format_date(r["date"], r["date_precision"]),
                "precision": r["date_precision"],
                "relative to the window": when,
                "source_ids": r["source_ids"],
                "note": "" if pd.isna(r["note"]) else r["note"],
            }
        )
    frame = reliability.with_confidence(pd.DataFrame(out))
    frame.attrs.update(milestones.attrs)
    return frame


#: Words and acts saying that no military help is owed, asked or given (matched in event texts).
WITHHOLD_PATTERN = (
    r"(?i)asked Russia for military|no military (?:aid|help|assistance)|defen[cs]e clause"
    r"|combat operations for Iran|not our war|no military alliance"
)
#: Russian contacts with Iranian leaders, and with the attacking side's leaders (event texts).
IRAN_CONTACTS = r"Pezeshkian|Araghchi|Tehran|Khamenei|Iranian (?:president|foreign minister|leader)"
ATTACKER_CONTACTS = r"Netanyahu|Trump|Witkoff|Vance"


def _has(actors: str, code: str) -> bool:
    return ev_rules.has_all(actors, code)


#: How events in a window bear on an obligation: obligation → (what we look for, a predicate on an
#: event row). The predicates read only the event's lane, type, domain, actors and text.
CONDUCT_RULES: dict[str, tuple[str, Callable[[pd.Series], bool]]] = {
    "defense": (
        "Russian words or acts on military help for Iran",
        lambda e: e["lane"] in ev_rules.RUSSIAN and bool(re.search(WITHHOLD_PATTERN, e["event"])),
    ),
    "non_assistance_aggressor": (
        "Russian calls or meetings with the attacking side's leaders",
        lambda e: e["lane"] == RUS_CONTACTS and bool(re.search(ATTACKER_CONTACTS, e["event"])),
    ),
    "consultation": (
        "Russian calls and meetings with Iranian leaders",
        lambda e: e["lane"] == RUS_CONTACTS and bool(re.search(IRAN_CONTACTS, e["event"])),
    ),
    "intelligence_security": (
        "Reports or denials of intelligence sharing",
        lambda e: bool(re.search(r"(?i)intelligence", e["event"])) and _has(e["actors_iso3"], "RUS"),
    ),
    "military_technical": (
        "Arms events between Russia and Iran",
        lambda e: e["domain"] == "arms" and _has(e["actors_iso3"], "RUS") and _has(e["actors_iso3"], "IRN"),
    ),
}


def _matches(ev: pd.DataFrame, rules: dict) -> dict[str, list[bool]]:
    """For each rule of ``rules`` (name → (text, predicate on an event row)): whether each row of
    ``ev`` matches it, in row order. Every row is built once (as ``iterrows`` builds it) and shown
    to every predicate, instead of once per rule."""
    bare = ev.copy(deep=False)
    bare.attrs = {}  # a row need not carry the table's metadata (copying it per row is slow)
    rows = [e for _, e in bare.iterrows()]
    return {name: [bool(pred(e)) for e in rows] for name, (_, pred) in rules.items()}


def treaty_conduct(
    provisions: pd.DataFrame,
    window: pd.DataFrame,
    treaty_ids: Sequence[str],
    labels: dict[str, str],
    rules: dict = CONDUCT_RULES,
) -> pd.DataFrame:
    """What each treaty in ``treaty_ids`` says on the obligations of ``rules`` (yes / no /
    unknown, with the article where a source gives it) beside the events of the window that bear
    on it (ids, by the rule's predicate). One row per obligation. Cells are read as counted
    (:func:`helpers.obligations.counted`: a yes or no resting only on low-confidence sources is
    unknown)."""
    provisions = obligations.counted(provisions)
    ev = window.assign(lane=classify(window))
    matched = _matches(ev, rules)
    rows = []
    for ob, (looked_for, _pred) in rules.items():
        row: dict[str, object] = {"obligation": OBLIGATION_LABELS.get(ob, ob)}
        for tid in treaty_ids:
            sub = provisions[(provisions["treaty_id"] == tid) & (provisions["obligation"] == ob)]
            value = combine_presence(sub["present"])
            arts = [f"Art. {a}" for a in sub.loc[sub["present"] == "yes", "article"].dropna().unique()]
            row[labels[tid]] = value + (f" ({', '.join(arts)})" if arts else "")
        hits = ev[matched[ob]] if len(ev) else ev
        row["what we look for in the window"] = looked_for
        row["events"] = len(hits)
        row["event ids"] = ", ".join(hits["event_id"]) or "—"
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- gives and withholds

#: The category of :data:`GIVES` for UN votes, drafts and the snapback dispute.
UN_COVER = "Diplomatic cover at the UN (votes, drafts, snapback)"
#: What Russia gives Iran short of defence: category → (rule text, predicate on an event row).
#: Every predicate also requires Russia and Iran among the event's actors (see :func:`support_ledger`).
GIVES: dict[str, tuple[str, Callable[[pd.Series], bool]]] = {
    "Public condemnation of attacks and threats against Iran": (
        "Russian statements that condemn (diplomacy domain)",
        lambda e: e["lane"] == RUS_WORDS and e["domain"] == "diplomacy" and bool(re.search(r"(?i)condemn", e["event"])),
    ),
    UN_COVER: (
        "UN votes led by Russia, and votes or statements on UN sanctions",
        lambda e: (
            (e["event_type"] == "vote" and lead(e["actors_iso3"]) == "RUS" and _has(e["actors_iso3"], "UN"))
            or (e["domain"] == "sanctions" and e["event_type"] in ("vote", "statement"))
        ),
    ),
    "Arms and military technology": (
        "arms contracts and deliveries led by Russia (Russia the supplier)",
        lambda e: (
            e["domain"] == "arms" and lead(e["actors_iso3"]) == "RUS" and e["event_type"] in ("agreement", "delivery")
        ),
    ),
    "Military contacts and exercises": (
        "joint exercises and military agreements (military domain)",
        lambda e: (
            e["domain"] == "military"
            and e["event_type"] in ("military_action", "meeting", "agreement")
            and not _has(e["actors_iso3"], "USA")
            and not _has(e["actors_iso3"], "ISR")
        ),
    ),
    "Space launches": (
        "space events (Russian rockets launching Iranian satellites)",
        lambda e: e["domain"] == "space",
    ),
    "Nuclear energy": (
        "nuclear agreements and deliveries",
        lambda e: e["domain"] == "nuclear" and e["event_type"] in ("agreement", "delivery"),
    ),
    "Economy, energy and transport": (
        "agreements and economic steps (payments, trade, gas, railway loan)",
        lambda e: e["domain"] in ("economy", "energy", "transport") and e["event_type"] in ("agreement", "economic"),
    ),
}


def _row(side: str, category: str, hits: pd.DataFrame) -> dict[str, object]:
    last = hits.iloc[-1]
    return {
        "side": side,
        "category": category,
        "events": len(hits),
        "years": f"{hits['date'].str[:4].min()}–{hits['date'].str[:4].max()}",
        "latest": f"{format_date(last['date'], last['date_precision'])}: {last['event']}",
        "evidence": ", ".join(hits["event_id"]),
        "source_ids": ";".join(hits["source_ids"]),
    }


def gives_events(events: pd.DataFrame, since: str, gives: dict | None = None) -> pd.DataFrame:
    """The events since ``since`` with Russia and Iran among the actors that match a category of
    ``gives`` (default :data:`GIVES`), one row per event and category, with ``category`` and
    ``lane`` columns, in date order."""
    return _gives(_russia_and_iran(events, since), events, gives or GIVES)


def russia_and_iran(events: pd.DataFrame, since: str) -> pd.DataFrame:
    """The events since ``since`` with Russia and Iran among the actors that findings may rest on
    (:func:`helpers.reliability.usable`): the baseline of :func:`gives_in_context`."""
    return reliability.usable(_russia_and_iran(events, since))


def _russia_and_iran(events: pd.DataFrame, since: str) -> pd.DataFrame:
    """The events since ``since`` with Russia and Iran among the actors, with their ``lane``,
    ordered by date and id (what :func:`gives_events` and :func:`support_ledger` select from)."""
    ev = ev_rules.in_window(events, since)
    ev["lane"] = classify(ev)
    both = ev["actors_iso3"].map(lambda a: ev_rules.has_all(a, "RUS", "IRN"))
    return ev[both].sort_values(["date", "event_id"])


def _gives(ev: pd.DataFrame, events: pd.DataFrame, gives: dict) -> pd.DataFrame:
    matched = _matches(ev, gives)
    parts = [ev[matched[cat]].assign(category=cat) for cat in gives]
    out = pd.concat(parts, ignore_index=True) if parts else ev.assign(category=[])
    out.attrs.update(events.attrs)
    return out


def gives_by_year(hits: pd.DataFrame, categories: Sequence[str], low_only: bool = False) -> pd.DataFrame:
    """Events of :func:`gives_events` per category (rows, in ``categories`` order) and year
    (columns, every year from the first to the last, zeros included). ``low_only``: count only
    the events that rest only on low-confidence sources (same rows and columns)."""
    all_years = hits["date"].str[:4].astype(int)
    cols = range(int(all_years.min()), int(all_years.max()) + 1)
    if low_only:
        hits = hits[ev_rules.low_confidence(hits)]
    years = hits["date"].str[:4].astype(int)
    table = pd.crosstab(hits["category"], years)
    table = table.reindex(index=list(categories), columns=cols, fill_value=0)
    table.columns.name = "year"
    return table.astype(int)


#: Events of one category at most this many days apart (from one's last possible day to the
#: next one's first) belong to one episode (:func:`episodes`).
EPISODE_GAP_DAYS = 30


def episodes(hits: pd.DataFrame, gap_days: int = EPISODE_GAP_DAYS) -> pd.Series:
    """The episode of each event of :func:`gives_events` (same index): events of one category
    follow each other in date order, and a new episode begins when an event's first possible day
    comes more than ``gap_days`` after the last possible day of every event before it in the
    category. Episodes are numbered 1, 2, … within each category."""
    out = pd.Series(0, index=hits.index, dtype=int)
    for _, grp in hits.sort_values(["first", "event_id"]).groupby("category", sort=False):
        number, reach = 0, None
        for idx, first, last in zip(grp.index, grp["first"], grp["last"]):
            if reach is None or (first - reach).days > gap_days:
                number += 1
            reach = last if reach is None else max(reach, last)
            out.at[idx] = number
    return out


def gives_in_context(
    events: pd.DataFrame,
    hits: pd.DataFrame,
    since: str,
    category: str,
    label: str | None = None,
    gap_days: int = EPISODE_GAP_DAYS,
) -> pd.DataFrame:
    """What the yearly counts of :func:`gives_events` rest on, per year (columns, as
    :func:`gives_by_year`), counted events only (:func:`helpers.reliability.usable`): every
    curated event since ``since`` with Russia and Iran among the actors (the baseline), the events
    that match a category of support and their share of the baseline, the same as episodes
    (:func:`episodes`, counted in the year each begins), and the events and episodes of one
    ``category`` (rows named by ``label``, default the category)."""
    base = russia_and_iran(events, since)
    counted = reliability.usable(hits)
    counted = counted.assign(episode=episodes(counted, gap_days))
    years = pd.concat([hits["date"], base["date"]]).str[:4].astype(int)  # a baseline-only year shows too
    cols = list(range(int(years.min()), int(years.max()) + 1))

    def per_year(frame: pd.DataFrame) -> pd.Series:
        return frame["date"].str[:4].astype(int).value_counts().reindex(cols, fill_value=0)

    starts = counted.sort_values(["first", "event_id"]).drop_duplicates(["category", "episode"])
    one = counted["category"] == category
    support = per_year(counted.drop_duplicates("event_id"))
    baseline = per_year(base)
    label = label or category
    out = pd.DataFrame(
        {
            "all Russia–Iran events": baseline,
            "support: events": support,
            "support: % of all events": (100 * support / baseline.where(baseline > 0)).round(0),
            "support: episodes": per_year(starts),
            f"{label}: events": per_year(counted[one]),
            f"{label}: episodes": per_year(starts[starts["category"] == category]),
        }
    ).T.astype("Int64")
    out.columns.name = "year"
    out.attrs.update(events.attrs)
    return out


def _hollow_legend(ax, edge: str, text: str, y: float) -> None:
    """The one-entry legend under a chart that says what a hollow dot (edge colour ``edge``) means,
    anchored at ``y`` (axes fraction) below the plot."""
    from matplotlib.lines import Line2D

    hollow = Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=edge)
    ax.legend([hollow], [text], loc="upper left", bbox_to_anchor=(0.0, y), fontsize=8.5, frameon=False)


def plot_gives(
    table: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    low: pd.DataFrame | None = None,
    last_day: object = None,
) -> None:
    """A dot matrix of :func:`gives_by_year`: one row per category, one column per year, dot area
    and number = events. ``low`` (the same table counted over the events that rest only on
    low-confidence sources) marks a cell whose events all do as a hollow dot and one where some
    do with an asterisk; the legend says so. ``last_day`` (the last date the data reach) labels
    the last column as a partial year."""
    fig, ax = style.figure("wide")
    n = len(table)
    weak = (low if low is not None else table * 0).reindex_like(table).fillna(0).astype(int)
    marked = False
    for i, (cat, row) in enumerate(table.iterrows()):
        y = n - 1 - i
        for year, count in row.items():
            if not count:
                continue
            k = int(weak.at[cat, year])
            hollow = k == count
            marked = marked or k > 0
            ax.scatter(
                [year],
                [y],
                s=90 + 110 * (count - 1),
                facecolor="white" if hollow else style.colour("RUS"),
                edgecolor=style.colour("RUS"),
                linewidth=1.5,
                zorder=3,
            )
            ax.text(
                year,
                y,
                f"{count}*" if 0 < k < count else str(count),
                ha="center",
                va="center",
                color=style.colour("RUS") if hollow else "white",
                fontsize=9,
                fontweight="bold",
                zorder=4,
            )
    years = list(table.columns)
    ticks = [str(c) for c in years]
    if last_day is not None:
        ticks[-1] = f"{years[-1]}\n(to {dates.fmt(last_day)})"
    ax.set_yticks(range(n), list(reversed(table.index.tolist())), fontsize=9.5)
    ax.set_xticks(years, ticks)
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("Year of the event")
    ax.set_ylabel("What Russia gives")
    ax.grid(axis="y", visible=False)
    if marked:
        _hollow_legend(
            ax,
            style.colour("RUS"),
            "* or hollow: some or all of the cell's events rest only on low-confidence sources",
            -0.27,
        )
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def support_ledger(
    events: pd.DataFrame, provisions: pd.DataFrame, treaty_id: str, since: str, gives: dict = GIVES
) -> pd.DataFrame:
    """What Russia gives Iran since ``since`` (ISO date) and what it withholds.

    *Gives*: one row per category of ``gives`` — events with Russia and Iran among the actors that
    match the category's rule (count, years, latest event, ids, sources). *Withholds*: the
    obligations a source says ``treaty_id`` lacks (``present`` = no, with the quote), and Russian
    words or acts (lanes of :func:`classify`) matching :data:`WITHHOLD_PATTERN`. Provisions are
    read as counted (:func:`helpers.obligations.counted`)."""
    provisions = obligations.counted(provisions)
    ev = _russia_and_iran(events, since)
    hits_all = _gives(ev, events, gives or GIVES)
    rows = []
    for cat in gives:
        hits = hits_all[hits_all["category"] == cat]
        if len(hits):
            rows.append(_row("gives", cat, hits))
    absent = provisions[(provisions["treaty_id"] == treaty_id) & (provisions["present"] == "no")]
    for _, p in absent.sort_values("provision_id").iterrows():
        rows.append(
            {
                "side": "withholds",
                "category": f"Treaty: {OBLIGATION_LABELS.get(p['obligation'], p['obligation'])}",
                "events": 0,
                "years": "—",
                "latest": f"“{p['quote']}” — {p['quote_by']}",
                "evidence": p["source_ids"].replace(";", "; "),
                "source_ids": p["source_ids"],
            }
        )
    russian = ev["lane"].isin(ev_rules.RUSSIAN)
    words = ev[russian & ev["event"].str.contains(WITHHOLD_PATTERN, regex=True)]
    if len(words):
        rows.append(_row("withholds", "Russian words and acts: no military help owed, asked or announced", words))
    out = pd.DataFrame(rows)
    out.attrs["file"] = "data/events.csv and data/treaty_provisions.csv"
    return out


# --------------------------------------------------------------------------- explanations


def _brief(events: pd.DataFrame, ids: Sequence[str], width: int = 60) -> str:
    ev = events.set_index("event_id")
    parts = []
    for i in ids:
        if i not in ev.index:
            raise KeyError(f"unknown event id {i!r}")
        text = str(ev.at[i, "event"])
        text = text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
        parts.append(f"{i} ({format_date(ev.at[i, 'date'], ev.at[i, 'date_precision'])}): {text}")
    return "; ".join(parts)


def explanations_table(events: pd.DataFrame, explanations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The competing explanations of Russia's restraint (``data/explanations.csv``, our
    interpretation) with their evidence written out from the events table (id, date, the start of
    the event's text) and every cited event's sources in ``source_ids``."""
    table = data.load("explanations") if explanations is None else explanations
    ev = events.set_index("event_id")
    rows = []
    for x in table.to_dict("records"):
        supports, weakens = data.split_list(x["supports"]), data.split_list(x["weakens"])
        rows.append(
            {
                "explanation (interpretation)": x["explanation"],
                "evidence for": _brief(events, supports),
                "evidence against": _brief(events, weakens),
                "our reading": x["why"],
                "source_ids": ";".join(ev.loc[supports + weakens, "source_ids"]),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["file"] = "data/events.csv"
    return out


# --------------------------------------------------------------------------- the Iranian lane

IRAN_TO_RUSSIA = "Iran: words and requests about Russia"


def iran_about_russia(window: pd.DataFrame) -> pd.Series:
    """True for the events of a window that are Iran's own words or requests involving Russia:
    led by Iran (first actor), with Russia among the actors, not a military action and not tagged
    unconfirmed or non-official (:func:`helpers.events.not_conduct`: the rule Russia's lanes follow)."""
    first = window["actors_iso3"].map(lambda a: ev_rules.actors(a)[0])
    has_rus = window["actors_iso3"].map(lambda a: ev_rules.has_all(a, "RUS"))
    conduct = ~window["note"].map(ev_rules.not_conduct) if "note" in window else True
    return (first == "IRN") & has_rus & (window["event_type"] != "military_action") & conduct


def war_lanes(window: pd.DataFrame) -> pd.Series:
    """The lane of each event of a war window: the shared classification
    (:func:`helpers.events.classify`), except that Iran's own words and requests involving Russia
    get a lane of their own (:data:`IRAN_TO_RUSSIA`) instead of 'Others'."""
    lanes = ev_rules.classify(window).copy()
    lanes[iran_about_russia(window) & (lanes == ev_rules.OTHERS)] = IRAN_TO_RUSSIA
    return lanes


WAR_LANES: tuple[str, ...] = (ev_rules.STRIKES, *ev_rules.RUSSIAN, IRAN_TO_RUSSIA, ev_rules.OTHERS)


# --------------------------------------------------------------------------- tests of explanations


def test_window(
    test: pd.Series, periods_frame: pd.DataFrame | None = None
) -> list[tuple[pd.Timestamp, pd.Timestamp | None]]:
    """The window(s) of one row of ``explanations_tests``: a war period, both wars, or dated bounds
    (an empty end is open)."""
    w = test["window"]
    if w == "both-wars":
        return [periods.window(p, periods_frame) for p in periods.WARS]
    if w == "dated":
        if pd.isna(test["window_from"]):
            raise ValueError(f"explanations_tests, test {test['test_id']}: a dated window needs window_from")
        hi = None if pd.isna(test["window_to"]) else pd.Timestamp(test["window_to"])
        return [(pd.Timestamp(test["window_from"]), hi)]
    return [periods.window(w, periods_frame)]


def test_hits(test: pd.Series, events: pd.DataFrame, periods_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events that count as the test's implication being observed (rules in the test's row):
    in the window, of the domains and types listed, with every actor of ``actors_all``, at least
    one of ``actors_any`` (when given), led by ``lead`` (when given), text matching
    ``text_pattern`` (when given)."""
    return _test_hits(test, events, periods_frame, ev_rules.in_window)


def _test_hits(
    test: pd.Series,
    events: pd.DataFrame,
    periods_frame: pd.DataFrame | None,
    in_window_of: Callable[[pd.DataFrame, object, object], pd.DataFrame],
) -> pd.DataFrame:
    parts = [in_window_of(events, lo, hi) for lo, hi in test_window(test, periods_frame)]
    hits = pd.concat(parts, ignore_index=True).drop_duplicates("event_id")
    # Each rule narrows the positions still kept (rules read only the rows that passed the ones
    # before); the frame is cut once at the end.
    keep = np.arange(len(hits))
    for col, field in (("event_domains", "domain"), ("event_types", "event_type")):
        if not pd.isna(test[col]) and str(test[col]):
            keep = keep[hits[field].isin(str(test[col]).split(";")).to_numpy(dtype=bool)[keep]]
    codes = str(test["actors_all"]).split(";")
    cells = hits["actors_iso3"].to_numpy(dtype=object)
    keep = keep[np.array([ev_rules.has_all(cells[i], *codes) for i in keep], dtype=bool)]
    anyof = test.get("actors_any")
    if not data.blank(anyof):
        alternatives = set(str(anyof).split(";"))
        keep = keep[np.array([bool(alternatives & set(ev_rules.actors(cells[i]))) for i in keep], dtype=bool)]
    lead = test.get("lead")
    if lead is not None and not pd.isna(lead) and str(lead):
        keep = keep[np.array([ev_rules.actors(cells[i])[0] == lead for i in keep], dtype=bool)]
    if not pd.isna(test["text_pattern"]) and str(test["text_pattern"]):
        text = hits["event"].iloc[keep]
        keep = keep[text.str.contains(str(test["text_pattern"]), case=False, regex=True).to_numpy(dtype=bool)]
    hits = hits.iloc[keep]
    return hits.sort_values(["first", "event_id"]).reset_index(drop=True)


def run_tests(tests: pd.DataFrame, events: pd.DataFrame, periods_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Apply every consistency check (``data/explanations_tests.csv``) to the events: the events
    found, whether the implication was met (``present`` with at least one event, or ``absent``
    with none), the reading the row gives for that outcome, the weight it can carry, and ``confidence`` (the strongest source
    of the events found). Events that rest only on low-confidence sources
    (:func:`helpers.reliability.split`) and reports tagged unconfirmed
    (:func:`helpers.events.unconfirmed`: a report no government confirmed, or denied, is no evidence
    that the conduct happened) are not counted: no verdict rests on them; ``not counted`` says how
    many matched."""
    windows: dict[tuple[object, object], pd.DataFrame] = {}

    def in_window_of(frame: pd.DataFrame, lo: object, hi: object) -> pd.DataFrame:
        """:func:`helpers.events.in_window`, computed once per window (tests share windows)."""
        if (lo, hi) not in windows:
            windows[lo, hi] = ev_rules.in_window(frame, lo, hi)
        return windows[lo, hi]

    rows = []
    for _, t in tests.iterrows():
        matched = _test_hits(t, events, periods_frame, in_window_of)
        hits, shown = reliability.split(matched)
        notes = hits["note"] if "note" in hits else pd.Series(None, index=hits.index, dtype=object)
        doubted = notes.map(ev_rules.unconfirmed).astype(bool)
        hits, shown = hits[~doubted], pd.concat([shown, hits[doubted]])
        met = bool(len(hits)) if t["expect"] == "present" else not len(hits)
        rows.append(
            {
                "test": t["test_id"],
                "explanation": t["explanation"],
                "implication (as written)": t["implication"],
                "expected": "events present" if t["expect"] == "present" else "no such event",
                "events found": len(hits),
                "not counted": len(shown),
                "met": "yes" if met else "no",
                "rule revised after first run": "yes" if not data.blank(t.get("rule_revision")) else "",
                "weight": t["weight"],
                "reading": t["if_met"] if met else t["if_not_met"],
                "event_ids": ";".join(hits["event_id"]),
                "not counted ids": ";".join(shown["event_id"]),
                "source_ids": ";".join(sorted({s for ids in hits["source_ids"] for s in str(ids).split(";")})),
            }
        )
    out = reliability.with_confidence(pd.DataFrame(rows), after="met")
    out.attrs["file"] = "data/events.csv"
    return out


def explanation_verdicts(results: pd.DataFrame) -> pd.DataFrame:
    """One row per explanation of :func:`run_tests` (first-seen order): its tests and ``met`` =
    ``yes`` (all met), ``partly (k of n)`` (some) or ``no`` (none)."""
    rows = []
    for name, grp in results.groupby("explanation", sort=False):
        n, met = len(grp), int((grp["met"] == "yes").sum())
        rows.append(
            {
                "explanation": name,
                "tests": ", ".join(grp["test"]),
                "met": "yes" if met == n else (f"partly ({met} of {n})" if met else "no"),
            }
        )
    return pd.DataFrame(rows, columns=["explanation", "tests", "met"])


# --------------------------------------------------------------------------- the wars on one time scale


def early_share(
    window: pd.DataFrame,
    start: object,
    end: object,
    lanes: Sequence[str] = (RUS_WORDS, RUS_CONTACTS),
    fraction: float = 1 / 3,
    days_early: int | None = None,
) -> dict[str, object]:
    """Do the events of ``lanes`` cluster early in a war? Counted (:func:`helpers.reliability.usable`),
    day-dated events of those lanes in the window ``start``–``end`` (both inclusive): how many,
    how many fall in the first ``fraction`` of its days (day *d*, counted from 0, with
    *d* < days × fraction) — or, with ``days_early``, in that many first days, the same clock for
    wars of different length — and how many would if they were spread evenly over the days
    (events × early days / days)."""
    t0, t1 = pd.Timestamp(start), pd.Timestamp(end)
    days = int((t1 - t0).days) + 1
    if days_early is not None and not 0 < days_early <= days:
        raise ValueError(f"days_early must be between 1 and the war's {days} days, got {days_early}")
    early_days = days_early or int(np.ceil(round(days * fraction, 9)))  # 12 × 1/3 is 4 days, not 5
    counted = reliability.usable(window)
    lane = classify(counted)
    sub = counted[lane.isin(list(lanes)).to_numpy() & (counted["date_precision"] == "day").to_numpy()]
    day = (sub["first"] - t0).dt.days
    day = day[(day >= 0) & (day < days)]
    n = len(day)
    return {
        "days": days,
        "early days": early_days,
        "events": n,
        "in the early days": int((day < early_days).sum()),
        "if spread evenly": round(n * early_days / days, 1),
    }


def early_table(cases: dict[str, tuple[pd.DataFrame, object, object]]) -> pd.DataFrame:
    """:func:`early_share` of Russia's words and contacts (dated to the day, counted) in the first
    third of each war (name → (window events, start, end)), one row per war, with the early days
    written out (``days 1–4 of 12``) — and, since "early" depends on the clock, the same count on
    an absolute one: in the first *n* days of each war, *n* the length of the shortest, with its
    own even spread."""
    spans = {name: int((pd.Timestamp(end) - pd.Timestamp(start)).days) + 1 for name, (_, start, end) in cases.items()}
    n = min(spans.values())
    rows = []
    for name, (window, start, end) in cases.items():
        r = early_share(window, start, end, fraction=1 / 3)
        a = early_share(window, start, end, days_early=n)
        rows.append(
            {
                "war": name,
                "first third": f"days 1–{r['early days']} of {r['days']}",
                "words and contacts": r["events"],
                "in the first third": r["in the early days"],
                "if spread evenly": r["if spread evenly"],
                f"in the first {n} days": a["in the early days"],
                f"if spread evenly ({n} days)": a["if spread evenly"],
            }
        )
    return pd.DataFrame(rows)


def early_clock(cases: dict[str, tuple[pd.DataFrame, object, object]]) -> dict[str, object]:
    """The wars of :func:`early_table` on one absolute clock, as a chart says it: ``days`` (the
    shortest war's length), ``after`` (for each longer war, how many of Russia's counted words and
    contacts came in its remaining days: "the 2026 war's last 28 days saw 2 more") and ``alt`` (a
    sentence with each war's count in those first days)."""
    spans = {name: int((pd.Timestamp(end) - pd.Timestamp(start)).days) + 1 for name, (_, start, end) in cases.items()}
    n = min(spans.values())
    counts = {name: early_share(w, s, e, days_early=n) for name, (w, s, e) in cases.items()}
    after = [
        f"the {name} war's last {spans[name] - n} days saw {int(r['events']) - int(r['in the early days'])} more"  # type: ignore[call-overload]
        for name, r in counts.items()
        if spans[name] > n
    ]
    each = [f"{r['in the early days']} of {r['events']} in {name}" for name, r in counts.items()]
    return {
        "days": n,
        "after": style.listed(after) if after else "every war is as short",
        "alt": f"Counted in days since each war began: {style.listed(each)} fall in the first {n} days.",
    }


def counts_phrase(by_year: pd.DataFrame) -> str:
    """A table of :func:`gives_by_year` as alt text says it, row by row, years with no event left
    out: "Events per row: Space launches: 1 in 2022, 2 in 2024; Nuclear energy: 2 in 2025."."""
    rows = [
        f"{cat}: " + ", ".join(f"{n} in {year}" for year, n in row.items() if n)
        for cat, row in by_year.iterrows()
        if row.any()
    ]
    return "Events per row: " + "; ".join(rows) + "."


def war_points(window: pd.DataFrame, start: object) -> pd.DataFrame:
    """The events of a war window placed for drawing: ``lane`` (:func:`war_lanes`), ``lo``/``hi``
    (days since ``start`` of the first and last day the date can mean: equal for a day, a span
    for a month), ``low`` (the event rests only on low-confidence sources) and ``events`` (how
    many share that lane and day)."""
    t0 = pd.Timestamp(start)
    out = pd.DataFrame(
        {
            "event_id": window["event_id"].to_numpy(),
            "lane": war_lanes(window).to_numpy(),
            "lo": (window["first"] - t0).dt.days.to_numpy(),
            "hi": (window["last"] - t0).dt.days.to_numpy(),
            "precise": (window["date_precision"] == "day").to_numpy(),
            "low": ev_rules.low_confidence(window).to_numpy(),
        }
    )
    out["events"] = out.groupby(["lane", "lo", "hi"])["event_id"].transform("size")
    return out


def plot_wars(
    cases: dict[str, tuple[pd.DataFrame, object, object, dict[str, str]]],
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    pad: int = 3,
) -> None:
    """One panel per war (label → (window events, start, end, {event_id: plain-words mark})), all
    on the same scale of days since the war began. Each war is a shaded continuous period; dots
    are day-dated events in their lane (size: events that day), bars are month-dated events;
    marks are dashed lines labelled in plain words (never an id). A day whose events in a lane all
    rest only on low-confidence sources is a hollow dot, and a mark drawn from such an event is
    grey italic; the legend under the chart says so."""
    length = max((pd.Timestamp(e) - pd.Timestamp(s)).days for _, s, e, _ in cases.values())
    lanes = list(WAR_LANES)
    fig, axes = style.figure("tall", nrows=len(cases), sharex=True)
    axes = np.atleast_1d(axes)
    colours = dict(
        zip(lanes, [style.PALETTE[c] for c in ("vermillion", "blue", "sky", "purple", "green", "orange", "grey")])
    )
    any_weak = False
    for ax, (label, (window, start, end, marks)) in zip(axes, cases.items()):
        pts = war_points(window, start)
        span = (pd.Timestamp(end) - pd.Timestamp(start)).days
        ax.axvspan(-0.5, span + 0.5, color="#EEEEEE", zorder=0)
        for i, lane in enumerate(lanes):
            sub = pts[pts["lane"] == lane]
            precise = sub[sub["precise"]]
            weak_days = precise.groupby("lo")["low"].transform("all")
            day = precise.assign(weak=weak_days).drop_duplicates(["lo"])
            solid, hollow = day[~day["weak"]], day[day["weak"]]
            ax.scatter(solid["lo"], [i] * len(solid), s=18 + 22 * solid["events"], color=colours[lane], zorder=3)
            ax.scatter(
                hollow["lo"],
                [i] * len(hollow),
                s=18 + 22 * hollow["events"],
                facecolor="white",
                edgecolor=colours[lane],
                linewidth=1.4,
                zorder=3,
            )
            any_weak = any_weak or bool(len(hollow))
            for _, r in sub[~sub["precise"]].iterrows():
                ax.plot(
                    [max(r["lo"], -pad), min(r["hi"], length + pad)],
                    [i, i],
                    color=colours[lane],
                    linewidth=5,
                    alpha=0.5,
                    solid_capstyle="butt",
                    zorder=2,
                )
        ev = window.set_index("event_id")
        weak_ids = set(window.loc[ev_rules.low_confidence(window), "event_id"])
        for k, (eid, text) in enumerate(marks.items()):
            x = (ev.at[eid, "first"] - pd.Timestamp(start)).days
            weak = eid in weak_ids
            any_weak = any_weak or weak
            ax.axvline(x, color="#555555", linestyle=":" if weak else "--", linewidth=0.9, zorder=1)
            ax.text(
                x + 0.3,
                -1.45 if k % 2 == 0 else -0.85,
                text,
                fontsize=8,
                va="center",
                color=reliability.COLOUR if weak else "#333333",
                fontstyle="italic" if weak else "normal",
            )
        ax.set_yticks(range(len(lanes)), lanes, fontsize=8)
        ax.set_ylim(len(lanes) - 0.4, -1.8)
        ax.set_ylabel(label)
        ax.set_xlabel("Days since the war began")
        ax.xaxis.label.set_visible(False)
    axes[-1].xaxis.label.set_visible(True)
    axes[-1].set_xlim(-pad, length + pad)
    axes[-1].set_xlabel("Days since the war began (shaded: the war, first to last day)")
    if any_weak:
        _hollow_legend(
            axes[-1], reliability.COLOUR, "hollow dot, grey italic mark: rests only on low-confidence sources", -0.16
        )
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def test_evidence(results: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The events behind each test of :func:`run_tests`, one row per test and event: test,
    explanation, date (as precise as known), event text, sources and ``counted`` (``yes``, or why
    not: ``no: low confidence`` or ``no: unconfirmed report``); the counted events of a test come
    first, then those found but not counted."""
    ev = events.set_index("event_id")
    rows = []
    for _, r in results.iterrows():
        counted = [i for i in str(r["event_ids"]).split(";") if i]
        left_out = [i for i in str(r.get("not counted ids", "") or "").split(";") if i]
        for eid in counted + left_out:
            e = ev.loc[eid]
            why = "yes"
            if eid in left_out:
                why = "no: unconfirmed report" if ev_rules.unconfirmed(e.get("note")) else "no: low confidence"
            rows.append(
                {
                    "test": r["test"],
                    "explanation": r["explanation"],
                    "event_id": eid,
                    "date": dates.fmt(e["date"], e["date_precision"]),
                    "event": e["event"],
                    "counted": why,
                    "source_ids": e["source_ids"],
                }
            )
    out = pd.DataFrame(rows, columns=["test", "explanation", "event_id", "date", "event", "counted", "source_ids"])
    out = reliability.with_confidence(out, after="date")
    out.attrs["file"] = "data/events.csv"
    return out


def supplier_names(tiv: pd.DataFrame, supplier: str, recipient: str, first: int, last: int) -> pd.DataFrame:
    """TIV delivered from ``supplier`` to ``recipient`` in ``first``–``last`` by the supplier's
    name in the release (the Soviet Union's deliveries are coded under Russia), with the years."""
    s = tiv[
        (tiv["supplier_iso3"] == supplier) & (tiv["recipient_iso3"] == recipient) & tiv["year"].between(first, last)
    ]
    rows = [
        {
            "supplier as named by SIPRI": name,
            "years": f"{int(g['year'].min())}–{int(g['year'].max())}",
            "TIV delivered (millions)": float(g["tiv_millions"].sum()),
        }
        for name, g in s.groupby("supplier_name", sort=False)
    ]
    return pd.DataFrame(rows)


#: The domains of Iran's lane outside the wars: security and diplomacy, not trade or transport.
IRAN_LANE_DOMAINS: tuple[str, ...] = ("diplomacy", "arms", "military", "treaty", "nuclear", "sanctions")


def iran_record(
    events: pd.DataFrame,
    since: object,
    periods_frame: pd.DataFrame | None = None,
    domains: Sequence[str] = IRAN_LANE_DOMAINS,
) -> pd.DataFrame:
    """Iran's lane outside the war charts too: every event since ``since`` in ``domains`` that is
    Iran's own word or request involving Russia (:func:`iran_about_russia`), with the war window
    it falls in (or ``—``), date, text and sources, in date order."""
    sel = ev_rules.in_window(events, since, None)
    keep = iran_about_russia(sel).to_numpy(dtype=bool) & sel["domain"].isin(list(domains)).to_numpy(dtype=bool)
    sel = sel.loc[keep]
    wars = {periods.label(p, periods_frame): periods.window(p, periods_frame) for p in periods.WARS}

    def which(first: pd.Timestamp, last: pd.Timestamp) -> str:
        hits = [name for name, (lo, hi) in wars.items() if last >= lo and first <= hi]
        return hits[0] if hits else "—"

    out = pd.DataFrame(
        {
            "date": [dates.fmt(d, p) for d, p in zip(sel["date"], sel["date_precision"])],
            "war": [which(a, b) for a, b in zip(sel["first"], sel["last"])],
            "event": sel["event"].to_numpy(),
            "source_ids": sel["source_ids"].to_numpy(),
        }
    )
    out = reliability.with_confidence(out, after="date")
    out.attrs["file"] = "data/events.csv"
    return out


def combined(*frames: pd.DataFrame) -> pd.DataFrame:
    """Several event selections as one frame (rows in order, duplicates kept once), with the
    first frame's ``attrs`` (its source file) so a source line can cite them together."""
    out = pd.concat(frames, ignore_index=True).drop_duplicates("event_id").reset_index(drop=True)
    out.attrs.update(frames[0].attrs)
    return out


def rung_sentence(lad: pd.DataFrame, treaty_id: str) -> str:
    """Where one treaty sits on the ladder, in words for alt text: its rung and the rungs above it
    that are unknown (``reaches only neutrality / no aid to an aggressor, with 'unknown' cells for
    mutual defence and consultation above it``)."""
    rows = lad[lad["treaty_id"] == treaty_id]
    if rows.empty:
        raise KeyError(f"treaty {treaty_id!r} is not on the ladder")
    row = rows.iloc[0]
    rungs = list(lad.attrs.get("rungs", RUNGS))
    above = rungs[: rungs.index(row["rung"])] if row["rung"] in rungs else rungs
    unknown = [r.split(" /")[0].lower() for r in above if row[r] == "unknown"]
    if row["rung"] in rungs:
        text = f"{row['treaty']} reaches only {str(row['rung']).split(' /')[0].lower()}"
    else:
        text = f"{row['treaty']} has no rung coded yes"
        if unknown:
            return text + f" ('unknown' cells for {style.listed(unknown)})"
        return text
    if unknown:
        text += f", with 'unknown' cells for {' and '.join(unknown)} above it"
    return text


def peers_on_rung(lad: pd.DataFrame, treaty_id: str) -> list[str]:
    """The other treaties on the same rung as ``treaty_id`` (their labels, ladder order); an empty
    list when it is alone there (:func:`peers_phrase` words both cases)."""
    rung = lad.loc[lad["treaty_id"] == treaty_id, "rung"]
    if rung.empty:
        raise KeyError(f"treaty {treaty_id!r} is not on the ladder")
    return lad.loc[(lad["rung"] == rung.iloc[0]) & (lad["treaty_id"] != treaty_id), "treaty"].tolist()


def peers_phrase(lad: pd.DataFrame, treaty_id: str) -> str:
    """Who shares ``treaty_id``'s rung, for alt text: ``the same rung as A and B``, or ``alone on
    that rung`` when :func:`peers_on_rung` is empty."""
    peers = peers_on_rung(lad, treaty_id)
    if not peers:
        return "alone on that rung"
    return "the same rung as " + style.listed(peers)


def month_only_phrase(frame: pd.DataFrame) -> str:
    """How many of ``frame``'s events are dated only to a month, per month, as alt text says it:
    "events dated only to a month are drawn as bars (2 to March 2026 and 1 to April 2026)"."""
    months = frame.loc[frame["date_precision"] == "month", "date"]
    if months.empty:
        return "no event is dated only to a month"
    counts = months.value_counts().sort_index()
    parts = [f"{n} to {pd.Timestamp(f'{m}-01'):%B %Y}" for m, n in counts.items()]
    return f"events dated only to a month are drawn as bars ({style.listed(parts)})"
