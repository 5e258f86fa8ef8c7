"""Event patterns: data files under ``data/patterns/`` (users may add their own).

A pattern file is JSON::

    {"version": 1,
     "light_verbs": ["launch", "carry", ...],      # optional
     "patterns": [
        {"id": "fight.strike.noun", "pos": "noun", "lemmas": ["strike", "airstrike"],
         "code": "195", "notes": "..."},
        {"id": "reduce.recall.ambassador", "pos": "verb", "lemmas": ["recall"],
         "object": ["ambassador", "envoy"], "code": "161"}
     ]}

Pattern keys (all but ``id``, ``pos``, ``lemmas`` and ``code`` are optional):

``pos``            ``verb`` (the trigger is a verb) or ``noun`` (a nominal event,
                   also reached through a light verb: "launched strikes on").
``lemmas``         trigger lemmas (lower case).
``code``           CAMEO code; validated against ``data/cameo/eventcodes.csv``.  ``"---"``
                   is a *null* pattern: when it is the best match, the anchor gives no
                   event (PETRARCH's ``[---]``, "abandon a plan").
``object``         the trigger's direct object (or passive subject) must have one of
                   these lemmas ("recalled its *ambassador*").
``prep``           the trigger (or its object) must govern one of these prepositions
                   ("called *for*").
``particle``       a verb particle that must be present ("carried *out*").
``cues``           some word in the trigger's complements must have one of these lemmas
                   ("urged *restraint*").  Each cue list adds to the specificity.
``before``         words that must occur just before the trigger (PETRARCH's words left
                   of the verb, "- SAY * [010]"); a list of alternatives per word.
``reciprocal``     code both directions ("X and Y held talks", "X clashed with Y").
``no_target``      keep events without a target (protests, mobilisation).
``swap``           the grammatical subject is the *target* ("X received aid from Y").
``target_preps``   prepositions whose object is the target (defaults by ``pos``).
``priority``       ranks patterns competing for the same anchor before specificity
                   does (default 0; converted PETRARCH patterns use -1 so own
                   patterns win; a user file may use 1 to override the shipped ones).
``object_target``  false: the direct object is never the target (only ``target_preps``
                   objects are: PETRARCH's "- * TIES WITH +").
``converted``      the entry was converted from another dictionary (PETRARCH): its cue
                   words must follow the verb closely (PETRARCH's words are positional),
                   and at priority >= 0 it ranks above a hand-written pattern without
                   constraints (a bare verb) but below any constrained one.
``phrase``         word-order constraints in PETRARCH's notation, the part of a
                   dictionary line between ``-`` and ``[code]`` ("SUGGESTED_+ * DEMAND
                   &GENINT CONVENTIONS"); see ``phrase.py``.  ``+``/``$`` in it say where
                   the target/source are.  Each word adds 2 to the specificity.
``linear_target``  when the parse gives no target, take the first actor after the verb
                   within its phrase (PETRARCH's reading of a verb phrase; set by the
                   converter for dictionary patterns, off for hand-written ones).
``judged_clause``  true: the target is the subject of the clause a reporting verb reports,
                   or its possessor, and only a clause holding the cue words ("X said *Y*
                   had failed" is criticism of Y; ``statements.json``).
``reverse_code``   PETRARCH's paired codes ``[032:033]``: also code target -> source
                   with this code.
``notes``          free text.

File-level keys besides ``patterns`` and ``light_verbs``:

``synsets``        ``{"NAME": ["member phrase", "&OTHER", ...]}`` for ``&NAME`` in phrases.
``examples``       ``[{"code": ..., "text": ...}]``: sentences the file's patterns were
                   drawn from (the codebook's examples; read by tests, not by the coder).
``codes``          event codes outside CAMEO that this file's patterns use (a user's own
                   ontology, or PETRARCH's WEIS-era codes):
                   ``{"903": {"label": "...", "quad_class": null, "goldstein": null}}``.
                   The root is the code's first two characters.

A ``.txt`` file given to ``load_file`` / ``--patterns`` is read as a PETRARCH verb
dictionary (``petrarch.py``).

``PatternSet.load`` raises ``ConfigError`` naming the file and the entry for any
bad entry (unknown code, missing key, wrong type).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .._resources import data_path
from ..errors import ConfigError
from .codebook import CodeInfo, lookup
from .lexicon import lexicon
from .phrase import Phrase, compile_phrase

#: pattern files shipped with the package, in load order
DEFAULT_FILES = ("own_verbs.json", "statements.json", "source_only.json", "own_nouns.json",
                 "codebook_nouns.json", "codebook_verbs.json", "roots.json", "codebook.json",
                 "petrarch_verbs.json")

_KEYS = {"id", "pos", "lemmas", "code", "object", "prep", "particle", "cues", "reciprocal",
         "no_target", "swap", "target_preps", "priority", "notes", "source", "before",
         "converted", "object_target", "phrase", "reverse_code", "linear_target",
         "partner_reverse", "judged_clause"}
_FILE_KEYS = {"version", "about", "license", "light_verbs", "patterns", "synsets", "codes",
              "notes", "skipped", "examples"}
#: the code of a null pattern (no event)
NULL_CODE = "---"


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern."""

    id: str
    pos: str
    lemmas: tuple[str, ...]
    code: str
    object: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    cues: tuple[frozenset[str], ...] = ()
    before: tuple[frozenset[str], ...] = ()
    reciprocal: bool = False
    no_target: bool = False
    swap: bool = False
    target_preps: tuple[str, ...] = ()
    priority: int = 0
    converted: bool = False
    object_target: bool = True
    origin: str = ""
    notes: str = ""
    phrase: Phrase | None = None
    reverse_code: str | None = None
    linear_target: bool = False
    #: a reciprocal act is also coded back from a partner named as its object or with
    #: "with" ("A clashed with B"); false for acts one side makes ("A met (with) B": the
    #: news_events_gold convention codes A -> B only; co-subjects are still both ways)
    partner_reverse: bool = True
    #: the target is the subject of the reported clause holding the cues (see the keys)
    judged_clause: bool = False

    @property
    def specificity(self) -> int:
        """How many constraints beyond the lemma the pattern has (higher wins)."""
        return (2 * bool(self.object) + bool(self.prep) + bool(self.particle)
                + 2 * len(self.cues) + len(self.before)
                + (2 * self.phrase.specificity if self.phrase is not None else 0))

    @property
    def rank(self) -> int:
        """Specificity as used for ranking competing matches.  A converted refinement
        of one of our own verbs (priority 0) ranks just above the bare own verb."""
        if self.converted and self.priority == 0:
            return min(self.specificity, 1)
        return self.specificity

    @property
    def null(self) -> bool:
        """A ``[---]`` pattern: matching it means "no event"."""
        return self.code == NULL_CODE


