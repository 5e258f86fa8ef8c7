"""Tit-for-tat: retaliation links between events, and a reciprocity measure per dyad.

**Retaliation links.**  When country B acts against country A (a QuadClass 3-4
event B -> A) ``min_lag`` to ``within_days`` days after A acted against B, the
later event is linked to the earlier one as its retaliation.  Of A's actions in
that window, the link goes to the most severe (``-goldstein``), then the best
attested (most sources: a lone report of a second attack does not outrank the
strike six outlets report), then the most recent, then the smallest event id:
Pakistan's strike of 18 January answers Iran's strike of the 16th, not a
statement of the 17th.  Only events placed on a
day (``frame.py``) are linked; a link is ``approximate`` when either date is
only its article's.  Same-day pairs are not linked by default (``min_lag`` 1):
within a day the order of two events is unknown.

**Reciprocity (in the spirit of Goldstein and Pevehouse, 1997).**  How B's
behaviour towards A responds to A's behaviour towards B: on the directed
series of net Goldstein per period (``freq``, weekly by default),

    y_BA[t] = c + sum_i b_i y_BA[t-i] + sum_i g_i y_AB[t-i] + e[t],  i = 1..lags

fitted by least squares; the reciprocity estimate is ``sum_i g_i`` (positive:
B answers cooperation with cooperation and hostility with hostility), with its
standard error and the number of periods used.  Fewer than ``min_obs`` periods
give no estimate (``note`` says why) rather than a number nobody should read.
Beside it, the plain counts: how many of A's hostile (cooperative) actions
drew a hostile (cooperative) answer from B within ``within_days``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np

from ..store import Dyad, EventQuery, Store
from .frame import DyadFrame, Placement, load_frame
from .series import check_freq


@dataclass(frozen=True)
class ReciprocityParams:
    within_days: int = 7  # a response comes at most this many days after the action
    min_lag: int = 1  # ... and at least this many (0 links same-day pairs)
    freq: str = "W"  # period of the regression series
    lags: int = 1  # lags of each series in the regression
    min_obs: int = 12  # periods needed for an estimate


@dataclass(frozen=True)
class RetaliationLink:
    """B's action (``response``) answering A's (``action``) ``lag_days`` later."""

    action_id: str
    response_id: str
    action_date: date
    response_date: date
    lag_days: int
    action_code: str  # CAMEO
    response_code: str
    action_source: str  # actor codes
    action_target: str | None
    response_source: str
    response_target: str | None
    initiator: str  # country A
    responder: str  # country B
    action_goldstein: float
    response_goldstein: float
    approximate: bool  # a date is only the article's

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["action_date"] = self.action_date.isoformat()
        d["response_date"] = self.response_date.isoformat()
        return d


@dataclass(frozen=True)
class Reciprocity:
    """How ``responder`` answers ``initiator`` (see the module doc)."""

    dyad: str
    initiator: str  # A
    responder: str  # B
    freq: str
    lags: int
    n_obs: int  # periods in the regression
    estimate: float | None  # sum of the coefficients of A's lagged series
    std_error: float | None
    note: str  # why there is no estimate, or ""
    hostile_actions: int  # A's conflict events against B (placed on a day)
    hostile_answered: int  # ... followed by B's conflict event within within_days
    coop_actions: int  # A's cooperative events towards B
    coop_answered: int  # ... followed by B's cooperation within within_days

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _direction_masks(frame: DyadFrame) -> tuple[np.ndarray, np.ndarray]:
    """(a -> b, b -> a) masks over the frame's events."""
    src = frame.cols["source_country"]
    tgt = frame.cols["dyad_target"]
    a, b = frame.dyad.a, frame.dyad.b
    if not len(src):
        return np.zeros(0, bool), np.zeros(0, bool)
    return (src == a) & (tgt == b), (src == b) & (tgt == a)


