"""What a visitor asked for: the query box and the filters, parsed from a query string.

All search state lives in the URL (`?q=ถนน&fy=2567&flagged=1&sort=amount&page=2`) so every result
page can be shared. Parsing never raises: a value of the wrong type is dropped and reported in
`errors` (field name and what was expected), so the page can say so instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from sodsong.thai import normalize_text, province_code, search_key, to_arabic_digits

__all__ = [
    "CATEGORIES",
    "KINDS",
    "MAX_QUERY",
    "METHODS",
    "SORTS",
    "Filters",
    "ParsedQuery",
    "SearchRequest",
    "parse_query",
    "parse_request",
]

MAX_QUERY = 200  # characters kept from the box; longer input is cut and the page says so
KINDS = ("projects", "agencies", "companies")
SORTS = ("newest", "oldest", "amount_desc", "amount_asc", "flags")
METHODS = ("open", "selective", "limited", "direct")
CATEGORIES = ("goods", "works", "services")
PER_PAGE = 20
MAX_PER_PAGE = 100
_ORG_ID = re.compile(r"^[a-z]{2,8}-[a-z0-9-]{1,80}$")
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class ParsedQuery:
    """The box's text, understood: phrases to find, or an exact number, id or province."""

    text: str = ""  # normalised, as shown back in the box
    terms: tuple[str, ...] = ()  # search keys, each must occur in the name (AND)
    project_no: str | None = None  # an 11-digit e-GP project number
    juristic_id: str | None = None  # a 13-digit juristic id
    province_code: str | None = None  # the whole query names a province
    truncated: bool = False

    @property
    def empty(self) -> bool:
        return not (self.terms or self.project_no or self.juristic_id or self.province_code)

    @property
    def short(self) -> bool:
        """Some term is shorter than the trigram index can look up (under 3 characters)."""
        return any(len(t) < 3 for t in self.terms)


def parse_query(raw: str | None) -> ParsedQuery:
    """`"ถนน คอนกรีต" หมู่` -> phrases `ถนน คอนกรีต` and `หมู่`; Thai digits become Arabic."""
    text = normalize_text(raw or "")
    truncated = len(text) > MAX_QUERY
    text = text[:MAX_QUERY]
    compact = to_arabic_digits(text).replace(" ", "").replace("-", "")
    if re.fullmatch(r"\d{11}", compact):
        return ParsedQuery(text=text, project_no=compact, truncated=truncated)
    if re.fullmatch(r"\d{13}", compact):
        return ParsedQuery(text=text, juristic_id=compact, truncated=truncated)
    phrases = [search_key(p) for p in _PHRASE.findall(text)]
    rest = _PHRASE.sub(" ", text).replace('"', " ")
    terms = [t for t in (*phrases, *search_key(rest).split(" ")) if t.strip()]
    code = province_code(text) if text and not phrases else None
    unique = tuple(dict.fromkeys(terms))
    return ParsedQuery(text=text, terms=unique, province_code=code, truncated=truncated)


@dataclass(frozen=True)
class Filters:
    """The filters of the projects tab (all optional)."""

    fiscal_year: int | None = None  # BE
    agency: str | None = None  # org_id of the buyer or procuring entity
    parent: str | None = None  # org_id of the parent agency
    province: str | None = None  # ADM1 code, e.g. TH40
    method: str | None = None  # open, selective, limited, direct
    category: str | None = None  # goods, works, services
    status: str | None = None  # project status as published (Thai)
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    flagged: bool = False

    @property
    def active(self) -> bool:
        return any(v not in (None, False) for v in self.__dict__.values())

    @property
    def cube_only(self) -> bool:
        """Only filters the precomputed cube has, so counts and sums need no scan."""
        return not (self.agency or self.parent or self.amount_min is not None or self.amount_max is not None)


