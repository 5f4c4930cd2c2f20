"""The claims ledger with two dates: atomic claim parts, a verdict as of the explainer's
publication and one as of the data horizon, and evidence keys a reader can follow row by row.

Table ``claim_parts`` (one row per atomic part of a claim in ``claims``). The rubric, applied to
every part (:data:`RUBRIC`, shown in notebook 05), is enforced by :func:`check_parts`.

Evidence keys are ``table:key`` separated by ``;``: ``events:E127``, ``relations:R072``,
``treaty_provisions:rus-irn-2025-p01``, ``sources:<source id>``; a table with a composite primary
key joins the key's values with ``|`` in the order of the catalogue's ``primaryKey``
(``russia_trade:IRN|imports|2022`` is partner, flow, year — see :data:`KEY_COLUMNS`).

The sources rule holds here as in every table: a row resting only on low-confidence sources is
never among a verdict's keys; where it bears on a verdict it is listed in ``keys_shown`` and
shown beside the verdict, not counted (:func:`check_counting`, :func:`evidence_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from . import countries, obligations, periods

CHECKABLE, IN_PRINCIPLE, NOT_COVERED = "checkable", "not checkable in principle", "not covered by our data"
SUPPORTED, PARTLY, CONTRADICTED, OUTDATED, PENDING = (
    "supported",
    "partly supported",
    "contradicted",
    "outdated",
    "pending",
)
#: Verdicts in display order.
VERDICTS: tuple[str, ...] = (SUPPORTED, PARTLY, CONTRADICTED, OUTDATED, PENDING, NOT_COVERED, IN_PRINCIPLE)

#: The rubric, as written in notebook 05 and enforced by :func:`check_parts`.
RUBRIC: dict[str, str] = {
    "atomic parts": "A claim is split wherever it joins statements that could be true or false independently; "
    "the original claim stays in `claims`, its parts in `claim_parts`.",
    "kinds": "fact (a checkable statement about the world), interpretation (a reading of facts: causes, "
    "significance), forecast (about what comes after the text), opinion (a value judgement).",
    "checkability": "Interpretations of cause, opinions and words without a yardstick are 'not checkable in "
    "principle'; facts outside our tables are 'not covered by our data' (the reasoning names the "
    "dataset that would settle them). Both verdicts then repeat the checkability.",
    "qualifiers": "A qualifier with a yardstick (a date, a term, 'long', 'first', 'half a year': six months "
    "give or take one) is judged with its part. An evaluative or hedging qualifier without one ('crucial', "
    "'valuable', 'not rapidly', 'surge', 'likely') becomes its own part, not checkable in principle, and never "
    "lowers the verdict of the factual part.",
    "verdicts": "supported (our rows state it); partly supported (our rows disagree, or state it only in part "
    "where the part cannot be split further); contradicted (our rows state otherwise); outdated "
    "(supported or partly supported at publication, overtaken by later rows: horizon only); pending (a forecast not yet "
    "due at publication).",
    "two dates": "The verdict at publication uses only rows dated on or before the publication cut-off: the day "
    "before the June 2025 war's last day (the explainer is undated and speaks of that war as under way, so it "
    "was written before the ceasefire that ended it). The verdict at the horizon uses all rows.",
    "evidence": "Each verdict lists the rows it rests on as table:key; every key must exist.",
}

#: The war the undated explainer speaks of as under way (``data/periods.csv``).
PUBLICATION_WAR = "war-2025-06"


def publication_cutoff(frame: pd.DataFrame | None = None) -> pd.Timestamp:
    """The publication cut-off of the rubric's "two dates": the day before the last day of
    :data:`PUBLICATION_WAR` (the ceasefire that ended the war the text describes as under way).
    ``frame`` is the periods table (``data.load("periods")`` unless given)."""
    return periods.window(PUBLICATION_WAR, frame)[1] - pd.Timedelta(days=1)


def interval(start: object, end: object, months: int = 6, tolerance: int = 1) -> dict[str, object]:
    """How far ``end`` lies from ``start``: ``days``, ``months`` (days over an average month of
    365.25/12 days, one decimal) and whether ``end`` falls within ``months`` ± ``tolerance``
    calendar months of ``start`` (``within``; the window is ``earliest`` to ``latest``, both
    inclusive). The rubric's reading of "half a year" is the default, six months give or take one."""
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    if b < a:
        raise ValueError(f"interval: end {b.date()} is before start {a.date()}")
    earliest = a + pd.DateOffset(months=months - tolerance)
    latest = a + pd.DateOffset(months=months + tolerance)
    days = int((b - a).days)
    return {
        "days": days,
        "months": round(days / (365.25 / 12), 1),
        "earliest": earliest,
        "latest": latest,
        "within": bool(earliest <= b <= latest),
    }


