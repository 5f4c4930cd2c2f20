"""UN General Assembly voting extracts.

* ``unga_ideal_points``: Bailey, Strezhnev & Voeten ideal points (July 2023 release) for the
  focus states, one row per state × session.
* ``unga_votes_2025``: every 2025 recorded General Assembly vote of the focus states, one row
  per resolution × state, from the 3DL scrape of the UN Digital Library voting records.
* ``unga_agreement_history``: share of identical votes of Russia/USSR with each partner per
  session 1946–2019, from the Voeten roll-call data as packaged in the ``unvotes`` R package.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..countries import UnknownCountryError, names_to_iso3
from . import register
from .common import ReleaseFormatError, command, read_release_csv, require_columns, write_extract

IDEAL_POINT_STATES = ["RUS", "IRN", "CHN", "ISR", "USA", "PRK", "SYR", "BLR", "IND", "TUR", "SAU"]
VOTE_2025_STATES = ["RUS", "IRN", "ISR", "USA", "CHN", "PRK", "BLR", "SYR", "IND", "TUR", "SAU", "ARE", "UKR"]
#: unvotes ISO2 codes of Russia and its comparison partners (RU covers the USSR).
HISTORY_ISO2 = ["RU", "IR", "IL", "CN", "US", "KP", "SY", "BY", "UA"]

#: Release columns of the ideal-point file → extract columns (``QO%All`` is spelt with a letter O).
IDEAL_POINT_COLUMNS = {
    "NVotesAll": "n_votes",
    "IdealPointAll": "ideal_point",
    "QO%All": "q00",
    "Q5%All": "q05",
    "Q10%All": "q10",
    "Q50%All": "q50",
    "Q90%All": "q90",
    "Q95%All": "q95",
    "Q100%All": "q100",
}
VOTE_CODES = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain", "": "absent"}
_TITLE_SUFFIX = re.compile(r"\s*:\s*(resolution|decision)\s*/\s*adopted by the General Assembly\s*$")

BSV_2023 = {
    "publisher": "Michael A. Bailey, Anton Strezhnev & Erik Voeten (Harvard Dataverse, doi:10.7910/DVN/LEJUQZ)",
    "title": "United Nations General Assembly Voting Data: ideal point estimates, IdealpointestimatesAll_Jul2023.csv",
    "version": "July 2023 (sessions 1-77)",
    "url": "https://doi.org/10.7910/DVN/LEJUQZ",
    "obtained_from": "GitHub zleffel-afk/Visualization-of-NAM-country-data, IdealpointestimatesAll_Jul2023.csv "
    "(commit bba038e34b90ed2fa380b73bf7657f9239af3ac1), byte-for-byte copy",
    "licence": "Harvard Dataverse release by the authors; cite Bailey, Strezhnev & Voeten (2017), "
    "Journal of Conflict Resolution 61(2)",
}
UNDL_2025 = {
    "publisher": "United Nations, Dag Hammarskjöld Library (UN Digital Library voting records); compiled by 3DL",
    "title": "UN General Assembly and Security Council recorded votes 2025 (un_votes_2025_processed.csv)",
    "version": "GitHub HZloto/unga-2025 commit 46fa27efae8b05d522b89bbdcdcd564a96e49cef (2026-02-11)",
    "url": "https://digitallibrary.un.org/",
    "obtained_from": "GitHub HZloto/unga-2025, data/un_votes_2025_processed.csv "
    "(commit 46fa27efae8b05d522b89bbdcdcd564a96e49cef), byte-for-byte copy",
    "licence": "Underlying data (c) United Nations, non-commercial use with attribution; the compiling "
    "repository states no licence",
}
UNVOTES = {
    "publisher": "Erik Voeten (Harvard Dataverse hdl:1902.1/12379), packaged as the R package unvotes (David Robinson)",
    "title": "United Nations General Assembly Voting Data (unvotes tables un_votes and un_roll_calls)",
    "version": "unvotes 0.2.0.9000 (GitHub dgrtwo/unvotes commit 7eb7034314ff79c49c9e0785fcd9d216fa04cf14), "
    "sessions 1-74",
    "url": "https://doi.org/10.7910/DVN/LEJUQZ",
    "obtained_from": "GitHub dgrtwo/unvotes data/un_votes.rda and data/un_roll_calls.rda converted to CSV "
    "with pyreadr (the votes table filtered to the nine focus countries)",
    "licence": "unvotes package MIT; data: cite Voeten (2013) and Bailey, Strezhnev & Voeten (2017)",
}


def _check_iso3(iso3: pd.Series, names: pd.Series, path: Path) -> None:
    """The release's own ISO3 codes must agree with country_converter's reading of its names."""
    pairs = pd.DataFrame({"iso3": iso3, "name": names}).drop_duplicates()
    try:
        converted = names_to_iso3(pairs["name"])
    except UnknownCountryError as exc:
        raise ReleaseFormatError(f"{path}: {exc}") from None
    bad = [(i, n, c) for i, n, c in zip(pairs["iso3"], pairs["name"], converted) if i != c]
    if bad:
        raise ReleaseFormatError(
            f"{path}: ISO3 code and country name disagree: "
            + ", ".join(f"{i!r} for {n!r} (name reads as {c})" for i, n, c in bad)
        )


# --------------------------------------------------------------------------- ideal points


@register("unga_ideal_points")
def unga_ideal_points(release: Path, out_dir: Path | None = None) -> Path:
    """Ideal points of the focus states, one row per state × UNGA session."""
    release = Path(release)
    frame = read_release_csv(release)
    require_columns(frame, ["ccode", "session", "iso3c", "Countryname", *IDEAL_POINT_COLUMNS], release)
    sub = frame[frame["iso3c"].isin(IDEAL_POINT_STATES)].copy()
    _check_iso3(sub["iso3c"], sub["Countryname"], release)
    dupes = sub[sub.duplicated(["iso3c", "session"], keep=False)]
    if len(dupes):
        raise ReleaseFormatError(
            f"{release}: more than one row for {dupes.iloc[0]['iso3c']} in session {dupes.iloc[0]['session']}"
        )
    out = pd.DataFrame(
        {
            "iso3": sub["iso3c"],
            "session": sub["session"].astype("int64"),
            "year": sub["session"].astype("int64") + 1945,
        }
    )
    for src, dst in IDEAL_POINT_COLUMNS.items():
        out[dst] = sub[src]
    out["n_votes"] = out["n_votes"].astype("int64")
    out = out.sort_values(["iso3", "session"]).reset_index(drop=True)
    return write_extract(
        out,
        "unga_ideal_points",
        [release],
        BSV_2023,
        command("unga_ideal_points", [release]),
        notes=f"States {IDEAL_POINT_STATES} (selected by the release's iso3c column, checked against "
        "country_converter's reading of Countryname). year = 1945 + session, the year the session opened. "
        "COW 365 covers the USSR before 1991 (coded RUS by the release).",
        out_dir=out_dir,
    )


# --------------------------------------------------------------------------- 2025 votes


@register("unga_votes_2025")
def unga_votes_2025(release: Path, out_dir: Path | None = None) -> Path:
    """All 2025 recorded General Assembly votes of the focus states, long format."""
    release = Path(release)
    frame = read_release_csv(release, dtype=str, keep_default_na=False)
    require_columns(frame, ["token", "Title", "Council", "Resolution", "Date", *VOTE_2025_STATES], release)
    ga = frame[frame["Council"] == "General Assembly"]
    if ga["token"].duplicated().any():
        raise ReleaseFormatError(
            f"{release}: record id (token) {ga['token'][ga['token'].duplicated()].iloc[0]!r} repeats"
        )
    rows = []
    for idx, rec in ga.iterrows():
        line = int(idx) + 2
        if not re.fullmatch(r"\d+", rec["token"]):
            raise ReleaseFormatError(f"{release}: line {line}, column 'token': not a record id: {rec['token']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["Date"]):
            raise ReleaseFormatError(f"{release}: line {line}, column 'Date': not an ISO date: {rec['Date']!r}")
        title = _TITLE_SUFFIX.sub("", rec["Title"]).strip()
        for iso3 in VOTE_2025_STATES:
            raw = rec[iso3].strip().upper()
            if raw not in VOTE_CODES:
                raise ReleaseFormatError(f"{release}: line {line}, column {iso3!r}: unknown vote {rec[iso3]!r}")
            rows.append((int(rec["token"]), rec["Resolution"].strip(), rec["Date"], title, iso3, VOTE_CODES[raw]))
    out = pd.DataFrame(rows, columns=["record_id", "resolution", "date", "title", "iso3", "vote"])
    out = out.sort_values(["date", "resolution", "record_id", "iso3"]).reset_index(drop=True)
    return write_extract(
        out,
        "unga_votes_2025",
        [release],
        UNDL_2025,
        command("unga_votes_2025", [release]),
        notes=f"Rows with Council == 'General Assembly' only; states {VOTE_2025_STATES}. Vote cells YES/NO/ABSTAIN "
        "become yes/no/abstain, an empty cell (recorded as non-voting) becomes absent. The suffix ' : resolution / "
        "adopted by the General Assembly' is removed from titles. The pipeline's topic and geography tags are "
        "not kept (unofficial).",
        out_dir=out_dir,
    )


# --------------------------------------------------------------------------- 1946–2019 agreement


@register("unga_agreement_history")
def unga_agreement_history(votes: Path, roll_calls: Path, out_dir: Path | None = None) -> Path:
    """Per session: how often Russia/USSR and each partner cast the same vote (yes/no/abstain)."""
    votes, roll_calls = Path(votes), Path(roll_calls)
    v = read_release_csv(votes, dtype={"country_code": str}, keep_default_na=False)
    r = read_release_csv(roll_calls)
    require_columns(v, ["rcid", "country", "country_code", "vote"], votes)
    require_columns(r, ["rcid", "session"], roll_calls)
    v = v[v["country_code"].isin(HISTORY_ISO2)]
    pairs = v[["country_code", "country"]].drop_duplicates()
    if pairs["country_code"].duplicated().any():
        raise ReleaseFormatError(f"{votes}: a country_code has more than one country name: {pairs.to_dict('records')}")
    try:
        iso3 = dict(zip(pairs["country_code"], names_to_iso3(pairs["country"])))
    except UnknownCountryError as exc:
        raise ReleaseFormatError(f"{votes}: {exc}") from None
    bad_votes = sorted(set(v["vote"]) - {"yes", "no", "abstain"})
    if bad_votes:
        raise ReleaseFormatError(f"{votes}: column 'vote': unknown value(s) {bad_votes}")
    if "RU" not in iso3:
        raise ReleaseFormatError(f"{votes}: no votes of Russia (country_code RU)")
    session = r.drop_duplicates("rcid").set_index("rcid")["session"]
    v = v.assign(iso3=v["country_code"].map(iso3), session=v["rcid"].map(session))
    if v["session"].isna().any():
        missing = v.loc[v["session"].isna(), "rcid"].iloc[0]
        raise ReleaseFormatError(f"{roll_calls}: roll call rcid {missing} (in {votes.name}) is missing")
    rus = v[v["iso3"] == "RUS"][["rcid", "session", "vote"]]
    others = v[v["iso3"] != "RUS"][["rcid", "iso3", "vote"]]
    both = others.merge(rus, on="rcid", suffixes=("", "_rus"))
    both["same"] = both["vote"] == both["vote_rus"]
    out = (
        both.groupby(["iso3", "session"])
        .agg(n_both_voted=("same", "size"), n_identical=("same", "sum"))
        .reset_index()
        .rename(columns={"iso3": "partner_iso3"})
    )
    out["session"] = out["session"].astype("int64")
    out.insert(1, "year", out["session"] + 1945)
    out.insert(0, "state_iso3", "RUS")
    out["n_identical"] = out["n_identical"].astype("int64")
    out["agreement"] = (out["n_identical"] / out["n_both_voted"]).round(4)
    out = out[["state_iso3", "partner_iso3", "session", "year", "n_both_voted", "n_identical", "agreement"]]
    out = out.sort_values(["partner_iso3", "session"]).reset_index(drop=True)
    return write_extract(
        out,
        "unga_agreement_history",
        [votes, roll_calls],
        UNVOTES,
        command("unga_agreement_history", [votes, roll_calls]),
        notes="Roll calls where Russia/USSR (RU) and the partner both voted yes, no or abstain (absences are not "
        "recorded in unvotes); agreement = identical votes / both voted. Session from un_roll_calls; "
        "year = 1945 + session. Sessions 1-74 (last vote 2020-01-14).",
        out_dir=out_dir,
    )
