"""Inputs of the reliability tests, on our own sentences."""

from __future__ import annotations

#: sentences of our own, several of them events between two countries
SENTENCES = (
    "Pakistan's army shelled positions near the border with India on Monday, officials said.",
    "Iran summoned the Pakistani ambassador in Tehran over the strike.",
    "The foreign minister of Iran met his Pakistani counterpart in Islamabad.",
    "Markets in Karachi closed higher as the weather stayed mild.",
)


def article(n: int) -> str:
    """A small article, different for each ``n`` (so no two are duplicates)."""
    return (f"Border report number {n}\n\n" + " ".join(SENTENCES) +
            f"\n\nOfficials counted {n} shells and {n + 3} drones on day {n}.\n")
