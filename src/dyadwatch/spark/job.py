"""The Spark job: files in, Parquet tables in the store's schema out.

1. The driver lists the input files (a folder is walked as ``ingest.read_path`` walks
   it) and spreads them over the executors, which read them with the ingest readers.
2. Documents are keyed by ``doc_id`` (the first copy read is kept, as ``jobs.run``
   keeps it) and hash-partitioned; each partition is coded with ``mapPartitions`` by
   the executor's own, lazily built pipeline (``worker.py``).
3. The coded rows are written as Parquet: ``documents``, ``document_sources``,
   ``sentences``, ``reports``, ``coders``, ``rejections``.
4. The consolidation runs as a second job: reports are grouped by their consolidation
   block (``consolidate.block_key``) and each block goes through the store's own pure
   function (``consolidate.consolidate_block``), giving ``events`` and
   ``event_reports`` with the same ids a single machine gives.

``dyadwatch import-parquet`` loads the folder into a DuckDB store.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..pipeline import Settings
from . import worker
from .schema import TABLES, spark_schema

#: settings a local session gets (a cluster's come from spark-submit)
LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.driver.host": "127.0.0.1",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.session.timeZone": "UTC",
}


@dataclass
class SparkSummary:
    """What a Spark run wrote."""

    output: str
    files: int = 0
    documents: int = 0
    sentences: int = 0
    reports: int = 0
    events: int = 0
    rejections: int = 0
    partitions: int = 0
    seconds: float = 0.0
    #: wall seconds per table written (``documents`` includes the reading and coding)
    stages: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"output": self.output, "files": self.files, "documents": self.documents,
                "sentences": self.sentences, "reports": self.reports, "events": self.events,
                "rejections": self.rejections, "partitions": self.partitions,
                "seconds": round(self.seconds, 2)}


@contextmanager
def spark_session(master: str | None = None, app_name: str = "dyadwatch",
                  conf: dict[str, str] | None = None) -> Iterator[Any]:
    """A SparkSession, stopped at the end.  ``master`` None leaves it to spark-submit
    (plain ``python`` then runs ``local[*]``); a local session also gets ``LOCAL_CONF``
    (no web UI, bound to 127.0.0.1).  Needs Java (17) and pyspark."""
    import os
    import sys

    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pyspark is a declared dependency
        raise ConfigError("the Spark commands need pyspark: pip install 'dyadwatch[spark]'"
                          ) from exc
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    # spark-submit starts the JVM first and tells us its port: its settings then rule
    local = master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ
    if local:
        for k, v in LOCAL_CONF.items():
            builder = builder.config(k, v)
        # local Python workers run this interpreter (PySpark reads the variable itself)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, a bad master URL...
        raise ConfigError(f"could not start Spark ({type(exc).__name__}: {exc}); "
                          "Spark needs Java 17 on the PATH (or JAVA_HOME)") from exc
    if local:
        spark.sparkContext.setLogLevel("ERROR")  # Spark's warnings are not the user's
    try:
        yield spark
    finally:
        spark.stop()


def input_files(inputs: Sequence[str | Path]) -> list[tuple[int, str, bool]]:
    """(file number, path, part of a folder) of every input file, in reading order."""
    from ..ingest import IngestOptions
    from ..ingest.reader import iter_files

    files: list[tuple[int, str, bool]] = []
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            for f in iter_files(p, IngestOptions()):
                files.append((len(files), str(f), True))
        elif p.exists():
            files.append((len(files), str(p), False))
        else:
            raise InputError(str(p), "no such file or folder")
    return files


def _check_output(output: Path, overwrite: bool) -> None:
    if output.exists() and not output.is_dir():
        raise ConfigError(f"output {output} is a file; give a folder for the Parquet tables")
    if output.is_dir() and any(output.iterdir()) and not overwrite:
        raise ConfigError(f"output folder {output} is not empty; choose another or pass "
                          "--overwrite")


def spark_run(inputs: Sequence[str | Path], output: str | Path, spark: Any = None,
              master: str | None = None, settings: Settings | None = None,
              partitions: int | None = None, overwrite: bool = False) -> SparkSummary:
    """Code ``inputs`` (files or folders: JSONL, WARC, HTML, text) on Spark and write the
    Parquet tables (``schema.TABLES``) under ``output``, one folder per table.

    ``spark`` is an open SparkSession (else one is started with ``master`` and stopped
    at the end); ``partitions`` the number of coding tasks (default: 4 per core)."""
    out = Path(output)
    _check_output(out, overwrite)
    files = input_files(inputs)
    if not files:
        raise InputError(", ".join(str(i) for i in inputs), "no input files")
    if spark is None:
        with spark_session(master) as session:
            return spark_run(inputs, output, session, settings=settings,
                             partitions=partitions, overwrite=overwrite)
    from pyspark import StorageLevel

    t0 = time.perf_counter()
    settings = settings or Settings()
    sc = spark.sparkContext
    n_parts = partitions or max(1, 4 * sc.defaultParallelism)
    summary = SparkSummary(output=str(out), files=len(files), partitions=n_parts)
    mode = "overwrite" if overwrite else "errorifexists"

    values = sc.broadcast(worker.settings_dict(settings))
    read = sc.parallelize(files, min(len(files), n_parts)).mapPartitions(
        partial(worker.read_files, settings.max_bytes))
    coded = (read.map(worker.dedup_key)
             .reduceByKey(worker.first_read, numPartitions=n_parts)
             .mapPartitions(partial(worker.code_partition, values))
             .persist(StorageLevel.MEMORY_AND_DISK))
    try:
        def write(table: str, rdd: Any) -> None:
            with warnings.catch_warnings():  # our rows never go through pandas
                warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas",
                                        FutureWarning)
                df = spark.createDataFrame(rdd, spark_schema(table))
            t = time.perf_counter()
            df.write.mode(mode).parquet(str(out / table))
            summary.stages[table] = round(time.perf_counter() - t, 2)

        write("documents", coded.flatMap(worker.documents_of))
        write("sentences", coded.flatMap(worker.sentences_of))
        write("reports", coded.flatMap(worker.reports_of))
        write("coders", coded.flatMap(worker.coders_of).reduceByKey(worker.keep_one).values())
        write("rejections", coded.flatMap(worker.rejections_of))
        write("document_sources", coded.flatMap(worker.documents_of).map(worker.by_content)
              .groupByKey().flatMap(worker.source_rows))
        # the consolidation job: one task per group of blocks, the same pure function
        blocks = (coded.flatMap(worker.reports_of).map(worker.by_block)
                  .groupByKey(numPartitions=n_parts).map(worker.consolidate_rows)
                  .persist(StorageLevel.MEMORY_AND_DISK))
        try:
            write("events", blocks.flatMap(worker.events_of))
            write("event_reports", blocks.flatMap(worker.links_of))
            summary.events = blocks.map(lambda pair: len(pair[0])).sum()
        finally:
            blocks.unpersist()
        docs, sents, reps, rejs = coded.map(worker.counts_of).fold((0, 0, 0, 0),
                                                                   worker.add_counts)
    finally:
        coded.unpersist()
        values.unpersist()
    summary.documents, summary.sentences, summary.reports, summary.rejections = (
        docs, sents, reps, rejs)
    summary.seconds = time.perf_counter() - t0
    return summary


__all__ = ["LOCAL_CONF", "SparkSummary", "TABLES", "input_files", "spark_run",
           "spark_session"]
