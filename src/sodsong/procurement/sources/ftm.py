"""FollowTheMoney entities built with the `followthemoney` model and stored as warehouse rows."""

from __future__ import annotations

from typing import Any

import orjson
from followthemoney import model
from followthemoney.proxy import EntityProxy

__all__ = ["entity", "entity_row"]


def entity(schema: str, entity_id: str, **properties: Any) -> EntityProxy:
    """An entity of `schema` with the given properties (lists or single values; None is skipped).

    Values the model cannot clean (a malformed date, say) are dropped by FtM itself; a missing
    required property (e.g. a Directorship without its director) raises ValueError."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for name, value in properties.items():
        values = value if isinstance(value, (list, tuple, set)) else [value]
        for item in values:
            if item is None or item == "":
                continue
            proxy.add(name, item.id if isinstance(item, EntityProxy) else str(item))
    missing = [p for p in proxy.schema.required if not proxy.get(p)]
    if missing:
        raise ValueError(f"{schema} {entity_id} lacks required {', '.join(missing)}")
    return proxy


def entity_row(proxy: EntityProxy, source: tuple[str, int], org_id: str | None = None) -> dict[str, Any]:
    """The ftm_entity row of an entity."""
    data = proxy.to_dict()
    return {
        "entity_id": proxy.id,
        "schema": proxy.schema.name,
        "caption": proxy.caption,
        "properties": orjson.dumps(data["properties"], option=orjson.OPT_SORT_KEYS).decode(),
        "org_id": org_id,
        "source_file_id": source[0],
        "source_line": source[1],
    }
