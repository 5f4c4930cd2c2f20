"""SIPRI extractors (``arms_deals``, ``arms_tiv``) on tiny hand-made copies of the releases.

The fixtures in ``tests/fixtures/releases`` keep each release's layout (metadata lines,
latin-1, SIPRI's unnamed '?' columns, the TIV tables' title line and ragged ``Total`` row) with
a handful of rows: pairs that are kept, a non-state recipient (``*``) and a pair outside the
dyads that must be dropped, and an exact duplicate row.
"""

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from helpers import data
from helpers.extract import load_all
from helpers.extract.common import ReleaseFormatError, sha256
from release_helpers import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
DEALS_2024 = FIXTURES / "sipri_trade_register_1950_2024_mini.csv"
REGISTER_2025 = FIXTURES / "sipri_trade_register_2000_2023_mini.csv"
TIV_RUS = FIXTURES / "TIV-Export-RUS-1998-2001_mini.csv"
TIV_USR = FIXTURES / "TIV-Export-USR-1989-1992_mini.csv"

EXTRACTORS = load_all()


def _release_rows(path):
    """The data rows of a SIPRI register fixture, as the release writes them."""
    lines = Path(path).read_bytes().decode("latin-1").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Recipient,Supplier,"))
    return list(csv.reader(io.StringIO("\n".join(lines[start + 1 :]))))


def _deal_id(prefix, row):
    return f"{prefix}-{hashlib.sha1(chr(0x1F).join(row).encode('utf-8')).hexdigest()[:10]}"


# ----------------------------------------------------------------------------- arms_deals


def test_arms_deals_rows(tmp_path):
    EXTRACTORS["arms_deals"](DEALS_2024, out_dir=tmp_path)
    rows = _release_rows(DEALS_2024)
    by_designation = {r[6]: r for r in rows}
    shahed = next(r for r in rows if r[6] == "Shahed-136" and r[0] == "Russia")
    s300 = by_designation["S-300PMU2 Favorit"]
    mig = by_designation["MiG-29"]
    destroyer = by_designation["Project-956E"]
    header = (
        "deal_id,supplier_name,supplier_iso3,recipient_iso3,order_year,order_year_uncertain,number_ordered,"
        "number_ordered_uncertain,weapon_designation,weapon_description,number_delivered,"
        "number_delivered_uncertain,delivery_years,first_delivery_year,last_delivery_year,status,comments,"
        "tiv_per_unit_millions,tiv_order_millions,tiv_delivered_millions"
    )
    expected = (
        "\n".join(
            [
                header,
                # Iran -> Russia: number ordered unknown, so SIPRI's 0 order TIV becomes empty
                f"{_deal_id('IRN-2022', shahed)},Iran,IRN,RUS,2022,False,,False,Shahed-136,SSM,1200,True,2022;2023,"
                "2022,2023,New,Bought for use against Ukraine; Russian designation Geran-2,0.2,,240.0",
                # an exact duplicate row in the release keeps both rows, numbered
                f"{_deal_id('RUS-1999', destroyer)},Russia,RUS,CHN,1999,True,2,False,Project-956E,destroyer,2,True,"
                "2000;2001,2000,2001,New,Test duplicate row,300.0,600.0,600.0",
                f"{_deal_id('RUS-1999', destroyer)}-2,Russia,RUS,CHN,1999,True,2,False,Project-956E,destroyer,2,True,"
                "2000;2001,2000,2001,New,Test duplicate row,300.0,600.0,600.0",
                # Soviet Union -> RUS, SIPRI's name kept; latin-1 text decoded
                f"{_deal_id('RUS-1989', mig)},Soviet Union,RUS,IRN,1989,True,14,True,MiG-29,fighter aircraft,14,False,"
                "1990,1990,1990,Second hand,Possibly second-hand; £1 m test value,20.65,289.1,289.1",
                f"{_deal_id('RUS-2015', s300)},Russia,RUS,IRN,2015,False,4,False,S-300PMU2 Favorit,SAM system,4,False,"
                "2016,2016,2016,New,$1 b deal; replacing 2007 order for S-300PMU-1 (SA-20A) cancelled 2010 by Russia "
                "after UN embargo on Iran,55.0,220.0,220.0",
            ]
        )
        + "\n"
    )
    assert read_text(tmp_path / "arms_deals.csv") == expected
    # the non-state recipient and the Russia -> India deal are dropped
    assert "Houthi" not in expected and "India" not in expected


def test_arms_deals_provenance_and_determinism(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    EXTRACTORS["arms_deals"](DEALS_2024, out_dir=first)
    EXTRACTORS["arms_deals"](DEALS_2024, out_dir=second)
    for name in ("arms_deals.csv", "provenance/arms_deals.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    prov = json.loads(read_text(first / "provenance" / "arms_deals.json"))
    assert prov["table"] == "arms_deals"
    assert prov["rows"] == 5
    assert prov["inputs"] == [{"file": DEALS_2024.name, "sha256": sha256(DEALS_2024)}]
    assert prov["command"] == f"python -m helpers.extract arms_deals {DEALS_2024.name}"
    assert prov["release"]["version"] == "data generated 13 October 2024"
    assert prov["columns"][:4] == ["deal_id", "supplier_name", "supplier_iso3", "recipient_iso3"]


def test_arms_deals_missing_column_is_named(tmp_path):
    text = DEALS_2024.read_bytes().decode("latin-1")
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Recipient,"))
    body = list(csv.reader(io.StringIO("".join(lines[start:]))))
    drop = body[0].index("Comments")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:drop] + r[drop + 1 :] for r in body])
    broken = tmp_path / "trade-register_broken.csv"
    broken.write_bytes(("".join(lines[:start]) + out.getvalue()).encode("latin-1"))
    with pytest.raises(ReleaseFormatError, match=r"trade-register_broken\.csv: missing column\(s\) \['Comments'\]"):
        EXTRACTORS["arms_deals"](broken, out_dir=tmp_path / "out")
    assert not (tmp_path / "out" / "arms_deals.csv").exists()