#: Columns whose values make up a composite key, in the catalogue's primaryKey order.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("event_id",),
    "relations": ("relation_id",),
    "sources": ("source_id",),
    "treaties": ("treaty_id",),
    "treaty_provisions": ("provision_id",),
    "arms_deals": ("deal_id",),
    "trade_statements": ("statement_id",),
    "drone_launches_monthly": ("month",),
    "russia_trade": ("partner_iso3", "flow", "year"),
    "atop_treaty_codes": ("atopid", "phase", "member_iso3"),
}


#: The columns of ``claim_parts`` that hold evidence keys: the two verdicts' and the shown-only rows.
KEY_FIELDS: tuple[str, ...] = ("keys_at_publication", "keys_at_horizon", "keys_shown")
#: The ``confidence`` :func:`evidence_rows` gives a row of ``keys_shown``.
SHOWN = "low: shown, not counted"


def parse_keys(value: object) -> list[tuple[str, str]]:
    """``"events:E127;relations:R072"`` → ``[("events", "E127"), ("relations", "R072")]``.
    An empty value gives ``[]``; a key without ``table:`` is an error naming it."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() in ("", "<NA>"):
        return []
    out = []
    for item in str(value).split(";"):
        table, sep, key = item.partition(":")
        if not sep or not table or not key:
            raise ValueError(f"evidence key {item!r} is not of the form table:key")
        out.append((table, key))
    return out


def resolve_keys(parts: pd.DataFrame, loader: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    """Every evidence key of every part, with whether its row exists (``found``). ``loader``
    returns a table by name (``helpers.data.load``). Unknown tables are an error."""
    cache: dict[str, set[str]] = {}
    rows = []
    columns = [c for c in KEY_FIELDS if c in parts.columns]
    for rec in parts.to_dict("records"):
        for column in columns:
            for table, key in parse_keys(rec[column]):
                if table not in KEY_COLUMNS:
                    raise ValueError(
                        f"claim_parts, part {rec['part_id']}, column {column}: table {table!r} "
                        f"cannot be keyed; known: {sorted(KEY_COLUMNS)}"
                    )
                if table not in cache:
                    frame = loader(table)
                    cols = KEY_COLUMNS[table]
                    cache[table] = {
                        "|".join(str(v) for v in vals) for vals in frame[list(cols)].itertuples(index=False)
                    }
                rows.append(
                    {
                        "part_id": rec["part_id"],
                        "column": column,
                        "table": table,
                        "key": key,
                        "found": key in cache[table],
                    }
                )
    return pd.DataFrame(rows, columns=["part_id", "column", "table", "key", "found"])


def check_parts(parts: pd.DataFrame, claim_ids: Iterable[str]) -> None:
    """Apply the rubric's mechanical rules; raise ``ValueError`` naming part and column."""
    claim_ids = list(claim_ids)
    missing = sorted(set(claim_ids) - set(parts["claim_id"]))
    if missing:
        raise ValueError(f"claim_parts: no part for claim(s) {missing}")
    for rec in parts.to_dict("records"):
        pid, chk = rec["part_id"], rec["checkability"]
        vp, vh = rec["verdict_at_publication"], rec["verdict_at_horizon"]
        where = f"claim_parts, part {pid}"
        if not str(pid).startswith(str(rec["claim_id"])):
            raise ValueError(f"{where}, column part_id: must start with its claim id {rec['claim_id']}")
        if rec["claim_id"] not in claim_ids:
            raise ValueError(f"{where}, column claim_id: {rec['claim_id']} is not in claims")
        if chk in (IN_PRINCIPLE, NOT_COVERED):
            if not (vp == chk and vh == chk):
                raise ValueError(
                    f"{where}, column verdict_at_publication: a part {chk!r} must carry that verdict at both dates"
                )
        elif chk == CHECKABLE:
            if vp in (IN_PRINCIPLE, NOT_COVERED) or vh in (IN_PRINCIPLE, NOT_COVERED, PENDING):
                raise ValueError(
                    f"{where}, column verdict_at_horizon: a checkable part needs a verdict, not {vp!r}/{vh!r}"
                )
        else:
            raise ValueError(
                f"{where}, column checkability: {chk!r} is not one of {[CHECKABLE, IN_PRINCIPLE, NOT_COVERED]}"
            )
        if rec["kind"] in ("interpretation", "opinion") and chk != IN_PRINCIPLE:
            raise ValueError(f"{where}, column checkability: an {rec['kind']} is not checkable in principle")
        if (vp == PENDING) != (rec["kind"] == "forecast" and chk == CHECKABLE):
            raise ValueError(
                f"{where}, column verdict_at_publication: 'pending' is for checkable forecasts, and they are pending at publication"
            )
        if vp == OUTDATED:
            raise ValueError(f"{where}, column verdict_at_publication: 'outdated' is a horizon verdict")
        if vh == OUTDATED and vp not in (SUPPORTED, PARTLY):
            raise ValueError(
                f"{where}, column verdict_at_horizon: 'outdated' needs a (partly) supported verdict at publication, not {vp!r}"
            )
        if chk == CHECKABLE and not parse_keys(rec["keys_at_horizon"]):
            raise ValueError(f"{where}, column keys_at_horizon: a checkable part needs evidence keys")


