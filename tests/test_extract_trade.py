"""Trade extractors: ``russia_trade`` (IMF DOTS workbooks) and ``cow_trade`` (COW Trade v4.0).

The IMF fixtures are built here with openpyxl in the layout of the IMF download (a title block,
a row of years, one row per partner, aggregates such as 'Middle East' among them); the COW
fixture is ``tests/fixtures/releases/cow_trade_v4_ndy_mini.csv``.
"""

import json
from pathlib import Path

import openpyxl
import pytest

from helpers.extract import load_all
from helpers.extract.common import ReleaseFormatError, sha256
from helpers.extract.imf import PARTNERS
from release_helpers import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
COW = FIXTURES / "cow_trade_v4_ndy_mini.csv"
EXTRACTORS = load_all()


def _sheet(wb, name, title, years, rows):
    ws = wb.create_sheet(name)
    ws.cell(2, 2, title)
    ws.cell(4, 2, "Russian Federation")
    ws.cell(5, 2, "US Dollars, Millions")
    for j, year in enumerate(years):
        ws.cell(7, 3 + j, str(year))
    for i, (partner, values) in enumerate(rows):
        ws.cell(8 + i, 2, partner)
        for j, v in enumerate(values):
            if v is not None:
                ws.cell(8 + i, 3 + j, v)


