"""The coder's word lists: ``data/coding/lexicon.json``, validated on load.

Each list has a name, an ``about`` saying what it is for, a ``kind`` and its members;
``"@name"`` inside a list includes another list (so a family of lists -- the verbs of
physical harm and the lists built on them -- is written once).  Kinds:

``words``   lower-case words or lemmas
``labels``  spaCy entity labels (upper case)
``roots``   two-digit CAMEO roots
``codes``   CAMEO codes (checked against the codebook)
``roles``   three-letter actor roles (upper case)

``maps`` holds small tables; ``implied_roles`` maps CAMEO codes to the role of the
authority that does a coercive act no agent is named for; ``verb_lemma_fixes`` (optional)
maps a verb lemma the spaCy model gets wrong to the right one ("staged" -> "stag" ->
"stage"), so the verb reaches its patterns.

``lexicon()`` loads the shipped file once; ``Lexicon.from_file`` reads another one
(a user's), raising ``ConfigError`` naming the file and the list for any bad entry.
Every list the coder uses must be present.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .._resources import read_text
from ..errors import ConfigError
from .codebook import lookup

#: the lists the coder reads (a file missing one is refused)
REQUIRED = (
    "relative_pronouns", "descend_preps", "site_nouns", "site_preps", "place_preps",
    "list_glue_words", "not_done_aux", "negations", "quantifiers", "harm_verbs",
    "effect_verbs", "blast_harm_verbs", "blast_predicates", "blast_nouns", "bomb_lemmas",
    "not_yet", "near_preps", "site_hit_preps", "place_entities", "compass_words",
    "settlement_nouns", "source_preps", "reporting_verbs", "event_nouns",
    "definite_determiners", "verb_target_preps", "noun_target_preps",
    "petrarch_target_preps", "phrase_target_preps", "reaction_roots", "judicial_codes",
    "group_roles", "targetless_codes", "protester_roles", "security_roles",
    "property_nouns", "obligation_modals", "vehicle_nouns",
    "patient_of_codes", "measure_codes", "state_roles", "text_nouns", "conveyance_nouns",
    "carrying_verbs", "mutual_codes", "stranded_agent_roots",
    "stative_participles", "facility_nouns", "holding_verbs",
    "addressee_pronouns", "purpose_target_roots", "wielding_verbs",
    "about_an_act_roots", "about_preps")

_KIND_CHECKS = {
    "words": (re.compile(r"^[a-z][a-z'\-]*$|^,$|^n't$"), "a lower-case word"),
    "labels": (re.compile(r"^[A-Z_]+$"), "an upper-case entity label"),
    "roots": (re.compile(r"^\d\d$"), "a two-digit CAMEO root"),
    "codes": (re.compile(r"^\d{2,4}$"), "a CAMEO code"),
    "roles": (re.compile(r"^[A-Z]{3}$"), "a three-letter role"),
}


@dataclass(frozen=True)
class Lexicon:
    """Named word lists (frozensets) and tables."""

    lists: dict[str, frozenset[str]]
    implied_roles: dict[str, str]
    where: str = ""
    #: spaCy lemmas of verbs it gets wrong -> the right lemma ("staged" -> "stag")
    verb_lemma_fixes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # each word list also as a plain attribute, so that ``lexicon().quantifiers`` is
        # found at once instead of through ``__getattr__`` (a failed lookup first: slow,
        # and the lists are read for nearly every token); a name the class already has
        # (a field, a method) is left to it, as before
        for name, words in self.lists.items():
            if not hasattr(type(self), name) and name not in self.__dataclass_fields__:
                object.__setattr__(self, name, words)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.__dict__["lists"][name]
        except KeyError:
            raise AttributeError(f"no word list {name!r} in {self.__dict__.get('where')}") from None

    def targetless(self, code: str) -> bool:
        """May an event of ``code`` stand without a target (``targetless_codes``)?"""
        codes = self.lists["targetless_codes"]
        return any(code[:n] in codes for n in range(2, len(code) + 1))

    def patient_of(self, code: str) -> bool:
        """Is ``code`` an act done to someone, whose noun's "of" object is the target?"""
        codes = self.lists["patient_of_codes"]
        return any(code[:n] in codes for n in range(2, len(code) + 1))

    def measure(self, code: str) -> bool:
        """Is ``code`` an administrative measure or its easing (``measure_codes``)?"""
        codes = self.lists["measure_codes"]
        return any(code[:n] in codes for n in range(3, len(code) + 1))

    def mutual(self, code: str) -> bool:
        """Is ``code`` an act two sides do together (``mutual_codes``): co-subjects who
        "reached a consensus" or "upgraded their ties" act towards each other?"""
        codes = self.lists["mutual_codes"]
        return any(code[:n] in codes for n in range(3, len(code) + 1))

    def implied_role(self, code: str) -> str:
        """The role of the authority behind coercive ``code`` (longest prefix; GOV)."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.implied_roles:
                return self.implied_roles[code[:n]]
        return "GOV"

    @classmethod
    def from_file(cls, path: str | Path) -> Lexicon:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read word lists {p}: {exc}") from exc
        return cls.from_text(text, str(p))

    @classmethod
    def from_text(cls, text: str, where: str) -> Lexicon:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ConfigError(f"{where}: expected an object with \"version\": 1")
        unknown = set(data) - {"version", "about", "lists", "maps"}
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
        raw = data.get("lists")
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: 'lists' must be an object of named lists")
        kinds: dict[str, str] = {}
        members: dict[str, list[str]] = {}
        for name, spec in raw.items():
            w = f"{where}: list {name!r}"
            if not isinstance(spec, dict) or set(spec) - {"about", "kind", "words"}:
                raise ConfigError(f"{w}: must be an object with 'about', 'kind' and 'words'")
            if not isinstance(spec.get("about"), str) or not spec["about"].strip():
                raise ConfigError(f"{w}: says nothing about what it is for ('about')")
            kind = spec.get("kind")
            if kind not in _KIND_CHECKS:
                raise ConfigError(f"{w}: kind must be one of {sorted(_KIND_CHECKS)}, got {kind!r}")
            words = spec.get("words")
            if not isinstance(words, list) or not words or not all(isinstance(x, str)
                                                                   for x in words):
                raise ConfigError(f"{w}: 'words' must be a non-empty list of strings")
            kinds[name], members[name] = kind, words
        lists = {name: _expand(name, members, kinds, where, ()) for name in members}
        missing = [n for n in REQUIRED if n not in lists]
        if missing:
            raise ConfigError(f"{where}: missing word lists {missing}")
        for name, kind in kinds.items():
            if kind == "codes":
                for c in lists[name]:
                    try:
                        lookup(c)
                    except ConfigError:
                        raise ConfigError(f"{where}: list {name!r}: unknown CAMEO code "
                                          f"{c!r}") from None
        maps = data.get("maps", {})
        spec = maps.get("implied_roles") if isinstance(maps, dict) else None
        table = spec.get("map") if isinstance(spec, dict) else None
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: maps.implied_roles.map (CAMEO code -> role) is missing")
        roles_re = _KIND_CHECKS["roles"][0]
        for code, role in table.items():
            if not isinstance(role, str) or not roles_re.match(role):
                raise ConfigError(f"{where}: maps.implied_roles: {code!r} -> {role!r} is not a "
                                  "three-letter role")
            try:
                lookup(code)
            except ConfigError:
                raise ConfigError(f"{where}: maps.implied_roles: unknown CAMEO code "
                                  f"{code!r}") from None
        fixes = maps.get("verb_lemma_fixes", {"map": {}})
        fix_table = fixes.get("map") if isinstance(fixes, dict) else None
        words_re = _KIND_CHECKS["words"][0]
        if not isinstance(fix_table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and words_re.match(k)
                and words_re.match(v) for k, v in fix_table.items()):
            raise ConfigError(f"{where}: maps.verb_lemma_fixes.map must map lower-case "
                              "lemmas to lower-case lemmas")
        return cls(lists, dict(table), where, dict(fix_table))


def _expand(name: str, members: dict[str, list[str]], kinds: dict[str, str], where: str,
            path: tuple[str, ...]) -> frozenset[str]:
    """The members of list ``name`` with ``@other`` lists included, each checked."""
    if name in path:
        raise ConfigError(f"{where}: list {name!r} includes itself ("
                          + " -> ".join(path + (name,)) + ")")
    pattern, what = _KIND_CHECKS[kinds[name]]
    out: set[str] = set()
    for x in members[name]:
        if x.startswith("@"):
            other = x[1:]
            if other not in members:
                raise ConfigError(f"{where}: list {name!r} includes unknown list {x!r}")
            if kinds[other] != kinds[name]:
                raise ConfigError(f"{where}: list {name!r} ({kinds[name]}) includes {x!r} "
                                  f"({kinds[other]})")
            out |= _expand(other, members, kinds, where, path + (name,))
            continue
        if not pattern.match(x):
            raise ConfigError(f"{where}: list {name!r}: {x!r} is not {what}")
        if x in out:
            raise ConfigError(f"{where}: list {name!r}: {x!r} is listed twice")
        out.add(x)
    return frozenset(out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped word lists (loaded once)."""
    return Lexicon.from_text(read_text("coding", "lexicon.json"),
                             "dyadwatch/data/coding/lexicon.json")

