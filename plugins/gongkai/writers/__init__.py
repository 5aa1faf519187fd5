"""Writers: each turns the checked ``Site`` into some of the output files.

A writer is a function ``write(site, output)``. They run in the order of ``WRITERS``
and share nothing but the model and the ``Output`` they write through.
"""

from __future__ import annotations

from . import attachments, catalogue, finance_overview, freshness, pages, schemas, services, sitemap
from . import application, standard_catalogue
from . import search as search_writer
from . import data_csv, data_page, dcat, feeds, fiscal, ocds, org_directory, record_json
from .output import Output

WRITERS = [
    pages.write_records,
    pages.write_orgs,
    pages.write_home,
    pages.write_not_found,
    catalogue.write,
    services.write,
    standard_catalogue.write,
    application.write,
    finance_overview.write,
    freshness.write,
    sitemap.write,
    schemas.write,
    attachments.write,
    search_writer.write,
    feeds.write,
    record_json.write,
    data_csv.write,
    fiscal.write,
    ocds.write,
    org_directory.write,
    dcat.write,
    data_page.write,  # after the data writers: it lists their files' sizes
]

# Writers that run, in this order, in one forked process beside the rest (see
# background.py): they write only their own files, from the model alone. Together they
# take about as long as the record pages, which stay in the main process.
BESIDE = (search_writer.write, feeds.write, record_json.write, data_csv.write)

# Writers that read back files other writers made: they run once all of those are written.
LAST = (data_page.write,)

__all__ = ["WRITERS", "BESIDE", "LAST", "Output"]
