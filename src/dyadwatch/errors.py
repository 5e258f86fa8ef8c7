"""The one exception tree of dyadwatch.  The library raises; only the CLI prints.

* DyadwatchError
  + InputError            -- something about an input file/record is wrong
    - ExtractionError     -- no usable article text could be extracted
    - EncodingError       -- bytes could not be decoded
    - DateError           -- a date could not be parsed
    - InputTooLarge       -- file bigger than the configured limit
  + ConfigError           -- bad settings or a missing/invalid data file
  + QueryError            -- a filter, dyad, code or date given to a query is not valid
  + StoreError            -- the DuckDB store could not be read or written
    - StoreBusy           -- another process held the store longer than the wait allowed
"""

from __future__ import annotations


class DyadwatchError(Exception):
    """Root of every error dyadwatch raises on purpose."""


class InputError(DyadwatchError):
    """An input could not be read.  ``where`` names the file (and line/record)."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class ExtractionError(InputError):
    pass


class EncodingError(InputError):
    pass


class DateError(InputError):
    pass


class InputTooLarge(InputError):
    pass


class ConfigError(DyadwatchError):
    pass


class StoreError(DyadwatchError):
    pass


class QueryError(DyadwatchError):
    """A query parameter is not valid: ``field`` names it, the message says what is expected."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class StoreBusy(StoreError):
    """The store stayed locked by another process for longer than the wait allowed."""
