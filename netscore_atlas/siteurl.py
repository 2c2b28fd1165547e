"""The site's public address, which citations, "stable address" lines and embed snippets name.

A build for publishing (the Pages workflow, or any build given a site URL) must name an address other
people can open: http(s), a real host, not this computer. A local build (no site URL given) names
mkdocs.yml's local address and says so, on the chart pages and in its output.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _host_is_local(host: str) -> bool:
    host = host.strip("[]").lower().rstrip(".")
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified or ip.is_link_local or ip.is_private


def is_local(url: str) -> bool:
    """Whether citations naming this address would point at the builder's own machine or network."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return True
    return not host or _host_is_local(host)


def publishing_problems(url: str | None) -> list[str]:
    """Why `url` cannot be the public address of a published build ([] when it can)."""
    if not url:
        return ["no public address given (set ATLAS_SITE_URL=https://<host>/<path>/ or pass --site-url)"]
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        return [f"{url!r} is not a valid address ({exc})"]
    problems = []
    if parts.scheme not in ("http", "https"):
        problems.append(f"{url!r} is not an http(s) address: citations would name a {parts.scheme or 'relative'} address nobody can open")
    if not host:
        problems.append(f"{url!r} names no host")
    elif _host_is_local(host):
        problems.append(f"{url!r} names this computer or a private network ({host}): readers of a citation could not open it")
    if parts.query or parts.fragment:
        problems.append(f"{url!r} has a query or fragment: give the site's base address")
    if parts.username or parts.password:
        problems.append(f"{url!r} carries a user name or password")
    return problems


def normalised(url: str) -> str:
    """The address with a trailing slash: pages are named by appending their path to it."""
    return url if url.endswith("/") else url + "/"
