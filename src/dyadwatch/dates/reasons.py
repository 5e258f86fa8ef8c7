"""Why an event has no date of its own: the typed ``reason`` of ``evidence["date"]``.

An event the text does not date gets precision ``article``.  Its ``date`` is the
publication date, except for background events (habitual, long-standing or anterior to
the narrative), which get no date at all: the publication day would be a confident
wrong day.  ``--explain`` shows the reason with a sentence saying why.
"""

from __future__ import annotations

from enum import Enum


class DateReason(str, Enum):
    #: the event has no trigger token to read a date from
    NO_TRIGGER = "no-trigger"
    #: nothing in its clause or the narrative before it dates the event
    NOT_IN_TEXT = "not-in-text"
    #: habitual or long-standing ("has long accused", "repeatedly", "historically")
    BACKGROUND = "background"
    #: past perfect with no date of its own ("had previously carried out attacks"):
    #: earlier than the narrative time, unknown when
    ANTERIOR = "anterior"
    #: dated relative to another event the text does not date ("a day after killing X")
    UNDATED_REFERENCE = "undated-reference"

    @property
    def dated(self) -> bool:
        """Whether the publication date stands in (False: the event gets no date)."""
        return self not in (DateReason.BACKGROUND, DateReason.ANTERIOR,
                            DateReason.UNDATED_REFERENCE)
