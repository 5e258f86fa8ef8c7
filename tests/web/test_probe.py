"""Every GET route, every parameter, bad values: a 4xx or a 2xx, never a 5xx."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute

from dyadwatch.web import api, pages

#: values no caller should send; each must be refused (or ignored) cleanly
BAD = ["IRAN-PAK", "IRN-", "-", ">", "IRN>>PAK", "2024-13-45", "2024-02-30", "0000-00-00",
       "-1", "1e309", "99999999999999999999999999999", "NaN", "x" * 5000, "\x00", "%ff",
       "' OR 1=1 --", "🙂", "", " ", "true", "[]", "{}", "../../etc/passwd"]
PATH_VALUES = ["nope", "x" * 3000, "..", "%00", "🙂", "' OR 1=1 --"]


def _get_routes(app):
    for router in (api.router, pages.router):  # what create_app includes
        for route in router.routes:
            if isinstance(route, APIRoute) and "GET" in route.methods:
                yield route


def _urls(app):
    for route in _get_routes(app):
        names = [p.name for p in route.dependant.path_params]
        paths = ([route.path] if not names else
                 [route.path.replace("{" + names[0] + "}", v) for v in PATH_VALUES])
        queries = sorted({p.alias or p.name for p in route.dependant.query_params}
                         | {p.alias or p.name for d in route.dependant.dependencies
                            for p in d.query_params})
        for path in paths:
            yield path, {}
            for q in queries:
                for v in BAD:
                    yield path, {q: v}


@pytest.mark.slow
def test_every_get_route_answers_bad_values_without_a_server_error(app, client):
    seen = 0
    failures = []
    for path, params in _urls(app):
        if path.startswith("/static/"):
            continue
        r = client.get(path, params=params)
        seen += 1
        if r.status_code >= 500:
            failures.append((path, params, r.status_code, r.text[:200]))
        elif r.status_code >= 400 and path.startswith("/api/"):
            assert r.json().get("error"), (path, params, r.text)
    assert seen > 300 and {p for p, _ in _urls(app)} >= {"/api/v1/events", "/"}
    assert not failures, failures[:5]


@pytest.mark.parametrize("path", ["/api/v1/events?dyad=IRAN-PAK", "/?dyad=IRAN-PAK",
                                  "/?since=2024-99-01"])
def test_the_clear_message_names_the_mistake(client, path):
    r = client.get(path)
    assert r.status_code == 400
    assert ("IRAN" in r.text) or ("2024-99-01" in r.text)
