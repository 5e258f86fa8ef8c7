"""Build small WARC files for the ingest tests (and the committed mixed fixture)."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title: str, paragraphs: list[str], published: str | None = None) -> bytes:
    """A minimal article page; ``published`` goes into an article:published_time meta tag."""
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}"
            f"</title>{meta}</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World"
            f"</a></nav><article><h1>{title}</h1>{body}</article><footer>Contact us | Privacy"
            f"</footer></body></html>").encode("utf-8")


def build_warc(path: Path, records: list[tuple[str, str, bytes, str]], gz: bool = True,
               warc_date: str = "2024-03-02T08:00:00Z") -> list[int]:
    """Write ``records`` = [(url, content_type, payload, status)] as response records,
    each preceded by a request record.  Returns the byte offset of each response."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets = []
    for url, ctype, payload, status in records:
        req_http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")],
                                    is_http_request=True)
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0,
                                        http_headers=req_http,
                                        warc_headers_dict={"WARC-Date": warc_date})
        writer.write_record(req)
        offsets.append(buf.tell())
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                        length=len(payload), http_headers=http,
                                        warc_headers_dict={"WARC-Date": warc_date})
        writer.write_record(rec)
    path.write_bytes(buf.getvalue())
    return offsets
