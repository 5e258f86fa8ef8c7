"""dyadwatch on Apache Spark (PySpark), for corpora that outgrow one machine.

``spark_run(inputs, output)`` codes files on a Spark cluster (or ``local[*]``) and
writes Parquet tables in the store's own schema; ``dyadwatch import-parquet`` loads
them into a DuckDB store (``Store.import_parquet``).  The stages, the row mapping and
the consolidation are the single-machine ones, so the results are equal.  See
docs/scale.md.
"""

from __future__ import annotations

from .job import LOCAL_CONF, SparkSummary, input_files, spark_run, spark_session
from .schema import TABLES, spark_schema

__all__ = ["LOCAL_CONF", "SparkSummary", "TABLES", "input_files", "spark_run", "spark_schema",
           "spark_session"]
