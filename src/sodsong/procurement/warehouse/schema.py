"""The canonical warehouse schema, written once as data: every table, column, type and meaning.

This module is the contract between the importers, the synthetic generator, the indicators and
the explorer pages. The DDL is generated from these definitions, `docs/warehouse.md` documents
them (a test checks the two agree), and `SCHEMA_VERSION` changes whenever a column changes.

Conventions (see docs/warehouse.md): keys are text, deterministic from the source data so a
re-import produces the same rows; money is DECIMAL(18,2) baht; dates are DATE in CE; where a
source is messy the published text is kept next to the parsed value (`*_raw`); every row keeps
the file and line it came from (`source_file_id`, `source_line`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

__all__ = [
    "BID_STAGES",
    "BID_STATUSES",
    "MONEY",
    "ORGANISATION_KINDS",
    "RELATION_KINDS",
    "SCHEMA_VERSION",
    "TABLES",
    "WINNER_ID_STATUSES",
    "Column",
    "SchemaVersionError",
    "Table",
    "create_schema",
    "ddl",
    "duplicate_keys",
    "markdown",
    "table",
]

SCHEMA_VERSION = 2
MONEY = "DECIMAL(18,2)"

ORGANISATION_KINDS = ("agency", "company", "person", "party")
RELATION_KINDS = (
    "director_of",
    "shareholder_of",
    "same_address",
    "relative_of",
    "donated_to",
    "holds_position",
    "member_of",
)
# The bidder funnel, in order: a later stage implies the earlier ones.
BID_STAGES = ("bought_documents", "submitted", "qualified", "priced")
# OCDS bidStatus codelist.
BID_STATUSES = ("invited", "pending", "valid", "disqualified", "withdrawn")
WINNER_ID_STATUSES = ("valid", "excel_mangled", "person_id_withheld", "invalid", "missing")
PROCUREMENT_METHODS = ("open", "selective", "limited", "direct")
MAIN_CATEGORIES = ("goods", "works", "services")


@dataclass(frozen=True)
class Column:
    """One column: name, DuckDB type, meaning; `required` means NOT NULL."""

    name: str
    type: str
    doc: str
    required: bool = False
    check: str | None = None


@dataclass(frozen=True)
class Table:
    """One table with its primary key (a tuple of column names)."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _in(values: tuple[str, ...]) -> str:
    return "IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _source() -> tuple[Column, ...]:
    return (
        Column("source_file_id", "VARCHAR", "the file this row came from (source_file.source_file_id)"),
        Column(
            "source_line",
            "BIGINT",
            "line (CSV: 1 = header; JSON Lines: line; JSON: record number) of the first record it came from",
        ),
    )


