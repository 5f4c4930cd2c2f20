"""OFAC extractor ``sanctions_nexus`` on a tiny copy of sdn.csv in OFAC's layout (no header,
``-0-`` for empty, latin-1, CRLF lines and a final DOS end-of-file byte), with one row of each
nexus kind and rows that must be dropped: a Cuba entry, a Russia-only entry whose Remarks only
mention Russia, an Iran-only entry, and a non-state actor (Hizballah) linked only to Iran."""

import json
from pathlib import Path

import pytest

from helpers import data
from helpers.extract import load_all
from helpers.extract.common import ReleaseFormatError, sha256
from release_helpers import read_text

SDN = Path(__file__).parent / "fixtures" / "releases" / "sdn_mini.csv"
EXTRACTORS = load_all()


def test_sanctions_nexus_rows(tmp_path):
    EXTRACTORS["sanctions_nexus"](SDN, out_dir=tmp_path)
    assert read_text(tmp_path / "sanctions_nexus.csv") == (
        "ent_num,name,sdn_type,programs,iran_programs,russia_programs,iran_program,russia_program,"
        "remarks_mention_iran,remarks_mention_russia,nexus_kind,remarks\n"
        "10392,MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS,entity,SDGT;NPWMD;IFSR;IRAN-CON-ARMS-EO;RUSSIA-EO14024,"
        "IFSR;IRAN-CON-ARMS-EO,RUSSIA-EO14024,True,True,False,False,both-programs,Linked To: ROSOBORONEKSPORT OAO.\n"
        '15982,"KIM, Lidia",individual,SDGT;IFSR,IFSR,,True,False,False,True,iran-program-russia-remarks,'
        "nationality Russia.\n"
        "43115,NASIM BAHR KISH,entity,RUSSIA-EO14024,,RUSSIA-EO14024,False,True,True,False,"
        "russia-program-iran-remarks,Secondary sanctions risk; Registration Number 123 (Iran).\n"
        "50001,SCIENCE CENTRE MÜLLER,entity,NPWMD,,,False,False,True,True,npwmd-remarks-both,"
        "Test row: offices in Iran and the Russian Federation.\n"
    )


def test_sanctions_program_counts_rows(tmp_path):
    EXTRACTORS["sanctions_nexus"](SDN, out_dir=tmp_path)
    assert read_text(tmp_path / "sanctions_program_counts.csv") == (
        "program,program_group,sdn_entries,nexus_entries,both_programs_entries\n"
        "IFSR,iran,2,2,1\n"
        "IRAN,iran,1,0,0\n"
        "IRAN-CON-ARMS-EO,iran,1,1,1\n"
        "RUSSIA-EO14024,russia,3,2,1\n"
        "CUBA,other,1,0,0\n"
        "FTO,other,1,0,0\n"
        "NPWMD,other,2,2,1\n"
        "SDGT,other,3,2,1\n"
    )


def test_sanctions_nexus_provenance_and_determinism(tmp_path):
    EXTRACTORS["sanctions_nexus"](SDN, out_dir=tmp_path / "a")
    EXTRACTORS["sanctions_nexus"](SDN, out_dir=tmp_path / "b")
    for name in (
        "sanctions_nexus.csv",
        "sanctions_program_counts.csv",
        "provenance/sanctions_nexus.json",
        "provenance/sanctions_program_counts.json",
    ):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    for table, rows in (("sanctions_nexus", 4), ("sanctions_program_counts", 8)):
        prov = json.loads(read_text(tmp_path / "a" / "provenance" / f"{table}.json"))
        assert prov["inputs"] == [{"file": SDN.name, "sha256": sha256(SDN)}]
        assert prov["rows"] == rows
        assert prov["command"] == f"python -m helpers.extract sanctions_nexus {SDN.name}"
        assert prov["release"]["version"].startswith("snapshot of 3 May 2024")


