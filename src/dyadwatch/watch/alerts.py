"""Alert rules: load them from a file, evaluate them on stored events, deliver alerts.

Rules file (TOML, or JSON of the same shape; see ``data/watch/alerts.example.toml``)::

    [output]
    jsonl = "alerts.jsonl"                      # relative to the rules file
    webhook = "https://example.org/hook"        # optional: POST each alert as JSON
    webhook_timeout = 5
    webhook_attempts = 3                        # tries per alert (timeouts, 5xx, 429)
    webhook_backoff = 1.0                       # seconds before the 2nd try; doubles

    [[rule]]
    name = "irn-pak-heat"
    kind = "above_baseline"                     # material conflict in the last 24 h
    dyad = "IRN-PAK"

    [[rule]]
    name = "irn-pak-episode"
    kind = "new_episode"
    dyad = "IRN-PAK"

    [[rule]]
    name = "irn-pak-force"
    kind = "root_between"
    countries = ["IRN", "PAK"]
    roots = ["18", "19", "20"]

Kinds:

* ``above_baseline``: the dyad's material-conflict events (QuadClass 4) on a
  day of the last 24 hours (today or yesterday: event dates are days) reach
  the high threshold of the dyad's own trailing robust baseline --
  ``analysis.episodes.baseline`` over ``window_days`` days of daily counts,
  threshold ``median + max(k * 1.4826 MAD, min_excess)``.  One alert per dyad
  and day.
* ``new_episode``: ``analysis.escalation_episodes`` finds an episode starting
  within ``lookback_days`` none of whose conflict events an earlier alert of
  the rule listed.  One alert per episode.
* ``root_between``: factual events between the two countries (either way) with
  a CAMEO root in ``roots``, dated within ``within_days``, that no earlier alert
  of the rule listed (by event or by any of its reports).

Every alert lists its events with their sentences and documents.  Its key is the
rule name plus a hash of the sorted event ids; the store records it before it
is delivered, so no alert fires twice, across restarts too.  Evaluation reads
the store through ``EventQuery`` and the analysis functions only.
"""

from __future__ import annotations

import json
import logging
import re
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from hashlib import sha256
from pathlib import Path
from typing import Any

from ..analysis import EpisodeParams, escalation_episodes
from ..analysis.episodes import baseline
from ..analysis.series import SPAN_DAYS, dyad_series
from ..errors import ConfigError, QueryError
from ..model import Event
from ..store import Dyad, EventQuery, Store
from ..store.watchstate import WatchState

log = logging.getLogger("dyadwatch.watch")

