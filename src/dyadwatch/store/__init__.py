"""The embedded DuckDB store (default ``dyadwatch.duckdb``) and its exports."""

from .duck import DEFAULT_DB, SaveOutcome, Store
from .export import FORMATS, write_events

__all__ = ["DEFAULT_DB", "FORMATS", "SaveOutcome", "Store", "write_events"]
