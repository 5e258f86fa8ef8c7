"""The embedded DuckDB store (default ``dyadwatch.duckdb``), its query layer and exports."""

from .duck import DEFAULT_DB, SaveOutcome, Store
from .export import FORMATS, write_events
from .query import Dyad, EventQuery

__all__ = ["DEFAULT_DB", "FORMATS", "Dyad", "EventQuery", "SaveOutcome", "Store", "write_events"]