KINDS = {
    "above_baseline": {"dyad", "window_days", "min_history", "k", "min_excess"},
    "new_episode": {"dyad", "lookback_days"},
    "root_between": {"countries", "roots", "within_days"},
}
_COMMON = {"name", "kind"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    dyad: Dyad | None = None
    roots: tuple[str, ...] = ()
    window_days: int = 90
    min_history: int = 28
    k: float = 4.0
    min_excess: float = 3.0
    lookback_days: int = 14
    within_days: int = 7


@dataclass(frozen=True)
class Outputs:
    jsonl: Path
    webhook: str | None = None
    webhook_timeout: float = 5.0
    #: tries per alert: a timeout, a refused connection, a 5xx, 408 or 429 is tried
    #: again after ``webhook_backoff`` seconds, then twice that, ...; any other 4xx is final
    webhook_attempts: int = 3
    webhook_backoff: float = 1.0


@dataclass(frozen=True)
class RuleSet:
    path: str
    rules: tuple[Rule, ...]
    outputs: Outputs


# -- loading and validation ---------------------------------------------------------
def load_rules(path: str | Path, default_jsonl: str | Path = "dyadwatch-alerts.jsonl") -> RuleSet:
    """Read and validate a rules file; ``ConfigError`` names the file, rule and field."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read the alert rules ({exc.strerror or exc})") from exc
    try:
        if p.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if p.suffix.lower() == ".json" else "TOML"
        raise ConfigError(f"{p}: not valid {kind}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a table with [output] and [[rule]] entries")
    unknown = sorted(set(data) - {"output", "rule"})
    if unknown:
        raise ConfigError(f"{p}: unknown section {unknown[0]!r}; expected [output] and [[rule]]")
    rules_raw = data.get("rule")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise ConfigError(f"{p}: no rules: add at least one [[rule]] with a name and a kind "
                          f"({', '.join(KINDS)})")
    rules, names = [], set()
    for n, r in enumerate(rules_raw, start=1):
        rule = _rule(p, n, r)
        if rule.name in names:
            raise ConfigError(f"{p}: rule {n} ({rule.name}): the name is used by an earlier "
                              "rule; names must be unique (alerts are recorded by name)")
        names.add(rule.name)
        rules.append(rule)
    return RuleSet(str(p), tuple(rules), _outputs(p, data.get("output") or {}, default_jsonl))


def _outputs(p: Path, out: Any, default_jsonl: str | Path) -> Outputs:
    if not isinstance(out, dict):
        raise ConfigError(f"{p}: [output] must be a table")
    unknown = sorted(set(out) - {"jsonl", "webhook", "webhook_timeout", "webhook_attempts",
                                 "webhook_backoff"})
    if unknown:
        raise ConfigError(f"{p}: [output]: unknown key {unknown[0]!r}; expected jsonl, webhook, "
                          "webhook_timeout, webhook_attempts, webhook_backoff")
    jsonl = out.get("jsonl")
    if jsonl is not None and (not isinstance(jsonl, str) or not jsonl.strip()):
        raise ConfigError(f"{p}: [output] jsonl must be a file name")
    path = (p.parent / jsonl) if jsonl else Path(default_jsonl)
    hook = out.get("webhook")
    if hook is not None and not (isinstance(hook, str) and re.match(r"^https?://\S+$", hook)):
        raise ConfigError(f"{p}: [output] webhook must be an http(s) URL, not {hook!r}")
    timeout = out.get("webhook_timeout", 5.0)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 120:
        raise ConfigError(f"{p}: [output] webhook_timeout must be seconds between 0 and 120")
    attempts = out.get("webhook_attempts", 3)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 10:
        raise ConfigError(f"{p}: [output] webhook_attempts must be a whole number from 1 to 10")
    backoff = out.get("webhook_backoff", 1.0)
    if isinstance(backoff, bool) or not isinstance(backoff, (int, float)) or not 0 <= backoff <= 60:
        raise ConfigError(f"{p}: [output] webhook_backoff must be seconds between 0 and 60")
    return Outputs(path, hook, float(timeout), attempts, float(backoff))


def _rule(p: Path, n: int, r: Any) -> Rule:
    where = f"{p}: rule {n}"
    if not isinstance(r, dict):
        raise ConfigError(f"{where}: must be a table with a name and a kind")
    name = r.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}: 'name' must be letters, digits, '.', '_' or '-' "
                          f"(got {name!r})")
    where = f"{p}: rule {n} ({name})"
    kind = r.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{where}: 'kind' must be one of {', '.join(KINDS)} (got {kind!r})")
    unknown = sorted(set(r) - _COMMON - KINDS[kind])
    if unknown:
        raise ConfigError(f"{where}: {unknown[0]!r} is not a setting of a {kind} rule; "
                          f"expected {', '.join(sorted(KINDS[kind]))}")
    fields: dict[str, Any] = {"name": name, "kind": kind}
    try:
        if kind == "root_between":
            countries = r.get("countries")
            if not (isinstance(countries, list) and len(countries) == 2
                    and all(isinstance(c, str) for c in countries)):
                raise ConfigError(f"{where}: 'countries' must list two country codes, "
                                  "e.g. [\"IRN\", \"PAK\"]")
            fields["dyad"] = Dyad.parse(f"{countries[0]}-{countries[1]}")
            roots = r.get("roots")
            if not (isinstance(roots, list) and roots):
                raise ConfigError(f"{where}: 'roots' must list CAMEO roots, e.g. [\"18\", \"19\"]")
            fields["roots"] = EventQuery(roots=tuple(str(x) for x in roots)).roots
        else:
            dyad = r.get("dyad")
            if not isinstance(dyad, str):
                raise ConfigError(f"{where}: 'dyad' must be two country codes like \"IRN-PAK\"")
            fields["dyad"] = Dyad.parse(dyad)
    except QueryError as exc:
        raise ConfigError(f"{where}: {exc.reason}") from exc
    for key, lo, hi, typ in (("window_days", 7, 3650, int), ("min_history", 0, 3650, int),
                             ("k", 0.0, 100.0, float), ("min_excess", 0.5, 10000.0, float),
                             ("lookback_days", 1, 3650, int), ("within_days", 0, 3650, int)):
        if key in r:
            v = r[key]
            ok = not isinstance(v, bool) and (isinstance(v, int) if typ is int
                                              else isinstance(v, (int, float)))
            if not ok or not lo <= v <= hi:
                raise ConfigError(f"{where}: {key!r} must be a{'n integer' if typ is int else ' number'}"
                                  f" from {lo} to {hi} (got {v!r})")
            fields[key] = typ(v)
    return Rule(**fields)


# -- evaluation ----------------------------------------------------------------------
@dataclass
class Alert:
    key: str
    rule: Rule
    subject: str | None
    summary: str
    events: list[Event]
    reports: list[str] = field(default_factory=list)
    fired_at: str = ""

    def payload(self, store: Store) -> dict[str, Any]:
        info = store.document_info({e.doc_id for e in self.events})
        evs = []
        for e in self.events:
            doc = info.get(e.doc_id, {})
            evs.append({"event_id": e.event_id, "date": e.date.isoformat() if e.date else None,
                        "cameo": e.cameo, "root": e.root, "quad_class": e.quad_class,
                        "goldstein": e.goldstein, "source": e.source.code,
                        "target": e.target.code if e.target else None,
                        "sentence": e.sentence, "doc_id": e.doc_id,
                        "sources": list(e.sources), "url": doc.get("url"),
                        "title": doc.get("title")})
        return {"alert_key": self.key, "rule": self.rule.name, "kind": self.rule.kind,
                "dyad": str(self.rule.dyad) if self.rule.dyad else None,
                "subject": self.subject, "summary": self.summary, "fired_at": self.fired_at,
                "events": evs}


def alert_key(rule: str, event_ids: list[str]) -> str:
    digest = sha256("\n".join([rule, *sorted(event_ids)]).encode("utf-8")).hexdigest()[:20]
    return f"{rule}:{digest}"


def _make(rule: Rule, subject: str | None, summary: str, events: list[Event]) -> Alert:
    events = sorted(events, key=lambda e: (e.date or date.min, e.event_id))
    reports = sorted({r for e in events for r in (e.reports or [e.event_id])})
    return Alert(alert_key(rule.name, [e.event_id for e in events]), rule, subject, summary,
                 events, reports)


def _above_baseline(store: Store, state: WatchState, rule: Rule, today: date) -> list[Alert]:
    assert rule.dyad is not None
    since = today - timedelta(days=rule.window_days + 1)
    series = dyad_series(store, rule.dyad, "D", since, today, count_unplaced=False)
    x = series.column("material_conflict").astype(float)
    days = series.column("period")
    base = baseline(x, EpisodeParams(window=rule.window_days, min_history=rule.min_history,
                                     k_high=rule.k, floor_high=rule.min_excess))
    done = state.alerted_subjects(rule.name)
    out = []
    for day in (today - timedelta(days=1), today):
        i = int((days == day).nonzero()[0][0]) if (days == day).any() else -1
        if i < 0 or x[i] <= 0 or x[i] < base.high[i]:
            continue
        subject = f"{rule.dyad}:{day.isoformat()}"
        if subject in done:
            continue
        evs = [e for e in store.events(EventQuery(
            dyad=rule.dyad, quad_classes=(4,), since=day, until=day,
            max_date_span=SPAN_DAYS["D"])) if e.date == day]
        if not evs:
            continue
        how = "its baseline" if base.estimated[i] else "a presumed-quiet baseline (little history)"
        out.append(_make(rule, subject,
                         f"{rule.dyad}: {int(x[i])} material-conflict events on {day}, at or "
                         f"above the threshold {base.high[i]:.1f} of {how} "
                         f"(median {base.level[i]:.1f})", evs))
    return out


def _new_episode(store: Store, state: WatchState, rule: Rule, today: date) -> list[Alert]:
    assert rule.dyad is not None
    since = today - timedelta(days=rule.lookback_days)
    _keys, seen_events, _reports = state.alerted(rule.name)
    done = state.alerted_subjects(rule.name)
    out = []
    for ep in escalation_episodes(store, rule.dyad, since=since, until=today):
        if ep.start < since or ep.id in done or seen_events & set(ep.conflict_events):
            continue
        evs = store.events(EventQuery(event_ids=tuple(ep.conflict_events), factual=None))
        if not evs:
            continue
        out.append(_make(rule, ep.id,
                         f"{ep.dyad}: new escalation episode from {ep.start} (peak {ep.peak}, "
                         f"intensity {ep.peak_intensity:.1f} over a baseline of "
                         f"{ep.baseline_level:.1f}; {ep.end_kind})", evs))
    return out


def _root_between(store: Store, state: WatchState, rule: Rule, today: date) -> list[Alert]:
    assert rule.dyad is not None
    _keys, seen_events, seen_reports = state.alerted(rule.name)
    since = today - timedelta(days=rule.within_days)
    evs = [e for e in store.events(EventQuery(dyad=rule.dyad, roots=rule.roots, since=since))
           if e.event_id not in seen_events and not seen_reports & set(e.reports or ())]
    if not evs:
        return []
    roots = "/".join(rule.roots)
    return [_make(rule, None, f"{rule.dyad}: {len(evs)} new event(s) with CAMEO root {roots}",
                  evs)]


_EVAL = {"above_baseline": _above_baseline, "new_episode": _new_episode,
         "root_between": _root_between}


def evaluate(store: Store, state: WatchState, rules: RuleSet, today: date) -> list[Alert]:
    """The alerts the stored events raise now that were not raised before."""
    out = []
    for rule in rules.rules:
        for alert in _EVAL[rule.kind](store, state, rule, today):
            keys, _e, _r = state.alerted(rule.name)
            if alert.key not in keys:
                out.append(alert)
    return out


# -- delivery --------------------------------------------------------------------------
@dataclass(frozen=True)
class WebhookOutcome:
    """What became of one alert's webhook POST: ``status`` "sent", "failed" or "none"
    (no webhook set, or not tried again after a crash); the tries made; the last error."""

    status: str
    attempts: int = 0
    error: str | None = None


@dataclass
class Delivered:
    """The outcome of delivering one alert: warnings (a failed webhook) and the webhook's."""

    warnings: list[str]
    webhook: WebhookOutcome


class Delivery:
    """Sends alerts to the log, a JSONL file and, optionally, a webhook."""

    def __init__(self, outputs: Outputs, user_agent: str) -> None:
        self.outputs = outputs
        self.user_agent = user_agent
        self.sleep = time.sleep  # tests replace it to see the waits

    def _in_jsonl(self, key: str) -> bool:
        try:
            with open(self.outputs.jsonl, encoding="utf-8") as fh:
                return any(f'"alert_key": "{key}"' in line for line in fh)
        except OSError:
            return False

    def deliver(self, payload: dict[str, Any], retry: bool = False) -> Delivered:
        """Deliver one alert; a failed webhook is a warning, never a stop.

        ``retry`` True (an alert recorded before a crash): the JSONL line is only
        written when the file does not hold it yet; the webhook is POSTed again with the
        same ``Idempotency-Key`` (the crash may have come before its answer)."""
        warnings: list[str] = []
        key = payload["alert_key"]
        log.warning("ALERT %s: %s (%d events: %s)", payload["rule"], payload["summary"],
                    len(payload["events"]),
                    "; ".join(f"{e['event_id']} {e['cameo']} {e['date']}: {e['sentence'][:120]}"
                              for e in payload["events"][:5]))
        path = self.outputs.jsonl
        if not (retry and self._in_jsonl(key)):
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a+b") as fh:
                line = json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n"
                if fh.tell() > 0:  # a crash may have cut the last line: start a fresh one
                    fh.seek(-1, 2)
                    if fh.read(1) != b"\n":
                        line = "\n" + line
                fh.write(line.encode("utf-8"))
                fh.flush()
        hook = WebhookOutcome("none")
        if self.outputs.webhook:
            hook = self._post(payload)
            if hook.status == "failed":
                msg = (f"alert {key}: webhook {self.outputs.webhook} failed after "
                       f"{hook.attempts} {'try' if hook.attempts == 1 else 'tries'} "
                       f"({hook.error}); the alert is in {path}")
                log.warning(msg)
                warnings.append(msg)
        return Delivered(warnings, hook)

    def _post(self, payload: dict[str, Any]) -> WebhookOutcome:
        """POST the alert, trying again (bounded, with a doubling wait) after a timeout,
        a connection error, a 5xx, 408 or 429."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        wait = self.outputs.webhook_backoff
        attempt = 0
        while True:
            attempt += 1
            req = urllib.request.Request(
                self.outputs.webhook or "", data=body, method="POST",
                headers={"Content-Type": "application/json", "User-Agent": self.user_agent,
                         "Idempotency-Key": payload["alert_key"]})
            try:
                with urllib.request.urlopen(req, timeout=self.outputs.webhook_timeout) as resp:
                    resp.read(65536)
                return WebhookOutcome("sent", attempt)
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
                again = exc.code >= 500 or exc.code in (408, 429)
            except (urllib.error.URLError, OSError) as exc:
                error, again = str(getattr(exc, "reason", None) or exc), True
            except ValueError as exc:  # a URL urllib cannot use: trying again will not help
                error, again = str(exc), False
            if not again or attempt >= self.outputs.webhook_attempts:
                return WebhookOutcome("failed", attempt, error)
            log.info("webhook %s: %s; trying again in %.1f s", self.outputs.webhook, error, wait)
            self.sleep(wait)
            wait *= 2
