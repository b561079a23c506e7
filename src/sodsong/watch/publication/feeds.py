"""Atom feeds of published cases: all of them, or those of one province, agency or category."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.feedgenerator import Atom1Feed

from sodsong.watch.models import Report
from sodsong.watch.publication.public import LICENCE

__all__ = ["FEED_SIZE", "atom_feed"]

FEED_SIZE = 50


def atom_feed(title: str, link: str, feed_url: str, cases: Iterable[Report], *, language: str = "th") -> str:
    """An Atom document of `cases` (approved redacted title and text only)."""
    feed = Atom1Feed(
        title=title,
        link=link,
        description=title,
        feed_url=feed_url,
        language=language,
        feed_copyright=f"{LICENCE['name']} — {LICENCE['url']}",
        feed_guid=feed_url,
    )
    base = link.split("/cases/")[0]
    for report in cases:
        publication = report.publication
        url = f"{base}/cases/{report.code}/"
        feed.add_item(
            title=f"{report.code}: {publication.approved_title}",
            link=url,
            description=publication.approved_text,
            unique_id=url,
            pubdate=report.published_at,
            updateddate=publication.approved_at,
            categories=[c for c in (report.category, report.province_code) if c],
        )
    return feed.writeString("utf-8")