def _link_one_way(frame: DyadFrame, act: np.ndarray, resp: np.ndarray,
                  p: ReciprocityParams) -> list[RetaliationLink]:
    """Links from the events in ``resp`` back to those in ``act`` (vectorised over
    responses: one pass per possible lag)."""
    placed = (frame.day >= 0) & (frame.weight > 0)
    hostile = frame.quad >= 3
    acts = np.flatnonzero(act & placed & hostile)
    resps = np.flatnonzero(resp & placed & hostile)
    if not len(acts) or not len(resps):
        return []
    # rank of an action: severity first, then its number of sources
    sources = np.minimum(np.asarray(frame.cols["n_sources"], dtype=np.float64), 999.0)
    rank = frame.severity * 1000.0 + np.nan_to_num(sources, nan=1.0)
    # the best action of each day: the highest rank, then the first row (smallest id)
    order = np.lexsort((acts, -rank[acts], frame.day[acts]))
    ranked = acts[order]
    a_days = frame.day[ranked]
    first = np.ones(len(ranked), bool)
    first[1:] = a_days[1:] != a_days[:-1]
    n_days = len(frame.days)
    best_act = np.full(n_days, -1, np.int64)
    best_sev = np.full(n_days, -np.inf)
    best_act[a_days[first]] = ranked[first]
    best_sev[a_days[first]] = rank[ranked[first]]
    r_days = frame.day[resps]
    chosen = np.full(len(resps), -1, np.int64)
    chosen_sev = np.full(len(resps), -np.inf)
    for lag in range(p.min_lag, p.within_days + 1):  # nearest first: a tie keeps the nearer
        d = r_days - lag
        ok = d >= 0
        dd = np.where(ok, d, 0)
        sev = np.where(ok, best_sev[dd], -np.inf)
        better = sev > chosen_sev
        chosen = np.where(better, best_act[dd], chosen)
        chosen_sev = np.where(better, sev, chosen_sev)
    keep = chosen >= 0
    return _links(frame, chosen[keep], resps[keep])


def _links(frame: DyadFrame, a: np.ndarray, r: np.ndarray) -> list[RetaliationLink]:
    """The links of action rows ``a`` answered by response rows ``r`` (columns are
    converted once, not per link)."""
    c = frame.cols
    article = frame.placement.article_weight

    def col(name: str, rows: np.ndarray) -> list[Any]:
        return c[name][rows].tolist()

    def approx(rows: np.ndarray) -> list[bool]:
        return ((frame.weight[rows] == article) & (article < 1)).tolist()

    days = frame.days.astype(object)
    a_day, r_day = frame.day[a], frame.day[r]
    a_dates, r_dates = days[a_day].tolist(), days[r_day].tolist()
    lags = (r_day - a_day).tolist()
    cols_a = {n: col(n, a) for n in ("event_id", "cameo", "source_code", "target_code",
                                      "source_country")}
    cols_r = {n: col(n, r) for n in ("event_id", "cameo", "source_code", "target_code",
                                      "source_country")}
    ga, gr = frame.goldstein[a].tolist(), frame.goldstein[r].tolist()
    xa, xr = approx(a), approx(r)
    return [RetaliationLink(
        action_id=cols_a["event_id"][i], response_id=cols_r["event_id"][i],
        action_date=a_dates[i], response_date=r_dates[i], lag_days=int(lags[i]),
        action_code=cols_a["cameo"][i], response_code=cols_r["cameo"][i],
        action_source=cols_a["source_code"][i], action_target=cols_a["target_code"][i] or None,
        response_source=cols_r["source_code"][i],
        response_target=cols_r["target_code"][i] or None,
        initiator=cols_a["source_country"][i], responder=cols_r["source_country"][i],
        action_goldstein=float(ga[i]), response_goldstein=float(gr[i]),
        approximate=bool(xa[i] or xr[i])) for i in range(len(a))]


def links_in_frame(frame: DyadFrame, params: ReciprocityParams | None = None
                   ) -> list[RetaliationLink]:
    """Every retaliation link of the frame's dyad, both ways, by response date."""
    p = params or ReciprocityParams()
    if frame.dyad.a == frame.dyad.b:
        return []
    ab, ba = _direction_masks(frame)
    links = _link_one_way(frame, ab, ba, p)
    if not frame.dyad.directed:
        links += _link_one_way(frame, ba, ab, p)
    return sorted(links, key=lambda k: (k.response_date, k.response_id, k.action_id))


def _answered(frame: DyadFrame, act: np.ndarray, resp: np.ndarray, p: ReciprocityParams
              ) -> tuple[int, int]:
    """(actions, actions followed by a response within the window)."""
    placed = (frame.day >= 0) & (frame.weight > 0)
    a_days = frame.day[act & placed]
    r_days = np.sort(frame.day[resp & placed])
    if not len(a_days):
        return 0, 0
    lo = np.searchsorted(r_days, a_days + p.min_lag, side="left")
    hi = np.searchsorted(r_days, a_days + p.within_days, side="right")
    return int(len(a_days)), int(np.sum(hi > lo))


