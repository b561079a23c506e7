"""Fixtures shared by the watch tests."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest


@pytest.fixture
def agency_directory(transactional_db: Any) -> None:
    """The seeded agency directory, also after a transactional test flushed the tables.

    Data migrations run once per test database; tests with a live server empty every table when
    they end, so a later live-server test would find no agencies without this.
    """
    from django.apps import apps

    import_module("sodsong.watch.migrations.0006_seed_agencies").seed(apps, None)
