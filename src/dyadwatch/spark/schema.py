"""The Parquet tables a Spark run writes, in the store's own schema.

Event rows (``reports``, ``events``) take their columns from ``store/rows.py``
(``EVENT_COLUMNS``) and the extras the store adds (``block``, ``coder_id``;
``n_reports``, ``n_sources``, ``sources``); the document, sentence and link tables take
the store's column lists (``store/duck.py``).  The one difference: documents carry no
MinHash signature (Spark has no unsigned 64-bit type; the store computes the
signatures again when it next needs them) and carry ``seq``, the input order, so that
``import-parquet`` stores them in the order a single-machine run would.
"""

from __future__ import annotations

from typing import Any

from ..store.parquet import PARQUET_TABLES

#: table -> (column, DuckDB type): the store's own Parquet layout (``store/parquet.py``)
TABLES = PARQUET_TABLES


def spark_schema(table: str) -> Any:
    """The ``pyspark.sql.types.StructType`` of one output table."""
    from pyspark.sql import types as T

    simple = {"VARCHAR": T.StringType(), "JSON": T.StringType(), "INTEGER": T.IntegerType(),
              "BIGINT": T.LongType(), "DOUBLE": T.DoubleType(), "DATE": T.DateType(),
              "BOOLEAN": T.BooleanType()}

    def typ(duck: str) -> Any:
        if duck.endswith("[]"):
            return T.ArrayType(simple[duck[:-2]], containsNull=True)
        return simple[duck]

    return T.StructType([T.StructField(name, typ(duck), nullable=True)
                         for name, duck in TABLES[table]])
