"""robots.txt as sites write it today (RFC 9309, which is Google's reading): groups per user agent, ``Allow`` and
``Disallow`` rules with the wildcards ``*`` (any run of characters) and ``$`` (the end of the address),
``Crawl-delay`` and ``Sitemap``.

Python's :class:`urllib.robotparser.RobotFileParser` compares plain prefixes, so a CMS rule such as
``Disallow: /*?print=`` or ``Disallow: /*.php$`` would never match and the area would be crawled. Here the
longest matching rule wins (its length counted as written), and ``Allow`` wins a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

_SAFE = "/:@!$&'()*+,;=-._~%?"


def _canon(path: str) -> str:
    """One spelling for a path (percent-encoding of the same characters differs between a rule and a link)."""
    return quote(unquote(path), safe=_SAFE)


@dataclass
class _Rule:
    allow: bool
    pattern: str
    regex: re.Pattern

    @classmethod
    def of(cls, allow: bool, pattern: str) -> _Rule:
        pattern = _canon(pattern)
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = ".*".join(re.escape(part) for part in body.split("*")) + (r"\Z" if anchored else "")
        return cls(allow, pattern, re.compile(regex, re.DOTALL))


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    delay: float | None = None


class Robots:
    """A parsed robots.txt. ``Robots.parse("")`` allows everything (a site without robots.txt)."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.sitemaps: list[str] = []

    @classmethod
    def parse(cls, text: str) -> Robots:
        robots = cls()
        group: _Group | None = None
        in_agents = False  # consecutive User-agent lines share one group
        for raw in text.removeprefix("\ufeff").splitlines():
            line = raw.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            key, value = (s.strip() for s in line.split(":", 1))
            key = key.lower()
            if key in ("user-agent", "useragent"):
                if not in_agents or group is None:
                    group = _Group()
                    robots.groups.append(group)
                group.agents.append(value.lower())
                in_agents = True
                continue
            if key == "sitemap":
                if value:
                    robots.sitemaps.append(value)
                continue
            in_agents = False
            if group is None:
                continue  # rules before any User-agent line belong to nobody
            if key in ("allow", "disallow") and value:  # an empty Disallow allows everything: no rule
                group.rules.append(_Rule.of(key == "allow", value))
            elif key == "crawl-delay":
                try:
                    group.delay = float(value)
                except ValueError:
                    pass
        return robots

    def _rules_for(self, agent: str) -> list[_Group]:
        token = agent.split("/")[0].lower()
        named = [g for g in self.groups if token in g.agents]
        return named or [g for g in self.groups if "*" in g.agents]

    def allowed(self, agent: str, url: str) -> bool:
        parts = urlsplit(url)
        path = _canon((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        if path == "/robots.txt":
            return True
        best: _Rule | None = None
        for group in self._rules_for(agent):
            for rule in group.rules:
                if rule.regex.match(path) and (best is None or len(rule.pattern) > len(best.pattern)
                                               or (len(rule.pattern) == len(best.pattern) and rule.allow)):
                    best = rule
        return best is None or best.allow

    def crawl_delay(self, agent: str) -> float | None:
        delays = [g.delay for g in self._rules_for(agent) if g.delay is not None]
        return max(delays) if delays else None
