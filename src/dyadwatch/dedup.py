"""Document duplicates: exact (``Document.content_hash``) and near (reposts, syndicated copies).

``NearDuplicateIndex`` keeps MinHash signatures of word shingles in an LSH
index.  Signatures are plain ``list[int]`` so a store can persist them and
rebuild the index later with ``add``::

    index = NearDuplicateIndex(threshold=0.8)
    sig = index.signature(doc)
    earlier = index.find(sig)        # doc_id of an earlier near-duplicate, or None
    if earlier is None:
        index.add(doc.doc_id, sig)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from .model import Document

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: MinHash permutation scheme; stored signatures are only comparable within one scheme
_SCHEME = "affine32"


def shingles(text: str, size: int = 2) -> set[str]:
    """Case-folded word ``size``-grams of ``text`` (the whole token list if shorter)."""
    toks = [t.casefold() for t in _TOKEN.findall(text)]
    if not toks:
        return set()
    if len(toks) < size:
        return {" ".join(toks)}
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}


class NearDuplicateIndex:
    """MinHash-LSH index of document bodies.

    ``threshold`` is the estimated Jaccard similarity of word shingles from which
    two bodies count as near-duplicates (default 0.8).  Word 2-shingles (default) keep a
    copy-edited repost above the threshold more often than 3-shingles did on a dev set
    (see ``docs/eval/ingest.md``).  ``num_perm``, ``shingle``
    and ``seed`` must stay the same between the run that computed stored signatures
    and the index they are added to.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 2,
                 seed: int = 1) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {num_perm}")
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._order: dict[str, int] = {}
        self._sigs: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._order

    def signature(self, doc: Document | str) -> list[int]:
        """MinHash signature (``num_perm`` ints) of a document body or a text."""
        from datasketch import MinHash

        text = doc if isinstance(doc, str) else doc.body
        m = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=_SCHEME)
        keys = [sh.encode("utf-8") for sh in sorted(shingles(text, self.shingle))]
        if keys:  # one vectorised update: the same values as one update per shingle
            m.update_batch(keys)
        return [int(v) for v in m.hashvalues]

    def _minhash(self, signature: list[int]):  # type: ignore[no-untyped-def]
        import numpy as np
        from datasketch import MinHash

        if len(signature) != self.num_perm:
            raise ConfigError(f"signature has {len(signature)} values, the index expects "
                              f"{self.num_perm} (num_perm)")
        return MinHash(num_perm=self.num_perm, seed=self.seed,
                       hashvalues=np.array(signature, dtype=np.uint64), scheme=_SCHEME)

    def add(self, doc_id: str, signature: list[int]) -> None:
        """Add a document's signature (re-adding the same id is a no-op)."""
        if doc_id in self._order:
            return
        self._lsh.insert(doc_id, self._minhash(signature))
        self._order[doc_id] = len(self._order)
        self._sigs[doc_id] = list(signature)

    def stored(self, doc_id: str) -> list[int] | None:
        """The signature added for ``doc_id``, if any."""
        return self._sigs.get(doc_id)

    @staticmethod
    def similarity(a: list[int], b: list[int]) -> float:
        """Estimated Jaccard similarity of two signatures."""
        if not a or len(a) != len(b):
            return 0.0
        return sum(1 for x, y in zip(a, b) if x == y) / len(a)

    def find(self, signature: list[int]) -> str | None:
        """``doc_id`` of the earliest added document whose estimated similarity reaches the
        threshold, or ``None``."""
        cands = self._lsh.query(self._minhash(signature))
        hits = [c for c in cands if self.similarity(signature, self._sigs[c]) >= self.threshold]
        return min(hits, key=self._order.__getitem__) if hits else None


class Deduplicator:
    """Exact + near duplicate check over a stream of documents (in-memory helper).

    ``check(doc)`` returns ``("exact" | "near", earlier_doc_id)`` or ``None`` and
    remembers the document when it is new.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 2) -> None:
        self.index = NearDuplicateIndex(threshold, num_perm, shingle)
        self._hashes: dict[str, str] = {}

    def check(self, doc: Document) -> tuple[str, str] | None:
        if doc.content_hash in self._hashes:
            return "exact", self._hashes[doc.content_hash]
        sig = self.index.signature(doc)
        earlier = self.index.find(sig)
        if earlier is not None:
            return "near", earlier
        self._hashes[doc.content_hash] = doc.doc_id
        self.index.add(doc.doc_id, sig)
        return None
