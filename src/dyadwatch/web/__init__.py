"""``dyadwatch serve``: the REST API (``/api/v1``) and the dashboard, from one process.

    from dyadwatch.web import create_app
    app = create_app("crisis.duckdb")            # read-only
    app = create_app("crisis.duckdb", token=t)   # POST /api/v1/extract?store=true allowed

See docs/web.md for the routes, the security model and the measured latencies.
"""

from .app import DEFAULT_MAX_BODY, WebConfig, create_app

__all__ = ["DEFAULT_MAX_BODY", "WebConfig", "create_app"]
