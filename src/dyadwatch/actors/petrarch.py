"""Readers for PETRARCH/TABARI-format actor and agent dictionaries.

Format facts (from the PETRARCH2 dictionary documentation):

* Actor file: an entry starts with a phrase line (words joined by ``_`` or
  blanks), optionally followed by ``[CODE]`` on the same line; ``+PHRASE``
  lines add synonyms; indented ``[CODE DATE]`` lines add codes.  A date is
  ``<YYMMDD`` (before), ``>YYMMDD`` (after) or ``YYMMDD-YYMMDD`` (inclusive);
  six-digit years ``00``-``30`` are 20xx, others 19xx.  An undated code is the
  default when no dated code applies; the first dated code that applies wins.
* Agent file: ``PHRASE {PLURAL} [~CODE]`` (suffix agent) or ``[CODE~]``
  (prefix agent); regular plurals are generated; ``{}`` suppresses them;
  ``!MARKER! = A, B`` defines substitution sets used as ``!MARKER!``.
* ``#`` starts a comment; lines starting ``<!`` are skipped; ``<!-- -->``
  comments may span lines.

This module only parses; it never decides what a phrase means in text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..errors import ConfigError

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE_OK = re.compile(r"^[A-Za-z0-9/#+\-]+$")


@dataclass(frozen=True)
class CodeRange:
    """One code of an entry, valid from ``start`` to ``end`` inclusive (``None`` = open)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, when: date) -> bool:
        return (self.start is None or when >= self.start) and (self.end is None or when <= self.end)


@dataclass
class RawActor:
    """One entry of an actor file: its phrases (first = primary) and codes."""

    phrases: list[str]
    codes: list[CodeRange] = field(default_factory=list)
    line: int = 0
    comment: str = ""


def parse_petrarch_date(text: str) -> date:
    """``YYMMDD`` or ``YYYYMMDD`` -> date (raises ValueError when invalid)."""
    s = text.strip()
    if not s.isdigit():
        raise ValueError(f"not a date: {text!r}")
    if len(s) >= 8:
        return date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    if len(s) == 6:
        yy = int(s[:2])
        return date(2000 + yy if yy <= 30 else 1900 + yy, int(s[2:4]), int(s[4:6]))
    raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")


def parse_code(inner: str) -> CodeRange | None:
    """The inside of ``[...]``: ``CODE`` or ``CODE DATE``; ``None`` if unusable."""
    parts = inner.split()
    if not parts:
        return None
    code = parts[0]
    rest = "".join(parts[1:])
    if code.startswith(("<", ">")) or not _CODE_OK.match(code):
        return None
    code = code.upper()
    if not rest:
        return CodeRange(code)
    try:
        if rest.startswith("<"):
            return CodeRange(code, None, parse_petrarch_date(rest[1:]) - timedelta(days=1))
        if rest.startswith(">"):
            return CodeRange(code, parse_petrarch_date(rest[1:]) + timedelta(days=1), None)
        if "-" in rest:
            a, b = rest.split("-", 1)
            return CodeRange(code, parse_petrarch_date(a), parse_petrarch_date(b))
        return CodeRange(code, parse_petrarch_date(rest), None)
    except ValueError:
        return None


def _clean_lines(text: str) -> list[tuple[int, str, str]]:
    """(line number, content, comment) for meaningful lines, comments removed."""
    out: list[tuple[int, str, str]] = []
    in_comment = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("<!"):
            continue
        comment = ""
        if "#" in line:
            line, comment = line[:line.find("#")], line[line.find("#") + 1:].strip()
        if "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail[tail.find("-->") + 3:]
            else:
                line, in_comment = head, True
        if line.strip():
            out.append((n, line.rstrip(), comment))
    return out


def _phrase(text: str) -> str:
    return text.strip().strip("+").strip()


def parse_actor_text(text: str, where: str = "<actors>") -> list[RawActor]:
    """Parse an actor dictionary; bad date lines are skipped, never fatal."""
    entries: list[RawActor] = []
    cur: RawActor | None = None
    for n, line, comment in _clean_lines(text):
        stripped = line.strip()
        brackets = _BRACKET.findall(stripped)
        phrase = _phrase(_BRACKET.sub(" ", stripped))
        if stripped.startswith("["):
            if cur is None:
                raise ConfigError(f"{where}:{n}: code line before any actor phrase")
        elif stripped.startswith("+"):
            if cur is None:
                raise ConfigError(f"{where}:{n}: synonym line before any actor phrase")
            if phrase:
                cur.phrases.append(phrase)
        else:
            cur = RawActor([phrase] if phrase else [], line=n, comment=comment)
            entries.append(cur)
        for inner in brackets:
            cr = parse_code(inner)
            if cr is not None and cur is not None:
                cur.codes.append(cr)
    return [e for e in entries if e.phrases]


def _plural(word: str) -> str:
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def parse_agent_text(text: str, where: str = "<agents>") -> list[tuple[str, str]]:
    """Parse an agent dictionary into (phrase, code) pairs, plurals expanded.

    ``code`` keeps PETRARCH's tilde: ``~GOV`` is appended after the actor code,
    ``NGO~`` is put before it.
    """
    subs: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for n, line, _comment in _clean_lines(text):
        if "!" in line and "=" in line and "[" not in line:
            m = re.match(r"\s*!(\w+)!\s*=\s*(.*)", line)
            if not m:
                raise ConfigError(f"{where}:{n}: bad substitution set {line.strip()!r}")
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        if "[" not in line:
            continue  # PETRARCH skips agents without a code, so do we
        head, _, rest = line.partition("[")
        code = rest.partition("]")[0].replace(" ", "").upper()
        if "~" not in code:
            continue
        head = head.strip()
        plural: str | None = None
        if "{" in head:
            plural = head[head.find("{") + 1:head.find("}")].strip()
            head = head[:head.find("{")].strip()
        forms: list[str] = []
        marker = re.search(r"!(\w+)!", head)
        if marker:
            if marker.group(1) not in subs:
                continue  # undefined marker: PETRARCH skips the line
            forms = [head.replace(marker.group(0), s) for s in subs[marker.group(1)]]
        else:
            forms = [head]
            if plural is None:
                forms.append(_plural(head))
            elif plural:
                forms.append(plural)
        out.extend((f, code) for f in forms if f)
    return out
