"""Words for events: actor names, verb phrases per CAMEO code, and dates as a reader says them.

Everything the report writes about an event comes from here, so the same event
reads the same in the summary, the timeline, the chain and the map.  The verb
phrases, role names and country names are data (``data/report/phrases.json``),
validated when loaded: a table that lacks a root, misuses a placeholder or
uses a verb that changes with number (is/was/has) is a ``ConfigError`` naming
the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from .._resources import cameo_table, read_json, read_text
from ..errors import ConfigError
from ..model import Actor, Event, Location

_FILE = "data/report/phrases.json"
_FORMS = ("t", "n", "m", "noun")
_NUMBER_VERBS = re.compile(r"\b(is|was|has|does|are|were|have|it|its)\b")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_ROLE_FIELDS = {"country", "country_poss", "demonym", "name"}


@dataclass(frozen=True)
class Phrase:
    """How one CAMEO code is said."""

    code: str  # the table entry used (may be the parent of the event's code)
    with_target: str  # contains {target}
    no_target: str | None
    mutual: str | None
    noun: str | None


@dataclass(frozen=True)
class Phrasebook:
    codes: dict[str, Phrase]
    plain_roles: dict[str, str]
    named_roles: dict[str, str]
    summary_roles: frozenset[str]
    country_names: dict[str, str]  # ISO3 -> running-text name
    demonyms: dict[str, str]  # ISO3 -> adjective
    role_labels: dict[str, str]  # role code -> codebook label

    def phrase(self, code: str) -> Phrase:
        """The phrase of ``code``, else of its parent code, else of its root's x0 code."""
        for key in (code, code[:3], code[:2] + "0"):
            if key in self.codes:
                return self.codes[key]
        raise ConfigError(f"{_FILE} has no phrase for CAMEO code {code!r} nor its root "
                          f"{code[:2]!r}; add a '{code[:2]}0' entry")


def _check_template(text: Any, where: str, allowed: set[str], required: set[str] = frozenset()
                    ) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"{_FILE}: {where} must be a non-empty string")
    used = _PLACEHOLDER.findall(text)
    bad = [u for u in used if u not in allowed]
    if bad or text.count("{") != len(used) or text.count("}") != len(used):
        raise ConfigError(f"{_FILE}: {where} uses {{{bad[0] if bad else '?'}}}; only "
                          f"{', '.join('{' + a + '}' for a in sorted(allowed)) or 'no placeholder'}"
                          " may appear")
    for r in required:
        if used.count(r) != 1:
            raise ConfigError(f"{_FILE}: {where} must contain {{{r}}} exactly once")
    return text


def parse_phrasebook(data: Any) -> Phrasebook:
    """Validate the phrase table (the parsed JSON of ``phrases.json``)."""
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict):
        raise ConfigError(f"{_FILE} must be an object with a 'codes' object")
    known = cameo_table()
    codes: dict[str, Phrase] = {}
    for code, entry in data["codes"].items():
        where = f"codes[{code!r}]"
        if code not in known:
            raise ConfigError(f"{_FILE}: {where} is not a CAMEO code of data/cameo/eventcodes.csv")
        if not isinstance(entry, dict) or "t" not in entry:
            raise ConfigError(f"{_FILE}: {where} needs at least a 't' phrase (with {{target}})")
        extra = sorted(set(entry) - set(_FORMS))
        if extra:
            raise ConfigError(f"{_FILE}: {where} has unknown key {extra[0]!r}; keys are "
                              f"{', '.join(_FORMS)}")
        forms = {}
        for form in _FORMS:
            if form not in entry:
                continue
            text = _check_template(entry[form], f"{where}.{form}",
                                   {"target"} if form == "t" else set(),
                                   {"target"} if form == "t" else set())
            m = _NUMBER_VERBS.search(text)
            if m:
                raise ConfigError(f"{_FILE}: {where}.{form} uses {m.group(0)!r}, which changes "
                                  "with number; write a phrase that fits one actor and several")
            forms[form] = text
        codes[code] = Phrase(code, forms["t"], forms.get("n"), forms.get("m"), forms.get("noun"))
    missing = [f"{r:02d}0" for r in range(1, 21) if f"{r:02d}0" not in codes]
    if missing:
        raise ConfigError(f"{_FILE}: every CAMEO root needs its 'x0' phrase; missing "
                          f"{', '.join(missing)}")
    roles = data.get("roles") or {}
    plain = roles.get("plain") or {}
    named = roles.get("named") or {}
    for kind, table in (("plain", plain), ("named", named)):
        if not isinstance(table, dict):
            raise ConfigError(f"{_FILE}: roles.{kind} must be an object")
        for role, text in table.items():
            _check_template(text, f"roles.{kind}[{role!r}]", _ROLE_FIELDS)
    for role, text in named.items():
        if "{name}" not in text:
            raise ConfigError(f"{_FILE}: roles.named[{role!r}] must use {{name}}")
    summary_roles = (data.get("summary_roles") or {}).get("roles") or []
    countries = {k: v for k, v in (data.get("countries") or {}).items() if k != "about"}
    return Phrasebook(codes, {k: v for k, v in plain.items()},
                      {k: v for k, v in named.items()}, frozenset(summary_roles),
                      _country_names(countries), _demonyms(), _role_labels())


