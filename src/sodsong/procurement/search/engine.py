# ruff: noqa: S608 - SQL here is assembled from fixed fragments; every value is a bound parameter
"""Run searches against the index: result pages, honest counts, summaries, full downloads.

Counting every match of a common word among ten million projects cannot be done in tens of
milliseconds, so counts are exact up to `COUNT_CAP` matches and within a time budget; beyond
either the count says "more than N" (`Count.exact` is False) and the page says so. The projects
are numbered newest first, so the first page of the default sort never needs more than a page
of matches. Searches with only the cube's filters (year, province, method, type, status,
flagged) get exact counts and sums from the precomputed cube whatever their size.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from sodsong.procurement.search import cache as search_cache
from sodsong.procurement.search.facets import facet_code, facet_value
from sodsong.procurement.search.query import Filters, SearchRequest
from sodsong.procurement.search.results import (
    ORG_COLUMNS,
    PROJECT_COLUMNS,
    PROJECT_JOINS,
    Count,
    OrgRow,
    ProjectResults,
    ProjectRow,
    Summary,
    org_row,
)
from sodsong.procurement.search.store import IndexLocation, NoIndexError, connect_index, locate

__all__ = [
    "COUNT_CAP",
    "Count",
    "Index",
    "OrgRow",
    "ProjectResults",
    "ProjectRow",
    "Summary",
    "open_index",
]

COUNT_CAP = int(os.environ.get("SODSONG_SEARCH_COUNT_CAP", "2000"))
BUDGET_SECONDS = int(os.environ.get("SODSONG_SEARCH_BUDGET_MS", "100")) / 1000
# Filter-only searches: top agencies/contractors among this many newest matches.
TOP_SAMPLE = int(os.environ.get("SODSONG_SEARCH_TOP_SAMPLE", str(min(2000, COUNT_CAP))))
ORG_CAP = 2000


class _Deadline:
    """Interrupts a SQLite statement that runs past its time budget."""

    def __init__(self, con: sqlite3.Connection, seconds: float) -> None:
        self.con, self.seconds, self.hit = con, seconds, False

    def __enter__(self) -> _Deadline:
        limit = time.perf_counter() + self.seconds

        def check() -> int:
            if time.perf_counter() > limit:
                self.hit = True
                return 1
            return 0

        self.con.set_progress_handler(check, 2000)
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.set_progress_handler(None, 0)


def _fts_expression(terms: tuple[str, ...]) -> str:
    """Each term a quoted FTS5 phrase (the trigram tokenizer makes it a substring match), ANDed."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms if len(t) >= 3)


_LOCAL = threading.local()


def _thread_connection(path: Path) -> tuple[sqlite3.Connection, dict[str, str], tuple[str, int, int]]:
    """This thread's connection to an index file and its meta table, opened once and reused.

    SQLite's page cache lives in the connection: a fresh one per request re-reads the b-tree
    pages every search touches. The key includes the file's inode and mtime, so a rebuilt index
    (renamed into place under the same name) gets a new connection; the thread's older one is
    closed then. Each thread owns its connection: no locking is needed.
    """
    stat = path.stat()
    key = (str(path), stat.st_ino, stat.st_mtime_ns)
    cached: dict[tuple[str, int, int], tuple[sqlite3.Connection, dict[str, str]]] = (
        _LOCAL.__dict__.setdefault("indexes", {})
    )
    hit = cached.get(key)
    if hit is None:
        for old in list(cached):
            cached.pop(old)[0].close()
        con = connect_index(path)
        hit = (con, dict(con.execute("SELECT key, value FROM meta").fetchall()))
        cached[key] = hit
    return (*hit, key)


def _equal_filters(f: Filters, prefix: str, clauses: list[str], params: list[Any]) -> None:
    """The filters that are one column equal to a value, as SQL clauses on `prefix`'s columns
    (the page rows and the precomputed cube name them alike)."""
    for column, value in (
        ("fiscal_year", f.fiscal_year),
        ("province_code", f.province),
        ("method", f.method),
        ("category", f.category),
        ("status", f.status),
    ):
        if value is not None:
            clauses.append(f"{prefix}{column} = ?")
            params.append(value)


