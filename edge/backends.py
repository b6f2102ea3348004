"""How a purge reaches the edge named by ``EDGE_CACHE_URL``.

- ``varnish://host:port``: one ``PURGE /`` carrying the keys in ``xkey-purge``,
  answered by the xkey module (deploy/varnish/stories.vcl).
- ``fastly://API_TOKEN@SERVICE_ID``: Fastly's purge-by-surrogate-key API, all
  keys in one request.
- ``http://host:port`` (or ``https://``): a generic ``PURGE`` of each page's
  address, for caches that purge by URL (nginx, Squid); the keys ride along
  in ``Surrogate-Key`` for those that understand them. Searches can't be
  named by address: such a cache keeps them until their ``s-maxage``.

Each raises :class:`PurgeFailed` when the edge did not confirm, so the task
retries it.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TIMEOUT = 10


class PurgeFailed(Exception):
    pass


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int | None
    path: str = ""


def _request(target: Target, method: str, path: str, headers: dict) -> None:
    connection_class = (
        http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(target.host, target.port, timeout=TIMEOUT)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read(500).decode("utf-8", "replace").strip()
    except OSError as exc:
        raise PurgeFailed(f"{method} {target.host}:{target.port}{path}: {exc}") from exc
    finally:
        connection.close()
    # 404 from a URL purge means "nothing cached there": the purge is done.
    if not (200 <= response.status < 300 or (method == "PURGE" and response.status == 404)):
        raise PurgeFailed(f"{method} {path} answered {response.status}: {body[:200]}")


class VarnishBackend:
    def __init__(self, url):
        if not url.hostname or not url.port:
            raise ImproperlyConfigured("EDGE_CACHE_URL=varnish:// needs host:port")
        self.target = Target("http", url.hostname, url.port)

    def purge(self, keys: list[str], paths: list[str]) -> None:
        _request(self.target, "PURGE", "/", {"xkey-purge": " ".join(keys)})


class FastlyBackend:
    def __init__(self, url):
        if not url.username or not url.hostname:
            raise ImproperlyConfigured("EDGE_CACHE_URL=fastly:// needs API_TOKEN@SERVICE_ID")
        self.token = unquote(url.username)
        # Not url.hostname: that lower-cases, and service IDs are case-sensitive.
        self.service_id = url.netloc.rpartition("@")[2]
        api = urlsplit(settings.EDGE_FASTLY_API_URL)
        self.target = Target(api.scheme, api.hostname, api.port, api.path.rstrip("/"))

    def purge(self, keys: list[str], paths: list[str]) -> None:
        _request(
            self.target,
            "POST",
            f"{self.target.path}/service/{self.service_id}/purge",
            {
                "Fastly-Key": self.token,
                "Surrogate-Key": " ".join(keys),
                "Accept": "application/json",
            },
        )


class HttpPurgeBackend:
    def __init__(self, url):
        if not url.hostname:
            raise ImproperlyConfigured("EDGE_CACHE_URL=http:// needs a host")
        self.target = Target(url.scheme, url.hostname, url.port, url.path.rstrip("/"))

    def purge(self, keys: list[str], paths: list[str]) -> None:
        site_host = urlsplit(settings.SITE_URL).netloc
        for path in paths:
            _request(
                self.target,
                "PURGE",
                self.target.path + path,
                {"Host": site_host, "Surrogate-Key": " ".join(keys)},
            )


BACKENDS = {
    "varnish": VarnishBackend,
    "fastly": FastlyBackend,
    "http": HttpPurgeBackend,
    "https": HttpPurgeBackend,
}


def configured_backend():
    """The backend for EDGE_CACHE_URL, or None when no edge is configured."""
    if not settings.EDGE_CACHE_URL:
        return None
    url = urlsplit(settings.EDGE_CACHE_URL)
    if url.scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EDGE_CACHE_URL must start with one of {', '.join(sorted(BACKENDS))}://"
        )
    return BACKENDS[url.scheme](url)
