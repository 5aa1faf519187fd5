"""An attachment before it is published: its format (``attachment_kinds``), its name and
the text inside it (``privacy_scan``, ``attachment_text``) and, for a photo, its GPS
position (``images``). Each problem is one message for the line of the attachment."""

from __future__ import annotations

from pathlib import Path

from ..privacy.scan import Leak, name_leaks, text_findings
from . import images
from .kinds import IMAGES, Refused, check_kind
from .text import Unreadable, runs

FIX_INSIDE = "请在附件里改正后，重新放入这个文件"


def attachment_problems(file: Path, written: str, inside: str, own_phones: frozenset[str]) -> list[str]:
    """Messages for the attachment ``file`` (``written`` as the record names it; ``inside`` its
    published path within the org's folder)."""
    try:
        kind = check_kind(file, written)
    except Refused as refused:
        return [str(refused)]
    problems = [leak.message("") for leak in name_leaks(inside, 0, f"附件“{written}”的文件名", own_phones)]
    try:
        if kind in IMAGES:
            found = images.metadata(file)
            return problems + ([images.gps_refusal(written, found)] if found.gps else [])
        return problems + [leak.message("") for leak in text_leaks(file, kind, written, own_phones)]
    except Unreadable as unreadable:
        return problems + [f"附件“{written}”{unreadable}"]
    except Exception:  # Pillow on a damaged picture
        return problems + [f"附件“{written}”打不开（可能已损坏）：请用原来的程序重新另存后再附上"]


def text_leaks(file: Path, kind: str, written: str, own_phones: frozenset[str]) -> list[Leak]:
    leaks, seen = [], set()
    for where, text in runs(file, kind):
        for finding in text_findings(text, own_phones):
            if (where, finding.digits) not in seen:
                seen.add((where, finding.digits))
                leaks.append(Leak(0, f"附件“{written}”（{where}）", finding, FIX_INSIDE))
    return leaks