def _codes_tsv() -> list[list[str]]:
    return [line.split("\t") for line in read_text("actors", "codes.tsv").splitlines()
            if line.strip() and not line.startswith("#")]


def _country_names(overrides: dict[str, str]) -> dict[str, str]:
    names = {parts[1]: parts[2] for parts in _codes_tsv()
             if len(parts) >= 3 and parts[0] == "country"}
    names.update(overrides)
    return names


def _role_labels() -> dict[str, str]:
    return {parts[1]: parts[2] for parts in _codes_tsv()
            if len(parts) >= 3 and parts[0] == "role" and not parts[2].startswith("(")}


def _demonyms() -> dict[str, str]:
    """ISO3 -> the first adjective listed for it in the gazetteer's demonym table."""
    out: dict[str, str] = {}
    for line in read_text("gazetteer", "curated", "demonyms.tsv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("demonym\t"):
            continue
        word, _, iso3 = line.partition("\t")
        out.setdefault(iso3.strip(), word.strip())
    return out


@lru_cache(maxsize=1)
def phrasebook() -> Phrasebook:
    """The shipped phrase table, validated (cached)."""
    return parse_phrasebook(read_json("report", "phrases.json"))


# -- actors -------------------------------------------------------------

_JOINERS = {"al", "el", "ul", "of", "the", "and", "e", "de", "bin", "ibn", "for", "i"}
_PRONOUNS = {"it", "he", "she", "they", "we", "its", "them", "this", "that", "who"}
#: a group name ending in one of these words takes "the": the Balochistan Liberation Army
_INSTITUTION = {"army", "front", "movement", "party", "guards", "guard", "brigade", "brigades",
                "organisation", "organization", "council", "forces", "force", "corps", "league",
                "committee", "ministry", "office", "state", "emirate", "group", "battalion",
                "battalions", "militia", "alliance", "coalition", "union", "government",
                "command", "service", "services", "navy", "police"}


def _proper(name: str) -> bool:
    """Words that look like a proper name: Jaish al-Adl, Balochistan Liberation Army."""
    words = re.findall(r"[^\s]+", name)
    if not words or not words[0][:1].isupper():
        return False
    for w in words:
        core = w.strip("'\"(),.")
        if not core:
            continue
        if core[:1].isupper() or core[:1].isdigit() or core.lower() in _JOINERS:
            continue
        if re.match(r"^[a-z]{1,3}-[A-Z]", core):  # al-Adl, e-Mohammed
            continue
        return False
    return True


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


class Namer:
    """Names actors in running text from their country, role and the words of the text."""

    def __init__(self, book: Phrasebook | None = None) -> None:
        self.book = book or phrasebook()

    def country(self, iso3: str | None) -> str:
        if not iso3:
            return "an unidentified party"
        return self.book.country_names.get(iso3, iso3)

    def _fields(self, actor: Actor) -> dict[str, str]:
        country = self.country(actor.country)
        bare = country[4:] if country.startswith("the ") else country
        return {"country": country, "country_poss": possessive(country),
                "demonym": self.book.demonyms.get(actor.country or "", f"{bare}-based"),
                "name": ""}

    def _own_name(self, actor: Actor, fields: dict[str, str]) -> str | None:
        """The text's name for the actor, without a leading country word; None if generic."""
        name = (actor.name or "").strip()
        if not name or name.lower() in _PRONOUNS or name.upper() in (actor.code, actor.country):
            return None
        for prefix in (fields["country_poss"], fields["demonym"], fields["country"]):
            for p in (prefix, prefix[4:] if prefix.startswith("the ") else prefix):
                if p and name.lower().startswith(p.lower() + " "):
                    name = name[len(p) + 1:].strip()
        lowered = name.lower()
        if lowered in {fields["country"].lower(), fields["demonym"].lower()}:
            return None
        return name if _proper(name) else None

    def name(self, actor: Actor | None, summary: bool = False) -> str:
        """``Iran``, ``Iran's military``, ``Jaish al-Adl``, ``Pakistani civilians``."""
        if actor is None:
            return "an unnamed target"
        role = actor.role or ""
        if actor.country is None or actor.country in ("IGO", "NGO", "IMG", "MNC", "INT", "NGM"):
            own = (actor.name or "").strip()
            if own and _proper(own):
                return own
            if actor.country in self.book.country_names:
                return self.book.country_names[actor.country]
            label = self.book.role_labels.get(role)
            return f"unidentified {label.lower()}" if label else "an unidentified party"
        fields = self._fields(actor)
        if summary and (not role or role in self.book.summary_roles):
            return fields["country"]
        if role in self.book.named_roles:
            own = self._own_name(actor, fields)
            if own:
                template = self.book.named_roles[role]
                if template.startswith("{name}") and own.split()[-1].lower() in _INSTITUTION:
                    own = "the " + own
                return template.format(**{**fields, "name": own})
        template = self.book.plain_roles.get(role)
        return template.format(**fields) if template else fields["country"]


# -- places and dates ------------------------------------------------------

def place(location: Location | None, namer: Namer, skip_country: str | None = None) -> str:
    """``in Panjgur, Pakistan``; ``in Balochistan, Pakistan``; ``in Pakistan``; "" when
    unknown or when it only repeats ``skip_country`` (the target's country)."""
    if location is None:
        return ""
    country = namer.country(location.country) if location.country else ""
    if location.feature == "country" or location.name == country:
        if not country or location.country == skip_country:
            return ""
        return f"in {country}"
    return f"in {location.name}, {country}" if country else f"in {location.name}"


def day_month(d: date, year: bool = False) -> str:
    return f"{d.day} {d:%B}" + (f" {d.year}" if year else "")


def date_phrase(d: date | None, precision: str, end: date | None, year: bool = False) -> str:
    """How the report says when an event happened: ``on 16 January``, ``around 17
    January``, ``between 15 and 30 January``, ``in January``; for an event the text does
    not date, ``at a date the text does not give (reported on 18 January)``."""
    if d is None:
        return "at an unknown date"
    if precision == "day":
        return f"on {day_month(d, year)}"
    if precision == "article":
        return f"at a date the text does not give (reported on {day_month(d, year)})"
    if precision == "year":
        return f"in {d.year}"
    if precision == "month":
        return f"in {d:%B}" + (f" {d.year}" if year else "")
    if precision == "week":
        return f"in the week of {day_month(d, year)}"
    if end is None or end == d:
        return f"around {day_month(d, year)}"
    if (end - d).days <= 2:
        return f"around {day_month(d, year)}–{day_month(end, year)}" if d.month != end.month \
            else f"around {d.day}–{day_month(end, year)}"
    if d.year == end.year and d.month == end.month:
        return f"between {d.day} and {day_month(end, year)}"
    return f"between {day_month(d, year and d.year != end.year)} and {day_month(end, year)}"


_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def days(n: int) -> str:
    """``one day``, ``two days``, ``12 days``."""
    word = _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)
    return f"{word} day{'s' if n != 1 else ''}"