def _cue_index(cands: list[Pattern]) -> tuple[list[int], dict[str, list[int]]]:
    """Positions of the patterns without cues, and for every word of each pattern's
    smallest cue set the positions of the patterns it may satisfy."""
    free: list[int] = []
    by_word: dict[str, list[int]] = {}
    for i, pat in enumerate(cands):
        if not pat.cues:
            free.append(i)
            continue
        for w in min(pat.cues, key=len):
            by_word.setdefault(w, []).append(i)
    return free, by_word


@dataclass
class PatternSet:
    """Patterns indexed by trigger lemma, plus the light-verb list."""

    patterns: list[Pattern] = field(default_factory=list)
    light_verbs: set[str] = field(default_factory=set)
    by_lemma: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    codes: dict[str, CodeInfo] = field(default_factory=dict)
    #: dictionary lines a PETRARCH ``.txt`` file had that could not be read ("file:line: why")
    skipped: list[str] = field(default_factory=list)
    #: (pos, lemma) -> (candidates indexed, positions without cues, cue word -> positions)
    _cue_index: dict[tuple[str, str], tuple[int, list[int], dict[str, list[int]]]] = field(
        default_factory=dict, repr=False, compare=False)

    def info(self, code: str) -> CodeInfo:
        """Codebook entry for ``code``: CAMEO, or a code a loaded file declared."""
        own = self.codes.get(code)
        return own if own is not None else lookup(code)

    def add(self, pattern: Pattern) -> None:
        self.patterns.append(pattern)
        for lem in pattern.lemmas:
            self.by_lemma.setdefault((pattern.pos, lem), []).append(pattern)

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self.by_lemma.get((pos, lemma), [])

    def candidates_with(self, pos: str, lemma: str, words: set[str]) -> list[Pattern]:
        """``candidates(pos, lemma)`` without the patterns whose cue words cannot match:
        a pattern with cues needs each cue set to meet the words around the trigger, so
        one whose rarest cue set has none of ``words`` is left out.  ``words`` must hold
        every word (form and lemma) a cue may be matched against; the order is kept.
        (A frequent verb has thousands of converted patterns, most with cues.)"""
        cands = self.by_lemma.get((pos, lemma), [])
        if len(cands) < 16:
            return cands
        index = self._cue_index.get((pos, lemma))
        if index is None or index[0] != len(cands):
            index = self._cue_index[(pos, lemma)] = (len(cands), *_cue_index(cands))
        _, free, by_word = index
        keep = set(free)
        for w in words:
            hit = by_word.get(w)
            if hit is not None:
                keep.update(hit)
        if len(keep) == len(cands):
            return cands
        return [cands[i] for i in sorted(keep)]

    def __len__(self) -> int:
        return len(self.patterns)

    # -- loading ---------------------------------------------------------
    @classmethod
    def default(cls, extra_files: Iterable[str | Path] = ()) -> PatternSet:
        """The shipped pattern files, then ``extra_files`` (user patterns)."""
        ps = cls()
        for name in DEFAULT_FILES:
            p = data_path("patterns", name)
            try:
                text = p.read_text(encoding="utf-8")
            except FileNotFoundError:
                if name == "petrarch_verbs.json":
                    continue  # optional widening table
                raise ConfigError(f"missing pattern file dyadwatch/data/patterns/{name}") from None
            ps._load_text(text, f"dyadwatch/data/patterns/{name}")
        for f in extra_files:
            ps.load_file(f)
        return ps

    @classmethod
    def from_files(cls, files: Iterable[str | Path]) -> PatternSet:
        ps = cls()
        for f in files:
            ps.load_file(f)
        return ps

    def load_file(self, path: str | Path) -> None:
        """Load a JSON pattern file, or a PETRARCH verb dictionary (``.txt``), read
        as written by ``petrarch.verb_dictionary``."""
        p = Path(path)
        if p.suffix.lower() == ".txt":
            from .petrarch import verb_dictionary

            data = verb_dictionary(p)
            if not data["patterns"]:
                raise ConfigError(f"{p}: no verb patterns found (is this a PETRARCH verb "
                                  "dictionary?)")
            self._load_text(json.dumps(data), str(p))
            return
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read pattern file {p}: {exc}") from exc
        self._load_text(text, str(p))

    def _load_text(self, text: str, where: str) -> None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"pattern file {where} is not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
            raise ConfigError(f"pattern file {where}: expected an object with a 'patterns' list")
        unknown = set(data) - _FILE_KEYS
        if unknown:
            raise ConfigError(f"pattern file {where}: unknown keys {sorted(unknown)}")
        synsets = _synsets(data.get("synsets", {}), where)
        self.codes.update(_custom_codes(data.get("codes", {}), where))
        lv = data.get("light_verbs", [])
        if not isinstance(lv, list) or not all(isinstance(x, str) for x in lv):
            raise ConfigError(f"pattern file {where}: 'light_verbs' must be a list of strings")
        self.light_verbs.update(x.lower() for x in lv)
        skipped = data.get("skipped", [])
        if not isinstance(skipped, list) or not all(isinstance(x, str) for x in skipped):
            raise ConfigError(f"pattern file {where}: 'skipped' must be a list of strings")
        self.skipped.extend(skipped)
        seen = {p.id for p in self.patterns}
        for i, entry in enumerate(data["patterns"]):
            pat = compile_entry(entry, f"{where} entry {i}", origin=where, synsets=synsets,
                                codes=self.codes)
            if pat.id in seen:
                raise ConfigError(f"pattern file {where} entry {i}: duplicate pattern id {pat.id!r}")
            seen.add(pat.id)
            self.add(pat)
        self.files.append(where)


