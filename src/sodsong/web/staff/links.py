"""The staff home page's menu: each part registers its screens with the roles that may open them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from sodsong.web.staff.access import has_role
from sodsong.web.staff.roles import Role

__all__ = ["StaffLink", "register_staff_link", "staff_links_for"]


@dataclass(frozen=True)
class StaffLink:
    label: str | Promise
    url_name: str
    roles: tuple[Role, ...]
    part: str


_LINKS: list[StaffLink] = []


def register_staff_link(part: str, label: str | Promise, url_name: str, *roles: Role) -> None:
    """Call from an AppConfig.ready(); registering the same URL twice is ignored."""
    if any(link.url_name == url_name for link in _LINKS):
        return
    _LINKS.append(StaffLink(label=label, url_name=url_name, roles=roles, part=part))


def staff_links_for(user: Any) -> list[tuple[StaffLink, str]]:
    """The links this user's roles allow, with their URLs."""
    return [(link, reverse(link.url_name)) for link in _LINKS if has_role(user, *link.roles)]
