"""Settings of the ingest stage (``IngestOptions``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IngestOptions:
    """How files are read.  The defaults are the documented behaviour.

    ``max_bytes`` caps a single file (HTML, text, feed) and, for streamed formats
    (WARC, JSONL), a single record or line; a bigger input becomes a
    ``Rejection`` without being read into memory.
    """

    max_bytes: int = 50 * 1024 * 1024
    #: JSONL field names (one article per line)
    id_field: str = "id"
    text_field: str = "text"
    html_field: str = "html"
    published_field: str = "published"
    title_field: str = "title"
    url_field: str = "url"
    outlet_field: str = "outlet"
    #: apply the text-dump cleaning rules to JSONL ``text`` fields as well
    clean_jsonl_text: bool = True
    #: near-duplicate detection (``dyadwatch.dedup.NearDuplicateIndex``)
    near_dup_threshold: float = 0.8
    near_dup_num_perm: int = 128
    near_dup_shingle: int = 2
    #: refuse inputs that are not valid UTF-8 and declare no charset (``EncodingError``,
    #: a rejection) instead of decoding them with a guessed one and a warning
    strict_encoding: bool = False
    #: follow symbolic links to folders when walking (links to files are always read)
    follow_symlinks: bool = False