def _ols_sum(y: np.ndarray, own: np.ndarray, other: np.ndarray, lags: int
             ) -> tuple[int, float | None, float | None, str]:
    n = len(y) - lags
    k = 1 + 2 * lags
    if n < 1:
        return 0, None, None, "no periods"
    rows = [np.ones(n)]
    rows += [own[lags - i:len(own) - i] for i in range(1, lags + 1)]
    rows += [other[lags - i:len(other) - i] for i in range(1, lags + 1)]
    X = np.column_stack(rows)
    target = y[lags:]
    if n <= k:
        return n, None, None, f"{n} periods for {k} coefficients"
    if np.linalg.matrix_rank(X) < k:
        return n, None, None, "the series do not vary enough to separate the lags"
    beta, *_ = np.linalg.lstsq(X, target, rcond=None)
    resid = target - X @ beta
    sigma2 = float(resid @ resid) / (n - k)
    cov = sigma2 * np.linalg.inv(X.T @ X)
    sel = slice(1 + lags, 1 + 2 * lags)
    est = float(np.sum(beta[sel]))
    se = float(np.sqrt(max(0.0, float(np.sum(cov[sel, sel])))))
    return n, est, se, ""


def reciprocity_in_frame(frame: DyadFrame, params: ReciprocityParams | None = None
                         ) -> list[Reciprocity]:
    """Both directions' reciprocity (one for a directed dyad: b answering a)."""
    p = params or ReciprocityParams()
    freq = check_freq(p.freq)
    if frame.dyad.a == frame.dyad.b:
        return []
    ab, ba = _direction_masks(frame)
    net = frame.goldstein
    y_ab = frame.periodic(net, ab, freq)
    y_ba = frame.periodic(net, ba, freq)
    hostile, coop = frame.quad >= 3, (frame.quad >= 1) & (frame.quad <= 2)
    out = []
    pairs = [(frame.dyad.a, frame.dyad.b, ab, ba, y_ab, y_ba)]
    if not frame.dyad.directed:
        pairs.append((frame.dyad.b, frame.dyad.a, ba, ab, y_ba, y_ab))
    for init, resp, m_act, m_resp, y_act, y_resp in pairs:
        n, est, se, note = _ols_sum(y_resp, y_resp, y_act, p.lags)
        if est is not None and n < p.min_obs:
            est, se, note = None, None, f"{n} periods; an estimate needs {p.min_obs}"
        elif est is None and not note:
            note = "no estimate"
        h_n, h_ans = _answered(frame, m_act & hostile, m_resp & hostile, p)
        c_n, c_ans = _answered(frame, m_act & coop, m_resp & coop, p)
        out.append(Reciprocity(
            dyad=frame.dyad.undirected, initiator=init, responder=resp, freq=freq, lags=p.lags,
            n_obs=n, estimate=est, std_error=se, note=note, hostile_actions=h_n,
            hostile_answered=h_ans, coop_actions=c_n, coop_answered=c_ans))
    return out


def retaliations(store: Store, dyad: str | Dyad, since: date | str | None = None,
                 until: date | str | None = None, params: ReciprocityParams | None = None,
                 query: EventQuery | None = None,
                 placement: Placement | None = None) -> list[RetaliationLink]:
    """The dyad's retaliation links whose response falls between the bounds (both ways
    unless directed); the action answered may precede ``since``."""
    p = params or ReciprocityParams()
    frame = load_frame(store, dyad, since, until, None, query, placement,
                       lookback=p.within_days)
    return links_since(links_in_frame(frame, p), frame.view_since)


def links_since(links: list[RetaliationLink], since: date | None) -> list[RetaliationLink]:
    return [k for k in links if since is None or k.response_date >= since]


def reciprocity(store: Store, dyad: str | Dyad, since: date | str | None = None,
                until: date | str | None = None, params: ReciprocityParams | None = None,
                query: EventQuery | None = None,
                placement: Placement | None = None) -> list[Reciprocity]:
    """The dyad's reciprocity measures: how B answers A and how A answers B."""
    return reciprocity_in_frame(load_frame(store, dyad, since, until, None, query, placement),
                                params)
