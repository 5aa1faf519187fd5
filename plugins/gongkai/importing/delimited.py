"""CSV and other delimited text (tab-separated "Unicode text" from Excel) → one sheet."""

from __future__ import annotations

import csv
import io

from .formats import decode_text
from .table import Sheet


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:  # one column, or too little text to tell: commas
        return csv.excel


def read_delimited(raw: bytes) -> list[Sheet]:
    text = decode_text(raw)
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), _dialect(text))]
    return [Sheet(name="", rows=rows)]