class Index:
    """A read-only search index; its connection is kept per thread and reused across requests."""

    def __init__(self, location: IndexLocation) -> None:
        self.location = location
        self.con, self.meta, self.key = _thread_connection(location.path)

    def close(self) -> None:
        """Nothing to release: the connection stays open for the thread's next request."""

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- organisations -------------------------------------------------------------------

    def org_rowid(self, org_id: str) -> int | None:
        row = self.con.execute("SELECT rowid FROM org WHERE org_id = ?", [org_id]).fetchone()
        return None if row is None else int(row[0])

    def org(self, org_id: str) -> OrgRow | None:
        row = self.con.execute(f"SELECT {ORG_COLUMNS} FROM org o WHERE o.org_id = ?", [org_id]).fetchone()
        return None if row is None else org_row(row)

    def org_names(self, rowids: list[int]) -> dict[int, tuple[str, str]]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.con.execute(f"SELECT rowid, org_id, name FROM org WHERE rowid IN ({marks})", rowids)
        return {r[0]: (r[1], r[2]) for r in rows}

    # -- projects ------------------------------------------------------------------------

    def _where(self, request: SearchRequest) -> tuple[str, list[Any], bool]:
        """FROM/WHERE for the projects of a request; the bool says the text index drives it."""
        query, f = request.query, request.filters
        clauses: list[str] = []
        params: list[Any] = []
        source = "project p"
        fts = False
        if query.project_no:
            clauses.append("p.project_no = ?")
            params.append(query.project_no)
        elif query.juristic_id:
            clauses.append("p.winner IN (SELECT rowid FROM org WHERE juristic_id = ?)")
            params.append(query.juristic_id)
        elif query.province_code and f.province is None:
            f = replace(f, province=query.province_code)  # the whole box names a province
        elif query.terms:
            for term in query.terms:
                if len(term) < 3:
                    clauses.append("instr(lower(p.title || ' ' || coalesce(p.project_no, '')), ?) > 0")
                    params.append(term)
        words_apply = not (
            query.project_no
            or query.juristic_id
            or (query.province_code and request.filters.province is None)
        )
        expression = self._match(query.terms if words_apply else (), f)
        if expression:
            source = "project_fts f JOIN project p ON p.rowid = f.rowid"
            clauses.insert(0, "project_fts MATCH ?")
            params.insert(0, expression)
            fts = True
        self._filter_clauses(f, clauses, params)
        where = " AND ".join(clauses) or "1"
        return f"{source} WHERE {where}", params, fts

    def _match(self, terms: tuple[str, ...], f: Filters) -> str:
        """The FTS5 query: every word (3+ characters) in the names, every filter as its facet code."""
        parts = []
        words = _fts_expression(terms)
        if words:
            parts.append("{title project_no} : (" + words + ")")
        codes = []
        for kind, value in (
            ("fiscal_year", f.fiscal_year),
            ("province", f.province),
            ("method", f.method),
            ("category", f.category),
        ):
            if value is not None:
                number = facet_value(kind, value)
                codes.append(facet_code(kind, number) if number is not None else "\ue0ff\ue0ff\ue0ff")
        if f.status is not None:
            row = self.con.execute("SELECT n FROM status_code WHERE status = ?", [f.status]).fetchone()
            codes.append(facet_code("status", int(row[0])) if row else "\ue0ff\ue0ff\ue0ff")
        if f.flagged:
            codes.append(facet_code("flagged", 1))
        parts += [f'facets : "{code}"' for code in codes]
        return " AND ".join(parts)

    def _filter_clauses(self, f: Filters, clauses: list[str], params: list[Any]) -> None:
        _equal_filters(f, "p.", clauses, params)
        if f.agency:
            clauses.append("(p.buyer = ? OR p.entity = ?)")
            rowid = self.org_rowid(f.agency) or -1
            params += [rowid, rowid]
        if f.parent:
            clauses.append("(p.parent = ? OR p.buyer = ?)")
            rowid = self.org_rowid(f.parent) or -1
            params += [rowid, rowid]
        if f.amount_min is not None:
            clauses.append("p.amount >= ?")
            params.append(float(f.amount_min))
        if f.amount_max is not None:
            clauses.append("p.amount <= ?")
            params.append(float(f.amount_max))
        if f.flagged:
            clauses.append("p.flags > 0")

    def projects(self, request: SearchRequest, *, summary: bool = True) -> ProjectResults:
        """One page of projects with the count and (optionally) the summary."""
        started = time.perf_counter()
        body, params, fts = self._where(request)
        order_column = "f.rowid" if fts else "p.rowid"
        key = (
            "projects",
            self.key,
            request.query,
            request.filters,
            summary,
            COUNT_CAP,
            BUDGET_SECONDS,
            TOP_SAMPLE,
        )
        cached = search_cache.results.get(key)
        if cached is not None:  # the same words and filters on this index: only the page is new
            count, totals = cached
            rows, sorted_exactly = self._page(request, body, params, order_column, count.exact)
            return ProjectResults(
                rows=rows,
                count=count,
                summary=totals,
                sorted_exactly=sorted_exactly,
                elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
            )
        filters = request.filters
        if request.query.province_code and filters.province is None:  # the box names a province
            filters = replace(filters, province=request.query.province_code)
        only_filters = request.query.empty or (
            request.query.province_code and request.filters.province is None
        )
        cube = bool(only_filters) and filters.cube_only
        limit = TOP_SAMPLE if cube else COUNT_CAP
        scan: list[tuple[Any, ...]] = []
        if summary or not cube:
            with _Deadline(self.con, BUDGET_SECONDS) as deadline:
                try:
                    cursor = self.con.execute(
                        f"SELECT p.rowid, p.fiscal_year, p.province_code, p.buyer, p.winner, p.budget, "
                        f"p.contract_value, p.flags, p.amount FROM {body} ORDER BY {order_column} LIMIT ?",
                        [*params, limit + 1],
                    )
                    while batch := cursor.fetchmany(
                        200
                    ):  # small batches: an interrupted count keeps its rows
                        scan.extend(batch)
                except sqlite3.OperationalError:
                    if not deadline.hit:
                        raise
            complete = len(scan) <= limit and not deadline.hit
        else:
            complete = False
        count = Count(min(len(scan), limit), complete)
        if cube:
            count = self._cube_count(filters)
        rows, sorted_exactly = self._page(request, body, params, order_column, count.exact)
        result = ProjectResults(
            rows=rows, count=count, summary=Summary(projects=count), sorted_exactly=sorted_exactly
        )
        if summary:
            result.summary = self._summary(request, scan[:limit], Count(min(len(scan), limit), complete))
            if cube:
                self._cube_totals(result.summary, filters)
                result.summary.top_sample = None if complete else limit
                if not filters.active:
                    self._overall_top(result.summary)
        search_cache.results.put(key, (result.count, result.summary))
        result.elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        return result

    def _cube_count(self, f: Filters) -> Count:
        where, params = self._cube_where(f)
        row = self.con.execute(f"SELECT sum(n) FROM cube WHERE {where}", params).fetchone()
        return Count(int(row[0] or 0) if row else 0, True)

    def _overall_top(self, summary: Summary) -> None:
        """With no filter at all the top lists come from the organisations' own totals (exact)."""
        summary.top_agencies = [
            (r[0], r[1], int(r[2]), r[3] or 0.0)
            for r in self.con.execute(
                "SELECT org_id, name, projects, budget FROM org WHERE is_agency ORDER BY budget DESC LIMIT 5"
            )
        ]
        summary.top_contractors = [
            (r[0], r[1], int(r[2]), r[3] or 0.0)
            for r in self.con.execute(
                "SELECT org_id, name, wins, won_value FROM org WHERE is_contractor ORDER BY won_value DESC LIMIT 5"
            )
        ]
        summary.top_sample = None

    def _page(
        self, request: SearchRequest, body: str, params: list[Any], order_column: str, exact: bool
    ) -> tuple[list[ProjectRow], bool]:
        offset = (request.page - 1) * request.per_page
        sort = request.sort
        if sort in ("newest", "oldest"):
            direction = "" if sort == "newest" else " DESC"
            sql = (
                f"SELECT {PROJECT_COLUMNS} FROM {body.replace(' WHERE ', f' {PROJECT_JOINS} WHERE ', 1)} "
                f"ORDER BY {order_column}{direction} LIMIT ? OFFSET ?"
            )
            return [ProjectRow(*r) for r in self.con.execute(sql, [*params, request.per_page, offset])], True
        order = {"amount_desc": "p.amount DESC", "amount_asc": "p.amount ASC", "flags": "p.flags DESC"}[sort]
        if order_column == "p.rowid" and body.startswith("project p"):
            sql = (
                f"SELECT {PROJECT_COLUMNS} FROM {body.replace(' WHERE ', f' {PROJECT_JOINS} WHERE ', 1)} "
                f"ORDER BY {order} NULLS LAST, p.rowid LIMIT ? OFFSET ?"
            )
            return [ProjectRow(*r) for r in self.con.execute(sql, [*params, request.per_page, offset])], True
        # Text searches: sort the first COUNT_CAP matches (all of them when the count is exact).
        sql = (
            f"SELECT {PROJECT_COLUMNS} FROM project p {PROJECT_JOINS} WHERE p.rowid IN "
            f"(SELECT p.rowid FROM {body} ORDER BY {order_column} LIMIT ?) "
            f"ORDER BY {order} NULLS LAST, p.rowid LIMIT ? OFFSET ?"
        )
        rows = self.con.execute(sql, [*params, COUNT_CAP, request.per_page, offset])
        return [ProjectRow(*r) for r in rows], exact

    def _summary(self, request: SearchRequest, scan: list[tuple[Any, ...]], count: Count) -> Summary:
        summary = Summary(projects=count, exact=count.exact, basis=len(scan))
        years: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
        provinces: Counter[str] = Counter()
        agencies: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
        winners: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
        for _rowid, fy, province, buyer, winner, budget, contract_value, flags, _amount in scan:
            summary.budget += budget or 0.0
            summary.contract_value += contract_value or 0.0
            summary.flagged += 1 if flags else 0
            if fy is not None:
                years[fy][0] += 1
                years[fy][1] += budget or 0.0
            if province:
                provinces[province] += 1
            if buyer is not None:
                agencies[buyer][0] += 1
                agencies[buyer][1] += budget or 0.0
            if winner is not None:
                winners[winner][0] += 1
                winners[winner][1] += contract_value or 0.0
        summary.by_year = sorted((fy, int(n), v) for fy, (n, v) in years.items())
        summary.by_province = dict(provinces)
        top_a = sorted(agencies.items(), key=lambda kv: (-kv[1][1], kv[0]))[:5]
        top_w = sorted(winners.items(), key=lambda kv: (-kv[1][1], kv[0]))[:5]
        names = self.org_names([k for k, _ in top_a + top_w])
        summary.top_agencies = [(*names[k], int(n), v) for k, (n, v) in top_a if k in names]
        summary.top_contractors = [(*names[k], int(n), v) for k, (n, v) in top_w if k in names]
        return summary

    def _cube_where(self, f: Filters) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        _equal_filters(f, "", clauses, params)
        if f.flagged:
            clauses.append("flagged = 1")
        return " AND ".join(clauses) or "1", params

    def _cube_totals(self, summary: Summary, f: Filters) -> None:
        """Exact totals of a filter-only search from the precomputed cube."""
        where, params = self._cube_where(f)
        total = self.con.execute(
            f"SELECT sum(n), sum(budget), sum(contract_value), sum(n) FILTER (WHERE flagged = 1) FROM cube WHERE {where}",
            params,
        ).fetchone()
        assert total is not None
        summary.projects = Count(int(total[0] or 0), True)
        summary.budget, summary.contract_value, summary.flagged = (
            total[1] or 0.0,
            total[2] or 0.0,
            int(total[3] or 0),
        )
        summary.by_year = [
            (int(r[0]), int(r[1]), r[2] or 0.0)
            for r in self.con.execute(
                f"SELECT fiscal_year, sum(n), sum(budget) FROM cube WHERE {where} AND fiscal_year IS NOT NULL "
                "GROUP BY fiscal_year ORDER BY fiscal_year",
                params,
            )
        ]
        summary.by_province = {
            r[0]: int(r[1])
            for r in self.con.execute(
                f"SELECT province_code, sum(n) FROM cube WHERE {where} AND province_code IS NOT NULL "
                "GROUP BY province_code",
                params,
            )
        }
        summary.exact = True  # totals exact; the top lists stay those of the newest matches

    def iter_projects(self, request: SearchRequest) -> Iterator[ProjectRow]:
        """Every matching project in the default order, streamed (for "download all")."""
        body, params, fts = self._where(request)
        order_column = "f.rowid" if fts else "p.rowid"
        sql = (
            f"SELECT {PROJECT_COLUMNS} FROM {body.replace(' WHERE ', f' {PROJECT_JOINS} WHERE ', 1)} "
            f"ORDER BY {order_column}"
        )
        cursor = self.con.execute(sql, params)
        while batch := cursor.fetchmany(1000):
            for row in batch:
                yield ProjectRow(*row)

    def projects_after(self, request: SearchRequest, after: int, limit: int) -> list[ProjectRow]:
        """Keyset pagination for the API: the next `limit` projects after index position `after`."""
        body, params, fts = self._where(request)
        order_column = "f.rowid" if fts else "p.rowid"
        sql = (
            f"SELECT {PROJECT_COLUMNS} FROM {body.replace(' WHERE ', f' {PROJECT_JOINS} WHERE ', 1)} "
            f"AND {order_column} > ? ORDER BY {order_column} LIMIT ?"
        )
        return [ProjectRow(*r) for r in self.con.execute(sql, [*params, after, limit])]

    def project(self, process_id: str) -> ProjectRow | None:
        row = self.con.execute(
            f"SELECT {PROJECT_COLUMNS} FROM project p {PROJECT_JOINS} WHERE p.process_id = ?",
            [process_id],
        ).fetchone()
        return None if row is None else ProjectRow(*row)

    def project_rows(
        self, where: str, params: list[Any], order: str = "p.rowid", limit: int = 20
    ) -> list[ProjectRow]:
        """Projects of an agency or company page (callers pass fixed SQL with parameters)."""
        sql = (
            f"SELECT {PROJECT_COLUMNS} FROM project p {PROJECT_JOINS} WHERE {where} ORDER BY {order} LIMIT ?"
        )
        return [ProjectRow(*r) for r in self.con.execute(sql, [*params, limit])]

    def agency_projects(self, org: int, *, flagged: bool = False, limit: int = 20) -> list[ProjectRow]:
        """An agency's newest projects (as buyer or procuring entity), or its most flagged ones.

        Each role is read from its own index in the page's order and cut at `limit` before the
        two are merged: `buyer = ? OR entity = ?` would read and sort every project of a large
        agency (tens of thousands at 10 M) for twenty rows.
        """
        order = "flags DESC, rowid" if flagged else "rowid"
        only = " AND flags > 0" if flagged else ""
        role = f"SELECT rowid FROM (SELECT rowid FROM project WHERE {{}} = ?{only} ORDER BY {order} LIMIT ?)"
        where = f"p.rowid IN ({role.format('buyer')} UNION {role.format('entity')})"
        return self.project_rows(where, [org, limit, org, limit], "p." + order.replace(", ", ", p."), limit)

    # -- agencies and contractors -----------------------------------------------------------

    def orgs(self, request: SearchRequest, role: str) -> tuple[list[OrgRow], Count]:
        """Agencies (`role="agency"`) or contractors matching the box, biggest first."""
        key = (
            "orgs",
            self.key,
            role,
            request.query,
            request.filters.province,
            request.page,
            request.per_page,
            BUDGET_SECONDS,
        )
        cached = search_cache.results.get(key)
        if cached is None:
            cached = self._orgs(request, role)
            search_cache.results.put(key, cached)
        rows, count = cached
        return list(rows), count

    def _orgs(self, request: SearchRequest, role: str) -> tuple[list[OrgRow], Count]:
        query = request.query
        flag = "o.is_agency" if role == "agency" else "o.is_contractor"
        order = "o.budget DESC NULLS LAST" if role == "agency" else "o.won_value DESC NULLS LAST"
        clauses, params = [flag], []
        source = "org o"
        if query.juristic_id:
            clauses.append("o.juristic_id = ?")
            params.append(query.juristic_id)
        elif query.project_no:
            return [], Count(0)
        elif query.terms:
            expression = _fts_expression(query.terms)
            if expression:
                source = "org_fts JOIN org o ON o.rowid = org_fts.rowid"
                clauses.append("org_fts MATCH ?")
                params.append(expression)
            for term in query.terms:
                if len(term) < 3:
                    clauses.append("instr(lower(o.name), ?) > 0")
                    params.append(term)
        if request.filters.province and role == "agency":
            clauses.append("o.province_code = ?")
            params.append(request.filters.province)
        where = " AND ".join(clauses)
        inner = f"SELECT o.rowid FROM {source} WHERE {where} LIMIT {ORG_CAP + 1}"
        with _Deadline(self.con, BUDGET_SECONDS) as deadline:
            try:
                found = [r[0] for r in self.con.execute(inner, params)]
            except sqlite3.OperationalError:
                if not deadline.hit:
                    raise
                found = []
        count = Count(min(len(found), ORG_CAP), len(found) <= ORG_CAP and not deadline.hit)
        if not query.terms and not query.juristic_id:
            # No text: the biggest organisations overall (from the index on the totals).
            sql = f"SELECT {ORG_COLUMNS} FROM org o WHERE {where} ORDER BY {order}, o.rowid LIMIT ? OFFSET ?"
            total = self.meta.get("agencies" if role == "agency" else "contractors", "0")
            if not request.filters.province or role != "agency":
                count = Count(int(total), True)
            rows = self.con.execute(sql, [*params, request.per_page, (request.page - 1) * request.per_page])
            return [org_row(r) for r in rows], count
        ids = found[:ORG_CAP]
        if not ids:
            return [], count
        offset = (request.page - 1) * request.per_page
        page_sql = (
            f"SELECT {ORG_COLUMNS} FROM org o WHERE o.rowid IN (SELECT value FROM json_each(?)) "
            f"ORDER BY {order}, o.rowid LIMIT ? OFFSET ?"
        )
        import json

        rows = self.con.execute(page_sql, [json.dumps(ids), request.per_page, offset])
        return [org_row(r) for r in rows], count


AUTOBUILD_BYTES = int(os.environ.get("SODSONG_SEARCH_AUTOBUILD_BYTES", str(256 * 1024 * 1024)))


def open_index(link: Path | None = None, located: IndexLocation | None = None) -> Index:
    """The index of the current warehouse snapshot (NoIndexError before the first build).

    A small warehouse (the demo, a few imported files: at most `AUTOBUILD_BYTES`) whose current
    snapshot has no index yet gets one built on the spot, so the site follows every import and
    flags run by itself; a large one keeps being served from the previous index until
    `sodsong search build` has run. `located` is a `locate()` of the same link made earlier in
    the request (a page's ETag): the page is then read from the index its ETag names.
    """
    from sodsong.procurement import warehouse

    link = link or warehouse.default_path()
    try:
        location = located if located is not None else locate(link)
    except NoIndexError:
        location = None
    if location is None or not location.current:
        snapshot = warehouse.current_snapshot(link)
        if snapshot is not None and snapshot.stat().st_size <= AUTOBUILD_BYTES:
            from sodsong.procurement.search.build import build_index

            build_index(link, only_if_missing=True)
            location = locate(link)
    if location is None:
        raise NoIndexError("the search index has not been built yet: run `sodsong search build`")
    return Index(location)
