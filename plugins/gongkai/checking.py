"""Reporting a problem about one record at the line of the field it concerns."""

from __future__ import annotations

from .problems import Problems
from .reading.yamltext import line_of
from .schema import RecordSchema


class Checker:
    """What a type's checks use to speak: ``error(('income', 2, 'amount'), '…')``."""

    def __init__(self, problems: Problems, schema: RecordSchema, path: str, data: dict):
        self.problems = problems
        self.schema = schema
        self.path = path
        self.data = data
        self.error_count = 0  # errors about this record, from every pass: it is valid only with none

    def line(self, field_path=()) -> int:
        return line_of(self.data, tuple(field_path), 1)

    def label(self, field_path) -> str:
        return self.schema.label(tuple(field_path))

    def error(self, field_path, message: str) -> None:
        self.error_at(self.line(field_path), message, tuple(field_path))

    def error_at(self, line: int, message: str, field_path: tuple = ()) -> None:
        """An error at a line of the file (inside a Markdown body: the field is the body's)."""
        self.error_count += 1
        self.problems.error(self.path, line, message, field_path)

    def warning(self, field_path, message: str) -> None:
        self.problems.warning(self.path, self.line(field_path), message, tuple(field_path))
