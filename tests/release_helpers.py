"""Small helpers shared by the extract tests (reading what an extractor wrote, corrupting a release)."""

import csv
import hashlib
import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "releases"


def read_text(path):
    return Path(path).read_text(encoding="utf-8")


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write_rows(table, path):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(table)
    return path


def provenance(out_dir, table):
    return json.loads((Path(out_dir) / "provenance" / f"{table}.json").read_text(encoding="utf-8"))


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def drop_column(src, column, dst):
    table = csv_rows(src)
    i = table[0].index(column)
    return write_rows([r[:i] + r[i + 1 :] for r in table], dst)
