"""The official LINE SDK (line-bot-sdk v3), pointed at `LINE_API_BASE`.

`Configuration(host=...)` sends every call, the content (blob) API's too, to one host: good for a
local fake in tests, wrong for the real service, whose content lives on api-data.line.me. So the
blob client gets `LINE_API_DATA_BASE`, or api-data.line.me when `LINE_API_BASE` is the official
host, or `LINE_API_BASE` itself otherwise.

Content downloads are capped: a "photo" of 100 MB is refused from its Content-Length (or after
cap + 1 bytes when the length is not announced) without holding it all in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, MessagingApiBlob

__all__ = ["ContentTooLarge", "blob_api", "content_host", "fetch_content", "messaging_api"]

OFFICIAL_HOST = "https://api.line.me"
OFFICIAL_DATA_HOST = "https://api-data.line.me"
_CHUNK = 64 * 1024


class ContentTooLarge(Exception):
    """LINE's content is bigger than the evidence limit; nothing beyond the limit was read."""

    def __init__(self, size: int | None) -> None:
        super().__init__(f"content larger than the limit ({size or 'unknown'} bytes)")
        self.size = size


def content_host() -> str:
    configured = str(getattr(settings, "LINE_API_DATA_BASE", "") or "")
    if configured:
        return configured.rstrip("/")
    base = str(settings.LINE_API_BASE).rstrip("/")
    return OFFICIAL_DATA_HOST if base == OFFICIAL_HOST else base


def _configuration(host: str) -> Configuration:
    configuration = Configuration(host=host.rstrip("/"), access_token=settings.LINE_CHANNEL_ACCESS_TOKEN)
    configuration.retries = 0  # our outbox retries, with the same X-Line-Retry-Key
    return configuration


@contextmanager
def messaging_api() -> Iterator[MessagingApi]:
    with ApiClient(_configuration(str(settings.LINE_API_BASE))) as client:
        yield MessagingApi(client)


@contextmanager
def blob_api(cap: int | None = None) -> Iterator[MessagingApiBlob]:
    """The blob API; with `cap`, downloads larger than `cap` bytes raise `ContentTooLarge`."""
    with ApiClient(_configuration(content_host())) as client:
        if cap is not None:
            rest = client.rest_client
            rest.pool_manager = _CappedPool(rest.pool_manager, cap)
        yield MessagingApiBlob(client)


@dataclass
class _Buffered:
    """What the SDK's REST layer reads from a urllib3 response: status, reason, data, headers."""

    status: int
    reason: str | None
    data: bytes
    headers: Any = field(default_factory=dict)


class _CappedPool:
    """Wraps urllib3's pool manager: responses are streamed and refused past the cap."""

    def __init__(self, inner: Any, cap: int) -> None:
        self.inner = inner
        self.cap = cap

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def request(self, method: str, url: str, **kwargs: Any) -> _Buffered:
        kwargs["preload_content"] = False
        response = self.inner.request(method, url, **kwargs)
        try:
            declared = response.headers.get("Content-Length")
            if response.status == 200 and declared and declared.isdecimal() and int(declared) > self.cap:
                raise ContentTooLarge(int(declared))
            chunks: list[bytes] = []
            total = 0
            for chunk in response.stream(_CHUNK):
                total += len(chunk)
                if response.status == 200 and total > self.cap:
                    raise ContentTooLarge(None)
                chunks.append(chunk)
        except BaseException:
            response.close()  # cut short: the connection is dropped, the rest never read
            raise
        response.release_conn()
        return _Buffered(response.status, response.reason, b"".join(chunks), response.headers)


def fetch_content(message_id: str, cap: int) -> bytes:
    """The bytes of a photo, video, audio or file a user sent (LINE deletes them after a while)."""
    with blob_api(cap) as api:
        return bytes(api.get_message_content(message_id, _request_timeout=(5, 60)))
