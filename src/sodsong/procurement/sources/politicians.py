"""Import politicians (people.yaml and party.yaml of electinth/politician-directory) as persons,
parties and public bodies, linked by `holds_position` and `member_of`, and as FollowTheMoney
Person, Position, Occupancy, Membership entities (Popolo-compatible).

Ids come from the directory's own ids and names, never from a citizen id; none is published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import yaml

from sodsong.procurement.sources.common import (
    FileSummary,
    Rejection,
    SourceError,
    file_identity,
    forget_file,
    register_file,
)
from sodsong.procurement.sources.entity_files import store_entity_file
from sodsong.procurement.sources.ftm import entity, entity_row
from sodsong.procurement.sources.people import person_name_key
from sodsong.procurement.warehouse.keys import agency_id, hashed, party_id, person_id
from sodsong.thai import fold_spaces, parse_thai_date
from sodsong.thai.provinces import province_code

__all__ = ["ATTRIBUTION", "stage_file"]

ATTRIBUTION = "Thai politician directory, electinth/politician-directory (MIT), frozen mid-2022"
# party.yaml entries that are bodies, not parties, and the positions their members hold.
_BODIES = {"สส": "สมาชิกสภาผู้แทนราษฎร", "สว": "สมาชิกวุฒิสภา", "ครม": "รัฐมนตรี"}


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(path, "expected UTF-8 YAML text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SourceError(path, f"expected valid YAML ({getattr(exc, 'problem', exc)})", line=line) from None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SourceError(path, "expected a YAML list of people or parties (people.yaml, party.yaml)")
    return value


def _line_numbers(path: Path) -> list[int]:
    """The line each top-level list item starts on (`- ` at column 0)."""
    return [
        n
        for n, text in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1)
        if text.startswith("- ")
    ]


def stage_file(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[FileSummary, list[Rejection]]:
    """Import people.yaml or party.yaml (detected from the entries)."""
    source_file_id, sha256, size = file_identity(path)
    summary = FileSummary(file=str(path), source_file_id=source_file_id, encoding="utf-8")
    forget_file(con, source_file_id, ("relation", "ftm_entity"))
    entries = _load(path)
    lines = _line_numbers(path)
    is_people = any("lastname" in e for e in entries)
    summary.layout = "politicians-people" if is_people else "politicians-parties"
    organisations: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    rejections: list[Rejection] = []
    for number, entry in enumerate(entries):
        line = lines[number] if number < len(lines) else number + 1
        summary.read += 1
        name = fold_spaces(str(entry.get("name") or ""))
        if not name or not str(entry.get("id") or "").strip():
            rejections.append(
                Rejection(str(path), line, "name" if entry.get("id") else "id", "a non-empty id and name")
            )
            continue
        source = (source_file_id, line)
        if is_people:
            _person(entry, source, organisations, relations, entities)
        else:
            _party(entry, source, organisations, entities)
        summary.imported += 1
    summary.rejected = len(rejections)
    primary = {o["source_line"]: o for o in organisations if o.get("primary")}
    store_entity_file(
        con,
        source_file_id=source_file_id,
        source_kind="politicians_yaml",
        organisations=organisations,
        own_table=("relation", "relation_id", relations),
        entities=entities,
        rejections=rejections,
        imported=((line, "organisation", o["org_id"]) for line, o in primary.items()),
    )
    register_file(
        con,
        summary,
        source_kind="politicians_yaml",
        path=path,
        sha256=sha256,
        size=size,
        attribution=ATTRIBUTION,
    )
    return summary, rejections


def _org(
    org_id: str, kind: str, name: str, source: tuple[str, int], schema: str, **extra: Any
) -> dict[str, Any]:
    return {
        "org_id": org_id,
        "kind": kind,
        "name": name,
        "name_key": fold_spaces(name),
        "resolved_id": org_id,
        "ftm_schema": schema,
        "source_kind": "politicians_yaml",
        "source_file_id": source[0],
        "source_line": source[1],
        **extra,
    }


def _body(entry: dict[str, Any]) -> tuple[str, str] | None:
    kind = str(entry.get("party_type") or "")
    return (_BODIES[kind], kind) if kind in _BODIES else None


def _party(
    entry: dict[str, Any],
    source: tuple[str, int],
    organisations: list[dict[str, Any]],
    entities: list[dict[str, Any]],
) -> None:
    name = fold_spaces(str(entry["name"]))
    english = fold_spaces(str((entry.get("en") or {}).get("name") or "")) or None
    founded = _date(entry.get("established_date"))
    dissolved = _date(entry.get("dissolved_date"))
    if _body(entry):
        org_id = agency_id(name)
        organisations.append(
            _org(org_id, "agency", name, source, "PublicBody", name_en=english, primary=True)
        )
        entities.append(entity_row(entity("PublicBody", org_id, name=name, alias=english, country="th",
                                          incorporationDate=founded, dissolutionDate=dissolved), source, org_id))  # fmt: skip
    else:
        org_id = party_id(name)
        organisations.append(
            _org(
                org_id,
                "party",
                name,
                source,
                "Organization",
                name_en=english,
                registration_date=founded,
                primary=True,
            )
        )
        entities.append(entity_row(entity("Organization", org_id, name=name, alias=english, country="th", topics="pol.party",
                                          incorporationDate=founded, dissolutionDate=dissolved, website=entry.get("website")), source, org_id))  # fmt: skip


def _date(value: Any) -> Any:
    if value in (None, ""):
        return None
    try:
        return parse_thai_date(str(value))
    except ValueError:
        return None


def _positions(entry: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """(body name, position title, province code) of every position the entry says the person holds."""
    held: list[tuple[str, str, str | None]] = []
    if entry.get("is_mp"):
        kind = str(entry.get("mp_type") or "").strip()
        province = str(entry.get("mp_province") or "").strip()
        title = "สมาชิกสภาผู้แทนราษฎร" + (f" แบบ{kind}" if kind else "")
        if kind == "แบ่งเขต" and province:
            title += f" จังหวัด{province}" + (f" เขต {entry['mp_zone']}" if entry.get("mp_zone") else "")
        held.append(("สภาผู้แทนราษฎรไทย", title, province_code(province) if province else None))
    if entry.get("is_senator"):
        held.append(("วุฒิสภาไทย", "สมาชิกวุฒิสภา", None))
    if entry.get("is_cabinet"):
        for position in entry.get("cabinet_position") or ["รัฐมนตรี"]:
            if str(position).strip():
                held.append(("คณะรัฐมนตรีไทย", fold_spaces(str(position)), None))
    return held


def _person(
    entry: dict[str, Any],
    source: tuple[str, int],
    organisations: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    entities: list[dict[str, Any]],
) -> None:
    first, last = fold_spaces(str(entry["name"])), fold_spaces(str(entry.get("lastname") or ""))
    full = f"{first} {last}".strip()
    pid = person_id("politician", str(entry["id"]).strip())
    birth = _date(entry.get("birthdate"))
    english = entry.get("en") or {}
    english_name = fold_spaces(f"{english.get('name') or ''} {english.get('lastname') or ''}") or None
    organisations.append(
        {
            **_org(
                pid, "person", full, source, "Person", name_en=english_name, birth_date=birth, primary=True
            ),
            "name_key": person_name_key(full),
        }
    )
    person = entity("Person", pid, name=full, firstName=first, lastName=last, title=entry.get("title") or None,
                    alias=english_name, birthDate=birth, gender={"ชาย": "male", "หญิง": "female"}.get(str(entry.get("gender"))),
                    nationality="th", topics="role.pep")  # fmt: skip
    entities.append(entity_row(person, source, pid))
    active = bool(entry.get("is_active"))
    for body_name, title, province in _positions(entry):
        body_id = agency_id(body_name)
        organisations.append(_org(body_id, "agency", body_name, source, "PublicBody"))
        post_id = f"position-{hashed(body_id, title)}"
        entities.append(entity_row(entity("Position", post_id, name=title, country="th", organization=body_id,
                                          subnationalArea=province), source))  # fmt: skip
        relation_id = f"rel-{hashed('holds_position', pid, body_id, title, '')}"
        relations.append({"relation_id": relation_id, "kind": "holds_position", "subject_id": pid, "object_id": body_id,
                          "role": title, "source_kind": "politicians_yaml", "source_file_id": source[0], "source_line": source[1]})  # fmt: skip
        entities.append(entity_row(entity("Occupancy", relation_id, holder=pid, post=post_id,
                                          status="current" if active else "ended"), source))  # fmt: skip
    party = fold_spaces(str(entry.get("party") or ""))
    if party:
        org_id = party_id(party)
        organisations.append(_org(org_id, "party", party, source, "Organization"))
        relation_id = f"rel-{hashed('member_of', pid, org_id, '', '')}"
        relations.append({"relation_id": relation_id, "kind": "member_of", "subject_id": pid, "object_id": org_id,
                          "role": "สมาชิกพรรค", "source_kind": "politicians_yaml", "source_file_id": source[0], "source_line": source[1]})  # fmt: skip
        entities.append(
            entity_row(
                entity("Membership", relation_id, member=pid, organization=org_id, role="สมาชิกพรรค"), source
            )
        )
