"""Treaty terms: coverage of the 2025 Russia–Iran treaty, obligations compared.

Pure functions on the curated treaty tables (``helpers.data.load`` of ``treaties``,
``treaty_milestones``, ``treaty_provisions`` and ``treaty_articles``) plus thin ``plot_*``
functions that draw in the house style. The check of this coding against ATOP's is
:mod:`helpers.atop_check`.

Coding conventions (the tables' own, see ``data/datapackage.json``):

- an article of the 2025 treaty is *documented* only where a source gives its content with its
  number; the others are ``not covered by an available source`` and are never guessed;
- ``present`` of a provision is ``yes``, ``no`` (a source says the text lacks it) or ``unknown``
  (no source read settles it);
- a yes or no resting only on low-confidence sources counts as ``unknown`` in every computation
  (:func:`helpers.obligations.counted`; the row stays in the tables with its confidence mark).
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd

from . import countries, data, dates, languages, reliability, sources, style
from .obligations import (  # the shared obligation vocabulary, re-exported here  # noqa: F401
    ATOP_EXTRACT_PARTNERS,
    ATOP_LAST_YEAR,
    LADDER_CONSULTATION_FIRST,
    LADDER_COW,
    LOW_ONLY_REASON,
    NONE,
    NOT_CODED,
    OBLIGATION_LABELS,
    PRESENCE,
    PRESENCE_COLOURS,
    RUNG_OBLIGATIONS,
    UNKNOWN,
    combine_presence,
    counted,
    low_only,
    obligation_in_force,
    parties_on,
    rung_values,
    treaty_label,
    treaty_labels,
    treaty_span,
)

# --------------------------------------------------------------------------- vocabularies

DOCUMENTED = "documented"
NOT_COVERED = "not covered by an available source"
NO_ARTICLE = "article not given by the source"

#: Obligation strength, strongest first (``treaty_articles.strength``).
STRENGTHS: tuple[str, ...] = ("binding", "best-effort", "declaratory", "unknown")
STRENGTH_COLOURS: dict[str, str] = {
    "binding": style.PALETTE["blue"],
    "best-effort": style.PALETTE["sky"],
    "declaratory": style.PALETTE["orange"],
    "unknown": style.PALETTE["grey"],
    NOT_COVERED: "#EDEDED",
}

#: The ATOP obligations we code (ATOP codebook names in :data:`helpers.atop_check.ATOP_COLUMNS`): the five types
#: plus ``noothall`` (a promise not to form alliances or agreements against the partner).
ATOP_OBLIGATIONS: tuple[str, ...] = (
    "defense",
    "offense",
    "neutrality",
    "nonaggression",
    "consultation",
    "no_hostile_third_party_agreements",
)
#: Further commitments shown in the comparison matrix beside the ATOP variables. "No assistance to
#: an aggressor" is not among them: it is the same clause as neutrality (coded under ATOP's
#: neutrality rule), and a matrix that showed both would count one obligation twice.
EXTRA_OBLIGATIONS: tuple[str, ...] = (
    "territory_not_used_against",
    "military_technical",
    "sanctions_clause",
)
#: Coding rules (``treaty_provisions.rule``), stated in full on the coding-rules page.
RULES: dict[str, str] = {
    "atop-defense": "ATOP defence: a promise of active military support if the partner is attacked",
    "atop-offense": "ATOP offence: a promise of active military support in a conflict the partner begins or in "
    "named circumstances other than an attack on it",
    "atop-neutrality": "ATOP neutrality: a promise not to help (militarily or otherwise) a state at war with the partner",
    "atop-nonaggression": "ATOP non-aggression: a party's own undertaking not to use force against, attack, or join "
    "action directed against the partner (a preamble principle does not count)",
    "atop-consultation": "ATOP consultation: a promise to consult in a crisis, or on security with a goal of policy "
    "coordination; a general promise to consult on international questions does not count",
    "atop-noothall": "ATOP noothall: a promise not to join alliances or agreements directed against the partner",
    "absence-official": "Coded no: an official of a party states that the text contains no such obligation",
    "absence-report": "Coded no: reports on the signing state that the clause was dropped from the text",
    "text-not-reached": "Unknown: no text of the article was reached in any stored copy (see `searched`)",
    "secondary-only": "Unknown: only a secondary claim (opinion, paraphrase, forum comment) describes the clause; "
    "the article itself was not reached",
    "category-text": "Further category, coded from the treaty's wording",
    "category-report": "Further category, coded from a report of the treaty's content (reporter's wording)",
}
#: Which values of ``present`` each rule may give.
RULE_VALUES: dict[str, tuple[str, ...]] = {
    **{r: ("yes", "no") for r in RULES if r.startswith("atop-")},
    "absence-official": ("no",),
    "absence-report": ("no",),
    "text-not-reached": ("unknown",),
    "secondary-only": ("unknown",),
    "category-text": ("yes", "no"),
    "category-report": ("yes", "no"),
}
#: Strength rules (``treaty_articles.strength_rule``) → the strength each gives.
STRENGTH_RULES: dict[str, str] = {
    "determinate-act": "binding",
    "deferred-content": "best-effort",
    "open-cooperation": "best-effort",
    "effort-verb": "best-effort",
    "principle": "declaratory",
    "no-modal": "unknown",
}


def check_provisions(provisions: pd.DataFrame, file: str = "data/treaty_provisions.csv") -> None:
    """The coding rules the catalogue cannot express, checked row by row; a breach is a
    ``ValueError`` naming file, row (``provision_id``) and column:

    - ``rule`` fits ``present`` (:data:`RULE_VALUES`), and an ATOP rule is used only for the
      matching obligation;
    - a non-English quote (``quote_lang`` ≠ ``en``) has a ``translation`` and a ``translation_by``;
    - an unknown cell says where its text was searched (``searched``)."""
    own = {f"atop-{o}" if o != "no_hostile_third_party_agreements" else "atop-noothall": o for o in ATOP_OBLIGATIONS}
    for _, r in provisions.iterrows():
        where = f"{file}, row {r['provision_id']}"
        rule, present = str(r["rule"]), str(r["present"])
        if rule not in RULE_VALUES:
            raise ValueError(f"{where}, column rule: unknown rule {rule!r}")
        if present not in RULE_VALUES[rule]:
            raise ValueError(f"{where}, column rule: rule {rule!r} cannot give present={present!r}")
        if rule in own and own[rule] != r["obligation"]:
            raise ValueError(f"{where}, column rule: {rule!r} applies to {own[rule]!r}, not {r['obligation']!r}")
        if str(r["quote_lang"]) != "en" and not data.blank(r["quote"]):
            for col in ("translation", "translation_by"):
                if data.blank(r[col]):
                    raise ValueError(
                        f"{where}, column {col}: a {r['quote_lang']} quote needs an English translation and who made it"
                    )
        if present == "unknown" and data.blank(r["searched"]):
            raise ValueError(f"{where}, column searched: an unknown cell must say where the text was searched")


def check_articles(articles: pd.DataFrame, file: str = "data/treaty_articles.csv") -> pd.DataFrame:
    """Each documented article's strength (as coded: ``strength_coded`` if the frame has it)
    follows from its ``strength_rule`` (:data:`STRENGTH_RULES`) and a non-English quote has a
    translation; else ``ValueError`` naming file, row (article) and column. Returns ``articles``."""
    coded = "strength_coded" if "strength_coded" in articles.columns else "strength"
    for _, r in articles[articles["status"] == DOCUMENTED].iterrows():
        where = f"{file}, row article {int(r['article'])}"
        rule = r["strength_rule"]
        if data.blank(rule) or rule not in STRENGTH_RULES:
            raise ValueError(f"{where}, column strength_rule: missing or unknown rule {rule!r}")
        if STRENGTH_RULES[rule] != r[coded]:
            raise ValueError(
                f"{where}, column strength: rule {rule!r} gives {STRENGTH_RULES[rule]!r}, not {r[coded]!r}"
            )
        if not data.blank(r["quote"]) and str(r["quote_lang"]) != "en":
            for col in ("translation", "translation_by"):
                if data.blank(r[col]):
                    raise ValueError(f"{where}, column {col}: a {r['quote_lang']} quote needs an English translation")
    return articles


#: Policy domain of an obligation (the ``treaty_articles.domain`` vocabulary), used for
#: commitments that no source numbers (numbered ones take their article's domain).
OBLIGATION_DOMAINS: dict[str, str] = {
    "defense": "defence",
    "offense": "defence",
    "joint_defense_measures": "defence",
    "joint_exercises": "defence",
    "military_contacts": "defence",
    "nuclear_deterrence": "defence",
    "military_technical": "military_technical",
    "neutrality": "security",
    "non_assistance_aggressor": "security",
    "nonaggression": "security",
    "territory_not_used_against": "security",
    "no_hostile_third_party_agreements": "security",
    "counterterrorism_crime": "security",
    "arms_control": "security",
    "nuclear_no_first_use": "security",
    "emergency_response": "security",
    "consultation": "political",
    "interparliamentary": "political",
    "intelligence_security": "intelligence",
    "sanctions_clause": "economy",
    "payments_national_currency": "finance_payments",
    "energy_oil_gas": "energy",
    "nuclear_energy": "nuclear",
    "transport_corridor": "transport",
    "information_security": "information",
    "media_cooperation": "information",
    "regional_cooperation": "regional",
}

#: The security-relevant clauses of a treaty, in reading order (see :func:`security_articles`).
SECURITY_OBLIGATIONS: tuple[str, ...] = (
    "non_assistance_aggressor",
    "territory_not_used_against",
    "no_hostile_third_party_agreements",
    "consultation",
    "military_technical",
    "joint_exercises",
    "military_contacts",
    "intelligence_security",
    "sanctions_clause",
    "payments_national_currency",
    "transport_corridor",
    "information_security",
)

#: Order and labels of treaty milestones.
MILESTONES: dict[str, str] = {
    "signed": "Signed",
    "ratified_ru_duma": "Russia: State Duma",
    "ratified_ru_federation_council": "Russia: Federation Council",
    "ratified_ru_president": "Russia: President signs law",
    "ratified_ir_majlis": "Iran: Majlis",
    "approved_ir_guardian_council": "Iran: Guardian Council",
    "ratified_other": "Other party ratifies",
    "notification_final": "Final notification",
    "in_force": "Entry into force",
    "suspended": "Suspended",
    "expired": "Ended",
}

#: What the legend says of a chart mark drawn from rows that rest only on low-confidence sources
#: (:func:`plot_milestones`, :func:`plot_article_grid`; drawn in :data:`helpers.reliability.COLOUR`).
LOW_CONFIDENCE_LABEL = "rests only on low-confidence sources"
#: The sentence a table's source line adds when the table shows the ``confidence`` column.
CONFIDENCE_NOTE = f"Column {reliability.LEGEND}."

# --------------------------------------------------------------------------- small helpers


def format_date(value: object, precision: str | None = None) -> str:
    """``2025-10-02`` → ``2 Oct 2025``; ``2025-07`` (month) → ``Jul 2025``; a year stays a year
    (:func:`helpers.dates.fmt`)."""
    return dates.fmt(value, precision)


def compress_ranges(numbers) -> str:
    """``[6, 8, 9, 10, 11, 13]`` → ``6, 8–11, 13``."""
    nums = sorted(int(n) for n in numbers)
    out: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)


def article_number(article: object) -> int | None:
    """The article of an ``article`` cell such as ``3(3)`` (→ 3); ``None`` when empty."""
    if data.blank(article):
        return None
    match = re.match(r"^(\d+)", str(article))
    return int(match.group(1)) if match else None


def translation_cell(row) -> str:
    """The English translation shown beside a non-English quote, with who made it; empty for an
    English quote (or a row without the translation columns)."""
    text = row.get("translation") if hasattr(row, "get") else None
    if data.blank(text):
        return ""
    by = row.get("translation_by")
    return f"{text} ({'translation: ' + str(by) if not data.blank(by) else 'translation'})"


def article_ref(article: object) -> str:
    """``Art. 3(3)``, or :data:`NO_ARTICLE` when no source gives the number."""
    return NO_ARTICLE if data.blank(article) else f"Art. {article}"


def with_confidence(table: pd.DataFrame, column: str = "Sources", registry: pd.DataFrame | None = None) -> pd.DataFrame:
    """A display table of codings with the confidence mark of :mod:`helpers.reliability` beside
    its first column, computed from its ``column`` of sources (ids joined by ``"; "``; a ``—``
    or empty cell cites nothing and is marked ``—``)."""
    if column not in table.columns:
        raise KeyError(f"the table has no sources column {column!r}")
    ids = table[column].fillna("").astype(str).str.replace(" ", "", regex=False).replace("—", "")
    marked = reliability.with_confidence(table.assign(_ids=ids.to_numpy()), registry=registry, column="_ids")
    return marked.drop(columns="_ids")


# --------------------------------------------------------------------------- facts and milestones


def milestone_claims(milestones: pd.DataFrame, treaty_id: str) -> pd.DataFrame:
    """The dated claims of one treaty, in step order, one row per claim (= per row of the table).

    Adds ``step`` (readable label), ``order`` (position of the step), ``when`` (timestamp: the
    first day of the month or year for coarser dates), ``n_sources``, ``claims_for_step`` (how
    many different dates are claimed for that step) and ``disputed`` (the step has more than
    one claimed date, or the curator flagged a disagreement in the note).
    """
    rows = milestones[milestones["treaty_id"] == treaty_id].copy()
    if rows.empty:
        raise ValueError(f"no milestones for treaty {treaty_id!r}")
    unknown = sorted(set(rows["milestone"]) - set(MILESTONES))
    if unknown:
        raise ValueError(f"unknown milestone(s) {unknown}")
    order = {m: i for i, m in enumerate(MILESTONES)}
    rows["step"] = rows["milestone"].map(MILESTONES)
    rows["order"] = rows["milestone"].map(order).astype(int)
    rows["when"] = dates.starts(rows)
    rows["n_sources"] = rows["source_ids"].map(lambda s: len(data.split_list(s))).astype(int)
    rows["claims_for_step"] = rows.groupby("milestone")["date"].transform("nunique").astype(int)
    flagged = rows["note"].fillna("").str.contains("DISAGREEMENT", regex=False)
    rows["inferred"] = rows["basis"].eq("inferred") if "basis" in rows else False
    rows["disputed"] = ((rows["claims_for_step"] > 1) | flagged) & ~rows["inferred"]
    rows = rows.sort_values(["order", "when"], kind="stable").reset_index(drop=True)
    return rows


def claim_counts(milestones: pd.DataFrame, registry: pd.DataFrame | None = None) -> dict[str, int]:
    """How many rows of ``milestones`` are claims a source reports (``reported``), how many of
    those rest only on low-confidence sources (``low``: the ``confidence`` column where there is
    one, else :func:`helpers.reliability.is_low`) and how many are dates the collection inferred
    (``inferred``: the ``inferred`` column of :func:`milestone_claims`, else ``basis`` is
    ``inferred``; a table with neither has none), which are derivations, not claims. ``registry``
    is ``data/sources.csv`` (loaded when needed and not given)."""
    if "inferred" in milestones:
        inferred = milestones["inferred"].astype(bool)
    elif "basis" in milestones:
        inferred = milestones["basis"].eq("inferred")
    else:
        inferred = pd.Series(False, index=milestones.index)
    if "confidence" in milestones:
        low = milestones["confidence"].eq(reliability.LOW) & ~inferred
    else:
        low = reliability.is_low(milestones, registry) & ~inferred
    return {"reported": int((~inferred).sum()), "low": int(low.sum()), "inferred": int(inferred.sum())}


def claims_phrase(counts: dict[str, int], low: bool = True) -> str:
    """:func:`claim_counts` in words: ``45 reported claims (4 resting only on low-confidence
    sources) and 2 inferences``; the parts that are zero are left out, and the low-confidence
    part too when ``low`` is false (where the text says it elsewhere)."""

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    text = n(counts["reported"], "reported claim")
    if low and counts["low"]:
        text += f" ({counts['low']} resting only on low-confidence sources)"
    if counts["inferred"]:
        text += f" and {n(counts['inferred'], 'inference')}"
    return text


def disagreements(milestones: pd.DataFrame, treaty_id: str) -> pd.DataFrame:
    """The disputed steps of a treaty, claims side by side: step, claimed date, sources, note."""
    claims = milestone_claims(milestones, treaty_id)
    claims = claims[claims["disputed"]]
    return pd.DataFrame(
        {
            "Step": claims["step"].to_list(),
            "Claimed date": [format_date(d, p) for d, p in zip(claims["date"], claims["date_precision"])],
            "Sources (registry ids)": claims["source_ids"].str.replace(";", "; ", regex=False).to_list(),
            "What the sources say": claims["note"].fillna("").to_list(),
        }
    )


def treaty_facts(treaties: pd.DataFrame, milestones: pd.DataFrame, treaty_id: str) -> pd.DataFrame:
    """The facts of one treaty, each with its sources: every dated step (every claim), then
    place of signature, term, renewal and number of articles from the ``treaties`` row."""
    row = treaties.set_index("treaty_id").loc[treaty_id]
    claims = milestone_claims(milestones, treaty_id)
    rows = [
        (step, format_date(d, p), ids, "" if data.blank(note) else str(note))
        for step, d, p, ids, note in zip(
            claims["step"], claims["date"], claims["date_precision"], claims["source_ids"], claims["note"]
        )
    ]
    ids = row["source_ids"]
    for label, value in (
        ("Place of signature", row["signed_place"]),
        ("Initial term", None if data.blank(row["duration_years"]) else f"{int(row['duration_years'])} years"),
        ("Renewal", row["renewal"]),
        ("Number of articles", None if data.blank(row["articles_n"]) else str(int(row["articles_n"]))),
    ):
        rows.append((label, "not stated by any source read" if data.blank(value) else str(value), ids, ""))
    out = pd.DataFrame(rows, columns=["Fact", "Value", "Sources (registry ids)", "Note"])
    out["Sources (registry ids)"] = out["Sources (registry ids)"].str.replace(";", "; ", regex=False)
    return out


def treaty_overview(treaties: pd.DataFrame) -> pd.DataFrame:
    """One line per treaty: label, signed, in force, term, renewal, articles, ATOP id."""
    labels = treaty_labels(treaties)

    def _date(v):
        return "unknown" if pd.isna(v) else format_date(pd.Timestamp(v))

    def _int(v, unit=""):
        return "unknown" if pd.isna(v) else f"{int(v)}{unit}"

    return pd.DataFrame(
        {
            "Treaty": treaties["treaty_id"].map(labels).to_list(),
            "Signed": [_date(v) for v in treaties["signed"]],
            "In force (main claim)": [_date(v) for v in treaties["entered_into_force"]],
            "Term": [
                "indefinite" if pd.isna(v) and "indefinite" in str(r).lower() else _int(v, " years")
                for v, r in zip(treaties["duration_years"], treaties["renewal"])
            ],
            "Renewal": treaties["renewal"].fillna("not stated").to_list(),
            "Articles": [_int(v) for v in treaties["articles_n"]],
            "ATOP id": ["not in ATOP" if pd.isna(v) else str(int(v)) for v in treaties["atop_id"]],
        }
    )


def latest_date(*frames_and_columns: tuple[pd.DataFrame, str]) -> str:
    """The latest date (ISO text) among the given (frame, column) pairs. A text column is read
    with the frame's ``date_precision`` column (:func:`helpers.dates.starts`: a month or year
    counts as its first day); a column of timestamps is read as it is. A text column without a
    precision column is an error: the precision is never guessed from the text. Rows that rest
    only on low-confidence sources are shown but never used (:func:`helpers.reliability.split`),
    so they do not extend the date."""
    latest: pd.Timestamp | None = None
    for frame, column in frames_and_columns:
        rows = reliability.usable(frame).dropna(subset=[column])
        if pd.api.types.is_datetime64_any_dtype(rows[column]):
            stamps = rows[column]
        elif "date_precision" in rows.columns:
            stamps = dates.starts(rows, column, "date_precision")
        else:
            raise ValueError(f"column {column!r} holds text dates but the frame has no date_precision column")
        if len(stamps):
            top = stamps.max()
            latest = top if latest is None or top > latest else latest
    if latest is None:
        raise ValueError("no dates")
    return latest.strftime("%Y-%m-%d")


# --------------------------------------------------------------------------- the 47 articles


def coverage(articles: pd.DataFrame, total: int | None = None) -> dict[str, float | int]:
    """How many articles the available sources document: ``documented``, ``total`` (default: the
    rows of the table; pass the treaty's ``articles_n`` to check against it), ``not_covered`` and
    ``share`` (documented / total)."""
    total = len(articles) if total is None else int(total)
    if total <= 0:
        raise ValueError("total must be positive")
    bad = sorted(set(articles["status"]) - {DOCUMENTED, NOT_COVERED})
    if bad:
        raise ValueError(f"unknown article status(es) {bad}")
    documented = int((articles["status"] == DOCUMENTED).sum())
    return {"documented": documented, "total": total, "not_covered": total - documented, "share": documented / total}


def coverage_table(cov: dict[str, float | int]) -> pd.DataFrame:
    """:func:`coverage` as a one-row table for display (share as a whole percentage)."""
    return pd.DataFrame(
        [
            {
                "Articles in the treaty": int(cov["total"]),
                "Documented by an available source": int(cov["documented"]),
                "Not covered by an available source": int(cov["not_covered"]),
                "Coverage (documented / total)": f"{cov['share']:.0%}",
            }
        ]
    )


def counted_articles(articles: pd.DataFrame, registry: pd.DataFrame | None = None) -> pd.DataFrame:
    """The article map as counted: the counting rule of :func:`counted` applied to strength. A copy
    with ``strength_coded`` (as coded) and ``strength`` set to ``unknown`` for a documented article
    whose every source is low confidence (the article stays documented, and marked). Idempotent.
    ``registry`` is ``data/sources.csv`` (loaded when not given)."""
    out = articles.copy()
    if "strength_coded" not in out.columns:
        out["strength_coded"] = out["strength"]
    weak = pd.Series(False, index=out.index, dtype=bool)
    if "source_ids" in out.columns and len(out):
        weak = sources.low_confidence(out, registry) & (out["status"] == DOCUMENTED)
    out["strength"] = out["strength_coded"].where(~weak, "unknown")
    out.attrs = dict(articles.attrs)
    return out


def strength_counts(articles: pd.DataFrame, regrade: dict[str, str] | None = None) -> dict[str, int]:
    """Documented articles per strength (:data:`STRENGTHS` order, as counted:
    :func:`counted_articles`). ``regrade`` maps an article number (as in the ``article`` column)
    to another strength - a sensitivity reading of a judgment call; an unknown article number or
    strength is an error."""
    counted_ = counted_articles(articles)
    doc = counted_[counted_["status"] == DOCUMENTED].copy()
    keys = doc["article"].astype(str)
    for number, strength in (regrade or {}).items():
        if strength not in STRENGTHS:
            raise ValueError(f"unknown strength {strength!r}; expected one of {list(STRENGTHS)}")
        if str(number) not in set(keys):
            raise KeyError(f"article {number!r} is not a documented article")
        doc.loc[keys == str(number), "strength"] = strength
    values = doc["strength"].fillna("unknown").astype(str)
    return {k: int((values == k).sum()) for k in STRENGTHS if (values == k).any()}


def strength_sensitivity(articles: pd.DataFrame, number: str, strength: str, label: str) -> str:
    """One line: the documented articles per strength as graded, and with article ``number``
    graded ``strength`` instead (``label`` names the paragraph, e.g. ``Art. 5(4)``)."""

    def fmt(counts: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in counts.items())

    return (
        f"Documented articles by strength: {fmt(strength_counts(articles))}; with {label} graded {strength}: "
        f"{fmt(strength_counts(articles, {number: strength}))}."
    )


def article_status(articles: pd.DataFrame) -> pd.Series:
    """Each article's category for the grid: its strength (as counted, :func:`counted_articles`)
    if documented, else :data:`NOT_COVERED`."""
    articles = counted_articles(articles)
    documented = articles["status"] == DOCUMENTED
    strength = articles["strength"].fillna("unknown").astype(str)
    return pd.Series(
        [s if d else NOT_COVERED for s, d in zip(strength, documented)], index=articles.index, name="category"
    )


def strength_by_domain(articles: pd.DataFrame) -> pd.DataFrame:
    """Documented articles counted by domain (rows) and strength (columns, :data:`STRENGTHS`; as
    counted, :func:`counted_articles`), with a ``total`` column; domains sorted by total, then name."""
    articles = counted_articles(articles)
    doc = articles[articles["status"] == DOCUMENTED]
    table = pd.crosstab(doc["domain"].astype(str), doc["strength"].fillna("unknown").astype(str))
    table = table.reindex(columns=list(STRENGTHS), fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.reset_index().sort_values(["total", "domain"], ascending=[False, True]).set_index("domain")
    table.columns.name = None
    return table.astype(int)


def article_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The browsable map: one row per documented article (number, label, domain, strength, quote,
    quoted by, sources), then one row listing the articles no available source documents. Strength
    as counted (:func:`counted_articles`), the strength as coded beside it where they differ."""
    articles = counted_articles(articles)
    doc = articles[articles["status"] == DOCUMENTED]
    out = pd.DataFrame(
        {
            "Article": doc["article"].astype(int).astype(str).to_list(),
            "Label": doc["title"].fillna("").str.replace(" (label ours)", "", regex=False).to_list(),
            "Domain": doc["domain"].fillna("").to_list(),
            "Strength": [
                str(c) if c == k or pd.isna(k) else f"{c} (coded {k}; low-confidence sources only)"
                for c, k in zip(doc["strength"].fillna("unknown"), doc["strength_coded"])
            ],
            "Quote": [  # marked with its language (lang, and dir for right-to-left scripts) for screen readers
                languages.lang_span(str(q), str(lang))
                if not data.blank(q) and not data.blank(lang) and str(lang) != "en"
                else q
                for q, lang in zip(doc["quote"].fillna(""), doc.get("quote_lang", pd.Series(None, index=doc.index)))
            ],
            "English translation": [translation_cell(r) for _, r in doc.iterrows()],
            "Quoted by": doc["quote_by"].fillna("").to_list(),
            "Sources": doc["source_ids"].fillna("").str.replace(";", "; ", regex=False).to_list(),
        }
    )
    missing = articles.loc[articles["status"] != DOCUMENTED, "article"]
    if len(missing):
        gap = {c: "—" for c in out.columns}
        gap.update({"Article": compress_ranges(missing), "Label": NOT_COVERED})
        out = pd.concat([out, pd.DataFrame([gap])], ignore_index=True)
    return out


# --------------------------------------------------------------------------- provisions


def obligation_matrix(
    provisions: pd.DataFrame,
    treaties: pd.DataFrame,
    obligations=ATOP_OBLIGATIONS + EXTRA_OBLIGATIONS,
    count: bool = True,
) -> pd.DataFrame:
    """Treaties (rows, in the order of ``treaties``) × obligations (columns): yes / no /
    unknown, or ``not coded`` where the table has no row for that treaty and obligation. Values
    as counted (:func:`counted`: a yes or no resting only on low-confidence sources is unknown);
    ``count=False`` reads ``present`` as it stands (the coding before the recoding, whose own
    sources the table does not record)."""
    grouped = (counted(provisions) if count else provisions).groupby(["treaty_id", "obligation"])["present"].agg(list)
    cells = {ob: [combine_presence(grouped.get((t, ob), [])) for t in treaties["treaty_id"]] for ob in obligations}
    out = pd.DataFrame(cells, index=pd.Index(treaties["treaty_id"].to_list(), name="treaty_id"))
    return out


def weak_cells(
    provisions: pd.DataFrame, registry: pd.DataFrame | None = None, obligations=ATOP_OBLIGATIONS + EXTRA_OBLIGATIONS
) -> set[tuple[str, str]]:
    """The (treaty, obligation) cells of :func:`obligation_matrix` (the same ``obligations``)
    whose coding rests only on low-confidence sources: every provision row of the cell is marked
    ``low`` (:func:`helpers.reliability.confidence`; ``registry`` is ``data/sources.csv`` when
    not given)."""
    provisions = provisions[provisions["obligation"].isin(obligations)]
    low = reliability.confidence(provisions, registry) == reliability.LOW
    keys = list(zip(provisions["treaty_id"], provisions["obligation"]))
    return {k for k, is_low in zip(keys, low) if is_low} - {k for k, is_low in zip(keys, low) if not is_low}


def commitments(provisions: pd.DataFrame, articles: pd.DataFrame, treaty_id: str) -> pd.DataFrame:
    """The commitments of a treaty as the sources describe them (``present`` = yes), one row per
    clause: rows citing the same article (e.g. neutrality and non-assistance, both Art. 3(3))
    count once. Numbered clauses take their article's domain and strength from ``articles``
    (the 2025 treaty's map); unnumbered ones take the obligation's domain and strength
    ``not numbered`` (the wording is a reporter's, so its strength is not judged). Only commitments
    that count (:func:`counted`): one resting only on low-confidence sources is left out."""
    provisions = counted(provisions)
    rows = provisions[(provisions["treaty_id"] == treaty_id) & (provisions["present"] == "yes")].copy()
    articles = counted_articles(articles)
    art = articles.set_index(articles["article"].astype(int))
    rows["numbered"] = ~rows["article"].map(data.blank)
    rows = pd.concat([rows[rows["numbered"]].drop_duplicates("article"), rows[~rows["numbered"]]])
    domains, strengths = [], []
    for ob, a in zip(rows["obligation"], rows["article"]):
        n = article_number(a)
        if n is not None and n in art.index and art.at[n, "status"] == DOCUMENTED:
            domains.append(str(art.at[n, "domain"]))
            strengths.append(str(art.at[n, "strength"]))
        else:
            domains.append(OBLIGATION_DOMAINS.get(ob, "general"))
            strengths.append("not numbered")
    rows["domain"] = domains
    rows["strength"] = strengths
    return rows.sort_values("provision_id").reset_index(drop=True)


def commitments_by_domain(commits: pd.DataFrame) -> pd.DataFrame:
    """:func:`commitments` counted by domain × strength (:data:`STRENGTHS` then ``not numbered``),
    domains sorted by total, then name."""
    cols = [*STRENGTHS, "not numbered"]
    table = pd.crosstab(commits["domain"], commits["strength"]).reindex(columns=cols, fill_value=0)
    table["total"] = table.sum(axis=1)
    table = table.reset_index().sort_values(["total", "domain"], ascending=[False, True]).set_index("domain")
    table.columns.name = None
    return table.astype(int)


def security_articles(provisions: pd.DataFrame, treaty_id: str, obligations=SECURITY_OBLIGATIONS) -> pd.DataFrame:
    """The security-relevant commitments of a treaty (``present`` = yes), in the order of
    ``obligations``: topic, article (or :data:`NO_ARTICLE`), quote, who is quoted, what it counts
    as (:func:`counted`: a clause resting only on low-confidence sources stays listed, counted as
    unknown), sources."""
    provisions = counted(provisions)
    rows = provisions[
        (provisions["treaty_id"] == treaty_id)
        & (provisions["coded"] == "yes")
        & provisions["obligation"].isin(obligations)
    ].copy()
    rank = {ob: i for i, ob in enumerate(obligations)}
    rows["rank"] = rows["obligation"].map(rank)
    rows = rows.sort_values(["rank", "provision_id"])
    return pd.DataFrame(
        {
            "Topic": rows["obligation"].map(OBLIGATION_LABELS).to_list(),
            "Article": rows["article"].map(article_ref).to_list(),
            "Quote": rows["quote"].fillna("").to_list(),
            "English translation": [translation_cell(r) for _, r in rows.iterrows()],
            "Quoted by": rows["quote_by"].fillna("").to_list(),
            "Counted as": [_counted_as(r) for _, r in rows.iterrows()],
            "Sources": rows["source_ids"].str.replace(";", "; ", regex=False).to_list(),
        }
    )


def _counted_as(row) -> str:
    """What a provision row counts as, in words (:func:`counted`)."""
    return f"unknown ({LOW_ONLY_REASON.split(':')[0]})" if row["low_only"] else str(row["present"])


def absences(provisions: pd.DataFrame, treaty_id: str) -> pd.DataFrame:
    """What a source says the treaty does *not* contain (``present`` = no), with the quote and
    who said it, and what it counts as (:func:`counted`)."""
    provisions = counted(provisions)
    rows = provisions[(provisions["treaty_id"] == treaty_id) & (provisions["coded"] == "no")]
    return pd.DataFrame(
        {
            "Obligation absent": rows["obligation"].map(OBLIGATION_LABELS).to_list(),
            "Quote": rows["quote"].fillna("").to_list(),
            "Said by": rows["quote_by"].fillna("").to_list(),
            "Counted as": [_counted_as(r) for _, r in rows.iterrows()],
            "Sources": rows["source_ids"].str.replace(";", "; ", regex=False).to_list(),
            "Note": rows["note"].fillna("").to_list(),
        }
    )


# --------------------------------------------------------------------------- obligations in force by date


def obligations_table(
    days,
    dyads,
    treaties,
    provisions,
    milestones,
    parties,
    atop_dyads=None,
    orders: dict[str, tuple[str, ...]] | None = None,
    registry: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`obligation_in_force` for every day × dyad, one column per ladder order in
    ``orders`` (default: the COW order and the consultation-first variant), with the
    ``confidence`` of the clause that gives the first order's status
    (:func:`helpers.reliability.confidence`: ``low`` when it rests only on low-confidence
    sources; ``—`` when no clause gives it). ``registry`` is ``data/sources.csv`` (loaded when
    not given)."""
    orders = orders or {"COW order": LADDER_COW, "consultation above neutrality": LADDER_CONSULTATION_FIRST}
    rows = []
    for day in days:
        for dyad in dyads:
            row = {"date": pd.Timestamp(day), "dyad": "–".join(dyad)}
            for k, (name, order) in enumerate(orders.items()):
                res = obligation_in_force(day, dyad, treaties, provisions, milestones, parties, atop_dyads, order)
                row[name] = res["status"] + (" (a higher rung unknown)" if res["open_above"] else "")
                if k == 0:
                    row["binding treaties"] = ", ".join(res["treaties"]) or "—"
                    row["basis (first order)"] = res["basis"]
                    row["source_ids"] = _rung_sources(provisions, res["by"], res["status"])
            rows.append(row)
    out = reliability.with_confidence(pd.DataFrame(rows), registry=registry, after="dyad")
    return out.drop(columns="source_ids")


def recoded(provisions: pd.DataFrame, treaty_id: str, obligation: str, present: str) -> pd.DataFrame:
    """A copy of ``provisions`` with every row of the cell (``treaty_id``, ``obligation``) set to
    ``present`` - to see how a result depends on one coding judgment. The table itself is not
    changed. A cell no row holds is a ``KeyError``; a value outside yes / no / unknown a
    ``ValueError``."""
    if present not in ("yes", "no", UNKNOWN):
        raise ValueError(f"present must be yes, no or unknown, got {present!r}")
    hit = (provisions["treaty_id"] == treaty_id) & (provisions["obligation"] == obligation)
    if not hit.any():
        raise KeyError(f"treaty_provisions: no row codes {obligation!r} for {treaty_id!r}")
    return provisions.assign(present=provisions["present"].mask(hit, present))


def rung_sensitivity(
    day,
    dyad,
    treaties,
    provisions,
    milestones,
    parties,
    atop_dyads,
    cell: tuple[str, str],
    present: str,
    label: str,
    orders: dict[str, tuple[str, ...]] | None = None,
) -> str:
    """One line: the rung of ``dyad`` on ``day`` under each ladder order (default: the COW order
    and the consultation-first variant), with ``cell`` (treaty id, obligation) coded ``present``
    (:func:`recoded`) and, in brackets, as coded. ``label`` names the recoded clause."""
    orders = orders or {"COW order": LADDER_COW, "consultation above neutrality": LADDER_CONSULTATION_FIRST}

    def rungs(frame: pd.DataFrame) -> list[str]:
        out = []
        for order in orders.values():
            res = obligation_in_force(day, dyad, treaties, frame, milestones, parties, atop_dyads, order)
            out.append(res["status"] + (" (a higher rung unknown)" if res["open_above"] else ""))
        return out

    as_coded, changed = rungs(provisions), rungs(recoded(provisions, *cell, present))
    pair = "–".join(countries.short_name(c) for c in dyad)
    parts = "; ".join(f"{name} → {new} (as coded: {old})" for name, new, old in zip(orders, changed, as_coded))
    return f"With {label} coded {present}, {pair} on {dates.fmt(pd.Timestamp(day))}: {parts}."


def named_obligations(table: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """:func:`obligations_table` for reading: each dyad by its states' chart names
    (:func:`helpers.countries.short_name`: ``RUS–IRN`` → ``Russia–Iran``) and each treaty id, in
    the treaty list and the basis, by its label (:func:`treaty_labels`). A treaty id without a
    label is an error: the table would show an internal id."""
    out = table.copy()
    out["dyad"] = [("–".join(countries.short_name(c) for c in str(d).split("–"))) for d in out["dyad"]]
    ids = sorted({i for cell in out["binding treaties"] for i in str(cell).split(", ") if i != "—"})
    missing = [i for i in ids if i not in labels]
    if missing:
        raise KeyError(f"no label for treaty id(s) {missing}: pass treaty_labels(treaties)")
    out["binding treaties"] = [
        ", ".join(labels.get(i, i) for i in str(cell).split(", ")) for cell in out["binding treaties"]
    ]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(labels, key=len, reverse=True)))
    out["basis (first order)"] = [pattern.sub(lambda m: labels[m.group(0)], str(b)) for b in out["basis (first order)"]]
    return out


def _rung_sources(provisions: pd.DataFrame, treaty_id: str | None, rung: str) -> str:
    """The sources of the clauses (``yes``) that put ``treaty_id`` on ``rung``; empty when no
    treaty gives the status (none, unknown, not coded)."""
    if treaty_id is None or rung not in RUNG_OBLIGATIONS:
        return ""
    provisions = counted(provisions)
    rows = provisions[
        (provisions["treaty_id"] == treaty_id)
        & provisions["obligation"].isin(RUNG_OBLIGATIONS[rung])
        & (provisions["present"] == "yes")
    ]
    ids = dict.fromkeys(i for cell in rows["source_ids"] for i in data.split_list(cell))
    return ";".join(ids)


def milestone_alt(claims: pd.DataFrame, label: str, spans: dict[str, tuple] | None = None) -> str:
    """Alt text for :func:`plot_milestones`, from the claims: the disputed steps, every
    entry-into-force claim, the inferred dates, the claims resting only on low-confidence sources
    (when ``claims`` has a ``confidence`` column) and the shaded periods."""

    def dates(rows):
        return "; ".join(format_date(d, p) for d, p in zip(rows["date"], rows["date_precision"]))

    text = (
        f"Timeline of the {claims_phrase(claim_counts(claims), low=False)} about the {label} treaty, one lane per step "
        "from signature "
        f"to entry into force. Steps on which sources disagree, in vermillion: "
        f"{'; '.join(claims.loc[claims['disputed'], 'step'].unique()) or 'none'}. Entry-into-force claims: "
        f"{dates(claims[claims['milestone'] == 'in_force'])}."
    )
    inferred = claims[claims["inferred"]]
    if len(inferred):
        text += (
            f" A hollow marker shows {', '.join(inferred['step'].str.lower())} as inferred, not reported: "
            f"{dates(inferred)}."
        )
    if "confidence" in claims:
        weak = claims[claims["confidence"] == reliability.LOW]
        text += (
            f" Grey italic claims rest only on low-confidence sources: {', '.join(weak['step'])} ({dates(weak)})."
            if len(weak)
            else " No claim rests only on low-confidence sources."
        )
    for name, (start, end) in (spans or {}).items():
        text += f" A grey band marks the {name}, {format_date(str(start)[:10])} to {format_date(str(end)[:10])}."
    return text


def bound_under_claims(
    days: dict[str, object],
    dyad,
    treaty_id: str,
    treaties: pd.DataFrame,
    provisions: pd.DataFrame,
    milestones: pd.DataFrame,
    parties: pd.DataFrame,
    atop_dyads: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which treaties bound ``dyad`` on each of ``days`` (label → date) under each claimed date
    of ``treaty_id``'s entry into force (``in_force`` rows of ``treaty_milestones``; a month-only
    claim is taken at its first day, the earliest it can mean). A treaty whose end was inferred
    from ``treaty_id``'s entry into force (an inferred ``expired`` row dated on the main claim)
    ends on the claimed date instead. One row per day; one column per claim."""
    claims = milestones[(milestones["treaty_id"] == treaty_id) & (milestones["milestone"] == "in_force")]
    if claims.empty:
        raise ValueError(f"no entry-into-force claim for {treaty_id!r}")
    main = pd.Timestamp(treaties.set_index("treaty_id").at[treaty_id, "entered_into_force"])
    main_text = main.strftime("%Y-%m-%d")
    rows = {label: {"date": format_date(pd.Timestamp(day))} for label, day in days.items()}
    for date, precision in zip(claims["date"], claims["date_precision"]):
        start = dates.start_of(date, precision)
        t = treaties.copy()
        t.loc[t["treaty_id"] == treaty_id, "entered_into_force"] = start
        m = milestones.copy()
        linked = (m["milestone"] == "expired") & (m.get("basis", "reported") == "inferred") & (m["date"] == main_text)
        m.loc[linked, ["date", "date_precision"]] = [start.strftime("%Y-%m-%d"), "day"]
        column = f"if in force from {format_date(date, precision)}"
        for label, day in days.items():
            res = obligation_in_force(day, dyad, t, provisions, m, parties, atop_dyads)
            rows[label][column] = ", ".join(res["treaties"]) or "none"
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "moment"
    return out.reset_index()


# --------------------------------------------------------------------------- charts


def plot_milestones(
    claims: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    spans: dict[str, tuple] | None = None,
) -> None:
    """One lane per step, one marker per claim; vermillion marks a disputed step, a month-only
    date is drawn as a bar across its month; each marker is labelled with its date and number
    of sources; an inferred date (``inferred``) is a hollow marker labelled as inferred.
    ``spans`` (label → (start, end)) shades periods such as a war, labelled at the top. A claim
    whose ``confidence`` (:func:`helpers.reliability.with_confidence`) is ``low`` is drawn grey
    with a dashed edge and an italic label, and the legend says it rests only on
    low-confidence sources."""
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    steps = list(dict.fromkeys(claims["step"]))
    weak_rows = claims["confidence"].eq(reliability.LOW) if "confidence" in claims else pd.Series(False, claims.index)
    fig, ax = style.figure("wide")
    for label, (start, end) in (spans or {}).items():
        ax.axvspan(pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1), color="#E6E6E6", zorder=0)
        ax.annotate(label, (pd.Timestamp(start), len(steps) - 0.45), fontsize=8, color="#555555", va="bottom")
    y_of = {s: len(steps) - 1 - i for i, s in enumerate(steps)}
    for idx, r in claims.iterrows():
        y = y_of[r["step"]]
        weak = bool(weak_rows.at[idx])
        colour = style.PALETTE["vermillion"] if r["disputed"] else style.PALETTE["blue"]
        colour = reliability.COLOUR if weak else colour
        label = f"{format_date(r['date'], r['date_precision'])} ({r['n_sources']} src)"
        if r.get("inferred", False):
            label = f"{format_date(r['date'], r['date_precision'])}: INFERRED, not reported (see note)"
        if r["disputed"] and r["claims_for_step"] == 1:
            label += ", details disputed (see note)"
        if r["date_precision"] == "month":
            end = r["when"] + pd.offsets.MonthEnd(0)
            ax.plot([r["when"], end], [y, y], color=colour, linewidth=7, alpha=0.55, solid_capstyle="butt", zorder=2)
            x_text = end
        else:
            if r.get("inferred", False):
                ax.scatter(
                    [r["when"]],
                    [y],
                    s=90,
                    facecolor="white",
                    edgecolor=style.PALETTE["blue"],
                    linewidth=1.6,
                    linestyle="--",
                    zorder=3,
                )
            else:
                ax.scatter(
                    [r["when"]],
                    [y],
                    s=40 + 25 * r["n_sources"],
                    color=colour,
                    edgecolor="black" if weak else "white",
                    linestyle="--" if weak else "-",
                    zorder=3,
                )
            x_text = r["when"]
        same = claims[(claims["step"] == r["step"])]
        above = len(same) > 1 and r["when"] == same["when"].min()
        ax.annotate(
            label,
            (x_text, y),
            xytext=(8, 7 if above else -13 if len(same) > 1 else 0),
            textcoords="offset points",
            fontsize=8.5,
            va="center",
            color=reliability.COLOUR if weak else "#333333",
            fontstyle="italic" if weak else "normal",
        )
    if weak_rows.any():
        handle = Line2D([], [], marker="o", linestyle="", color=reliability.COLOUR, markeredgecolor="black")
        ax.legend(handles=[handle], labels=[f"grey, italic: {LOW_CONFIDENCE_LABEL}"], loc="lower right", fontsize=8.5)
    ax.set_yticks([y_of[s] for s in steps], steps)
    ax.set_ylim(-0.7, len(steps) - 0.3)
    lo, hi = claims["when"].min(), claims["when"].max()
    ax.set_xlim(lo - pd.Timedelta(days=12), hi + pd.Timedelta(days=75))
    span_months = (hi.year - lo.year) * 12 + hi.month - lo.month
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, -(-span_months // 8))))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("Claimed date (marker size: number of sources; vermillion: sources disagree; hollow: inferred)")
    ax.set_ylabel("Step")
    ax.grid(axis="y", visible=False)
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_article_grid(
    articles: pd.DataFrame,
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    ncols: int = 10,
    weak: set[int] | None = None,
) -> None:
    """One cell per article, coloured by strength (hatched grey: not covered by an available
    source), with the article number and, for documented articles, its domain. The articles in
    ``weak`` (numbers; those resting only on low-confidence sources) get a dashed black frame
    and a legend entry that says so."""
    from matplotlib.patches import Patch, Rectangle

    cats = article_status(articles).to_list()
    n = len(articles)
    nrows = -(-n // ncols)
    grid = pd.DataFrame(index=range(nrows), columns=range(ncols), dtype=object)
    text = pd.DataFrame("", index=range(nrows), columns=range(ncols), dtype=object)
    for k, (num, cat, dom) in enumerate(zip(articles["article"], cats, articles["domain"])):
        r, c = divmod(k, ncols)
        grid.iat[r, c] = cat
        text.iat[r, c] = (  # the strength in words too: the colour is not the only cue
            str(int(num))
            if cat == NOT_COVERED
            else f"{int(num)}\n{cat}\n{textwrap.fill(str(dom).replace('_', ' '), 13)}"
        )
    grid.index = [f"{r * ncols + 1}–{min(n, (r + 1) * ncols)}" for r in range(nrows)]
    text.index = grid.index
    weak = {int(a) for a in (weak or set())}
    unknown_weak = sorted(weak - {int(a) for a in articles["article"]})
    if unknown_weak:  # checked before a figure is made, so a refused call leaves none open
        raise ValueError(f"weak article(s) {unknown_weak} not in the table")
    fig, ax = style.figure("wide")
    fig.set_size_inches(style.SIZES["wide"][0], 6.0)  # room for three or four lines in a cell
    style.category_heatmap(ax, grid, STRENGTH_COLOURS, text)
    for k, cat in enumerate(cats):
        if cat == NOT_COVERED:
            r, c = divmod(k, ncols)
            ax.add_patch(Rectangle((c, r), 1, 1, fill=False, hatch="///", edgecolor="#BBBBBB", linewidth=0))
    for k, num in enumerate(articles["article"]):
        if int(num) in weak:
            r, c = divmod(k, ncols)
            ax.add_patch(
                Rectangle((c + 0.05, r + 0.05), 0.9, 0.9, fill=False, edgecolor="black", linestyle="--", linewidth=1.4)
            )
    ax.set_xticks([])
    ax.tick_params(axis="y", rotation=0)
    ax.set_xlabel(f"Articles in reading order ({ncols} per row); in each cell: number, strength, policy domain")
    ax.set_ylabel("Articles")
    handles = [
        Patch(facecolor=STRENGTH_COLOURS[c], edgecolor="#BBBBBB", hatch="///" if c == NOT_COVERED else None, label=c)
        for c in [*STRENGTHS, NOT_COVERED]
    ]
    if weak:
        handles.append(Patch(fill=False, edgecolor="black", linestyle="--", label=f"dashed: {LOW_CONFIDENCE_LABEL}"))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncols=3 if weak else 5,
        fontsize=9,
        title="Strength of wording",
        title_fontsize=9,
    )
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


def plot_commitments(table: pd.DataFrame, title: str, source: str, alt: str, subtitle: str | None = None) -> None:
    """Horizontal stacked bars: commitments per domain by strength (``not numbered`` hatched)."""
    cols = [c for c in table.columns if c != "total"]
    colours = {**STRENGTH_COLOURS, "not numbered": "#FFFFFF"}
    order = table.index[::-1]
    fig, ax = style.figure("wide")
    left = pd.Series(0, index=order)
    for c in cols:
        values = table.loc[order, c]
        ax.barh(
            [d.replace("_", " ") for d in order],
            values,
            left=left,
            color=colours[c],
            edgecolor="#555555" if c == "not numbered" else "white",
            hatch="///" if c == "not numbered" else None,
            linewidth=0.6,
            label=c if c != "not numbered" else "not numbered (no article given)",
        )
        left = left + values
    ax.set_xlabel("Commitments reported by the sources (count of distinct clauses)")
    ax.set_ylabel("Policy domain")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", title="Strength of wording")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)


#: The obligation matrix's subtitle: how to read a cell (what is owed, by whom, and what grey means).
MATRIX_SUBTITLE = (
    "Each party owes the other the same obligation. yes / no (grey: the text lacks it): decided under a "
    "written rule; ?: unknown (text not reached); blank: not coded. No aid to an aggressor = the neutrality column"
)


def plot_matrix(
    matrix: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    source: str,
    alt: str,
    subtitle: str | None = None,
    highlight: str | None = None,
    weak: set[tuple[str, str]] | None = None,
) -> None:
    """Treaties × obligations, one coloured cell each (yes / no / unknown / not coded), the
    value written in the cell (``?`` for unknown, blank for not coded: say so in the subtitle);
    a vertical line separates the ATOP variables from the further commitments; ``highlight`` (a
    treaty id) is drawn in bold. *No* is drawn in neutral grey (:data:`PRESENCE_COLOURS`): the
    absence of an obligation is a fact about the text, not a warning. The cells in ``weak``
    ((treaty id, obligation) pairs, :func:`weak_cells`) get a dashed black frame and a legend
    entry: their coding rests only on low-confidence sources."""
    from matplotlib.patches import Patch, Rectangle

    shown = matrix.rename(index=lambda t: labels.get(t, t), columns=lambda c: OBLIGATION_LABELS.get(c, c))
    text = shown.apply(lambda col: col.map(lambda v: "?" if v == "unknown" else "" if v == "not coded" else v))
    rows, cols = list(matrix.index), list(matrix.columns)
    outside = sorted(w for w in (weak or set()) if w[0] not in rows or w[1] not in cols)
    if outside:  # checked before a figure is made, so a refused call leaves none open
        raise ValueError(f"weak cell(s) {outside} not in the matrix")
    fig, ax = style.figure("tall")
    style.category_heatmap(ax, shown, PRESENCE_COLOURS, text)
    nc = matrix.shape[1]
    n_atop = sum(1 for c in matrix.columns if c in ATOP_OBLIGATIONS)
    if 0 < n_atop < nc:
        ax.axvline(n_atop, color="#333333", linewidth=1.2)
    ax.set_xticks([j + 0.5 for j in range(nc)], list(shown.columns), rotation=40, ha="right", rotation_mode="anchor")
    ax.tick_params(axis="y", rotation=0)
    if highlight in list(matrix.index):
        ax.get_yticklabels()[list(matrix.index).index(highlight)].set_fontweight("bold")
    for tid, ob in sorted(weak or set()):
        r, c = rows.index(tid), cols.index(ob)
        ax.add_patch(
            Rectangle((c + 0.06, r + 0.06), 0.88, 0.88, fill=False, edgecolor="black", linestyle="--", linewidth=1.3)
        )
    if weak:
        text = (
            "dashed frame: "
            + LOW_CONFIDENCE_LABEL.replace(" on ", " on\n", 1)
            + "\n(a yes or no there counts as unknown)"
        )
        handle = Patch(fill=False, edgecolor="black", linestyle="--", label=text)
        ax.legend(handles=[handle], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5, frameon=False)
    ax.set_xlabel(
        "Obligation each party owes the other (all are reciprocal)\n"
        "left of the line: the ATOP variables coded; right: further commitments"
    )
    ax.set_ylabel("Treaty")
    style.finish(fig, title, source, subtitle)
    style.show(fig, alt)
