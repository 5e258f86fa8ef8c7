"""The crisis report of a dyad: ``build_report`` lays it out as typed data, ``render_html``
/ ``write_html`` and ``render_markdown`` write it.  ``dyad_chart`` and ``event_map`` build
the plotly figure dicts (offline) that the report and the web dashboard share.

    from dyadwatch.store import Store
    from dyadwatch.report import build_report, write_html

    with Store("crisis.duckdb", read_only=True) as store:
        report = build_report(store, "IRN-PAK", since="2024-01-01")
    write_html(report, "irn-pak.html")
"""

from .build import build_report, map_points
from .charts import CONFIG, dyad_chart
from .html import ASSETS, figures, render_html, write_html
from .maps import event_map
from .markdown import render_markdown
from .model import (ChainStep, EpisodeView, MapPoint, Quote, Report, SourceDoc,
                    SummarySentence, Tag, TimelineEntry)
from .wording import Namer, event_sentence

__all__ = ["ASSETS", "CONFIG", "ChainStep", "EpisodeView", "MapPoint", "Namer", "Quote",
           "Report", "SourceDoc", "SummarySentence", "Tag", "TimelineEntry", "build_report",
           "dyad_chart", "event_map", "event_sentence", "figures", "map_points",
           "render_html", "render_markdown", "write_html"]
