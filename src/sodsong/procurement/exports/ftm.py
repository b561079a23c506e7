"""FollowTheMoney entities as JSON Lines: the entities imported as such (companies, directors,
politicians, sanctions), plus every other organisation of the warehouse as the FtM schema it was
given (agencies as PublicBody, e-GP suppliers as Company or Person)."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import orjson

from sodsong.procurement.sources.ftm import entity

__all__ = ["entities"]


def entities(con: duckdb.DuckDBPyConnection) -> Iterator[bytes]:
    """Each entity as one JSON object (`id`, `schema`, `properties`), ordered by id."""
    cursor = con.cursor()
    cursor.execute(
        """
        SELECT entity_id, schema, properties, NULL, NULL, NULL, NULL, NULL, NULL FROM ftm_entity
        UNION ALL
        SELECT org_id, coalesce(ftm_schema, 'LegalEntity'), NULL, name, juristic_id, address, registration_date,
               name_en, kind
        FROM organisation WHERE org_id NOT IN (SELECT entity_id FROM ftm_entity)
        ORDER BY 1
        """
    )
    try:
        while rows := cursor.fetchmany(5000):
            for entity_id, schema, properties, name, juristic, address, registered, name_en, kind in rows:
                if properties is not None:
                    yield orjson.dumps(
                        {"id": entity_id, "schema": schema, "properties": orjson.loads(properties)}
                    )
                    continue
                proxy = entity(
                    schema,
                    entity_id,
                    name=name,
                    alias=name_en,
                    registrationNumber=juristic if kind == "company" else None,
                    address=address,
                    incorporationDate=registered if kind == "company" else None,
                    country="th",
                )
                yield orjson.dumps(proxy.to_dict(), option=orjson.OPT_SORT_KEYS)
    finally:
        cursor.close()
