"""The Parquet layout of a distributed run, and its checks before ``Store.import_parquet``.

A folder holds one sub-folder per table (``PARQUET_TABLES``), each with one or more
``*.parquet`` files (Spark writes ``part-*.parquet``).  Event rows use the columns of
``rows.py``; the other tables use the store's column lists.  Documents carry ``seq``,
their input order, and no MinHash signature (the store computes signatures again when
it next needs them).  ``dyadwatch.spark`` writes this layout; any other producer may.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import InputError
from .duck import (DOCUMENT_COLUMNS, DOCUMENT_SOURCE_COLUMNS, EVENT_EXTRA_COLUMNS,
                   EVENT_LINK_COLUMNS, REPORT_EXTRA_COLUMNS, SENTENCE_COLUMNS)
from .rows import EVENT_COLUMNS

#: table -> (column, DuckDB type) of the Parquet files of that table
PARQUET_TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [c for c in DOCUMENT_COLUMNS if c[0] != "minhash"] + [("seq", "BIGINT")],
    "document_sources": list(DOCUMENT_SOURCE_COLUMNS),
    "sentences": list(SENTENCE_COLUMNS),
    "reports": EVENT_COLUMNS + REPORT_EXTRA_COLUMNS,
    "events": EVENT_COLUMNS + EVENT_EXTRA_COLUMNS,
    "event_reports": list(EVENT_LINK_COLUMNS),
    "coders": [("coder_id", "VARCHAR"), ("dyadwatch_version", "VARCHAR"),
               ("fingerprint", "JSON")],
    "rejections": [("location", "VARCHAR"), ("stage", "VARCHAR"), ("reason", "VARCHAR")],
}

#: Parquet has no JSON type: a JSON column arrives as text
_SAME = {"JSON": "VARCHAR"}


def _norm(duck_type: str) -> str:
    t = duck_type.upper()
    return _SAME.get(t, t)


def table_files(directory: str | Path) -> dict[str, list[Path]]:
    """The Parquet files of each table under ``directory``; raises ``InputError`` naming
    the folder when it is not such an output (a table folder is missing)."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(str(root), "no such folder (give the OUTPUT folder of "
                                    "`dyadwatch spark run`)")
    out: dict[str, list[Path]] = {}
    for table in PARQUET_TABLES:
        folder = root / table
        if not folder.is_dir():
            raise InputError(str(folder), f"missing: a Parquet output has one folder per table "
                                          f"({', '.join(PARQUET_TABLES)})")
        out[table] = sorted(f for f in folder.iterdir()
                            if f.suffix == ".parquet" and not f.name.startswith((".", "_")))
    return out


def sql_list(files: list[Path]) -> str:
    """A DuckDB list literal of file names (quotes doubled)."""
    return "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


def check_file(con: duckdb.DuckDBPyConnection, table: str, f: Path) -> None:
    """Raise ``InputError`` naming ``f`` unless it is a Parquet file with ``table``'s
    columns and types (extra columns are allowed and ignored)."""
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_list([f])})"
                                ).fetchall()
    except duckdb.Error as exc:
        raise InputError(str(f), f"not a readable Parquet file ({str(exc).splitlines()[0]})"
                         ) from exc
    have = {row[0]: _norm(str(row[1])) for row in described}
    for name, typ in PARQUET_TABLES[table]:
        if name not in have:
            raise InputError(str(f), f"column {name!r} of table {table} is missing "
                                     f"(found: {', '.join(have) or 'none'})")
        if have[name] != _norm(typ):
            raise InputError(str(f), f"column {name!r} of table {table} is {have[name]}, "
                                     f"expected {typ}")