# Kept one column per line for reading; the formatter would explode every long description.
# fmt: off
TABLES: tuple[Table, ...] = (
    Table(
        "meta",
        "Facts about the warehouse itself: `schema_version`.",
        (
            Column("key", "VARCHAR", "name of the fact", required=True),
            Column("value", "VARCHAR", "its value, as text", required=True),
        ),
        ("key",),
    ),
    Table(
        "source_file",
        "Every file ever imported, identified by its content (the same bytes are the same source).",
        (
            Column("source_file_id", "VARCHAR", "`f-` + the first 20 hex digits of the SHA-256 of the bytes", required=True),
            Column("source_kind", "VARCHAR", "egp_csv, ocds, dbd_json, company_csv, politicians_yaml, blacklist_csv, synthetic", required=True),
            Column("file_name", "VARCHAR", "the file's name when imported (not its path)", required=True),
            Column("sha256", "VARCHAR", "SHA-256 of the file's bytes", required=True),
            Column("size_bytes", "BIGINT", "size of the file", required=True),
            Column(
                "encoding",
                "VARCHAR",
                "encoding detected: utf-8, utf-8-sig (BOM), cp874 (TIS-620), followed by `(gzip)`, `(bzip2)` or "
                "`(xz)` for a compressed file; null for non-text",
            ),
            Column("layout", "VARCHAR", "layout detected, e.g. egp-31, egp-28, egp-api, egp-extract, release-package"),
            Column("layout_note", "VARCHAR", "why that layout (e.g. header has 26 cells, rows 28 fields)"),
            Column("records_read", "BIGINT", "records read from the file"),
            Column("records_imported", "BIGINT", "records that became warehouse rows"),
            Column("records_rejected", "BIGINT", "records rejected (see rejection)"),
            Column("attribution", "VARCHAR", "licence and credit to show with facts from this file"),
        ),
        ("source_file_id",),
    ),
    Table(
        "source_row",
        "Provenance: one row per record read, with what it became (or that it was rejected).",
        (
            Column("source_file_id", "VARCHAR", "source_file.source_file_id", required=True),
            Column("source_line", "BIGINT", "line or record number in that file", required=True),
            Column("status", "VARCHAR", "imported, merged (same fact as another record) or rejected", required=True,
                   check=_in(("imported", "merged", "rejected"))),
            Column("process_id", "VARCHAR", "the process this record is about, when it is about one"),
            Column("row_table", "VARCHAR", "the table of the main row it produced (award, organisation, sanction, ...)"),
            Column("row_id", "VARCHAR", "that row's key"),
        ),
        ("source_file_id", "source_line"),
    ),
    Table(
        "rejection",
        "Why a record was not imported: one row per record and field, with what was expected.",
        (
            Column("source_file_id", "VARCHAR", "source_file.source_file_id", required=True),
            Column("source_line", "BIGINT", "line or record number", required=True),
            Column("field", "VARCHAR", "the column or JSON path at fault (`*` for the whole record)", required=True),
            Column("expected", "VARCHAR", "what was expected there", required=True),
            Column("value", "VARCHAR", "the offending value, cut to 200 characters (ids of persons are never kept)"),
        ),
        ("source_file_id", "source_line", "field"),
    ),
    Table(
        "province",
        "Thai provinces with their OCHA COD-AB code (ADM1_PCODE of data/geo/th_adm1.geojson).",
        (
            Column("province_code", "VARCHAR", "ADM1_PCODE, e.g. TH10", required=True),
            Column("name_th", "VARCHAR", "Thai name, e.g. กรุงเทพมหานคร", required=True),
            Column("name_en", "VARCHAR", "English name, e.g. Bangkok", required=True),
        ),
        ("province_code",),
    ),
    Table(
        "organisation",
        "Agencies, companies, persons and parties, entity-resolved: one row per key; "
        "`resolved_id` points to the row a person confirmed this one is.",
        (
            Column("org_id", "VARCHAR", "key: `th-dbd-<13 digits>` for a company with a valid juristic id, "
                   "`th-name-<hash>` for a supplier known only by name, `th-agency-<hash>`, `th-person-<hash>`, "
                   "`th-party-<hash>`, `ocds-<scheme>-<id>` for OCDS parties", required=True),
            Column("kind", "VARCHAR", "agency, company, person or party", required=True, check=_in(ORGANISATION_KINDS)),
            Column("name", "VARCHAR", "name as published or registered (Thai where there is one; the juristic id when a source gives none)", required=True),
            Column("name_en", "VARCHAR", "English name"),
            Column("name_key", "VARCHAR", "matching key: sodsong.thai.company_match_key for companies, folded name otherwise"),
            Column("juristic_id", "VARCHAR", "13-digit juristic id, only when checksum-valid (never a citizen id)"),
            Column("identifier_scheme", "VARCHAR", "other identifier's scheme (OCDS parties), e.g. PY-RUC"),
            Column("identifier_id", "VARCHAR", "other identifier's value"),
            Column("legal_form", "VARCHAR", "ประเภทนิติบุคคล as registered, e.g. บริษัทจำกัด"),
            Column("status", "VARCHAR", "registration status as published, e.g. ยังดำเนินกิจการอยู่"),
            Column("registration_date", "DATE", "date registered (CE)"),
            Column("capital", MONEY, "registered capital, baht"),
            Column("business_group", "VARCHAR", "business group / TSIC description"),
            Column("tsic_code", "VARCHAR", "TSIC code when known"),
            Column("address", "VARCHAR", "address as published"),
            Column("address_key", "VARCHAR", "normalised address used to find shared addresses"),
            Column("postal_code", "VARCHAR", "postal code"),
            Column("province", "VARCHAR", "province name as published"),
            Column("province_code", "VARCHAR", "province.province_code"),
            Column("birth_date", "DATE", "persons: date of birth when public (politicians)"),
            Column("parent_id", "VARCHAR", "agencies: the agency a sub-agency belongs to"),
            Column("resolved_id", "VARCHAR", "the organisation this one is (itself unless a name match was confirmed)", required=True),
            Column("ftm_schema", "VARCHAR", "FollowTheMoney schema: Company, PublicBody, Person, Organization, LegalEntity"),
            Column("source_kind", "VARCHAR", "the kind of source that first named it"),
            *_source(),
        ),
        ("org_id",),
    ),
    Table(
        "relation",
        "Links between organisations and persons, with dates.",
        (
            Column("relation_id", "VARCHAR", "key: hash of kind, subject, object, role and start date", required=True),
            Column("kind", "VARCHAR", ", ".join(RELATION_KINDS), required=True, check=_in(RELATION_KINDS)),
            Column("subject_id", "VARCHAR", "organisation.org_id of the subject (the director, shareholder, donor, office holder)", required=True),
            Column("object_id", "VARCHAR", "organisation.org_id of the object (the company, party, body)", required=True),
            Column("role", "VARCHAR", "position title, kinship, or share class as published"),
            Column("start_date", "DATE", "from (CE)"),
            Column("end_date", "DATE", "until (CE); null while current or unknown"),
            Column("amount", MONEY, "donations and shareholdings: baht"),
            Column("share_percent", "DECIMAL(9,4)", "shareholdings: percent"),
            Column("source_kind", "VARCHAR", "the kind of source"),
            *_source(),
        ),
        ("relation_id",),
    ),
    Table(
        "process",
        "One contracting process (an e-GP project or an OCDS ocid): the tender and its context.",
        (
            Column("process_id", "VARCHAR", "the OCDS ocid: `ocds-sodsong-egp-<project number>` for e-GP rows", required=True),
            Column("source_kind", "VARCHAR", "egp_csv, ocds or synthetic", required=True),
            Column("project_no", "VARCHAR", "e-GP รหัสโครงการ / OCDS tender.id"),
            Column("title", "VARCHAR", "ชื่อโครงการ / tender.title"),
            Column("buyer_id", "VARCHAR", "organisation.org_id of the buyer (ชื่อหน่วยงาน)"),
            Column("buyer_name", "VARCHAR", "buyer's name as published"),
            Column("procuring_entity_id", "VARCHAR", "organisation.org_id of the procuring entity (ชื่อหน่วยงานย่อย)"),
            Column("procuring_entity_name", "VARCHAR", "procuring entity's name as published"),
            Column("category_raw", "VARCHAR", "ชื่อประเภทโครงการ as published (ซื้อ, จ้างก่อสร้าง, ...)"),
            Column("main_procurement_category", "VARCHAR", "goods, works or services", check=_in(MAIN_CATEGORIES)),
            Column("method_raw", "VARCHAR", "วิธีจัดซื้อฯ cell as published (may be header-like junk)"),
            Column("method_group_raw", "VARCHAR", "กลุ่มวิธีจัดซื้อฯ cell as published"),
            Column("method_details", "VARCHAR", "the method in Thai as used: OCDS procurementMethodDetails"),
            Column("method_source", "VARCHAR", "where method_details came from: column, project_name, ocds or none"),
            Column("procurement_method", "VARCHAR", "OCDS procurementMethod: open, selective, limited, direct",
                   check=_in(PROCUREMENT_METHODS)),
            Column("budget", MONEY, "งบประมาณ(บาท) / planning.budget.amount.amount"),
            Column("reference_price", MONEY, "ราคากลาง(บาท) / tender.value.amount"),
            Column("currency", "VARCHAR", "currency of the amounts (THB for e-GP)"),
            Column("date_published", "DATE", "วันที่ประกาศ / tender.datePublished (CE)"),
            Column("date_published_raw", "VARCHAR", "วันที่ประกาศ as published"),
            Column("fiscal_year", "INTEGER", "ปีงบประมาณ, Thai fiscal year in BE (1 Oct - 30 Sep, named by the year it ends in)"),
            Column("status_details", "VARCHAR", "สถานะโครงการ as published / tender.statusDetails"),
            Column("tender_status", "VARCHAR", "OCDS tender.status (active, complete, cancelled, ...)"),
            Column("tender_period_start", "TIMESTAMPTZ", "tender.tenderPeriod.startDate"),
            Column("tender_period_end", "TIMESTAMPTZ", "tender.tenderPeriod.endDate"),
            Column("number_of_tenderers", "INTEGER", "tender.numberOfTenderers as published"),
            Column("province", "VARCHAR", "จังหวัด as published (delivery / project location)"),
            Column("province_code", "VARCHAR", "province.province_code matched from the Thai name"),
            Column("district", "VARCHAR", "เขต/อำเภอ"),
            Column("subdistrict", "VARCHAR", "แขวง/ตำบล"),
            Column("location_raw", "VARCHAR", "พิกัดของโครงการ as published"),
            Column("latitude", "DOUBLE", "ละติจูดโครงการ"),
            Column("longitude", "DOUBLE", "ลองจิจูดโครงการ"),
            Column("source_url", "VARCHAR", "where to verify at source"),
            *_source(),
        ),
        ("process_id",),
    ),
    Table(
        "item",
        "Items (lots/lines) of a process, with the item-level reference price.",
        (
            Column("item_id", "VARCHAR", "key: `<process_id>/item/<item number>`", required=True),
            Column("process_id", "VARCHAR", "process.process_id", required=True),
            Column("item_no", "VARCHAR", "item number within the process (OCDS items[].id)", required=True),
            Column("description", "VARCHAR", "what is bought"),
            Column("classification_scheme", "VARCHAR", "e.g. UNSPSC, CPV"),
            Column("classification_id", "VARCHAR", "code in that scheme"),
            Column("quantity", "DECIMAL(18,4)", "quantity"),
            Column("unit", "VARCHAR", "unit name"),
            Column("unit_price", MONEY, "unit price"),
            Column("reference_price", MONEY, "ราคากลาง of this item"),
            Column("currency", "VARCHAR", "currency"),
            *_source(),
        ),
        ("item_id",),
    ),
    Table(
        "bid",
        "One row per bidder per item (or per process when item_id is null): how far the bidder got "
        "in the funnel, the bid status and amount.",
        (
            Column("bid_id", "VARCHAR", "key: `<process_id>/bid/<bid number>/<tenderer>`", required=True),
            Column("process_id", "VARCHAR", "process.process_id", required=True),
            Column("item_id", "VARCHAR", "item.item_id, null for a bid on the whole process"),
            Column("tenderer_id", "VARCHAR", "organisation.org_id of the bidder (null when the source names none)"),
            Column("tenderer_name", "VARCHAR", "bidder's name as published"),
            Column("bid_no", "VARCHAR", "the bid's own id (OCDS bids.details[].id); shared by the members of a consortium"),
            Column("consortium_size", "INTEGER", "tenderers named on the bid (1 unless a consortium bid together)"),
            Column("stage", "VARCHAR", "furthest funnel stage: bought_documents, submitted, qualified, priced",
                   required=True, check=_in(BID_STAGES)),
            Column("status", "VARCHAR", "OCDS bid status: invited, pending, valid, disqualified, withdrawn",
                   check=_in(BID_STATUSES)),
            Column("amount", MONEY, "price offered"),
            Column("currency", "VARCHAR", "currency of the amount"),
            Column("date", "TIMESTAMPTZ", "when the bid was submitted"),
            *_source(),
        ),
        ("bid_id",),
    ),
    Table(
        "award",
        "Awards (e-GP: one per winner row) with the winner as published and the agreed price.",
        (
            Column("award_id", "VARCHAR", "key: `<process_id>/award/<hash of winner, price, contract>` for e-GP", required=True),
            Column("process_id", "VARCHAR", "process.process_id", required=True),
            Column("status", "VARCHAR", "OCDS award status (active, pending, cancelled, unsuccessful)"),
            Column("date", "DATE", "award date (CE)"),
            Column("transaction_date", "DATE", "e-GP วันที่เกิดรายการ (CE)"),
            Column("transaction_date_raw", "VARCHAR", "วันที่เกิดรายการ as published"),
            Column("value_amount", MONEY, "ราคาตกลงซื้อ/จ้าง / awards[].value.amount (0 in e-GP = no winner yet)"),
            Column("currency", "VARCHAR", "currency"),
            Column("winner_id_raw", "VARCHAR", "เลขนิติบุคคล as published (e.g. 1.05559E+11); null when it is a person's id"),
            Column("winner_id", "VARCHAR", "the 13-digit juristic id when the published one is usable, else null"),
            Column("winner_id_status", "VARCHAR", "valid, excel_mangled, person_id_withheld, invalid, missing",
                   check=_in(WINNER_ID_STATUSES)),
            Column("winner_name", "VARCHAR", "ชื่อผู้ชนะ as published"),
            *_source(),
        ),
        ("award_id",),
    ),
    Table(
        "award_supplier",
        "The suppliers of each award (OCDS awards[].suppliers[]).",
        (
            Column("award_id", "VARCHAR", "award.award_id", required=True),
            Column("org_id", "VARCHAR", "organisation.org_id of the supplier", required=True),
            Column("process_id", "VARCHAR", "process.process_id (repeated for quick joins)", required=True),
        ),
        ("award_id", "org_id"),
    ),
    Table(
        "contract",
        "Contracts, linked to their award.",
        (
            Column("contract_id", "VARCHAR", "key: `<process_id>/contract/<hash>` for e-GP", required=True),
            Column("process_id", "VARCHAR", "process.process_id", required=True),
            Column("award_id", "VARCHAR", "award.award_id"),
            Column("contract_no", "VARCHAR", "เลขที่สัญญา / contracts[].id as published"),
            Column("title", "VARCHAR", "title"),
            Column("date_signed", "DATE", "วันที่ลงนามสัญญา (CE)"),
            Column("date_signed_raw", "VARCHAR", "as published"),
            Column("period_end", "DATE", "วันที่สิ้นสุดสัญญา (CE)"),
            Column("period_end_raw", "VARCHAR", "as published"),
            Column("value_amount", MONEY, "งบสัญญา(บาท) / contracts[].value.amount"),
            Column("currency", "VARCHAR", "currency"),
            Column("status_details", "VARCHAR", "สถานะสัญญา as published / contracts[].statusDetails"),
            Column("status", "VARCHAR", "OCDS contract status (pending, active, cancelled, terminated)"),
            *_source(),
        ),
        ("contract_id",),
    ),
    Table(
        "egp_row",
        "Every imported e-GP CSV row as published and as parsed (the staging the e-GP tables are "
        "derived from; also the easiest place to read a row back field by field).",
        (
            Column("source_file_id", "VARCHAR", "source_file.source_file_id", required=True),
            Column("source_line", "BIGINT", "line in that file (1 = header)", required=True),
            Column("layout_rank", "INTEGER", "1 for the original data.go.th layouts, 2 for derived extracts: the lower wins when rows disagree", required=True),
            Column("project_no", "VARCHAR", "รหัสโครงการ", required=True),
            Column("title", "VARCHAR", "ชื่อโครงการ"),
            Column("category_raw", "VARCHAR", "ชื่อประเภทโครงการ"),
            Column("main_procurement_category", "VARCHAR", "goods, works or services from category_raw"),
            Column("agency", "VARCHAR", "ชื่อหน่วยงาน"),
            Column("sub_agency", "VARCHAR", "ชื่อหน่วยงานย่อย"),
            Column("method_raw", "VARCHAR", "วิธีจัดซื้อฯ as published"),
            Column("method_group_raw", "VARCHAR", "กลุ่มวิธีจัดซื้อฯ as published"),
            Column("method_details", "VARCHAR", "the method used (Thai): from a column, else from the project name"),
            Column("method_source", "VARCHAR", "column, project_name or none"),
            Column("procurement_method", "VARCHAR", "OCDS procurementMethod"),
            Column("date_published_raw", "VARCHAR", "วันที่ประกาศ as published"),
            Column("date_published", "DATE", "วันที่ประกาศ (CE)"),
            Column("budget", MONEY, "งบประมาณ(บาท)"),
            Column("reference_price", MONEY, "ราคากลาง(บาท)"),
            Column("agreed_price", MONEY, "ราคาตกลงซื้อ/จ้าง"),
            Column("fiscal_year", "INTEGER", "ปีงบประมาณ (BE); derived from the first date when not published"),
            Column("transaction_date_raw", "VARCHAR", "วันที่เกิดรายการ as published"),
            Column("transaction_date", "DATE", "วันที่เกิดรายการ (CE)"),
            Column("province", "VARCHAR", "จังหวัด"),
            Column("province_code", "VARCHAR", "province.province_code"),
            Column("district", "VARCHAR", "เขต/อำเภอ"),
            Column("subdistrict", "VARCHAR", "แขวง/ตำบล"),
            Column("project_status", "VARCHAR", "สถานะโครงการ"),
            Column("location_raw", "VARCHAR", "พิกัดของโครงการ"),
            Column("latitude", "DOUBLE", "ละติจูดโครงการ"),
            Column("longitude", "DOUBLE", "ลองจิจูดโครงการ"),
            Column("winner_id_raw", "VARCHAR", "เลขนิติบุคคล as published; null when it is a person's id"),
            Column("winner_id", "VARCHAR", "the juristic id when usable"),
            Column("winner_id_status", "VARCHAR", "valid, excel_mangled, person_id_withheld, invalid, missing", check=_in(WINNER_ID_STATUSES)),
            Column("winner_name", "VARCHAR", "ชื่อผู้ชนะ"),
            Column("contract_no", "VARCHAR", "เลขที่สัญญา"),
            Column("contract_signed_raw", "VARCHAR", "วันที่ลงนามสัญญา as published"),
            Column("contract_signed", "DATE", "วันที่ลงนามสัญญา (CE)"),
            Column("contract_end_raw", "VARCHAR", "วันที่สิ้นสุดสัญญา as published"),
            Column("contract_end", "DATE", "วันที่สิ้นสุดสัญญา (CE)"),
            Column("contract_amount", MONEY, "งบสัญญา(บาท)"),
            Column("contract_status", "VARCHAR", "สถานะสัญญา"),
        ),
        ("source_file_id", "source_line"),
    ),
    Table(
        "ocds_release",
        "Every OCDS release (or compiled release, when a record links its releases) read from a file, as "
        "published: the staging the OCDS processes are compiled from.",
        (
            Column("source_file_id", "VARCHAR", "source_file.source_file_id", required=True),
            Column("source_line", "BIGINT", "JSON Lines: the line; JSON: the release's or record's number in the file", required=True),
            Column("position", "INTEGER", "the release's number within its record (0 for a release on its own)", required=True),
            Column("ocid", "VARCHAR", "the release's ocid", required=True),
            Column("kind", "VARCHAR", "release or compiled", required=True, check=_in(("release", "compiled"))),
            Column("release_id", "VARCHAR", "the release's id"),
            Column("date", "VARCHAR", "the release's date as published"),
            Column("data", "VARCHAR", "the release as JSON", required=True),
        ),
        ("source_file_id", "source_line", "position"),
    ),
    Table(
        "ocds_compiled",
        "The compiled release of every OCDS process (ocdsmerge over all its staged releases), as JSON.",
        (
            Column("process_id", "VARCHAR", "process.process_id (the ocid)", required=True),
            Column("release", "VARCHAR", "the compiled release as JSON", required=True),
            Column("releases", "INTEGER", "how many releases it was compiled from (0: published compiled release used)", required=True),
            *_source(),
        ),
        ("process_id",),
    ),
    Table(
        "sanction",
        "The abandoned-work blacklist (ผู้ทิ้งงาน) and other sanctions.",
        (
            Column("sanction_id", "VARCHAR", "key: hash of the id or name, date listed and agency", required=True),
            Column("org_id", "VARCHAR", "organisation.org_id of the sanctioned company (th-dbd-... when the id is valid)"),
            Column("juristic_id", "VARCHAR", "13-digit juristic id when valid"),
            Column("name", "VARCHAR", "name as listed", required=True),
            Column("name_key", "VARCHAR", "sodsong.thai.company_match_key(name)"),
            Column("date_listed", "DATE", "date put on the list (CE)"),
            Column("date_lifted", "DATE", "date taken off the list (CE), if known"),
            Column("agency", "VARCHAR", "the agency that listed it"),
            Column("reason", "VARCHAR", "reason as published"),
            *_source(),
        ),
        ("sanction_id",),
    ),
    Table(
        "name_match",
        "Suggestions that a supplier known only by name is a registered company: kept for a person to "
        "confirm or reject; never applied automatically.",
        (
            Column("match_id", "VARCHAR", "key: hash of subject and candidate", required=True),
            Column("subject_id", "VARCHAR", "organisation.org_id known by name only (th-name-...)", required=True),
            Column("subject_name", "VARCHAR", "its name as published"),
            Column("candidate_id", "VARCHAR", "organisation.org_id of the registered company (th-dbd-...)", required=True),
            Column("candidate_name", "VARCHAR", "the company's registered name"),
            Column("match_key", "VARCHAR", "the company_match_key both share"),
            Column("method", "VARCHAR", "how it was found: company_match_key", required=True),
            Column("awards", "INTEGER", "awards of the subject this decision would affect"),
            Column("status", "VARCHAR", "suggested, confirmed or rejected (decisions are kept in the app database)",
                   required=True, check=_in(("suggested", "confirmed", "rejected"))),
        ),
        ("match_id",),
    ),
    Table(
        "ftm_entity",
        "FollowTheMoney entities (Company, Person, Position, Occupancy, Directorship, Ownership, ...) "
        "built and validated with the followthemoney model.",
        (
            Column("entity_id", "VARCHAR", "FtM entity id", required=True),
            Column("schema", "VARCHAR", "FtM schema name", required=True),
            Column("caption", "VARCHAR", "display name"),
            Column("properties", "VARCHAR", "JSON object of FtM properties (lists of strings)", required=True),
            Column("org_id", "VARCHAR", "organisation.org_id this entity stands for, if any"),
            *_source(),
        ),
        ("entity_id",),
    ),
)
# fmt: on

