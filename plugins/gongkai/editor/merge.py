"""Keep the clerk's own lines: a three-way line merge of what a YAML writer changed.

ruamel.yaml writes the edited record, but it also re-spaces lines nobody touched
(``-   b`` becomes ``- b``, ``~`` becomes nothing, a wrapped plain value is joined). So
the file is written as the clerk's ``original`` plus only the lines where ruamel's
``edited`` output differs from ruamel's ``baseline`` output of the unedited file: where
ruamel merely reformatted, the original lines stay byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

Opcodes = list[tuple[str, int, int, int, int]]


@dataclass
class Cluster:
    """Baseline lines ``start:end`` that one or both diffs change (empty: an insertion point)."""

    start: int
    end: int
    reformatted: bool = False  # the original differs from the baseline here
    edited: bool = False  # the edit differs from the baseline here


def _opcodes(a: list[str], b: list[str]) -> Opcodes:
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _clusters(reformatted: Opcodes, edited: Opcodes) -> list[Cluster]:
    """The changed spans of both diffs, joined where they overlap (touching is not overlapping:
    a line inserted after line 4 does not conflict with line 5 being reformatted)."""
    spans = sorted([(i1, i2, "reformatted") for tag, i1, i2, _, _ in reformatted if tag != "equal"]
                   + [(i1, i2, "edited") for tag, i1, i2, _, _ in edited if tag != "equal"])
    clusters: list[Cluster] = []
    for start, end, which in spans:
        last = clusters[-1] if clusters else None
        if last and (start < last.end or start == end == last.start == last.end):
            last.end = max(last.end, end)
        else:
            last = Cluster(start, end)
            clusters.append(last)
        setattr(last, which, True)
    return clusters


def _position(opcodes: Opcodes, i: int, after_inserted: bool) -> int:
    """Where baseline line ``i`` (never inside a differing block) is in the other text;
    lines inserted right at ``i`` count as before it only when ``after_inserted``."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 == i2 == i:
            return j2 if after_inserted else j1
        if i1 <= i < i2:
            return j1 + (i - i1) if tag == "equal" else j1
    return opcodes[-1][4] if opcodes else 0


def merge(original: str, baseline: str, edited: str) -> str:
    """``original`` with the changes ``baseline`` → ``edited`` applied (edited wins where both differ)."""
    o_lines, b_lines, e_lines = (text.splitlines(keepends=True) for text in (original, baseline, edited))
    reformatted, changed = _opcodes(b_lines, o_lines), _opcodes(b_lines, e_lines)
    clusters = _clusters(reformatted, changed)
    if not any(c.edited for c in clusters):
        return original
    out: list[str] = []
    done, after = 0, False  # baseline lines before ``done`` are in ``out`` (and its insertions if ``after``)
    for c in clusters:
        out += o_lines[_position(reformatted, done, after):_position(reformatted, c.start, False)]
        insertion = c.start == c.end
        if c.reformatted and (insertion or not c.edited):  # the clerk's lines; both inserted: theirs first
            out += o_lines[_position(reformatted, c.start, False):_position(reformatted, c.end, insertion)]
        if c.edited:
            out += e_lines[_position(changed, c.start, False):_position(changed, c.end, insertion)]
        done, after = c.end, insertion
    out += o_lines[_position(reformatted, done, after):]
    return "".join(out)
