"""``dyadwatch watch``: poll feeds and URL lists, code new articles, raise alerts.

* ``fetch``: polite HTTP (timeouts, size limit, retries, conditional requests, robots.txt)
* ``sources``: feeds (parsed safely) and URL lists -> items
* ``watcher``: the cycle and the loop (state in the store: ``store.watchstate``)
* ``alerts``: rules files, evaluation over stored events, delivery

See docs/watch.md.
"""

from .alerts import Alert, Rule, RuleSet, evaluate, load_rules
from .fetch import Fetcher, FetchError, FetchSettings, RobotsDisallowed, user_agent
from .sources import Item, Source, UnsafeFeed, parse_feed, read_url_list
from .watcher import CycleSummary, Watcher

__all__ = ["Alert", "CycleSummary", "FetchError", "FetchSettings", "Fetcher", "Item",
           "RobotsDisallowed", "Rule", "RuleSet", "Source", "UnsafeFeed", "Watcher", "evaluate",
           "load_rules", "parse_feed", "read_url_list", "user_agent"]
