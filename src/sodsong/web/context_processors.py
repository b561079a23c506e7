"""Values every template can use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

import sodsong


def site(request: HttpRequest) -> dict[str, Any]:
    """Version, languages, and the path without `lang=` for the language switch."""
    return {
        "sodsong_version": sodsong.__version__,
        "site_languages": settings.LANGUAGES,
        "current_path": request.get_full_path(),
    }