@dataclass(frozen=True)
class SearchRequest:
    """Everything a search page or API call asked for."""

    query: ParsedQuery = field(default_factory=ParsedQuery)
    filters: Filters = field(default_factory=Filters)
    kind: str = "projects"
    sort: str = "newest"
    page: int = 1
    per_page: int = PER_PAGE
    errors: tuple[tuple[str, str], ...] = ()  # (field, what was expected)

    def params(self, **changes: object) -> dict[str, str]:
        """The query-string parameters of this request (with changes), for links."""
        f = self.filters
        values: dict[str, object] = {
            "q": self.query.text,
            "kind": self.kind if self.kind != "projects" else None,
            "fy": f.fiscal_year,
            "agency": f.agency,
            "parent": f.parent,
            "province": f.province,
            "method": f.method,
            "category": f.category,
            "status": f.status,
            "min": f.amount_min,
            "max": f.amount_max,
            "flagged": "1" if f.flagged else None,
            "sort": self.sort if self.sort != "newest" else None,
            "page": self.page if self.page != 1 else None,
        }
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v not in (None, "", False)}

    def url(self, **changes: object) -> str:
        return "?" + urlencode(self.params(**changes))

    def with_page(self, page: int) -> SearchRequest:
        return replace(self, page=page)


def _int(value: str) -> int | None:
    text = to_arabic_digits(value.strip())
    return int(text) if re.fullmatch(r"\d{1,9}", text) else None


def _amount(value: str) -> Decimal | None:
    text = to_arabic_digits(value.strip()).replace(",", "")
    if not re.fullmatch(r"\d{1,15}(\.\d{1,2})?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already rules it out
        return None


def parse_request(params: Mapping[str, str], *, kind: str | None = None) -> SearchRequest:
    """Read a query string; wrong values are dropped and listed in `errors`, never raised."""
    errors: list[tuple[str, str]] = []

    def get(name: str) -> str:
        value = params.get(name)
        return value.strip() if isinstance(value, str) else ""

    def number(name: str, low: int, high: int, expected: str) -> int | None:
        raw = get(name)
        if not raw:
            return None
        value = _int(raw)
        if value is None or not low <= value <= high:
            errors.append((name, expected))
            return None
        return value

    def choice(name: str, allowed: tuple[str, ...]) -> str | None:
        raw = get(name)
        if not raw:
            return None
        if raw not in allowed:
            errors.append((name, "one of " + ", ".join(allowed)))
            return None
        return raw

    def org(name: str) -> str | None:
        raw = get(name)
        if not raw:
            return None
        if not _ORG_ID.match(raw):
            errors.append((name, "an organisation id such as th-agency-…"))
            return None
        return raw

    def amount(name: str) -> Decimal | None:
        raw = get(name)
        if not raw:
            return None
        value = _amount(raw)
        if value is None:
            errors.append((name, "an amount in baht, e.g. 500000"))
        return value

    province = None
    if get("province"):
        province = province_code(get("province"))
        if province is None:
            errors.append(("province", "a Thai province name or code such as TH40"))
    status = get("status")[:60] or None
    flagged_raw = get("flagged")
    if flagged_raw not in ("", "0", "1", "on", "true"):
        errors.append(("flagged", "1 or 0"))
    filters = Filters(
        fiscal_year=number("fy", 2500, 2700, "a fiscal year in the Buddhist Era, e.g. 2567"),
        agency=org("agency"),
        parent=org("parent"),
        province=province,
        method=choice("method", METHODS),
        category=choice("category", CATEGORIES),
        status=normalize_text(status) if status else None,
        amount_min=amount("min"),
        amount_max=amount("max"),
        flagged=flagged_raw in ("1", "on", "true"),
    )
    chosen_kind = kind or choice("kind", KINDS) or "projects"
    page = number("page", 1, 10_000, "a page number from 1") or 1
    per_page = number("per_page", 1, MAX_PER_PAGE, f"a page size from 1 to {MAX_PER_PAGE}") or PER_PAGE
    return SearchRequest(
        query=parse_query(params.get("q") if isinstance(params.get("q"), str) else ""),
        filters=filters,
        kind=chosen_kind,
        sort=choice("sort", SORTS) or "newest",
        page=page,
        per_page=per_page,
        errors=tuple(errors),
    )