def _strs(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    v = entry.get(key, [])
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise ConfigError(f"{where}: {key!r} must be a string or a list of non-empty strings")
    return tuple(x.strip().lower() for x in v)


def _synsets(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ConfigError(f"pattern file {where}: 'synsets' must be an object")
    out = {}
    for name, members in raw.items():
        if (not isinstance(members, list) or not members
                or not all(isinstance(m, str) and m.strip() for m in members)):
            raise ConfigError(f"pattern file {where}: synset {name!r} must be a non-empty "
                              "list of strings")
        out[str(name).strip("&_").upper()] = tuple(members)
    return out


def _custom_codes(raw: Any, where: str) -> dict[str, CodeInfo]:
    if not isinstance(raw, dict):
        raise ConfigError(f"pattern file {where}: 'codes' must be an object")
    out = {}
    for code, spec in raw.items():
        if not isinstance(spec, dict) or len(code) < 2 or not code[:2].isdigit():
            raise ConfigError(f"pattern file {where}: code {code!r} needs an object and must "
                              "start with a two-digit root")
        quad, gold = spec.get("quad_class"), spec.get("goldstein")
        if quad is not None and quad not in (1, 2, 3, 4):
            raise ConfigError(f"pattern file {where}: code {code!r}: quad_class must be 1-4 or null")
        if gold is not None and not (isinstance(gold, (int, float)) and -10 <= gold <= 10):
            raise ConfigError(f"pattern file {where}: code {code!r}: goldstein must be in "
                              "[-10, 10] or null")
        out[code] = CodeInfo(code, str(spec.get("label", f"custom code {code}")), code[:2],
                             quad, None if gold is None else float(gold),
                             spec.get("plover_type"), spec.get("plover_mode"))
    return out


def compile_entry(entry: Any, where: str, origin: str = "",
                  synsets: dict[str, tuple[str, ...]] | None = None,
                  codes: dict[str, CodeInfo] | None = None) -> Pattern:
    """Validate one pattern entry; ``where`` names the file and entry for errors."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: a pattern must be a JSON object")
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise ConfigError(f"{where}: missing pattern 'id'")
    where = f"{where} ({pid})"
    unknown = set(entry) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    pos = entry.get("pos")
    if pos not in ("verb", "noun"):
        raise ConfigError(f"{where}: 'pos' must be 'verb' or 'noun', got {pos!r}")
    lemmas = _strs(entry, "lemmas", where)
    if not lemmas:
        raise ConfigError(f"{where}: 'lemmas' is empty")
    code = entry.get("code")
    if not isinstance(code, str):
        raise ConfigError(f"{where}: 'code' must be a string such as \"195\"")
    codes = codes or {}
    rev = entry.get("reverse_code")
    if rev is not None and not isinstance(rev, str):
        raise ConfigError(f"{where}: 'reverse_code' must be a string such as \"033\"")
    for c in (code, rev):
        if c is None or c == NULL_CODE or c in codes:
            continue
        try:
            lookup(c)
        except ConfigError:
            raise ConfigError(f"{where}: unknown event code {c!r} (not in "
                              "data/cameo/eventcodes.csv nor in the file's 'codes')") from None
    phrase = None
    if entry.get("phrase") is not None:
        if not isinstance(entry["phrase"], str):
            raise ConfigError(f"{where}: 'phrase' must be a string such as \"* TIES WITH +\"")
        phrase = compile_phrase(entry["phrase"], synsets or {}, where)
    cues_raw = entry.get("cues", [])
    if cues_raw and isinstance(cues_raw[0], str):
        cues_raw = [cues_raw]
    cues = tuple(frozenset(_strs({"c": c}, "c", where)) for c in cues_raw)
    before_raw = entry.get("before", [])
    if before_raw and isinstance(before_raw[0], str):
        before_raw = [before_raw]
    before = tuple(frozenset(_strs({"c": c}, "c", where)) for c in before_raw)
    for flag in ("reciprocal", "no_target", "swap", "converted", "object_target",
                 "linear_target", "partner_reverse", "judged_clause"):
        if not isinstance(entry.get(flag, False), bool):
            raise ConfigError(f"{where}: {flag!r} must be true or false")
    prio = entry.get("priority", 0)
    if not isinstance(prio, int):
        raise ConfigError(f"{where}: 'priority' must be an integer")
    tp = _strs(entry, "target_preps", where) or (
        _default_target_preps(pos))
    converted = bool(entry.get("converted", False))
    reciprocal = bool(entry.get("reciprocal", False))
    partner_reverse = bool(entry.get("partner_reverse", True))
    if converted and not reciprocal and code != NULL_CODE and lexicon().mutual(code):
        # a dictionary's agreement, meeting or cooperation verb: co-subjects act towards
        # each other; a single subject acts towards its object only
        reciprocal, partner_reverse = True, False
    return Pattern(id=pid, pos=pos, lemmas=lemmas, code=code,
                   object=frozenset(_strs(entry, "object", where)),
                   prep=frozenset(_strs(entry, "prep", where)),
                   particle=frozenset(_strs(entry, "particle", where)),
                   cues=cues, before=before, reciprocal=reciprocal,
                   no_target=bool(entry.get("no_target", False)),
                   swap=bool(entry.get("swap", False)), target_preps=tp, priority=prio,
                   converted=converted,
                   object_target=bool(entry.get("object_target", True)),
                   origin=origin, notes=str(entry.get("notes", "")), phrase=phrase,
                   reverse_code=rev, linear_target=bool(entry.get("linear_target", False)),
                   judged_clause=bool(entry.get("judged_clause", False)),
                   partner_reverse=partner_reverse)


def _default_target_preps(pos: str) -> tuple[str, ...]:
    """Target prepositions of a pattern that names none (``verb_target_preps`` /
    ``noun_target_preps`` in the coder's word lists)."""
    lex = lexicon()
    return tuple(sorted(lex.verb_target_preps if pos == "verb" else lex.noun_target_preps))
