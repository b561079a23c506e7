"""Importers, one module per source: e-GP CSV, OCDS, DBD companies, politicians, blacklist.

Each importer reads files into a warehouse snapshot being built (`warehouse.write()`), records
every record it read in `source_row` and every record it refused in `rejection`, and returns an
`ImportSummary`. Errors that stop a whole file are `SourceError`s naming the file, line and field.
"""

from sodsong.procurement.sources.common import ImportSummary, Rejection, SourceError

__all__ = ["ImportSummary", "Rejection", "SourceError"]
