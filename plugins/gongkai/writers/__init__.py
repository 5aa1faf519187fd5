"""Writers: each turns the checked ``Site`` into some of the output files.

A writer is a function ``write(site, output)``. They run in the order of ``WRITERS``
and share nothing but the model and the ``Output`` they write through.
"""

from __future__ import annotations

from . import attachments, pages, schemas
from .output import Output

WRITERS = [
    pages.write_records,
    pages.write_orgs,
    pages.write_home,
    schemas.write,
    attachments.write,
]

__all__ = ["WRITERS", "Output"]
