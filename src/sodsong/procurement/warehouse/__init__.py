"""The procurement warehouse: a DuckDB file of canonical tables, rebuilt as atomic snapshots.

Readers (pages, API, indicators):

    from sodsong.procurement import warehouse
    with warehouse.open() as con:            # or: con = warehouse.connect(read_only=True)
        con.sql("SELECT count(*) FROM process").fetchone()

Writers (importers, the synthetic generator, flag builders):

    with warehouse.write() as con:            # a copy of the current snapshot
        con.execute("INSERT INTO ...")        # becomes current only if the block succeeds

The tables, columns and their meaning are in `schema.TABLES` and docs/warehouse.md.
"""

from sodsong.procurement.warehouse.schema import (
    SCHEMA_VERSION,
    TABLES,
    SchemaVersionError,
    create_schema,
    duplicate_keys,
    table,
)
from sodsong.procurement.warehouse.snapshots import (
    DeferredWrite,
    WarehouseError,
    connect,
    current_snapshot,
    default_path,
    open,
    snapshot_dir,
    table_checksums,
    write,
    write_deferred,
)

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "DeferredWrite",
    "SchemaVersionError",
    "WarehouseError",
    "connect",
    "create_schema",
    "current_snapshot",
    "default_path",
    "duplicate_keys",
    "open",
    "snapshot_dir",
    "table",
    "table_checksums",
    "write",
    "write_deferred",
]