def short_date(d: date | None, precision: str, end: date | None, year: bool = False) -> str:
    """The timeline's date column: ``16 Jan``, ``~17 Jan``, ``15–30 Jan``, ``Jan``,
    ``(18 Jan: article)``."""
    if d is None:
        return "undated"
    fmt = "%d %b %Y" if year else "%d %b"
    s = d.strftime(fmt).lstrip("0")
    if precision == "day":
        return s
    if precision == "article":
        return f"{s}*"
    if precision == "month":
        return d.strftime("%b %Y" if year else "%b")
    if precision == "year":
        return str(d.year)
    if end is None or end == d:
        return f"~{s}"
    return f"{s} – {end.strftime(fmt).lstrip('0')}"


# -- clauses ---------------------------------------------------------------

def verb_phrase(event: Event, namer: Namer, summary: bool = False) -> str:
    """``launched air or missile strikes on Jaish al-Adl in Panjgur, Pakistan``."""
    ph = namer.book.phrase(event.cameo)
    if event.target is None:
        vp = ph.no_target or ph.with_target.format(target="an unnamed target")
    else:
        vp = ph.with_target.format(target=namer.name(event.target, summary=summary))
    where = place(event.location, namer,
                  skip_country=event.target.country if event.target else None)
    return f"{vp} {where}".strip()


def noun(event: Event, namer: Namer) -> str:
    ph = namer.book.phrase(event.cameo)
    return ph.noun or cameo_table().get(event.cameo, cameo_table()[event.root + "0"]).label.lower()


def event_sentence(event: Event, namer: Namer, year: bool = False, summary: bool = False) -> str:
    """One plain sentence for one event: ``On 16 January Iran's military launched air or
    missile strikes on Jaish al-Adl in Panjgur, Pakistan.``"""
    when = date_phrase(event.date, event.date_precision, event.date_end, year)
    who = namer.name(event.source, summary=summary)
    vp = verb_phrase(event, namer, summary=summary)
    if event.date_precision == "article":
        return capitalize(f"{who} {vp}, {when}.")
    return capitalize(f"{when} {who} {vp}.")


def act(event: Event, namer: Namer, summary: bool = False) -> str:
    """The event without its date: ``Iran's Revolutionary Guards launched air or missile
    strikes on Jaish al-Adl in Panjgur, Pakistan``."""
    return capitalize(f"{namer.name(event.source, summary=summary)} "
                      f"{verb_phrase(event, namer, summary=summary)}")


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
