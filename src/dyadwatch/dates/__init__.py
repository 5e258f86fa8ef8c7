"""Event dates: each event gets the date it happened, resolved from its own text.

``assign_dates(events, doc, document)`` is the pipeline stage;
``resolve_expression(text, anchor, published)`` the pure resolver.
See ``docs/eval/dates.md`` for the rules and measured accuracy.
"""

from __future__ import annotations

from .assign import assign_dates
from .calendar import DateResolution
from .resolve import resolve_expression

__all__ = ["assign_dates", "resolve_expression", "DateResolution"]