def test_sanctions_nexus_missing_column_is_named(tmp_path):
    raw = SDN.read_bytes().split(b"\r\n")
    raw[2] = raw[2].rsplit(b",", 1)[0]  # the third entry loses its Remarks field
    broken = tmp_path / "sdn_broken.csv"
    broken.write_bytes(b"\r\n".join(raw))
    with pytest.raises(
        ReleaseFormatError, match=r"sdn_broken\.csv: line 3 has 11 fields.*missing column\(s\) \['Remarks'\]"
    ):
        EXTRACTORS["sanctions_nexus"](broken, out_dir=tmp_path / "out")
    assert not (tmp_path / "out" / "sanctions_nexus.csv").exists()


def test_committed_nexus_has_the_drone_designations():
    nexus = data.load("sanctions_nexus")
    both = nexus[nexus.nexus_kind == "both-programs"]
    assert "924TH STATE CENTER FOR UAV AVIATION" in set(both.name)
    assert bool((both.iran_program & both.russia_program).all())


def test_redact_remarks_drops_personal_identifiers_only():
    from helpers.extract.ofac import redact_remarks

    remarks = (
        "DOB 22 May 1964; alt. DOB 1965; POB Balkh Province, Afghanistan; nationality Iran; Gender Male; "
        "Passport V52950311 (Iran) expires 29 Jul 2025; alt. Passport AN1912357; National ID No. 4072184535 (Iran); "
        "Tax ID No. 771387042305 (Russia); Linked To: SAHARA THUNDER."
    )
    assert redact_remarks(remarks) == "nationality Iran; Linked To: SAHARA THUNDER."
    # an identifier as the last segment: the full stop stays at the end
    assert redact_remarks("nationality Russia; Passport 02NO133036 (Russia).") == "nationality Russia."
    assert redact_remarks("Website www.roe.ru; Linked To: STATE CORPORATION ROSTEC.") == (
        "Website www.roe.ru; Linked To: STATE CORPORATION ROSTEC."
    )
    assert redact_remarks("DOB 1960") == ""


def test_redaction_keeps_the_nexus_flags(tmp_path):
    """A Russia mention that only sits in a passport segment still counts (flags use OFAC's full remarks)."""
    raw = SDN.read_bytes().replace(b'"DOB 1960; nationality Russia."', b'"DOB 1960; Passport 02NO133036 (Russia)."')
    release = tmp_path / "sdn_passport.csv"
    release.write_bytes(raw)
    EXTRACTORS["sanctions_nexus"](release, out_dir=tmp_path / "out")
    import pandas as pd

    nexus = pd.read_csv(tmp_path / "out" / "sanctions_nexus.csv", dtype=str, keep_default_na=False)
    kim = nexus[nexus.ent_num == "15982"].iloc[0]
    assert kim.remarks_mention_russia == "True"
    assert kim.nexus_kind == "iran-program-russia-remarks"
    assert kim.remarks == ""


def test_no_personal_identifiers_in_committed_data():
    """No committed file under data/ carries a date of birth, passport, national-ID or tax-ID number."""
    from helpers.extract.ofac import IDENTIFIER_PATTERN
    from helpers.paths import data_dir

    hits = []
    for path in sorted(Path(data_dir()).rglob("*")):
        if path.is_file() and path.suffix in {".csv", ".json", ".md", ".txt"}:
            text = path.read_text(encoding="utf-8")
            for m in IDENTIFIER_PATTERN.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                hits.append(f"{path.name}:{line}: {text[m.start() : m.end() + 20]!r}")
    assert not hits, "personal identifiers in data/: " + "; ".join(hits[:10])


def test_identifier_pattern_catches_what_it_must():
    from helpers.extract.ofac import IDENTIFIER_PATTERN

    for text in (
        "DOB 27 Nov 1957",
        "Passport V52950311 (Iran)",
        "National ID No. 0046310622 (Iran)",
        "Tax ID No. 771387042305 (Russia)",
        "POB Mazare Sharif, Afghanistan",
    ):
        assert IDENTIFIER_PATTERN.search(text), text
    for text in ("nationality Iran", "Registration Number 9979 (Iran)", "passports of the crew were not checked"):
        assert not IDENTIFIER_PATTERN.search(text), text
