"""The county loaded once and kept current: one record re-checked per save, never the whole county.

``Workspace`` holds the ``Site`` that ``load_site`` read at start (the same reading and
checks as ``publish.py check``). ``check(path, text)`` runs that reading and every check on
one proposed file in the context of the rest — its schema, column, attachments, privacy,
its type's rules, then the cross-record rules (索引号 not taken, references resolve, the
type's rules between records, records pointing at it still resolve) — and ``accept`` puts
the saved record into the site in place of the old one. An ``org.yaml`` changes what every
record of the org is checked against (its phones, its kind), so accepting one reloads all.
Files changed behind the editor's back (``git pull``, another program) are caught up with by
``refresh``, which compares every record file's size and time with what was read.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import hashlib
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ..checking import Checker
from ..load import (
    Loaded,
    check_record,
    link_tree,
    load_site,
    path_keys,
    read_org,
    read_record,
    report_duplicate_index_no,
    resolve_references,
)
from ..markup import Markup
from ..model import Record, Site
from ..privacy.scan import public_phones
from ..problems import ERROR, Problem, Problems, errors_in
from ..reading.source import RECORD_SUFFIXES, SourceFile, decode, parse_text
from ..reading.yamltext import LineDict
from ..schema import Schemas
from ..settings import Settings
from ..types import ORG_FILE

CATCH_UP_ONE_BY_ONE = 50  # more files changed behind the editor's back than this: read everything again


@dataclass
class Entry:
    """A record file as an org's page lists it, whether it passes the checks or not."""

    path: str  # relative to the content folder
    type: str | None
    title: str
    date: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


@dataclass
class Checked:
    """A proposed text of one file, read and checked against the loaded county."""

    path: str
    text: str
    problems: list[Problem]
    record: Record | None = None  # the record it makes (None: it could not be read that far)
    data: dict | None = None  # what our reader read (the form shows exactly this)
    body: str = ""

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


def slug_of(path: str) -> str:
    """orgs/<slug>/… → slug."""
    return path.split("/")[1]