_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """The definition of one table."""
    return _BY_NAME[name]


def _column_ddl(column: Column) -> str:
    parts = [f'"{column.name}" {column.type}']
    if column.required:
        parts.append("NOT NULL")
    if column.check:
        parts.append(f'CHECK ("{column.name}" {column.check})')
    return " ".join(parts)


def ddl() -> list[str]:
    """CREATE TABLE statements for the whole schema, in order.

    Keys are unique by construction and checked by `duplicate_keys` rather than declared as
    PRIMARY KEY: DuckDB would keep an in-memory index per key, costly at tens of millions of rows.
    """
    statements = []
    for t in TABLES:
        columns = ",\n  ".join(_column_ddl(c) for c in t.columns)
        statements.append(f'CREATE TABLE IF NOT EXISTS "{t.name}" (\n  {columns}\n)')
    return statements


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table (if missing) and record the schema version; refuses a newer warehouse."""
    for statement in ddl():
        con.execute(statement)
    from sodsong.thai.provinces import PROVINCES

    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.executemany("INSERT INTO province VALUES (?, ?, ?)", [list(p) for p in PROVINCES])
    elif int(row[0]) != SCHEMA_VERSION:
        raise SchemaVersionError(int(row[0]))


def duplicate_keys(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Per table, how many key values occur more than once (empty when every key is unique)."""
    found = {}
    for t in TABLES:
        key = ", ".join(f'"{k}"' for k in t.primary_key)
        # Table and column names come from TABLES, never from input.
        sql = f'SELECT count(*) FROM (SELECT {key} FROM "{t.name}" GROUP BY ALL HAVING count(*) > 1)'
        row = con.execute(sql).fetchone()
        if row and row[0]:
            found[t.name] = int(row[0])
    return found


class SchemaVersionError(RuntimeError):
    """The warehouse was written by another schema version: rebuild it from the sources."""

    def __init__(self, found: int) -> None:
        super().__init__(
            f"the warehouse has schema version {found}, this code expects {SCHEMA_VERSION}: "
            "re-import the sources into a fresh warehouse"
        )
        self.found = found


def markdown() -> str:
    """The tables as Markdown, pasted into docs/warehouse.md between the schema markers."""
    lines = [f"Schema version **{SCHEMA_VERSION}**.", ""]
    for t in TABLES:
        key = ", ".join(t.primary_key)
        lines += [f"### `{t.name}`", "", t.doc, "", f"Key: `{key}`.", ""]
        lines += ["| column | type | meaning |", "| --- | --- | --- |"]
        for c in t.columns:
            flag = " (required)" if c.required else ""
            lines.append(f"| `{c.name}` | {c.type}{flag} | {c.doc.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a maintenance helper
    print(markdown())
