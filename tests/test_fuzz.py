"""Property: whatever a clerk's editor saves, `check` answers with lines, never a traceback.

Mangled YAML (characters deleted, YAML punctuation and tabs inserted, lines swapped) and
valid YAML carrying random values both go through the real command line entry point;
the answer is exit 0 or 1 and nothing but `path:line: 错误|警告: …` lines.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from gongkai.cli import main

MINI = FIXTURES / "mini-county"
SAMPLES = sorted(p for p in MINI.rglob("*") if p.suffix in (".yaml", ".md") and p.name != "org.yaml")
PROBLEM_LINE = re.compile(r"^orgs/[^:]+:\d+: (错误|警告): \S.*$")
YAML_NOISE = list(":-[]{},#&*!|>%@`'\"\t\n ") + ["0", "9", ".", "中", "－", "２０２６", "\\", "---", "..."]


def run_check(content: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["check", "--content", str(content)])
        except SystemExit as exit_:  # argparse
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def assert_clean_answer(content: Path) -> None:
    code, out, err = run_check(content)
    assert code in (0, 1), err
    assert "Traceback" not in out + err and "程序内部错误" not in err, err
    for line in out.splitlines():
        assert PROBLEM_LINE.match(line), line


@contextlib.contextmanager
def county():
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(MINI, content)
        yield content


@st.composite
def mangled(draw):
    sample = draw(st.sampled_from(SAMPLES))
    text = sample.read_text("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "swap-lines", "indent"]))
        if action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 12)):]
        elif action == "insert":
            text = text[:position] + "".join(draw(st.lists(st.sampled_from(YAML_NOISE), min_size=1, max_size=4))) + text[position:]
        elif action == "swap-lines":
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from(["  ", "\t", " ", ""])) + lines[i].lstrip(draw(st.sampled_from(["", " "])))
            text = "\n".join(lines)
    return sample, text


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30) | st.dates().map(str) | st.sampled_from(["2026-02-30", "2026-13-01", "1e400", "0x1F", "8:30", "2026-03-01 25:30"])
    | st.sampled_from([5e40, 1e-30, -0.0, 10**30, 0.001, 12.345]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@st.composite
def random_values(draw):
    sample = draw(st.sampled_from([p for p in SAMPLES if p.suffix == ".yaml"]))
    data = yaml.safe_load(sample.read_text("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(data) + ["extra", "date", "type"]))
        data[key] = draw(yaml_values)
    return sample, yaml.safe_dump(data, allow_unicode=True)


@settings(max_examples=160, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mangled(), random_values()))
def test_mangled_yaml_and_random_values_get_lines_not_tracebacks(case):
    sample, text = case
    with county() as content:
        (content / sample.relative_to(MINI)).write_text(text, encoding="utf-8")
        assert_clean_answer(content)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_get_lines_not_tracebacks(data):
    with county() as content:
        (content / "orgs/xiaohe-village/notice/bytes.yaml").write_bytes(data)
        assert_clean_answer(content)