class Workspace:
    def __init__(self, content: Path, settings: Settings):
        self.content = Path(content)
        self.settings = settings
        self.lock = threading.RLock()  # one change at a time: the files, git and the site move together
        self.markup = Markup()
        self.reload()

    # -- the whole county ----------------------------------------------------------------

    def reload(self) -> None:
        gc.unfreeze()
        self.stats = self._stats()
        site, problems = load_site(self.content, self.settings)
        self.site: Site = site
        self.by_path: dict[str, Record] = {r.source_path: r for r in site.records}
        self.ref_keys: dict[str, Record] = {key: r for r in site.records for key in path_keys(r)}
        self.problems: dict[str, list[Problem]] = {}
        for problem in problems.sorted():
            self.problems.setdefault(problem.path, []).append(problem)
        self.entries: dict[str, Entry] = {path: self._entry_of_record(r) for path, r in self.by_path.items()}
        for path in self.problems:
            if path not in self.entries and path.endswith(RECORD_SUFFIXES) and not path.endswith("/" + ORG_FILE):
                self.entries[path] = self._entry_of_file(path)
        # A county is millions of objects that live as long as the editor: leave them out of the
        # cyclic garbage collector's full passes, which otherwise take a second each at 10,000 records.
        gc.collect()
        gc.freeze()

    @property
    def schemas(self) -> Schemas:
        return cast(Schemas, self.site.schemas)  # what load_site puts there (the model types it loosely)

    def _stats(self) -> dict[str, tuple[int, int]]:
        """Size and modification time of every record file (what ``gather`` would read)."""
        stats: dict[str, tuple[int, int]] = {}
        folders: list[tuple[str | Path, str]] = [(self.content / "orgs", "orgs/")]
        while folders:
            folder, prefix = folders.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(RECORD_SUFFIXES):
                    stat = entry.stat()
                    stats[prefix + entry.name] = (stat.st_mtime_ns, stat.st_size)
        return stats

    def refresh(self) -> None:
        """Catch up with record files changed outside the editor since they were read."""
        with self.lock:
            now = self._stats()
            changed = sorted(p for p in now.keys() | self.stats.keys() if now.get(p) != self.stats.get(p))
            if len(changed) > CATCH_UP_ONE_BY_ONE or any(p.endswith("/" + ORG_FILE) for p in changed):
                self.reload()
                return
            for path in changed:
                if path in now:
                    self.accept(self.check_file(path))
                else:
                    self.remove(path)

    def check_file(self, path: str) -> Checked:
        """``check`` of the file as it is on disk."""
        problems = Problems()
        text = decode((self.content / path).read_bytes(), path, problems)
        return self.check(path, text) if text is not None else Checked(path, "", problems.sorted())

    def _entry_of_record(self, record: Record) -> Entry:
        return Entry(record.source_path, record.type, record.title, record.date.isoformat(),
                     self.problems.get(record.source_path, []))

    def _entry_of_file(self, path: str) -> Entry:
        """A file that did not make a record: what can still be read of it for the list."""
        data = None
        try:
            parsed = parse_text((self.content / path).read_text("utf-8"), path, Problems())
            data = parsed[0] if parsed else None
        except (OSError, UnicodeDecodeError):
            pass
        found: Mapping[str, Any] = data or {}
        kind = found.get("type")
        return Entry(path, kind if isinstance(kind, str) else None, str(found.get("title") or Path(path).name),
                     str(found.get("date") or ""), self.problems.get(path, []))

    def entries_of(self, slug: str) -> list[Entry]:
        """The org's record files, newest first."""
        prefix = f"orgs/{slug}/"
        found = [e for path, e in self.entries.items() if path.startswith(prefix)]
        return sorted(found, key=lambda e: (e.date, e.path), reverse=True)

    # -- one file ------------------------------------------------------------------------

    def check(self, path: str, text: str, parsed: tuple[LineDict, str, int] | None = None) -> Checked:
        """``text`` as the file ``path``, checked; ``parsed``: what ``parse_text`` already read of it."""
        problems = Problems()
        parsed = parsed or parse_text(text, path, problems)
        if parsed is None:
            return Checked(path, text, problems.sorted())
        data, body, body_line = parsed
        source = SourceFile(path, data, body, body_line, hashlib.sha256(text.encode("utf-8")).hexdigest())
        checked = Checked(path, text, [], data=data, body=body)
        if path.endswith("/" + ORG_FILE):
            self._check_org(source, problems)
        else:
            checked.record = self._check_record(source, problems)
        checked.problems = problems.sorted()
        return checked

    def _check_record(self, source: SourceFile, problems: Problems) -> Record | None:
        slug = slug_of(source.path)
        org = self.site.orgs.get(slug)
        item = read_record(source, slug, org, self.schemas, self.markup, problems)
        if item is None or org is None:
            return None
        check_record(item, self.content, self.settings, public_phones(p.number for p in org.phones), self.markup)
        if item.valid:
            self._check_across(item)
        return item.record

    def _check_across(self, item: Loaded) -> None:
        new, old = item.record, self.by_path.get(item.record.source_path)
        taken = self.site.by_index_no.get(new.index_no)
        if taken is not None and taken is not old:
            report_duplicate_index_no(item, taken)
            return
        by_index_no = {**self.site.by_index_no, new.index_no: new}
        by_path = {**self.ref_keys, **{key: new for key in path_keys(new)}}
        if old is not None and by_index_no.get(old.index_no) is old:
            del by_index_no[old.index_no]
        resolve_references(item, by_index_no, by_path)
        others = [r for r in self.site.records if r.type == new.type and r is not old]
        new.record_type.check_across(others + [new], lambda r: item.checker if r is new else self._scratch(r))
        if old is not None:
            self._check_referrers(item, old, by_index_no, by_path)

    def _check_referrers(self, item: Loaded, old: Record, by_index_no: dict, by_path: dict) -> None:
        """Records pointing at the old version must still find what they point at."""
        for referrer in self.referrers(old):
            scratch = Problems()
            copy = dataclasses.replace(referrer, refs={})
            checker = Checker(scratch, self.schemas[copy.type], copy.source_path, copy.data)
            resolve_references(Loaded(copy, checker, None), by_index_no, by_path)  # type: ignore[arg-type]
            for problem in scratch.errors:
                item.checker.error((), f"「{referrer.title}」（{referrer.source_path}）引用了这条记录，改动后引用不成立："
                                   f"{problem.message}")

    def _scratch(self, record: Record) -> Checker:
        """A checker for a record not being edited: what it would say is not this save's business."""
        return Checker(Problems(), self.schemas[record.type], record.source_path, record.data)

    def referrers(self, record: Record) -> list[Record]:
        return [r for r in self.site.records if any(t is record for t in r.refs.values())]

    def _check_org(self, source: SourceFile, problems: Problems) -> None:
        slug = slug_of(source.path)
        read = read_org(source, slug, self.schemas, problems)
        if read is None:
            return
        org, checker = read
        orgs = {s: dataclasses.replace(o, parent=None, children=[]) for s, o in self.site.orgs.items()}
        orgs[slug] = org
        tree = Problems()
        schema = self.schemas["org"]
        checkers = {s: checker if s == slug else Checker(tree, schema, o.source_path, o.data) for s, o in orgs.items()}
        link_tree(orgs, checkers, tree)
        for problem in tree.sorted():
            if problem.path == source.path:
                (problems.error if problem.level == ERROR else problems.warning)(
                    problem.path, problem.line, problem.message, problem.field)

    # -- after the file is written ---------------------------------------------------------

    def accept(self, checked: Checked) -> None:
        """The file now holds ``checked.text``: the site and the lists follow."""
        if checked.path.endswith("/" + ORG_FILE):
            self.reload()
            return
        self._restat(checked.path)
        old = self.by_path.get(checked.path)
        new = checked.record
        if old is not None:
            self._drop(old)
        if new is not None and not checked.errors:
            self._add(new, old)
        self.problems[checked.path] = checked.problems
        self.entries[checked.path] = (self._entry_of_record(new) if new is not None and not checked.errors
                                      else self._entry_of_file(checked.path))

    def remove(self, path: str) -> None:
        """The file is gone (withdrawn)."""
        self._restat(path)
        old = self.by_path.get(path)
        if old is not None:
            self._drop(old)
        self.entries.pop(path, None)
        self.problems.pop(path, None)

    def _restat(self, path: str) -> None:
        file = self.content / path
        if file.is_file():
            stat = file.stat()
            self.stats[path] = (stat.st_mtime_ns, stat.st_size)
        else:
            self.stats.pop(path, None)

    def _drop(self, record: Record) -> None:
        self.site.records.remove(record)
        record.org.records.remove(record)
        self.site.by_index_no.pop(record.index_no, None)
        del self.by_path[record.source_path]
        for key in path_keys(record):
            self.ref_keys.pop(key, None)

    def _add(self, record: Record, replacing: Record | None) -> None:
        bisect.insort(self.site.records, record, key=lambda r: r.sort_key)
        bisect.insort(record.org.records, record, key=lambda r: r.sort_key)
        self.site.by_index_no[record.index_no] = record
        self.by_path[record.source_path] = record
        for key in path_keys(record):
            self.ref_keys[key] = record
        if replacing is not None:
            for referrer in self.site.records:
                for key, target in referrer.refs.items():
                    if target is replacing:
                        referrer.refs[key] = record