def dated_after(parts: pd.DataFrame, events: pd.DataFrame, cutoff: object) -> pd.DataFrame:
    """Publication-date event keys whose event starts after ``cutoff`` (should be empty). A
    month- or year-precision event counts as dated from its first day."""
    dates = dict(zip(events["event_id"].astype(str), events["date"].astype(str)))
    cut = pd.Period(pd.Timestamp(cutoff), freq="D")
    rows = []
    for rec in parts.to_dict("records"):
        for table, key in parse_keys(rec["keys_at_publication"]):
            if table == "events":
                text = dates.get(key)
                if text is None:
                    raise ValueError(f"claim_parts, part {rec['part_id']}: event {key} is not in events")
                freq = {4: "Y", 7: "M", 10: "D"}[len(text)]
                if pd.Period(text, freq=freq).start_time > cut.end_time:
                    rows.append({"part_id": rec["part_id"], "key": f"{table}:{key}", "date": text})
    return pd.DataFrame(rows, columns=["part_id", "key", "date"])


def verdict_shift(parts: pd.DataFrame) -> pd.DataFrame:
    """Cross-table: verdict at publication (rows) against verdict at the horizon (columns)."""
    table = pd.crosstab(
        pd.Categorical(parts["verdict_at_publication"], categories=VERDICTS),
        pd.Categorical(parts["verdict_at_horizon"], categories=VERDICTS),
        dropna=False,
    )
    table.index.name, table.columns.name = "at publication", "at the horizon"
    table = table.loc[(table.sum(axis=1) > 0), (table.sum(axis=0) > 0)]
    return table


def changed(parts: pd.DataFrame) -> pd.DataFrame:
    """The parts whose verdict changed between the two dates."""
    out = parts[parts["verdict_at_publication"] != parts["verdict_at_horizon"]]
    return out[["part_id", "part", "verdict_at_publication", "verdict_at_horizon", "reasoning"]].reset_index(drop=True)


