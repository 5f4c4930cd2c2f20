"""``python -m helpers.extract <name> RELEASE_PATH [...]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import load_all


def main(argv: list[str] | None = None) -> int:
    extractors = load_all()
    parser = argparse.ArgumentParser(prog="python -m helpers.extract", description=__doc__)
    parser.add_argument("name", choices=sorted(extractors), help="which extract to make")
    parser.add_argument("releases", nargs="+", type=Path, help="path(s) of the original release file(s)")
    parser.add_argument("--out-dir", type=Path, default=None, help="write here instead of data/")
    args = parser.parse_args(argv)
    for path in args.releases:
        if not path.exists():
            parser.error(f"release file not found: {path}")
    from ..data import DataValidationError
    from .common import ExtractRefusedError, ExtractWriteError, ReleaseFormatError

    try:
        written = extractors[args.name](*args.releases, out_dir=args.out_dir)
    except (ReleaseFormatError, ExtractRefusedError, ExtractWriteError, DataValidationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