def _workbook(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _sheet(wb, *sheet)
    wb.save(path)
    return path


def _main_workbook(tmp_path, imports=True):
    other = [(p, [float(10 + i), float(20 + i)]) for i, p in enumerate(PARTNERS) if p != "Iran, Islamic Rep. of"]
    exports = [
        ("World", [503413.60355, 416153.227564]),
        ("Iran, Islamic Rep. of", [3271.805, 1234.3364]),
        *other,
        ("Kazakhstan, Rep. of", [9000.0, 9500.0]),  # a partner not kept
        ("Middle East", [8745.704891, 16505.890504]),  # an IMF aggregate, not a country
    ]
    sheets = [("Exports, FOB", "Exports, FOB to Partner Countries", [2011, 2023], exports)]
    if imports:
        imp = [("World", [253972.29699, None]), ("Iran, Islamic Rep. of", [342.022293, None]), *other]
        sheets.append(("Imports, CIF", "Imports, CIF from Partner Countries", [2011, 2022], imp))
    return _workbook(tmp_path / "rf_exports_2023.xlsx", sheets)


def _early_workbook(tmp_path):
    rows = [("Iran, Islamic Rep. of", [271.637131, 999.0]), *[(p, [1.0, 2.0]) for p in PARTNERS[1:]]]
    return _workbook(
        tmp_path / "rf_imports.xlsx", [("Imports, CIF", "Imports, CIF from Partner Countries", [2010, 2011], rows)]
    )


# ----------------------------------------------------------------------------- russia_trade


def test_russia_trade_rows(tmp_path):
    main, early = _main_workbook(tmp_path), _early_workbook(tmp_path)
    EXTRACTORS["russia_trade"](main, early, out_dir=tmp_path / "out")
    lines = read_text(tmp_path / "out" / "russia_trade.csv").splitlines()
    assert lines[0] == "partner_iso3,partner_name,year,flow,value_usd_millions,release"
    iran = [ln for ln in lines if ln.startswith("IRN,")]
    assert iran == [
        'IRN,"Iran, Islamic Rep. of",2011,exports,3271.805,imf-dots-rus-2011-2023',
        'IRN,"Iran, Islamic Rep. of",2023,exports,1234.336,imf-dots-rus-2011-2023',
        # 2010 only from the earlier workbook; its 2011 value (999) is not used
        'IRN,"Iran, Islamic Rep. of",2010,imports,271.637,imf-dots-rus-imports-2010-2022',
        'IRN,"Iran, Islamic Rep. of",2011,imports,342.022,imf-dots-rus-2011-2023',
    ]
    # World last, without an ISO3 code; an empty cell (World imports 2022) is no row
    assert lines[-3:] == [
        ",World,2011,exports,503413.604,imf-dots-rus-2011-2023",
        ",World,2023,exports,416153.228,imf-dots-rus-2011-2023",
        ",World,2011,imports,253972.297,imf-dots-rus-2011-2023",
    ]
    assert not any("Kazakhstan" in ln or "Middle East" in ln for ln in lines)
    isos = sorted({ln.split(",")[0] for ln in lines[1:]})
    assert isos == ["", "ARE", "CHN", "DEU", "IND", "IRN", "ISR", "TUR", "USA"]
    # exports: 8 partners x 2 years; imports from the main workbook: 7 partners x 2 years + Iran 2011;
    # imports 2010 from the early workbook: 8 partners; World: 3 rows
    assert len(lines) - 1 == 16 + 15 + 8 + 3


def test_russia_trade_provenance_and_determinism(tmp_path):
    main, early = _main_workbook(tmp_path), _early_workbook(tmp_path)
    EXTRACTORS["russia_trade"](main, early, out_dir=tmp_path / "a")
    EXTRACTORS["russia_trade"](main, early, out_dir=tmp_path / "b")
    for name in ("russia_trade.csv", "provenance/russia_trade.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    prov = json.loads(read_text(tmp_path / "a" / "provenance" / "russia_trade.json"))
    assert prov["inputs"] == [{"file": p.name, "sha256": sha256(p)} for p in (main, early)]
    assert prov["rows"] == 16 + 15 + 8 + 3
    assert prov["command"] == "python -m helpers.extract russia_trade rf_exports_2023.xlsx rf_imports.xlsx"


def test_russia_trade_missing_sheet_is_named(tmp_path):
    main = _main_workbook(tmp_path, imports=False)
    with pytest.raises(ReleaseFormatError, match=r"rf_exports_2023\.xlsx: missing sheet 'Imports, CIF'"):
        EXTRACTORS["russia_trade"](main, out_dir=tmp_path / "out")


def test_russia_trade_missing_partner_is_named(tmp_path):
    wb = openpyxl.load_workbook(_main_workbook(tmp_path))
    ws = wb["Exports, FOB"]
    for row in ws.iter_rows():
        if row[1].value == "Israel":
            row[1].value = "Israel (old name)"
    wb.save(tmp_path / "renamed.xlsx")
    with pytest.raises(
        ReleaseFormatError, match=r"renamed\.xlsx: sheet 'Exports, FOB': missing partner row\(s\) \['Israel'\]"
    ):
        EXTRACTORS["russia_trade"](tmp_path / "renamed.xlsx", out_dir=tmp_path / "out")


# ----------------------------------------------------------------------------- cow_trade


def test_cow_trade_rows(tmp_path):
    EXTRACTORS["cow_trade"](COW, out_dir=tmp_path)
    assert read_text(tmp_path / "cow_trade.csv") == (
        "exporter_iso3,importer_iso3,year,flow_usd_millions,smoothed_flow_usd_millions\n"
        "CHN,RUS,2000,5770,5770\n"
        "IRN,RUS,1992,48,66\n"
        "IRN,RUS,2014,,\n"  # missing in COW stays empty
        "ISR,RUS,2000,750,750\n"
        "RUS,CHN,2000,2233,2233\n"
        "RUS,IRN,1992,258,258\n"
        "RUS,IRN,2014,1460,1460\n"
        "RUS,ISR,2000,300,300\n"
    )  # USA-Russia, Iran-Israel, the USSR year 1991 and 2015 are dropped


def test_cow_trade_provenance_and_determinism(tmp_path):
    EXTRACTORS["cow_trade"](COW, out_dir=tmp_path / "a")
    EXTRACTORS["cow_trade"](COW, out_dir=tmp_path / "b")
    for name in ("cow_trade.csv", "provenance/cow_trade.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    prov = json.loads(read_text(tmp_path / "a" / "provenance" / "cow_trade.json"))
    assert prov["inputs"] == [{"file": COW.name, "sha256": sha256(COW)}]
    assert prov["rows"] == 8
    assert prov["command"] == f"python -m helpers.extract cow_trade {COW.name}"


def test_cow_trade_missing_column_is_named(tmp_path):
    lines = COW.read_text().splitlines()
    broken = tmp_path / "cow_broken.csv"
    broken.write_text("\n".join(",".join(ln.split(",")[:-1]) for ln in lines) + "\n")
    with pytest.raises(ReleaseFormatError, match=r"cow_broken\.csv: missing column\(s\) \['smoothflow2'\]"):
        EXTRACTORS["cow_trade"](broken, out_dir=tmp_path / "out")


# ----------------------------------------------------------------------------- committed tables