def test_arms_deals_missing_uncertainty_column_is_named(tmp_path):
    text = DEALS_2024.read_bytes().decode("latin-1")
    text = text.replace("Year of order, ,Number ordered", "Year of order,Order flag,Number ordered", 1)
    broken = tmp_path / "no_flag.csv"
    broken.write_bytes(text.encode("latin-1"))
    with pytest.raises(
        ReleaseFormatError,
        match=r"no_flag\.csv: missing column: the unnamed uncertainty column .* after 'Year of order'",
    ):
        EXTRACTORS["arms_deals"](broken, out_dir=tmp_path / "out")


# ----------------------------------------------------------------------------- arms_tiv


def test_arms_tiv_rows(tmp_path):
    # files are recognised by content, so the order of the arguments does not matter
    EXTRACTORS["arms_tiv"](TIV_USR, REGISTER_2025, TIV_RUS, out_dir=tmp_path)
    expected = (
        "supplier_iso3,supplier_name,recipient_iso3,year,armament_category,tiv_millions,delivery_rows,"
        "includes_estimates,release\n"
        "IRN,Iran,RUS,2022,Missiles,120.0,1,True,sipri-atdb-2025-01-03\n"
        "RUS,Russia,CHN,1998,all,174.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Russia,CHN,1999,all,1462.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Soviet Union,IRN,1990,all,289.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Soviet Union,IRN,1991,all,772.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Russia,IRN,1998,all,256.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Russia,IRN,1999,all,258.0,,,sipri-tiv-2022-07-28\n"
        # 2000 onwards only from the 2025 register: the 2022 table's 2000-2001 values are not used
        "RUS,Russia,IRN,2016,Air defence systems,220.0,1,False,sipri-atdb-2025-01-03\n"
        # two deals in one category and year are summed; one has an estimated number delivered
        "RUS,Russia,IRN,2016,Missiles,167.5,2,True,sipri-atdb-2025-01-03\n"
        # SIPRI's '0' (less than 0.5 million) is kept as 0
        "RUS,Russia,PRK,1999,all,0.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Soviet Union,SYR,1989,all,1115.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Soviet Union,SYR,1990,all,960.0,,,sipri-tiv-2022-07-28\n"
        "RUS,Soviet Union,SYR,1991,all,275.0,,,sipri-tiv-2022-07-28\n"
    )
    assert read_text(tmp_path / "arms_tiv.csv") == expected


def test_arms_tiv_provenance_and_determinism(tmp_path):
    EXTRACTORS["arms_tiv"](REGISTER_2025, TIV_RUS, TIV_USR, out_dir=tmp_path / "a")
    EXTRACTORS["arms_tiv"](TIV_RUS, TIV_USR, REGISTER_2025, out_dir=tmp_path / "b")
    for name in ("arms_tiv.csv", "provenance/arms_tiv.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    prov = json.loads(read_text(tmp_path / "a" / "provenance" / "arms_tiv.json"))
    assert prov["rows"] == 13
    assert prov["inputs"] == [{"file": p.name, "sha256": sha256(p)} for p in (REGISTER_2025, TIV_RUS, TIV_USR)]
    assert prov["command"] == (f"python -m helpers.extract arms_tiv {REGISTER_2025.name} {TIV_RUS.name} {TIV_USR.name}")
    assert "Two generations of SIPRI data" in prov["notes"]


def test_arms_tiv_missing_column_is_named(tmp_path):
    text = REGISTER_2025.read_bytes().decode("latin-1").replace("Armament category,", "Category,", 1)
    broken = tmp_path / "register_broken.csv"
    broken.write_bytes(text.encode("latin-1"))
    with pytest.raises(ReleaseFormatError, match=r"register_broken\.csv: missing column\(s\) \['Armament category'\]"):
        EXTRACTORS["arms_tiv"](broken, TIV_RUS, out_dir=tmp_path / "out")


def test_arms_tiv_needs_a_register_and_a_table(tmp_path):
    with pytest.raises(ReleaseFormatError, match="exactly one SIPRI trade register"):
        EXTRACTORS["arms_tiv"](TIV_RUS, TIV_USR, out_dir=tmp_path)


# ----------------------------------------------------------------------------- committed tables


def test_committed_arms_deals_keeps_the_s300_cancellation():
    deals = data.load("arms_deals")
    s300 = deals[(deals.recipient_iso3 == "IRN") & deals.weapon_designation.str.startswith("S-300")]
    assert s300.comments.str.contains("cancelled 2010 by Russia after UN embargo").any()
