"""US Treasury OFAC Specially Designated Nationals (SDN) list extracts.

* ``sanctions_nexus``: SDN entries that tie Iran and Russia together, one row per entry, with
  the program tags and why the entry is in (``nexus_kind``). It also writes
  ``sanctions_program_counts``: for every program tag on the list, how many SDN entries carry
  it and how many of them are in the nexus.

The release is OFAC's full ``sdn.csv`` (no header; the 12 columns of OFAC's specification;
``-0-`` = empty; latin-1; a final line holding only the DOS end-of-file byte 0x1A).

Program tags are grouped by the project (see :data:`IRAN_PROGRAMS` and
:data:`RUSSIA_PROGRAMS`). An entry is in the nexus if

* ``both-programs``: it carries at least one Iran-related and one Russia-related tag; or
* ``iran-program-russia-remarks``: an Iran-related tag, and its Remarks mention Russia; or
* ``russia-program-iran-remarks``: a Russia-related tag, and its Remarks mention Iran; or
* ``npwmd-remarks-both``: the non-proliferation tag NPWMD, and its Remarks mention both.

(the filter described in the reference copy's SOURCE.md, with the tag groups written out).
Personal identifiers (dates and places of birth, passport, national-ID and tax-ID numbers,
gender) are dropped from ``remarks`` (:func:`redact_remarks`): no table or chart needs them.

sdn.csv has no designation dates and no addresses (they are in OFAC's add.csv/alt.csv, not part
of this release), so links that only show in an address are missed.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from . import register
from .common import ReleaseFormatError, write_extract

RAW_COLUMNS = [
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
]
EMPTY = "-0-"
EOF_BYTE = "\x1a"

#: Iran-related program tags: those naming Iran, plus the Iran-specific authorities IRGC
#: (Islamic Revolutionary Guard Corps), IFSR (Iranian Financial Sanctions Regulations), IFCA
#: (Iran Freedom and Counter-Proliferation Act of 2012) and ISA (Iran Sanctions Act).
IRAN_PROGRAMS = frozenset(
    {
        "IRAN",
        "IRAN-CON-ARMS-EO",
        "IRAN-EO13846",
        "IRAN-EO13871",
        "IRAN-EO13876",
        "IRAN-EO13902",
        "IRAN-HR",
        "IRAN-TRA",
        "IRGC",
        "IFSR",
        "IFCA",
        "ISA",
        "CAATSA - IRAN",
        "HRIT-IR",
    }
)
#: Russia-related program tags: those naming Russia, the 2014 Ukraine-/Russia-related executive
#: orders (UKRAINE-EO13660/13661/13662/13685), MAGNIT (Sergei Magnitsky Act) and PEESA-EO14039
#: (Russian energy export pipelines).
RUSSIA_PROGRAMS = frozenset(
    {
        "RUSSIA-EO14024",
        "BPI-RUSSIA-EO14024",
        "RUSSIA-EO14065",
        "CAATSA - RUSSIA",
        "UKRAINE-EO13660",
        "UKRAINE-EO13661",
        "UKRAINE-EO13662",
        "UKRAINE-EO13685",
        "MAGNIT",
        "PEESA-EO14039",
    }
)
NPWMD = "NPWMD"
_IRAN = re.compile(r"\bIran", re.IGNORECASE)  # Iran, Iranian
_RUSSIA = re.compile(r"\bRussia", re.IGNORECASE)  # Russia, Russian Federation

#: Remarks segments that identify a natural person and that no table or chart needs: dates and
#: places of birth, passport, national-ID, tax-ID and other identification numbers, gender. The
#: extract drops these segments (``;``-separated, optionally prefixed ``alt.``) from ``remarks``;
#: names, nationality, programs and links are kept. The nexus flags are computed on the full
#: remarks first, so redaction does not change which entries are in the nexus.
PERSONAL_IDENTIFIER = re.compile(
    r"^(?:alt\.\s+)?(?:DOB\b|POB\b|Passport\b|National ID No\.|Tax ID No\.|Identification Number\b|"
    r"Cedula No\.|SSN\b|Gender\b|Birth Certificate Number\b|Personal ID Card\b|Driver's License No\.)",
    re.IGNORECASE,
)
#: What no committed table may contain (tests scan ``data/`` with it).
IDENTIFIER_PATTERN = re.compile(
    r"\b(?:DOB\s+\d|POB\s|Passport\s+[A-Z0-9]*\d|National ID No\.|Tax ID No\.|"
    r"Identification Number\s+\d|date of birth)",
    re.IGNORECASE,
)


def redact_remarks(remarks: str) -> str:
    """``remarks`` without the segments that identify a person (see :data:`PERSONAL_IDENTIFIER`)."""
    segments = [seg.strip() for seg in remarks.split(";")]
    ended = remarks.rstrip().endswith(".")
    kept = [seg for seg in segments if seg and not PERSONAL_IDENTIFIER.match(seg.rstrip("."))]
    out = "; ".join(kept)
    if kept and ended and not out.endswith("."):
        out += "."
    return out


NEXUS_KINDS = ["both-programs", "iran-program-russia-remarks", "russia-program-iran-remarks", "npwmd-remarks-both"]

RELEASE_ID = "ofac-sdn-2024-05-03"

OFAC_SDN = {
    "publisher": "U.S. Department of the Treasury, Office of Foreign Assets Control (OFAC)",
    "title": "Specially Designated Nationals and Blocked Persons List (SDN), sdn.csv",
    "version": "snapshot of 3 May 2024 (14,965 entries)",
    "url": "https://www.treasury.gov/ofac/downloads/sdn.csv",
    "obtained_from": "GitHub jackdwyer/specially-designated-nationals-list (daily git scrape of sdn.csv), "
    "commit a5ec3c5ee4aae1b36ba24897a051787ea5429d30 ('Latest sdn data: Fri May 3 18:43:23 UTC 2024'), "
    "byte-for-byte copy",
    "licence": "US government work, public domain",
}


def _read_sdn(path: Path) -> pd.DataFrame:
    text = Path(path).read_bytes().decode("latin-1")
    rows = []
    for line_no, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not row or (len(row) == 1 and row[0].strip() in ("", EOF_BYTE)):
            continue
        if len(row) != len(RAW_COLUMNS):
            missing = RAW_COLUMNS[len(row) :]
            detail = f"missing column(s) {missing}" if missing else f"{len(row) - len(RAW_COLUMNS)} extra field(s)"
            raise ReleaseFormatError(
                f"{path}: line {line_no} has {len(row)} fields, expected the {len(RAW_COLUMNS)} columns of "
                f"OFAC's sdn.csv {RAW_COLUMNS}: {detail}"
            )
        rows.append([("" if v.strip() == EMPTY else v.strip()) for v in row])
    if not rows:
        raise ReleaseFormatError(f"{path}: no SDN entries")
    frame = pd.DataFrame(rows, columns=RAW_COLUMNS)
    if not frame["ent_num"].str.fullmatch(r"\d+").all():
        bad = frame.loc[~frame["ent_num"].str.fullmatch(r"\d+"), "ent_num"].iloc[0]
        raise ReleaseFormatError(f"{path}: column 'ent_num' (first column) holds {bad!r}, expected an entry number")
    return frame


def _programs(value: str) -> list[str]:
    """OFAC writes tags as ``A] [B] [C`` (the outer brackets are dropped in sdn.csv)."""
    return [t.strip() for t in value.strip().strip("[]").split("] [") if t.strip()]


def _nexus_kind(iran: bool, russia: bool, npwmd: bool, m_iran: bool, m_russia: bool) -> str | None:
    if iran and russia:
        return "both-programs"
    if iran and m_russia:
        return "iran-program-russia-remarks"
    if russia and m_iran:
        return "russia-program-iran-remarks"
    if npwmd and m_iran and m_russia:
        return "npwmd-remarks-both"
    return None


_NEXUS_OUT = [
    "ent_num",
    "name",
    "sdn_type",
    "programs",
    "iran_programs",
    "russia_programs",
    "iran_program",
    "russia_program",
    "remarks_mention_iran",
    "remarks_mention_russia",
    "nexus_kind",
    "remarks",
]
_COUNT_OUT = ["program", "program_group", "sdn_entries", "nexus_entries", "both_programs_entries"]


@register("sanctions_nexus")
def sanctions_nexus(release: Path, out_dir: Path | None = None) -> Path:
    """Iran–Russia nexus entries of the SDN list, and counts by program tag."""
    release = Path(release)
    sdn = _read_sdn(release)
    programs = sdn["Program"].map(_programs)
    records = []
    for (_, row), tags in zip(sdn.iterrows(), programs):
        iran = sorted(t for t in tags if t in IRAN_PROGRAMS)
        russia = sorted(t for t in tags if t in RUSSIA_PROGRAMS)
        m_iran = bool(_IRAN.search(row["Remarks"]))
        m_russia = bool(_RUSSIA.search(row["Remarks"]))
        kind = _nexus_kind(bool(iran), bool(russia), NPWMD in tags, m_iran, m_russia)
        if kind is None:
            continue
        records.append(
            {
                "ent_num": int(row["ent_num"]),
                "name": row["SDN_Name"],
                "sdn_type": row["SDN_Type"] or "entity",
                "programs": ";".join(tags),
                "iran_programs": ";".join(iran),
                "russia_programs": ";".join(russia),
                "iran_program": bool(iran),
                "russia_program": bool(russia),
                "remarks_mention_iran": m_iran,
                "remarks_mention_russia": m_russia,
                "nexus_kind": kind,
                "remarks": redact_remarks(row["Remarks"]),
            }
        )
    nexus = pd.DataFrame.from_records(records, columns=_NEXUS_OUT)
    if nexus["ent_num"].duplicated().any():
        raise ReleaseFormatError(
            f"{release}: entry number(s) appear more than once: "
            f"{sorted(set(nexus.ent_num[nexus.ent_num.duplicated()]))[:5]}"
        )
    nexus["_order"] = nexus["nexus_kind"].map(NEXUS_KINDS.index)
    nexus = nexus.sort_values(["_order", "ent_num"]).drop(columns="_order").reset_index(drop=True)

    all_counts = Counter(t for tags in programs for t in tags)
    nexus_counts = Counter(t for p in nexus["programs"] for t in p.split(";") if t)
    both_counts = Counter(
        t for p, k in zip(nexus["programs"], nexus["nexus_kind"]) if k == "both-programs" for t in p.split(";") if t
    )
    counts = pd.DataFrame(
        [
            {
                "program": tag,
                "program_group": "iran" if tag in IRAN_PROGRAMS else "russia" if tag in RUSSIA_PROGRAMS else "other",
                "sdn_entries": all_counts[tag],
                "nexus_entries": nexus_counts[tag],
                "both_programs_entries": both_counts[tag],
            }
            for tag in all_counts
        ],
        columns=_COUNT_OUT,
    )
    counts["_g"] = counts["program_group"].map({"iran": 0, "russia": 1, "other": 2})
    counts = counts.sort_values(["_g", "program"]).drop(columns="_g").reset_index(drop=True)

    command = f"python -m helpers.extract sanctions_nexus {release.name}"
    groups = f"Iran-related tags: {', '.join(sorted(IRAN_PROGRAMS))}. Russia-related tags: {', '.join(sorted(RUSSIA_PROGRAMS))}."
    write_extract(
        counts,
        "sanctions_program_counts",
        [release],
        OFAC_SDN,
        command,
        notes=(
            "Every program tag on the SDN list of 3 May 2024 with the number of entries carrying it "
            f"(an entry usually carries several tags), and how many of them are in sanctions_nexus. {groups}"
        ),
        out_dir=out_dir,
    )
    return write_extract(
        nexus,
        "sanctions_nexus",
        [release],
        OFAC_SDN,
        command,
        notes=(
            "SDN entries linking Iran and Russia: both-programs = an Iran-related and a Russia-related program "
            "tag; iran-program-russia-remarks / russia-program-iran-remarks = one tag group plus a mention of "
            "the other country in Remarks (words starting 'Iran' / 'Russia'); npwmd-remarks-both = NPWMD and "
            f"Remarks mentioning both (flags computed on OFAC's full Remarks). {groups} Personal identifiers "
            "(dates and places of birth, passport, national-ID, tax-ID and other identification numbers, gender) "
            "are dropped from remarks. sdn.csv has no designation dates or addresses; "
            "designations after 3 May 2024 are absent."
        ),
        out_dir=out_dir,
    )
