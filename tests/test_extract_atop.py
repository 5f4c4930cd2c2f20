"""ATOP extracts: exact rows from tiny hand-made releases, provenance, determinism, bad layouts."""

import shutil
from pathlib import Path

import pytest

from helpers import data
from helpers.extract.atop import atop_dyad_years, atop_treaty_codes
from helpers.extract.common import ReleaseFormatError
from release_helpers import csv_rows, drop_column, provenance, sha

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
DYAD = FIXTURES / "atop_dyad_years" / "atop5_1_ddyr_peacesciencer.csv"
MEMBER = FIXTURES / "atop_treaty_codes" / "atop-member-level.csv"


def test_dyad_years_rows(tmp_path):
    atop_dyad_years(DYAD, out_dir=tmp_path)
    assert csv_rows(tmp_path / "atop_dyad_years.csv") == [
        [
            "year",
            "state_iso3",
            "partner_iso3",
            "defense",
            "offense",
            "neutral",
            "nonagg",
            "consul",
            "rus_only",
            "partner_only",
        ],
        ["2018", "RUS", "CHN", "0", "0", "0", "1", "1", "", ""],
        # directed rows differ: the USSR owes Iran defence, Iran does not owe it back
        ["1942", "RUS", "IRN", "1", "0", "0", "0", "1", "defense", ""],
        ["2001", "RUS", "IRN", "0", "0", "1", "1", "1", "", ""],
    ]  # USA–UK and Russia–UK rows are filtered out


def test_dyad_years_provenance(tmp_path):
    atop_dyad_years(DYAD, out_dir=tmp_path)
    prov = provenance(tmp_path, "atop_dyad_years")
    assert prov["inputs"] == [{"file": DYAD.name, "sha256": sha(DYAD)}]
    assert prov["rows"] == 3
    assert prov["release"]["version"] == "5.1"
    assert prov["command"] == "python -m helpers.extract atop_dyad_years atop5_1_ddyr_peacesciencer.csv"


def test_treaty_codes_rows(tmp_path):
    atop_treaty_codes(MEMBER, out_dir=tmp_path)
    rows = csv_rows(tmp_path / "atop_treaty_codes.csv")
    # one release row per line, so the expected table reads as the CSV does
    # fmt: off
    assert rows[0] == [
        "atopid", "phase", "member_iso3", "focus_members_iso3", "n_members", "bilat", "member_entry",
        "member_exit", "ineffect", "defense", "offense", "neutral", "nonagg", "consul", "milaid", "milcon",
        "base", "intcom", "specthrt", "noothall", "conditio", "version",
    ]
    assert rows[1:] == [
        # UK member of 2555 is not kept but counted; Iran owes no defence
        ["2555", "0", "IRN", "IRN;RUS", "3", "0", "1942-01-29", "1946-03-02", "0", "0", "0", "0", "0", "1", "0", "0", "3", "0", "1", "1", "1", "4.01"],
        ["2555", "0", "RUS", "IRN;RUS", "3", "0", "1942-01-29", "1946-03-02", "0", "1", "0", "0", "0", "1", "0", "0", "3", "0", "1", "1", "1", "4.01"],
        # phases of the Collective Security Treaty; Armenia (371) counted, not kept
        ["4220", "1", "BLR", "BLR;RUS", "3", "0", "1994-01-03", "2002-10-07", "1", "1", "0", "0", "1", "1", "0", "0", "0", "1", "0", "1", "0", "4.01"],
        ["4220", "1", "RUS", "BLR;RUS", "3", "0", "1992-05-15", "2002-10-07", "1", "1", "0", "0", "1", "1", "0", "0", "0", "1", "0", "1", "0", "4.01"],
        ["4220", "2", "RUS", "BLR;RUS", "3", "0", "2002-10-07", "", "1", "1", "0", "0", "1", "1", "0", "2", "0", "1", "0", "1", "0", "4.01"],
        ["4968", "0", "IRN", "IRN;RUS", "2", "1", "2001-03-12", "", "1", "0", "0", "1", "1", "1", "0", "0", "0", "0", "0", "0", "1", "4.01"],
        ["4968", "0", "RUS", "IRN;RUS", "2", "1", "2001-03-12", "", "1", "0", "0", "1", "1", "1", "0", "0", "0", "0", "0", "0", "1", "4.01"],
        # no day in the release: month precision
        ["5000", "0", "CHN", "CHN;RUS", "2", "1", "2005-06", "", "1", "0", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "4.01"],
        ["5000", "0", "RUS", "CHN;RUS", "2", "1", "2005-06", "", "1", "0", "0", "0", "0", "1", "0", "0", "0", "0", "0", "1", "0", "4.01"],
    ]  # 6000 (Russia–USA) and 9999 (no Russia) are filtered out
    # fmt: on


def test_treaty_codes_provenance(tmp_path):
    atop_treaty_codes(MEMBER, out_dir=tmp_path)
    prov = provenance(tmp_path, "atop_treaty_codes")
    assert prov["inputs"] == [{"file": MEMBER.name, "sha256": sha(MEMBER)}]
    assert prov["rows"] == 9
    assert prov["release"]["version"] == "4.01"
    assert "/" not in prov["command"]


@pytest.mark.parametrize(
    "func,release,table", [(atop_dyad_years, DYAD, "atop_dyad_years"), (atop_treaty_codes, MEMBER, "atop_treaty_codes")]
)
def test_deterministic(tmp_path, func, release, table):
    func(release, out_dir=tmp_path / "a")
    func(release, out_dir=tmp_path / "b")
    for rel in (f"{table}.csv", f"provenance/{table}.json"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_dyad_years_missing_column(tmp_path):
    bad = drop_column(DYAD, "atop_consul", tmp_path / DYAD.name)
    with pytest.raises(ReleaseFormatError, match=r"atop5_1_ddyr_peacesciencer\.csv.*atop_consul"):
        atop_dyad_years(bad, out_dir=tmp_path / "out")


def test_treaty_codes_missing_column(tmp_path):
    bad = drop_column(MEMBER, "specthrt", tmp_path / MEMBER.name)
    with pytest.raises(ReleaseFormatError, match=r"atop-member-level\.csv.*specthrt"):
        atop_treaty_codes(bad, out_dir=tmp_path / "out")


def test_dyad_years_non_numeric_flag(tmp_path):
    bad = tmp_path / DYAD.name
    shutil.copy(DYAD, bad)
    bad.write_text(bad.read_text().replace("365,630,2001,0,0,1,1,1", "365,630,2001,0,0,yes,1,1"))
    with pytest.raises(ReleaseFormatError, match=r"line 5, column 'atop_neutral'"):
        atop_dyad_years(bad, out_dir=tmp_path / "out")


def test_committed_tables_load():
    dyads = data.load("atop_dyad_years")
    assert dyads["year"].max() == 2018
    iran_2001 = dyads[(dyads.partner_iso3 == "IRN") & (dyads.year == 2001)].iloc[0]
    assert (iran_2001.defense, iran_2001.neutral, iran_2001.nonagg, iran_2001.consul) == (0, 1, 1, 1)
    assert not (dyads.partner_iso3 == "ISR").any()  # no Russia–Israel alliance in ATOP
    codes = data.load("atop_treaty_codes")
    assert {4968, 4980, 4940, 3440, 4220} <= set(codes["atopid"])
