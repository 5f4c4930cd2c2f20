"""Hand-made treaty frames shared by tests/test_treaties.py and tests/test_atop_check.py (exact
values worked out by hand in the tests that use them), and the two things both files' fixtures
build: the real treaty tables and a chart recorder."""

import matplotlib.pyplot as plt
import pandas as pd

from helpers import data, style

#: The real tables the treaty tests read.
REAL_TABLES = ("treaties", "treaty_milestones", "treaty_provisions", "treaty_articles", "atop_treaty_codes")


def real_tables() -> dict[str, pd.DataFrame]:
    """The :data:`REAL_TABLES`, loaded and validated, by name."""
    return {name: data.load(name) for name in REAL_TABLES}


def record_charts(monkeypatch) -> list:
    """Replace ``style.show`` (for the test) by a recorder of ``(style.check(fig), alt)`` per chart,
    closing each figure; the house style is applied. Returns the list it fills."""
    shown: list = []
    monkeypatch.setattr(style, "show", lambda fig, alt: (shown.append((style.check(fig), alt)), plt.close(fig)))
    style.use()
    return shown


def _treaties():
    return pd.DataFrame(
        {
            "treaty_id": ["aaa-bbb-2020", "aaa-ccc-2010", "aaa-ddd-2000"],
            "parties_iso3": ["RUS;IRN", "RUS;CHN", "RUS;BLR;KAZ"],
            "atop_id": pd.array([pd.NA, 11, 22], dtype="Int64"),
        }
    )


def _provisions():
    rows = [
        # treaty, obligation, present, article
        ("aaa-bbb-2020", "defense", "no", None),
        ("aaa-bbb-2020", "neutrality", "yes", "3(3)"),
        ("aaa-bbb-2020", "non_assistance_aggressor", "yes", "3(3)"),
        ("aaa-bbb-2020", "military_technical", "yes", None),
        ("aaa-bbb-2020", "sanctions_clause", "yes", None),
        ("aaa-bbb-2020", "sanctions_clause", "yes", "4"),
        ("aaa-ccc-2010", "defense", "yes", "1"),
        ("aaa-ccc-2010", "offense", "unknown", None),
        ("aaa-ccc-2010", "neutrality", "no", None),
        ("aaa-ccc-2010", "nonaggression", "yes", "2"),
        ("aaa-ccc-2010", "consultation", "unknown", None),
        ("aaa-ddd-2000", "defense", "yes", "4"),
        ("aaa-ddd-2000", "offense", "unknown", None),
        ("aaa-ddd-2000", "neutrality", "unknown", None),
        ("aaa-ddd-2000", "nonaggression", "no", None),
        ("aaa-ddd-2000", "consultation", "yes", "2"),
    ]
    frame = pd.DataFrame(rows, columns=["treaty_id", "obligation", "present", "article"])
    frame.insert(0, "provision_id", [f"{t}-p{i:02d}" for i, t in enumerate(frame["treaty_id"], start=1)])
    frame["quote"] = [f"quote {i}" for i in range(len(frame))]
    frame["quote_by"] = [f"speaker {i}" for i in range(len(frame))]
    frame["source_ids"] = "s1;s2"
    frame["note"] = None
    # the coding before the recoding: ccc consultation was yes, ddd nonaggression was yes
    frame["present_before"] = frame["present"]
    frame.loc[(frame.treaty_id == "aaa-ccc-2010") & (frame.obligation == "consultation"), "present_before"] = "yes"
    frame.loc[(frame.treaty_id == "aaa-ddd-2000") & (frame.obligation == "nonaggression"), "present_before"] = "yes"
    return frame


def _atop_codes():
    cols = ["atopid", "phase", "member_iso3", "defense", "offense", "neutral", "nonagg", "consul", "noothall"]
    rows = [
        # atop 11: both members, one phase; ATOP says defence, no neutrality, nonagg, consultation, noothall
        (11, 0, "CHN", 1, 0, 0, 1, 1, 1),
        (11, 0, "RUS", 1, 0, 0, 1, 1, 1),
        # atop 22: two phases; phase 1 differs from phase 2 (nonagg only in phase 2);
        # members differ in phase 1 (only BLR owes consultation)
        (22, 1, "BLR", 1, 0, 0, 0, 1, 0),
        (22, 1, "RUS", 1, 0, 0, 0, 0, 0),
        (22, 2, "BLR", 1, 0, 0, 1, 1, 0),
        (22, 2, "RUS", 1, 0, 0, 1, 1, 0),
    ]
    return pd.DataFrame(rows, columns=cols)


def _registry_ids():
    """A low-confidence and a high-confidence id of the real registry (the rule reads it)."""
    reg = data.load("sources")
    return reg.loc[reg["confidence"] == "low", "source_id"].iloc[0], reg.loc[
        reg["confidence"] == "high", "source_id"
    ].iloc[0]


def _provisions_with_a_low_cell():
    """The hand-made provisions, with ccc's non-aggression (yes, ATOP 1) and ddd's consultation
    (yes) resting only on a low-confidence source, and bbb's neutrality on a low and a high one."""
    low, high = _registry_ids()
    prov = _provisions()
    prov.loc[(prov.treaty_id == "aaa-ccc-2010") & (prov.obligation == "nonaggression"), "source_ids"] = low
    prov.loc[(prov.treaty_id == "aaa-ddd-2000") & (prov.obligation == "consultation"), "source_ids"] = low
    prov.loc[(prov.treaty_id == "aaa-bbb-2020") & (prov.obligation == "neutrality"), "source_ids"] = f"{low};{high}"
    return prov
