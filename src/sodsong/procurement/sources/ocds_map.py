"""One OCDS compiled release -> rows of the canonical tables (process, item, bid, award, ...)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sodsong.procurement.warehouse.keys import company_id
from sodsong.thai import company_match_key, fiscal_year, fold_spaces, is_valid_juristic_id
from sodsong.thai.ids import compact_id

__all__ = ["AGENCY_ROLES", "MERGE_RULES", "Rows", "map_release", "party_org_id"]

Row = dict[str, Any]
Rows = dict[str, list[Row]]

# OCDS 1.1 merge rules that cannot be inferred from the data (arrays of objects merged whole).
# Passed to ocdsmerge so it never fetches the release schema from the internet.
MERGE_RULES = {
    ("tender", "items", "additionalClassifications"): "wholeListMerge",
    ("awards", "items", "additionalClassifications"): "wholeListMerge",
    ("contracts", "items", "additionalClassifications"): "wholeListMerge",
    ("planning", "items", "additionalClassifications"): "wholeListMerge",
    ("parties", "additionalIdentifiers"): "wholeListMerge",
    ("buyer", "additionalIdentifiers"): "wholeListMerge",
    ("tender", "procuringEntity", "additionalIdentifiers"): "wholeListMerge",
    ("tender", "tenderers", "additionalIdentifiers"): "wholeListMerge",
    ("awards", "suppliers", "additionalIdentifiers"): "wholeListMerge",
    ("tender", "amendment", "changes"): "wholeListMerge",
    ("awards", "amendment", "changes"): "wholeListMerge",
    ("contracts", "amendment", "changes"): "wholeListMerge",
}
AGENCY_ROLES = frozenset({"buyer", "procuringEntity", "payer", "funder", "reviewBody", "interestedParty"})


def _get(value: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _obj(value: Any) -> Mapping[str, Any]:
    """The value when it is a JSON object, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _money(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    if not amount.is_finite() or abs(amount) >= Decimal("1e16"):
        return None
    return amount.quantize(Decimal("0.01"))


def _timestamp(value: Any) -> datetime.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.datetime.combine(datetime.date.fromisoformat(text[:10]), datetime.time())
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _date(value: Any) -> datetime.date | None:
    """The calendar date as the publisher wrote it (its own offset), CE."""
    moment = _timestamp(value)
    return moment.date() if moment else None


def party_org_id(party: Mapping[str, Any], ocid: str) -> str:
    """`th-dbd-…` for a valid TH-DBD identifier, `ocds-<scheme>-<id>` for another identifier,
    else a key local to the process (`ocds-<ocid>-<party id>`)."""
    identifier = _obj(party.get("identifier"))
    scheme, ident = _text(_get(identifier, "scheme")), _text(_get(identifier, "id"))
    if scheme == "TH-DBD" and ident and is_valid_juristic_id(ident):
        return company_id(compact_id(ident))
    if ident:
        return f"ocds-{scheme or 'unknown'}-{ident}"
    return f"ocds-{ocid}-{_text(party.get('id')) or _text(party.get('name')) or 'party'}"


def _address(party: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    address = _obj(party.get("address"))
    parts = [
        _text(address.get(k)) for k in ("streetAddress", "locality", "region", "postalCode", "countryName")
    ]
    text = ", ".join(p for p in parts if p) or None
    # Cardinal's R044 key: lowercased, trimmed, only when there is a street address.
    key = "|".join((p or "").lower() for p in parts) if parts[0] else None
    return text, key, parts[3]


class _Parties:
    """Parties by their id, and references (buyer, suppliers, tenderers) resolved to org ids."""

    def __init__(self, release: Mapping[str, Any], ocid: str) -> None:
        self.ocid = ocid
        self.by_id: dict[str, Mapping[str, Any]] = {}
        self.extra: dict[str, Mapping[str, Any]] = {}
        for party in release.get("parties") or []:
            if isinstance(party, Mapping) and _text(party.get("id")):
                self.by_id[str(party["id"]).strip()] = party

    def resolve(self, reference: Any, role: str) -> str | None:
        if not isinstance(reference, Mapping):
            return None
        ref_id = _text(reference.get("id"))
        party = self.by_id.get(ref_id) if ref_id else None
        if party is None:
            party = {**reference, "roles": [role]}
            if not ref_id and not _text(reference.get("name")):
                return None
        org_id = party_org_id(party, self.ocid)
        roles = set(party.get("roles") or []) | {role}
        self.extra[org_id] = {**party, "roles": sorted(r for r in roles if isinstance(r, str))}
        return org_id

    def organisations(self, source: tuple[str, int]) -> list[Row]:
        parties = {party_org_id(p, self.ocid): p for p in self.by_id.values()}
        for org_id, party in self.extra.items():
            parties.setdefault(org_id, party)
        rows = []
        for org_id, party in parties.items():
            roles = {r for r in party.get("roles") or [] if isinstance(r, str)}
            agency = bool(roles & AGENCY_ROLES) and not roles & {"supplier", "tenderer"}
            name = _text(party.get("name")) or _text(_get(party, "identifier", "legalName")) or org_id
            address, address_key, postal = _address(party)
            identifier = _obj(party.get("identifier"))
            juristic = org_id.removeprefix("th-dbd-") if org_id.startswith("th-dbd-") else None
            rows.append(
                {
                    "org_id": org_id,
                    "kind": "agency" if agency else "company",
                    "name": name,
                    "name_key": fold_spaces(name) if agency else company_match_key(name),
                    "juristic_id": juristic,
                    "identifier_scheme": _text(identifier.get("scheme")),
                    "identifier_id": _text(identifier.get("id")),
                    "address": address,
                    "address_key": address_key,
                    "postal_code": postal,
                    "province": _text(_get(party, "address", "region")),
                    "resolved_id": org_id,
                    "ftm_schema": "PublicBody" if agency else "Company",
                    "source_kind": "ocds",
                    "source_file_id": source[0],
                    "source_line": source[1],
                }
            )
        return rows


def _bid_stage(status: str | None, amount: Decimal | None) -> str:
    if status == "invited":
        return "bought_documents"
    if status == "valid":
        return "priced" if amount is not None else "qualified"
    return "submitted"


def map_release(release: Mapping[str, Any], source: tuple[str, int]) -> Rows:
    """Canonical rows for one compiled release; `source` is (source_file_id, source_line)."""
    ocid = str(release["ocid"]).strip()
    pid = ocid
    parties = _Parties(release, ocid)
    tender = _obj(release.get("tender"))
    provenance = {"source_file_id": source[0], "source_line": source[1]}
    published = _date(tender.get("datePublished"))
    start = _timestamp(_get(tender, "tenderPeriod", "startDate"))
    first_date = published or (start.date() if start else None) or _date(release.get("date"))
    buyer_id = parties.resolve(release.get("buyer"), "buyer")
    pe_id = parties.resolve(tender.get("procuringEntity"), "procuringEntity")
    tenderers = tender.get("numberOfTenderers")
    process = {
        "process_id": pid,
        "source_kind": "ocds",
        "project_no": _text(tender.get("id")),
        "title": _text(tender.get("title")),
        "buyer_id": buyer_id,
        "buyer_name": _text(_get(release, "buyer", "name")),
        "procuring_entity_id": pe_id,
        "procuring_entity_name": _text(_get(tender, "procuringEntity", "name")),
        "main_procurement_category": _text(tender.get("mainProcurementCategory"))
        if tender.get("mainProcurementCategory") in ("goods", "works", "services")
        else None,
        "method_details": _text(tender.get("procurementMethodDetails")),
        "method_source": "ocds",
        "procurement_method": tender.get("procurementMethod")
        if tender.get("procurementMethod") in ("open", "selective", "limited", "direct")
        else None,
        "budget": _money(_get(release, "planning", "budget", "amount", "amount")),
        "reference_price": _money(_get(tender, "value", "amount")),
        "currency": _text(_get(tender, "value", "currency"))
        or _text(_get(release, "planning", "budget", "amount", "currency")),
        "date_published": published,
        "date_published_raw": _text(tender.get("datePublished")),
        "fiscal_year": fiscal_year(first_date) if first_date else None,
        "status_details": _text(tender.get("statusDetails")),
        "tender_status": _text(tender.get("status")),
        "tender_period_start": start,
        "tender_period_end": _timestamp(_get(tender, "tenderPeriod", "endDate")),
        "number_of_tenderers": tenderers
        if isinstance(tenderers, int) and not isinstance(tenderers, bool)
        else None,
        **provenance,
    }
    rows: Rows = {
        "process": [process],
        "item": [],
        "bid": [],
        "award": [],
        "award_supplier": [],
        "contract": [],
    }
    for number, item in enumerate(tender.get("items") or [], start=1):
        if not isinstance(item, Mapping):
            continue
        item_no = _text(item.get("id")) or str(number)
        rows["item"].append(
            {
                "item_id": f"{pid}/item/{item_no}",
                "process_id": pid,
                "item_no": item_no,
                "description": _text(item.get("description")),
                "classification_scheme": _text(_get(item, "classification", "scheme")),
                "classification_id": _text(_get(item, "classification", "id")),
                "quantity": _money(item.get("quantity")),
                "unit": _text(_get(item, "unit", "name")),
                "unit_price": _money(_get(item, "unit", "value", "amount")),
                "currency": _text(_get(item, "unit", "value", "currency")),
                **provenance,
            }
        )
    for number, bid in enumerate(_get(release, "bids", "details") or [], start=1):
        if not isinstance(bid, Mapping):
            continue
        bid_no = _text(bid.get("id")) or str(number)
        status = (
            bid.get("status")
            if bid.get("status") in ("invited", "pending", "valid", "disqualified", "withdrawn")
            else None
        )
        amount = _money(_get(bid, "value", "amount"))
        named = [t for t in bid.get("tenderers") or [] if isinstance(t, Mapping)]
        ids = [parties.resolve(t, "tenderer") for t in named] or [None]
        for index, tenderer_id in enumerate(ids):
            rows["bid"].append(
                {
                    "bid_id": f"{pid}/bid/{bid_no}/{tenderer_id or '-'}",
                    "process_id": pid,
                    "tenderer_id": tenderer_id,
                    "tenderer_name": _text(named[index].get("name")) if named else None,
                    "bid_no": bid_no,
                    "consortium_size": len(named),
                    "stage": _bid_stage(status, amount),
                    "status": status,
                    "amount": amount,
                    "currency": _text(_get(bid, "value", "currency")),
                    "date": _timestamp(bid.get("date")),
                    **provenance,
                }
            )
    for number, award in enumerate(release.get("awards") or [], start=1):
        if not isinstance(award, Mapping):
            continue
        award_id = f"{pid}/award/{_text(award.get('id')) or number}"
        suppliers = [s for s in award.get("suppliers") or [] if isinstance(s, Mapping)]
        supplier_ids = [parties.resolve(s, "supplier") for s in suppliers]
        winner = next((s for s in supplier_ids if s and s.startswith("th-dbd-")), None)
        rows["award"].append(
            {
                "award_id": award_id,
                "process_id": pid,
                "status": _text(award.get("status")),
                "date": _date(award.get("date")),
                "value_amount": _money(_get(award, "value", "amount")),
                "currency": _text(_get(award, "value", "currency")),
                "winner_id": winner.removeprefix("th-dbd-") if winner else None,
                "winner_id_status": "valid" if winner else None,
                "winner_name": _text(suppliers[0].get("name")) if suppliers else None,
                **provenance,
            }
        )
        for org_id in dict.fromkeys(s for s in supplier_ids if s):
            rows["award_supplier"].append({"award_id": award_id, "org_id": org_id, "process_id": pid})
    for number, contract in enumerate(release.get("contracts") or [], start=1):
        if not isinstance(contract, Mapping):
            continue
        contract_no = _text(contract.get("id")) or str(number)
        award_ref = _text(contract.get("awardID"))
        rows["contract"].append(
            {
                "contract_id": f"{pid}/contract/{contract_no}",
                "process_id": pid,
                "award_id": f"{pid}/award/{award_ref}" if award_ref else None,
                "contract_no": contract_no,
                "title": _text(contract.get("title")),
                "date_signed": _date(contract.get("dateSigned")),
                "date_signed_raw": _text(contract.get("dateSigned")),
                "period_end": _date(_get(contract, "period", "endDate")),
                "period_end_raw": _text(_get(contract, "period", "endDate")),
                "value_amount": _money(_get(contract, "value", "amount")),
                "currency": _text(_get(contract, "value", "currency")),
                "status_details": _text(contract.get("statusDetails")),
                "status": _text(contract.get("status")),
                **provenance,
            }
        )
    rows["organisation"] = parties.organisations(source)
    return rows