def by_claim(parts: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: its original text, number of parts and their verdicts at both dates."""
    rows = []
    for rec in claims.to_dict("records"):
        mine = parts[parts["claim_id"] == rec["claim_id"]]
        rows.append(
            {
                "claim_id": rec["claim_id"],
                "claim": rec["claim"],
                "parts": len(mine),
                "at publication": "; ".join(
                    f"{p}: {v}" for p, v in zip(mine["part_id"], mine["verdict_at_publication"])
                ),
                "at the horizon": "; ".join(f"{p}: {v}" for p, v in zip(mine["part_id"], mine["verdict_at_horizon"])),
            }
        )
    return pd.DataFrame(rows)


#: A claim's checkable verdicts from weakest to strongest (:func:`claim_status` takes the weakest).
WEAKEST_FIRST: tuple[str, ...] = (CONTRADICTED, OUTDATED, PARTLY, PENDING, SUPPORTED)
NO_CHECKABLE = "no checkable part"


def claim_status(parts: pd.DataFrame, column: str) -> pd.Series:
    """Per claim (index ``claim_id``, in order of first appearance), the weakest verdict in ``column``
    among its checkable parts (:data:`WEAKEST_FIRST`): ``supported`` means every checkable part is
    supported; a claim without a checkable part is :data:`NO_CHECKABLE`."""
    out = {}
    for claim_id, mine in parts.groupby("claim_id", sort=False):
        held = set(mine.loc[mine["checkability"] == CHECKABLE, column])
        unknown = held - set(WEAKEST_FIRST)
        if unknown:
            raise ValueError(f"claim_parts, claim {claim_id}, column {column}: checkable verdict(s) {sorted(unknown)}")
        out[claim_id] = next((v for v in WEAKEST_FIRST if v in held), NO_CHECKABLE)
    return pd.Series(out, name=column).rename_axis("claim_id")


def claim_counts(parts: pd.DataFrame) -> pd.DataFrame:
    """Number of claims by the weakest verdict among their checkable parts, at publication and at
    the horizon (rows: :data:`WEAKEST_FIRST` then :data:`NO_CHECKABLE`, those held at either date)."""
    order = [*WEAKEST_FIRST[::-1], NO_CHECKABLE]
    table = pd.DataFrame(
        {
            "at publication": claim_status(parts, "verdict_at_publication").value_counts(),
            "at the horizon": claim_status(parts, "verdict_at_horizon").value_counts(),
        }
    ).reindex(order)
    table = table.dropna(how="all").fillna(0).astype(int)
    table.index.name = "weakest verdict among a claim's checkable parts"
    return table


def summary(parts: pd.DataFrame) -> dict[str, int]:
    """The ledger's headline counts, by part and by claim (at the horizon)."""
    status = claim_status(parts, "verdict_at_horizon")
    checkable_claims = int((status != NO_CHECKABLE).sum())
    return {
        "parts": len(parts),
        "parts that cannot be settled": int((parts["checkability"] != CHECKABLE).sum()),
        "parts contradicted at the horizon": int((parts["verdict_at_horizon"] == CONTRADICTED).sum()),
        "claims": len(status),
        "claims without a checkable part": len(status) - checkable_claims,
        "claims with a checkable part": checkable_claims,
        "of these, every checkable part supported at the horizon": int((status == SUPPORTED).sum()),
    }


def recode(parts: pd.DataFrame, part_id: str, **values: str) -> pd.DataFrame:
    """A copy of ``parts`` with one part's columns set to ``values`` (an alternative coding to
    compare with the committed one); the result must still follow the rubric's mechanical rules."""
    if part_id not in set(parts["part_id"]):
        raise ValueError(f"no claim part {part_id!r}")
    unknown = sorted(set(values) - set(parts.columns))
    if unknown:
        raise ValueError(f"claim_parts has no column(s) {unknown}")
    out = parts.copy()
    for column, value in values.items():
        out.loc[out["part_id"] == part_id, column] = value
    check_parts(out, out["claim_id"].unique())
    return out


def counts(parts: pd.DataFrame, column: str, kinds: Iterable[str] | None = None) -> pd.Series:
    """Number of parts per verdict (all :data:`VERDICTS`, zeros kept) at one date."""
    sub = parts if kinds is None else parts[parts["kind"].isin(list(kinds))]
    return sub[column].value_counts().reindex(list(VERDICTS), fill_value=0)


def counts_text(parts: pd.DataFrame) -> str:
    """Each verdict held by a part at either date, with its counts at publication and at the
    horizon, in display order: ``supported: 26 and 26; pending: 1 and 0`` (for alt text)."""
    pub, hor = counts(parts, "verdict_at_publication"), counts(parts, "verdict_at_horizon")
    return "; ".join(f"{v}: {pub[v]} and {hor[v]}" for v in VERDICTS if pub[v] or hor[v])


def plot_two_dates(parts: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Number of claim parts per verdict at publication and at the horizon (grouped bars)."""
    from . import style

    pub, hor = counts(parts, "verdict_at_publication"), counts(parts, "verdict_at_horizon")
    keep = [v for v in VERDICTS if pub[v] or hor[v]]
    fig, ax = style.figure("wide")
    ys = np.arange(len(keep))[::-1]
    ax.barh(
        ys + 0.2, [pub[v] for v in keep], height=0.4, color=style.PALETTE["sky"], label="at publication (June 2025)"
    )
    ax.barh(
        ys - 0.2,
        [hor[v] for v in keep],
        height=0.4,
        color=style.PALETTE["blue"],
        hatch="..",
        edgecolor="white",
        label="at the data horizon",
    )
    for y, v in zip(ys, keep):
        ax.annotate(str(pub[v]), (pub[v], y + 0.2), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
        ax.annotate(str(hor[v]), (hor[v], y - 0.2), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(ys, keep)
    ax.set_xlabel("Claim parts")
    ax.set_ylabel("Verdict")
    ax.legend(loc="lower right")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def _describe_row(table: str, rec: dict, labels: dict[str, str] | None = None) -> tuple[str, str]:
    """(date, what the row says) for a keyed row, per table: states by their chart names
    (:func:`helpers.countries.short_name`), treaties by ``labels`` (treaty id → label) and
    obligations by their reader's labels."""
    name = countries.short_name
    if table == "events":
        return str(rec["date"]), str(rec["event"])
    if table == "relations":
        sign = {1: "+1", 0: "0", -1: "−1"}.get(int(rec["sign"]), str(rec["sign"]))
        return str(rec["period"]), f"{name(rec['a_iso3'])}–{name(rec['b_iso3'])} {sign}: {rec['basis']}"
    if table == "treaty_provisions":
        article = (
            f", article {rec['article']}" if str(rec.get("article") or "").strip() not in ("", "nan", "<NA>") else ""
        )
        treaty = (labels or {}).get(rec["treaty_id"], rec["treaty_id"])
        obligation = obligations.OBLIGATION_LABELS.get(rec["obligation"], rec["obligation"])
        return "", f"{treaty}: {obligation} = {rec['present']}{article}"
    if table == "treaties":
        return str(rec["signed"])[:10], f"{rec['name']}"
    if table == "sources":
        return str(rec.get("date") or ""), f"{rec['publisher']}: {rec['title']}"
    if table == "trade_statements":
        value = rec["value_usd_bn"]
        level = "no level given" if value is None or pd.isna(value) else f"{value} bn USD"
        return str(rec["year"]), f"{rec['claimant']}: {rec['measure']}, {level} ({rec['period']})"
    if table == "russia_trade":
        return str(
            rec["year"]
        ), f"IMF: Russia's {rec['flow']}, {rec['partner_name']}: {rec['value_usd_millions']} million USD"
    if table == "arms_deals":
        return (
            str(rec["order_year"]),
            f"{name(rec['supplier_iso3'])}→{name(rec['recipient_iso3'])}: {rec['weapon_designation']} ({rec['weapon_description']})",
        )
    if table == "atop_treaty_codes":
        codes = ", ".join(f"{k} {rec[k]}" for k in ("defense", "offense", "neutral", "nonagg", "consul"))
        members = " and ".join(name(m) for m in str(rec["focus_members_iso3"]).split(";"))
        return str(rec["member_entry"])[:10], f"ATOP {rec['atopid']} ({members}): {codes}"
    return "", ", ".join(f"{k}={v}" for k, v in rec.items())


def _row_is_low(table: str, key: str, hit: pd.DataFrame, registry: pd.DataFrame) -> bool:
    """Whether one keyed row rests only on low-confidence sources (a ``sources`` key: its own
    confidence; a row without ``source_ids``, such as a dataset's, never)."""
    from . import sources as src

    if table == "sources":
        return bool((registry.loc[registry["source_id"] == key, "confidence"] == "low").any())
    if "source_ids" not in hit.columns:
        return False
    return bool(src.low_confidence(hit, registry).iloc[0])


def evidence_rows(
    parts: pd.DataFrame,
    part_id: str,
    loader: Callable[[str], pd.DataFrame],
    column: str = "keys_at_horizon",
    shown: bool = True,
) -> pd.DataFrame:
    """The rows behind one verdict, resolved: table, key, date, what the row says and its
    ``confidence`` (``low`` where the row rests only on low-confidence sources). With ``shown``,
    the part's ``keys_shown`` rows follow, marked :data:`SHOWN`: they bear on the verdict but are
    not counted."""
    match = parts[parts["part_id"] == part_id]
    if match.empty:
        raise ValueError(f"no claim part {part_id!r}")
    registry = loader("sources")
    wanted = [(t, k, False) for t, k in parse_keys(match.iloc[0][column])]
    if shown and "keys_shown" in match.columns:
        wanted += [(t, k, True) for t, k in parse_keys(match.iloc[0]["keys_shown"])]
    labels = (
        obligations.treaty_labels(loader("treaties")) if any(t == "treaty_provisions" for t, _, _ in wanted) else {}
    )
    rows = []
    for table, key, only_shown in wanted:
        frame = loader(table)
        cols = list(KEY_COLUMNS[table])
        keys = frame[cols].astype(str).agg("|".join, axis=1)
        hit = frame[keys == key]
        if hit.empty:
            raise ValueError(f"claim part {part_id}, column {column}: {table}:{key} is not a row of {table}")
        date, what = _describe_row(table, hit.iloc[0].to_dict(), labels)
        low = _row_is_low(table, key, hit, registry)
        mark = SHOWN if only_shown else ("low" if low else "")
        rows.append({"table": table, "key": key, "date": date, "what the row says": what, "confidence": mark})
    return pd.DataFrame(rows, columns=["table", "key", "date", "what the row says", "confidence"])


def check_counting(parts: pd.DataFrame, loader: Callable[[str], pd.DataFrame]) -> None:
    """The sources rule applied to the ledger: no verdict's keys (``keys_at_publication``,
    ``keys_at_horizon``) may include a row that rests only on low-confidence sources, and every row
    of ``keys_shown`` must rest only on them (else it would count and belongs among the keys).
    Raises ``ValueError`` naming part, column and key."""
    registry = loader("sources")
    frames: dict[str, pd.DataFrame] = {}
    for rec in parts.to_dict("records"):
        for column in [c for c in KEY_FIELDS if c in rec]:
            for table, key in parse_keys(rec[column]):
                if table not in KEY_COLUMNS:
                    raise ValueError(
                        f"claim_parts, part {rec['part_id']}, column {column}: table {table!r} cannot be keyed"
                    )
                if table not in frames:
                    frame = loader(table)
                    frames[table] = frame.assign(_key=frame[list(KEY_COLUMNS[table])].astype(str).agg("|".join, axis=1))
                hit = frames[table][frames[table]["_key"] == key]
                where = f"claim_parts, part {rec['part_id']}, column {column}: {table}:{key}"
                if hit.empty:
                    raise ValueError(f"{where} is not a row of {table}")
                low = _row_is_low(table, key, hit, registry)
                if column == "keys_shown" and not low:
                    raise ValueError(f"{where} does not rest only on low-confidence sources: count it among the keys")
                if column != "keys_shown" and low:
                    raise ValueError(
                        f"{where} rests only on low-confidence sources: it may be shown (keys_shown), not counted"
                    )


def evidence_confidence(
    parts: pd.DataFrame,
    loader: Callable[[str], pd.DataFrame],
    column: str = "keys_at_horizon",
) -> pd.DataFrame:
    """How strong the rows behind each part's verdict are: per part, the evidence rows (``rows``),
    those that rest only on low-confidence sources (``low rows``; a ``sources:`` key counts by its
    own confidence, a row of a dataset without ``source_ids`` never counts) and the ``confidence``
    mark: ``low`` when every row is low, ``mixed`` when some are, empty when none (or no rows)."""
    registry = loader("sources")
    frames: dict[str, pd.DataFrame] = {}
    rows = []
    for rec in parts.to_dict("records"):
        keys = parse_keys(rec[column])
        low = 0
        for table, key in keys:
            if table not in frames:
                frame = loader(table)
                frames[table] = frame.assign(_key=frame[list(KEY_COLUMNS[table])].astype(str).agg("|".join, axis=1))
            hit = frames[table][frames[table]["_key"] == key]
            if hit.empty:
                raise ValueError(f"claim part {rec['part_id']}, column {column}: {table}:{key} is not a row of {table}")
            low += _row_is_low(table, key, hit, registry)
        mark = "" if not keys or not low else ("low" if low == len(keys) else "mixed")
        rows.append({"part_id": rec["part_id"], "rows": len(keys), "low rows": low, "confidence": mark})
    return pd.DataFrame(rows, columns=["part_id", "rows", "low rows", "confidence"])
