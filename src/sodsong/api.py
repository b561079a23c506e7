"""The public JSON API (django-ninja, OpenAPI at /api/docs).

Each part adds its own router in its `api` module; this module only assembles them, so the
parts never import each other's API code.
"""

from __future__ import annotations

from importlib import import_module

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

import sodsong

api = NinjaAPI(
    title="Sodsong API",
    version=sodsong.__version__,
    description=(
        "Open data on Thai public procurement, red flags, published citizen reports and the coalition's "
        "public records. Procurement data: e-GP open data (data.go.th), Creative Commons Attribution."
    ),
    urls_namespace="api",
)


class Health(Schema):
    status: str
    version: str


@api.get("/health", response=Health, tags=["meta"], summary="Service health")
def health(request: HttpRequest) -> dict[str, str]:
    """Answers when the service is up."""
    return {"status": "ok", "version": sodsong.__version__}


# Parts that expose an API define `router` in `sodsong.<part>.api`.
for _part in ("procurement", "watch", "coalition"):
    try:
        _module = import_module(f"sodsong.{_part}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"sodsong.{_part}.api":
            raise
        continue
    api.add_router(f"/{_part}/", _module.router)
