"""Fixtures for the coalition tests: users in each role, organisations, a logged-in client."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sodsong.coalition.models import (
    Activity,
    ActivityOrganisation,
    ActivityType,
    Organisation,
    PartnerAccount,
    Sector,
    Strategy,
)
from sodsong.web.staff import Role
from sodsong.web.staff.testing import login_staff, make_staff

USERS: dict[int, Any] = {}


def make_user(username: str, *roles: Role) -> User:
    """A staff account with these roles and a confirmed authenticator (as `sodsong staff create` makes)."""
    account = make_staff(username, *roles)
    user = account.device.user
    USERS[user.pk] = account
    return user


def login(client: Client, user: User) -> Client:
    """Sign `user` in as a verified staff session (password and second factor done)."""
    login_staff(client, USERS[user.pk])
    return client


@pytest.fixture
def org_factory(db: Any) -> Callable[..., Organisation]:
    def make(name: str, sector: str = Sector.CIVIL_SOCIETY, **fields: Any) -> Organisation:
        return Organisation.objects.create(name_th=name, sector=sector, **fields)

    return make


@pytest.fixture
def activity_factory(db: Any) -> Callable[..., Activity]:
    def make(
        title: str,
        date: datetime.date,
        activity_type: str = ActivityType.MEETING,
        *,
        strategy: int | None = 1,
        organisations: tuple[Organisation, ...] = (),
        **fields: Any,
    ) -> Activity:
        activity = Activity.objects.create(
            title=title,
            start_date=date,
            activity_type=activity_type,
            strategy=Strategy.objects.get(number=strategy) if strategy else None,
            **fields,
        )
        for organisation in organisations:
            ActivityOrganisation.objects.create(activity=activity, organisation=organisation)
        return activity

    return make


@pytest.fixture
def staff_user(db: Any) -> User:
    return make_user("staffer", Role.COALITION_STAFF)


@pytest.fixture
def partner_org(org_factory: Callable[..., Organisation]) -> Organisation:
    return org_factory("เทใจดอทคอม", Sector.PRIVATE)


@pytest.fixture
def partner_user(partner_org: Organisation) -> User:
    user = make_user("partner", Role.COALITION_PARTNER)
    PartnerAccount.objects.create(user=user, organisation=partner_org)
    return user


@pytest.fixture
def staff_client(client: Client, staff_user: User) -> Client:
    return login(client, staff_user)


@pytest.fixture
def partner_client(client: Client, partner_user: User) -> Client:
    return login(client, partner_user)


@pytest.fixture(autouse=True)
def programme_frame(request: pytest.FixtureRequest) -> None:
    """The strategies, issue areas and KPIs the data migration seeds.

    A transactional test elsewhere in the suite flushes the tables the migration filled; seeding
    again (idempotent) keeps these tests independent of the order they run in.
    """
    if "django_db_setup" not in request.fixturenames and not any(
        m.name == "django_db" for m in request.node.iter_markers()
    ):
        return
    request.getfixturevalue("django_db_blocker")
    from importlib import import_module

    from django.apps import apps

    if not Strategy.objects.exists():
        import_module("sodsong.coalition.migrations.0002_strategies_and_issue_areas").seed(apps, None)
