#!/usr/bin/env python3
"""publish.py — the one command clerks and the county office use. See README.md."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))

from gongkai.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
