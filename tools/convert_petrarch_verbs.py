"""Convert PETRARCH's CAMEO verb-pattern dictionary into dyadwatch pattern JSON.

Usage::

    python tools/convert_petrarch_verbs.py \
        ../shared/reference/petrarch2_dictionaries/CAMEO.verbpatterns.150430.txt \
        src/dyadwatch/data/patterns/petrarch_verbs.json

    # a dictionary that should *replace* dyadwatch's verbs (priority 1), e.g. the
    # PETRARCH validation suite's own PETR.Validate.verbs.txt (used by the bench):
    python tools/convert_petrarch_verbs.py --keep-own PETR.Validate.verbs.txt out.json

What is converted (the dictionary is MIT-licensed, (c) Open Event Data Alliance;
the notice is kept in the output's ``license`` field):

* every single-word verb of a ``--- NAME [code] ---`` block becomes a lemma of a
  pattern with the block's code (or the verb's own ``[code]``);
* ``- PRE * POST [code]`` lines become patterns constraining the verb: content
  words after the verb (object head, complements) become ``cues``, a preposition
  right before the target ``+`` is kept as a cue ("TIES WITH +"), a particle right
  after the verb ("- * UP") becomes ``particle``, content words before the verb
  become ``before``, ``&SYNSET`` names expand to their members, and ``[---]``
  lines become null patterns (the verb with those words is no event).  Lines with
  more than four word constraints are dropped.

Verbs that dyadwatch's own pattern files already cover are skipped, so the
converted table only *widens* coverage; all matching is dyadwatch's own
dependency-parse logic.  Codes not in the CAMEO codebook and ``[---]`` (no event)
are dropped.  Converted patterns get ``priority: -1``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from dyadwatch.coding.petrarch import (  # noqa: E402
    _BLOCK, _VERB, _raw_synsets, license_notice, verb_dictionary)
from dyadwatch.coding.lexicon import lexicon  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "src" / "dyadwatch" / "data" / "cameo" / "eventcodes.csv"
OWN = [ROOT / "src" / "dyadwatch" / "data" / "patterns" / f
       for f in ("own_verbs.json", "own_nouns.json")]

#: verbs too ambiguous in ordinary news English to carry a code on their own
#: ("Tehran *wanted* to influence ...", "analysts *expect* ...")
EXCLUDE = frozenset("""want need see saw expect count figure total score measure influence
sum view notice scatter spread copy mimic imitate gauge estimate calculate await anticipate
push press move go come get take make let keep hold put set run turn""".split())

#: function words are no evidence for a sub-code ("- * TO [042]")
STOPWORDS = frozenset("""to in on at of for from by with into onto over under the a an and or not
no as that this it its his her their he she they we you up down out off back about after before
was were is be been being has have had will would can could may might must shall should
across through during against between among within without toward towards near since until
via per despite amid around behind beyond along upon onto than then there here what which
who whom when where while""".split())



def _codes() -> set[str]:
    with CODEBOOK.open(encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(l for l in f if not l.startswith("#"))}


def _own_lemmas() -> dict[str, tuple[set[str], set[str], set[str]]]:
    """Own verb lemmas -> (CAMEO roots they are coded with, their target prepositions,
    the roots whose bare pattern is reciprocal: "agree" -> X and Y agree with each other)."""
    out: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for p in OWN:
        for pat in json.loads(p.read_text(encoding="utf-8"))["patterns"]:
            if pat["pos"] == "verb":
                for lem in pat["lemmas"]:
                    roots, preps, recip = out.setdefault(lem, (set(), set(), set()))
                    roots.add(pat["code"][:2])
                    preps.update(pat.get("target_preps", []))
                    if pat.get("reciprocal"):
                        recip.add(pat["code"][:2])
    return out


def _code(raw: str | None, valid: set[str]) -> str | None:
    if not raw:
        return None
    c = raw.split(":")[0].strip()
    return c if c in valid else None


PARTICLES = frozenset("up down out off back away".split())
#: prepositions kept as cue words when they introduce the target, "- * TIES WITH + [...]"
#: (``petrarch_target_preps`` in the package's word lists)
TARGET_PREPS = lexicon().petrarch_target_preps
#: at most this many word constraints per converted pattern (longer ones never match a parse)
MAX_WORDS = 4


def _synsets(lines: list[str]) -> dict[str, frozenset[str]]:
    """``&NAME`` blocks: ``+WORD`` members (a multi-word member counts by its last word)."""
    out: dict[str, frozenset[str]] = {}
    for name, members in _raw_synsets(lines).items():
        words = {ws[-1] for m in members
                 if (ws := [w for w in re.split(r"[_\s]+", m.lower()) if w])}
        if words:
            out[name] = frozenset(words)
    return out


def _word_sets(tokens: list[str], synsets: dict[str, frozenset[str]]) -> list[list[str]] | None:
    """Content-word alternatives for one side of a pattern; None if untranslatable."""
    out: list[list[str]] = []
    for i, raw in enumerate(tokens):
        if raw in ("+", "$", "%", "^", "*") or raw.startswith("{"):
            continue
        if raw.startswith("&"):
            syn = synsets.get(raw[1:].rstrip("_").upper())
            if syn is None:
                return None
            if not ({"will", "would", "was", "were", "have", "has", "is"} & syn):
                # the synset name leads (it names the pattern id); members follow
                out.append(["&" + raw[1:].rstrip("_").lower()] + sorted(syn))
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        for w in re.split(r"[_\-]+", raw.lower()):
            if not w.isalpha():
                return None
            if w in TARGET_PREPS and nxt == "+":
                out.append([w])
            elif w not in STOPWORDS and len(w) > 2:
                out.append([w])
    return out


def _pattern_line(line: str, synsets: dict[str, frozenset[str]]
                  ) -> tuple[str, list[list[str]], list[list[str]], str | None, str | None] | None:
    """``- PRE * POST [code]`` -> (raw code, before-words, after-words, particle,
    the preposition introducing the target ``+`` or None)."""
    m = re.match(r"^-\s*(.*?)\[([^\]]*)\]", line)
    if not m or "*" not in m.group(1):
        return None
    pre, _, post = m.group(1).partition("*")
    pre_t, post_t = pre.split(), post.split()
    particle = None
    if post_t and post_t[0].lower() in PARTICLES:
        particle = post_t.pop(0).lower()
    before, after = _word_sets(pre_t, synsets), _word_sets(post_t, synsets)
    if before is None or after is None:
        return None
    tprep = None
    for i, w in enumerate(post_t[:-1]):
        if post_t[i + 1] == "+" and w.lower() in TARGET_PREPS:
            tprep = w.lower()
    return m.group(2), before, after, particle, tprep


def convert(src: Path, keep_own: bool = False, priority: int = -1) -> dict:
    """Pattern-file dict for ``src``; ``keep_own`` also converts verbs dyadwatch covers.

    Multi-word lines (two or more word constraints) of verbs dyadwatch covers are
    converted too, with priority 0, so they compete with the own patterns by
    specificity ("restore *diplomatic relations*" beats a bare "restore").
    """
    valid = _codes()
    own_info = {} if keep_own else _own_lemmas()
    own = set(own_info)
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    license_text = license_notice(lines)
    synsets = _synsets(lines)
    base: dict[str, set[str]] = {}
    multi: dict[tuple, set[str]] = {}
    block_code: str | None = None
    verbs: list[str] = []
    for line in lines:
        line = line.rstrip()
        m = _BLOCK.match(line)
        if m:
            block_code = _code(m.group(2), valid)
            verbs = []
            continue
        if not line or line.startswith("#") or line.startswith("&") or line.startswith("+"):
            continue
        if line.startswith("-"):
            parsed = _pattern_line(line, synsets)
            if parsed is None or not verbs:
                continue
            raw, before, after, particle, tprep = parsed
            code = "---" if raw.strip().startswith("---") else _code(raw, valid)
            n = len(before) + len(after) + bool(particle)
            if code is None or n == 0 or n > MAX_WORDS:
                continue
            for v in verbs:
                if v in own and not keep_own and (n < 2 or code == "---"
                                                   or code[:2] not in own_info[v][0]):
                    continue  # own verbs: only refinements within their own root
                if v in EXCLUDE and len(after) < 2:
                    continue
                # an own verb is refined only within the root we code it with
                # ("strike * with missiles" 195 under own 19x), never contradicted
                refine = (v in own and code != "---" and code[:2] in own_info[v][0])
                key = (code, tuple(tuple(x) for x in before), tuple(tuple(x) for x in after),
                       particle, tprep, refine)
                multi.setdefault(key, set()).add(v)
            continue
        vm = _VERB.match(line)
        if vm and "_" not in vm.group(1):
            lemma = vm.group(1).lower()
            verbs.append(lemma)
            code = _code(vm.group(2), valid) or block_code
            if code and lemma not in own and lemma not in EXCLUDE:
                base.setdefault(code, set()).add(lemma)
    patterns = []
    for code in sorted(base):
        patterns.append({"id": f"petr.{code}", "pos": "verb", "lemmas": sorted(base[code]),
                         "code": code, "priority": priority})
    ids: set[str] = set()
    for (code, before, after, particle, tprep, refine), lemmas in sorted(multi.items(), key=str):
        words = [x[0] for x in before] + ["*"] + ([particle] if particle else []) + [
            x[0] for x in after]
        pid = (f"petr.{code.replace('-', 'x')}." + "_".join(words).replace("*", "v")
               .replace("&", "syn-"))
        k, base_id = 2, pid
        while pid in ids:
            pid, k = f"{base_id}.{k}", k + 1
        ids.add(pid)
        entry: dict = {"id": pid, "pos": "verb", "lemmas": sorted(lemmas), "code": code}
        if after:
            entry["cues"] = [[w for w in x if not w.startswith("&")] for x in after]
        if before:
            entry["before"] = [[w for w in x if not w.startswith("&")] for x in before]
        if particle:
            entry["particle"] = [particle]
        if tprep:  # "- * TIES WITH + [...]": the target is the 'with' object, not the object
            entry["target_preps"] = [tprep]
            entry["object_target"] = False
        elif refine:
            preps = set().union(*(own_info[v][1] for v in lemmas))
            if preps:
                entry["target_preps"] = sorted(preps)
        if refine and all(code[:2] in own_info[v][2] for v in lemmas):
            entry["reciprocal"] = True  # refines a reciprocal own verb ("agree", "meet")
        entry["priority"] = max(priority, 0) if refine else priority
        entry["converted"] = True  # cue words near the verb; a refinement of an own verb
        # (priority 0) beats a bare own verb but loses to constrained ones
        patterns.append(entry)
    return {"version": 1,
            "about": f"Converted from PETRARCH {src.name} by tools/convert_petrarch_verbs.py",
            "license": license_text, "patterns": patterns}


def main(argv: list[str]) -> int:
    keep_own = "--keep-own" in argv
    phrases = "--phrases" in argv
    argv = [a for a in argv if a not in ("--keep-own", "--phrases")]
    if len(argv) != 3:
        print(__doc__)
        return 2
    out = (verb_dictionary(Path(argv[1])) if phrases else
           convert(Path(argv[1]), keep_own=keep_own, priority=1 if keep_own else -1))
    pats = out.pop("patterns")
    head = json.dumps(out, indent=1)[:-2]
    body = ",\n".join("  " + json.dumps(p) for p in pats)
    Path(argv[2]).write_text(head + ',\n "patterns": [\n' + body + "\n ]\n}\n", encoding="utf-8")
    print(f"wrote {len(pats)} patterns to {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
