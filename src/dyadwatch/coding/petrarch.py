"""PETRARCH verb dictionaries, read as written.

``verb_dictionary(path)`` turns a PETRARCH / TABARI verb dictionary (the
``--- VERB [code] ---`` blocks, verb lines, ``- PRE * POST [code]`` pattern lines
and ``&SYNSET`` blocks) into a dyadwatch pattern file (a dict in the JSON format
``patterns.py`` documents).  Nothing is dropped or simplified: each pattern line
keeps its words, order, slots and synsets as a ``phrase`` (matched by
``phrase.py``), paired codes ``[032:033]`` keep their second code as
``reverse_code``, codes that are not CAMEO (PETRARCH's validation dictionary
still carries WEIS-era codes such as 903) are declared in the file's ``codes``
table, and ``[---]`` becomes a null pattern.

``PatternSet.load_file`` calls this for a ``.txt`` file, so ``dyadwatch run
--patterns my.verbs.txt`` codes with a user's own PETRARCH dictionary.  Patterns
get priority 1 (they take precedence over the shipped ones).

(The shipped widening table ``data/patterns/petrarch_verbs.json`` is built
differently, by ``tools/convert_petrarch_verbs.py``: there the Phoenix patterns only
add to our own verbs.)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from .codebook import all_codes
from .lexicon import lexicon

_BLOCK = re.compile(r"^---\s*([A-Z0-9_\-]+)\s*\[([^\]]*)\]\s*---")
_VERB = re.compile(r"^([A-Z][A-Z\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")


def license_notice(lines: list[str]) -> str:
    """The MIT notice in a PETRARCH dictionary's ``#`` header, as one line ("" if none)."""
    header = [l[1:].strip() for l in lines[:80] if l.startswith("#")]
    start = next((i for i, h in enumerate(header) if h.startswith("The MIT License")), 0)
    end = next((i for i, h in enumerate(header) if "DEALINGS IN THE SOFTWARE" in h), start)
    return " ".join(h for h in header[start:end + 1] if h)


def _raw_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` blocks with their ``+member`` phrases kept verbatim (upper case)."""
    out: dict[str, list[str]] = {}
    name = None
    for line in lines:
        line = line.split("#")[0].strip()
        if line.startswith("&"):
            name = line[1:].split()[0].rstrip("_").upper()
            out[name] = []
        elif line.startswith("+") and name is not None:
            member = line[1:].strip()
            if member:
                out[name].append(member)
        elif not line:
            name = None
    return {k: v for k, v in out.items() if v}


_CODE = re.compile(r"^\s*(---|[0-9]{2}[0-9A-Za-z]{0,3})\s*(?::\s*(---|[0-9]{2}[0-9A-Za-z]{0,3}))?\s*$")


def phrase_target_preps() -> list[str]:
    """PETRARCH takes the first actor of the verb phrase as the target, whatever
    preposition introduces it ("left *for* Minas Tirith"); "by" stays the passive agent
    (``phrase_target_preps`` in the coder's word lists)."""
    return sorted(lexicon().phrase_target_preps)


def verb_dictionary(src: str | Path, priority: int = 1, prefix: str = "petr") -> dict:
    """Faithful conversion: every verb and ``- PRE * POST [code]`` line of ``src``
    becomes a pattern whose ``phrase`` keeps PETRARCH's word order, slots and synsets
    (matched by ``dyadwatch.coding.phrase``); paired codes ``[a:b]`` keep ``b`` as
    ``reverse_code``; codes outside CAMEO are declared in the file's ``codes`` table;
    a ``[---]`` block or line becomes a null pattern.  For a dictionary that should
    *replace* dyadwatch's own verbs (``priority`` 1), such as the PETRARCH validation
    suite's ``PETR.Validate.verbs.txt``."""
    valid = set(all_codes())
    src = Path(src)
    try:
        lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read PETRARCH verb dictionary {src}: {exc}") from exc
    license_text = license_notice(lines)
    synsets = _raw_synsets(lines)
    custom: dict[str, dict] = {}
    patterns: list[dict] = []
    ids: set[str] = set()

    def parse_code(raw: str) -> tuple[str, str | None] | None:
        m = _CODE.match(raw)
        if not m:
            return None
        code, rev = m.group(1), m.group(2)
        for c in (code, rev):
            if c and c != "---" and c not in valid:
                custom[c] = {"label": f"{src.name} code {c} (not a CAMEO code)",
                             "quad_class": None, "goldstein": None}
        return code, (rev if rev and rev != "---" else None)

    def add(entry: dict) -> None:
        pid, k = entry["id"], 2
        while entry["id"] in ids:
            entry["id"], k = f"{pid}.{k}", k + 1
        ids.add(entry["id"])
        patterns.append(entry)

    block: tuple[str, str | None] | None = None
    verbs: list[str] = []
    skipped: list[str] = []

    def skip(n: int, why: str) -> None:
        skipped.append(f"{src.name}:{n}: {why}")

    for n, line in enumerate(lines, 1):
        line = line.rstrip()
        m = _BLOCK.match(line)
        if m:
            block = parse_code(m.group(2))
            if block is None:
                skip(n, f"block code [{m.group(2)}] is not an event code; its verbs are skipped")
            verbs = []
            continue
        if not line or line.startswith(("#", "&", "+", "<")):
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\[([^\]]*)\]", line)
            if not pm:
                skip(n, "pattern line without a [code]")
                continue
            if pm.group(1).count("*") != 1:
                skip(n, "pattern needs exactly one '*' (the verb)")
                continue
            if not verbs:
                skip(n, "pattern line outside a verb block")
                continue
            parsed = parse_code(pm.group(2))
            phrase = pm.group(1).strip()
            if parsed is None:
                skip(n, f"code [{pm.group(2)}] is not an event code")
                continue
            unknown = [t for t in re.split(r"[\s_]+", phrase)
                       if t.startswith("&") and t.strip("&_").upper() not in synsets]
            if unknown:
                skip(n, f"unknown synset {unknown[0]}")
                continue
            code, rev = parsed
            entry = {"id": f"{prefix}.{verbs[0]}.l{n}", "pos": "verb", "lemmas": sorted(set(verbs)),
                     "code": code, "phrase": phrase, "priority": priority, "converted": True,
                     "target_preps": phrase_target_preps(), "linear_target": True}
            if rev:
                entry["reverse_code"] = rev
            add(entry)
            continue
        vm = _VERB.match(line)
        if vm and "_" in vm.group(1):
            skip(n, f"multi-word verb {vm.group(1)} (only single-word verbs are read)")
        elif vm and block is not None:
            lemma = vm.group(1).lower()
            verbs.append(lemma)
            own = parse_code(vm.group(2)) if vm.group(2) else None
            code, rev = own or block
            entry = {"id": f"{prefix}.{lemma}.l{n}", "pos": "verb", "lemmas": [lemma],
                     "code": code, "priority": priority, "converted": True,
                     "target_preps": phrase_target_preps(), "linear_target": True}
            if rev:
                entry["reverse_code"] = rev
            add(entry)
        elif not vm:
            skip(n, "unrecognised line")
    return {"version": 1,
            "about": f"Converted from PETRARCH {src.name} by tools/convert_petrarch_verbs.py "
                     "(phrase mode)",
            "license": license_text, "synsets": synsets,
            "codes": dict(sorted(custom.items())), "patterns": patterns,
            "skipped": skipped}
