"""The search index: built from a warehouse snapshot, switched with it, searched in Thai."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sodsong.procurement import warehouse
from sodsong.procurement.search import engine
from sodsong.procurement.search.build import build_index
from sodsong.procurement.search.build_pages import detail_queries
from sodsong.procurement.search.engine import Index, open_index
from sodsong.procurement.search.query import parse_request
from sodsong.procurement.search.store import NoIndexError, detail_path, index_path, locate, pages_path
from tests.procurement.explorer.sample import NADI, PROJECTS, SILATHONG, load, pid


def _nos(idx: engine.Index, **params: str) -> list[str]:
    return [r.project_no or "" for r in idx.projects(parse_request(params), summary=False).rows]


def test_thai_substring_without_spaces(explorer: Path) -> None:
    with open_index() as idx:
        found = _nos(idx, q="ถนนคอนกรีต")
        assert set(found) == {PROJECTS["road"], PROJECTS["road2"]}
        # Newest first by default.
        assert found == [PROJECTS["road2"], PROJECTS["road"]]
        assert set(_nos(idx, q="คอนกรีต")) == {PROJECTS[k] for k in ("road", "road2", "drain", "repave")}


def test_quotes_make_a_phrase_and_words_must_all_match(explorer: Path) -> None:
    with open_index() as idx:
        assert _nos(idx, q='"วัสดุสำนักงาน (กระดาษ"') == [PROJECTS["office2"]]
        assert set(_nos(idx, q="วัสดุสำนักงาน โดยวิธี")) == {PROJECTS["office1"], PROJECTS["office2"]}
        assert _nos(idx, q='"สำนักงาน วัสดุ"') == []


def test_numbers_ids_provinces_and_thai_digits(explorer: Path) -> None:
    with open_index() as idx:
        assert _nos(idx, q="๖๕๐๕๗๓๖๐๗๒๑") == [PROJECTS["drone"]]
        assert set(_nos(idx, q="0105556526019")) == {PROJECTS[k] for k in ("road", "repave", "road2")}
        assert set(_nos(idx, q="เชียงใหม่")) == {PROJECTS["computers"], PROJECTS["school"]}
        companies, count = idx.orgs(parse_request({"q": "0105556526019"}), "company")
        assert [c.org_id for c in companies] == [SILATHONG] and count.n == 1


def test_filters(explorer: Path) -> None:
    with open_index() as idx:
        assert set(_nos(idx, q="ถนน", flagged="1")) == {PROJECTS["road"], PROJECTS["road2"]}
        assert _nos(idx, q="ถนน", fy="2566", method="limited") == [PROJECTS["laterite"]]
        assert set(_nos(idx, agency=NADI, category="goods")) == {PROJECTS["office1"], PROJECTS["office2"]}
        assert _nos(idx, province="TH10", min="2000000") == [PROJECTS["drone"]]
        assert _nos(idx, status="ยกเลิกโครงการ") == [PROJECTS["canal"]]
        assert _nos(idx, q="ถนน", max="1000000") == [PROJECTS["laterite"]]
        parent = idx.projects(parse_request({"parent": "th-agency-169db421f0b4a8b6"}), summary=False)
        assert parent.count.n >= 1


def test_sorting(explorer: Path) -> None:
    with open_index() as idx:
        assert _nos(idx, sort="amount_desc")[0] == PROJECTS["drone"]
        assert _nos(idx, q="ถนน", sort="amount_asc")[0] == PROJECTS["laterite"]
        assert _nos(idx, sort="oldest")[0] == PROJECTS["drone"]
        assert _nos(idx, sort="flags")[0] in {PROJECTS["road"], PROJECTS["computers"]}


def test_summary_totals_and_top_lists(explorer: Path) -> None:
    with open_index() as idx:
        results = idx.projects(parse_request({"q": "ถนน"}))
        s = results.summary
        assert s.exact and s.projects.n == 3
        assert s.budget == pytest.approx(2_500_000 + 4_200_000 + 350_000)
        assert s.flagged == 2
        assert s.by_province == {"TH40": 3}
        assert s.top_contractors[0][0] == SILATHONG
        assert [fy for fy, _n, _b in s.by_year] == [2566]


def test_counts_stop_at_the_cap_and_say_so(explorer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "COUNT_CAP", 3)
    with open_index() as idx:
        # A filter-only search gets exact counts and totals from the cube whatever its size.
        results = idx.projects(parse_request({}))
        assert results.count == engine.Count(12, True) and results.summary.exact
        assert idx.projects(parse_request({"fy": "2567"})).count == engine.Count(4, True)
        assert idx.projects(parse_request({"fy": "2567"}), summary=False).count == engine.Count(4, True)
        # Top lists of a filtered search come from the newest matches and say so.
        monkeypatch.setattr(engine, "TOP_SAMPLE", 2)
        assert idx.projects(parse_request({"fy": "2567"})).summary.top_sample == 2
        assert idx.projects(parse_request({})).summary.top_sample is None
        text = idx.projects(parse_request({"q": "จ้าง"}))
        assert not text.count.exact and not text.summary.exact and text.summary.basis == 3
        assert not idx.projects(parse_request({"q": "จ้าง", "sort": "amount_desc"})).sorted_exactly


def test_short_terms_fall_back_to_scanning(explorer: Path) -> None:
    with open_index() as idx:
        assert _nos(idx, q="นม") == []
        assert set(_nos(idx, q="UA")) == {PROJECTS["drone"]}


def test_streaming_every_match(explorer: Path) -> None:
    with open_index() as idx:
        rows = list(idx.iter_projects(parse_request({"q": "จ้าง"})))
        assert len(rows) == 7
        assert rows == sorted(rows, key=lambda r: r.rowid)
        page = idx.projects_after(parse_request({"q": "จ้าง"}), rows[2].rowid, 2)
        assert page == rows[3:5]


def test_the_index_follows_the_warehouse_snapshot(warehouse_path: Path) -> None:
    with pytest.raises(NoIndexError):
        locate()
    with warehouse.write(warehouse_path, fresh=True) as con:
        load(con)
    first = build_index(warehouse_path)
    assert locate().current and locate().path == first.path
    # A new snapshot without its index: readers keep the old index and know it is not current.
    with warehouse.write(warehouse_path) as con:
        con.execute("UPDATE process SET title = 'จ้างก่อสร้างสะพานไม้' WHERE process_id = ?", [pid("laterite")])
    stale = locate()
    assert not stale.current and stale.path == first.path
    second = build_index(warehouse_path)
    assert second.path != first.path and locate().current
    with open_index() as idx:
        assert _nos(idx, q="สะพานไม้") == [PROJECTS["laterite"]]
    # Index files of pruned snapshots are deleted with the next build.
    for _ in range(3):
        with warehouse.write(warehouse_path):
            pass
    build_index(warehouse_path)
    assert not first.path.exists() and not detail_path(first.path).exists()
    assert not pages_path(first.path).exists()
    current = warehouse.current_snapshot(warehouse_path)
    assert current is not None and index_path(current).exists()
    assert not list(current.parent.glob("*.building"))


def test_a_failed_build_leaves_nothing_behind(warehouse_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sodsong.procurement.search import build as build_module

    with warehouse.write(warehouse_path, fresh=True) as con:
        load(con)

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "copy_page_aggregates", broken)
    with pytest.raises(RuntimeError):
        build_index(warehouse_path)
    folder = warehouse.snapshot_dir(warehouse_path)
    leftovers = [p.name for p in folder.iterdir() if any(w in p.name for w in ("search", "details", "pages"))]
    assert leftovers == [".search.lock"]


def test_a_build_whose_page_thread_fails_raises_and_leaves_nothing_behind(
    warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page files are written by a thread beside the search tables; its error is the build's."""
    from sodsong.procurement.search import build_pages

    with warehouse.write(warehouse_path, fresh=True) as con:
        load(con)

    def broken(*args: object) -> None:
        raise RuntimeError("pages: disk full")

    monkeypatch.setattr(build_pages, "copy_page_rows", broken)
    with pytest.raises(RuntimeError, match="pages: disk full"):
        build_index(warehouse_path)
    folder = warehouse.snapshot_dir(warehouse_path)
    leftovers = [p.name for p in folder.iterdir() if any(w in p.name for w in ("search", "details", "pages"))]
    assert leftovers == [".search.lock"]


def test_page_rows_are_read_from_their_own_file_through_the_index_connection(explorer: Path) -> None:
    """The page tables live in the `.pages.sqlite` file, attached to the index's connection."""
    with open_index() as idx:
        assert pages_path(idx.location.path).exists()
        tables = {r[0] for r in idx.con.execute("SELECT name FROM pages.sqlite_master WHERE type = 'table'")}
        assert {"page_process", "page_bid", "page_organisation"} <= tables
        assert not idx.con.execute("SELECT name FROM main.sqlite_master WHERE name = 'page_bid'").fetchall()
        assert (
            str(idx.con.execute("SELECT count(*) FROM page_process").fetchone()[0])
            == idx.meta["projects"]
            != "0"
        )


def test_a_small_warehouse_gets_its_index_on_first_use(
    warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with warehouse.write(warehouse_path, fresh=True) as con:
        load(con)
    with open_index() as idx:  # built on the spot: nobody ran `sodsong search build`
        assert idx.location.current and _nos(idx, q="ถนนลูกรัง") == [PROJECTS["laterite"]]
    with warehouse.write(warehouse_path) as con:
        con.execute("UPDATE process SET title = 'จ้างก่อสร้างสะพานไม้' WHERE process_id = ?", [pid("laterite")])
    monkeypatch.setattr(engine, "AUTOBUILD_BYTES", 0)  # a big warehouse: keep the old index
    with open_index() as idx:
        assert not idx.location.current and _nos(idx, q="สะพานไม้") == []
    monkeypatch.setattr(engine, "AUTOBUILD_BYTES", 1 << 30)
    with open_index() as idx:
        assert idx.location.current and _nos(idx, q="สะพานไม้") == [PROJECTS["laterite"]]


def test_agency_projects_merge_both_roles_in_page_order(explorer: Path) -> None:
    """The per-role reads give what `buyer = ? OR entity = ?` in the page's order gives."""
    with open_index() as idx:
        agencies = [r[0] for r in idx.con.execute("SELECT rowid FROM org WHERE is_agency")]
        assert agencies
        for org in agencies:
            for flagged, order in ((False, "rowid"), (True, "flags DESC, rowid")):
                only = " AND flags > 0" if flagged else ""
                expected = [
                    r[0]
                    for r in idx.con.execute(
                        f"SELECT rowid FROM project WHERE (buyer = ? OR entity = ?){only} ORDER BY {order} LIMIT 3",  # noqa: S608
                        [org, org],
                    )
                ]
                got = [r.rowid for r in idx.agency_projects(org, flagged=flagged, limit=3)]
                assert got == expected, (org, flagged)


def test_repeated_searches_reuse_their_count_and_summary(explorer: Path) -> None:
    from sodsong.procurement.search import cache

    with open_index() as idx:
        first = idx.projects(parse_request({"q": "ถนน"}))
        hits = cache.results.hits
        second = idx.projects(parse_request({"q": "ถนน", "sort": "amount_desc"}))
        assert cache.results.hits == hits + 1  # the count and summary came from the cache
        assert second.count == first.count and second.summary == first.summary
        assert {r.rowid for r in second.rows} == {r.rowid for r in first.rows}
        orgs = idx.orgs(parse_request({"q": "นาดี"}), "agency")
        assert idx.orgs(parse_request({"q": "นาดี"}), "agency") == orgs
    cache.results.clear()
    with open_index() as idx:  # a fresh computation agrees with the cached one
        assert idx.projects(parse_request({"q": "ถนน"})).count == first.count


def _reference_details(idx: Index) -> duckdb.DuckDBPyConnection:
    """Every page table as its DuckDB query gives it (what the page-details file held before the
    rows were streamed into SQLite), over the index's snapshot and numbering."""
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{idx.location.snapshot}' AS wh (READ_ONLY)")
    con.execute("CREATE TABLE proj_small (rid BIGINT, process_id VARCHAR)")
    con.executemany(
        "INSERT INTO proj_small VALUES (?, ?)", idx.con.execute("SELECT rowid, process_id FROM project")
    )
    con.execute("CREATE TABLE org_map (org_id VARCHAR, oid BIGINT)")
    con.executemany("INSERT INTO org_map VALUES (?, ?)", idx.con.execute("SELECT org_id, rowid FROM org"))
    found = {
        r[0]
        for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh'").fetchall()
    }
    for table, sql in detail_queries("flag" in found, "flag_readiness" in found).items():
        con.execute(f"CREATE TABLE {table} AS {sql}")
    return con


def test_the_details_file_holds_only_what_is_read_from_duckdb(explorer: Path) -> None:
    """The page rows live in SQLite; the DuckDB details file keeps flags (the API) and readiness."""
    from sodsong.procurement.search.store import connect_details

    with open_index() as idx:
        details = connect_details(idx.location.path)
        tables = {r[0] for r in details.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert tables == {"flag", "flag_readiness", "source_file"}
        assert details.execute("SELECT count(*) FROM flag").fetchone()[0] > 0
        details.close()


def test_page_rows_in_the_index_read_back_as_the_details_file_gives_them(explorer: Path) -> None:
    """Decimals, dates and time stamps survive the copy into SQLite, in the same order."""
    from sodsong.procurement.search.page_rows import PAGE_TABLES, page_rows

    orders = {"item": "item_no", "bid": "bid_id", "award": "award_id", "flag": "indicator, flag_id"}
    with open_index() as idx:
        assert idx.meta["page_rows"] == "1"
        details = _reference_details(idx)
        rids = [r[0] for r in idx.con.execute("SELECT rowid FROM project")]
        compared = 0
        for table in PAGE_TABLES:
            order = orders.get(table, "")
            for rid in rids:
                cursor = details.execute(
                    f"SELECT * EXCLUDE (rid) FROM {table} WHERE rid = {rid}"  # noqa: S608
                    + (f" ORDER BY {order}" if order else "")
                )
                names = [d[0] for d in cursor.description or []]
                expected = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
                terms = ", ".join(t + " NULLS LAST" for t in order.split(", ")) if order else ""
                assert page_rows(idx.con, table, rid, terms) == expected, (table, rid)
                compared += len(expected)
        details.close()
        assert compared > 30


def test_company_and_agency_pages_read_the_same_from_the_index_as_from_the_details_file(
    explorer: Path,
) -> None:
    """The organisation tables copied into SQLite give every company and agency page the same
    record, directors, relations, sanctions, flags and name matches as the DuckDB file."""
    from sodsong.procurement.search.org_pages import agency_page, company_page

    with open_index() as idx:
        assert idx.meta["org_rows"] == "1"
        details = _reference_details(idx)
        duck = open_index()
        duck.meta = {**idx.meta, "org_rows": "0"}  # this instance reads the DuckDB file
        ids = [r[0] for r in idx.con.execute("SELECT org_id FROM org ORDER BY rowid")]
        seen = {"relations": 0, "directors": 0, "flags": 0, "record": 0}
        for org_id in ids:
            org = idx.org(org_id)
            assert org is not None
            if org.is_agency:
                assert agency_page(details, idx, org) == agency_page(details, duck, org), org_id
                continue
            lite, expected = company_page(details, idx, org), company_page(details, duck, org)
            assert lite == expected, org_id
            seen["relations"] += len(lite.relations)
            seen["directors"] += len(lite.directors)
            seen["flags"] += len(lite.flags)
            seen["record"] += bool(lite.record)
        details.close()
        assert all(seen.values()), seen


def test_company_agencies_and_first_win_from_the_build_match_the_project_rows(explorer: Path) -> None:
    """`winner_agency` / `winner_first` give what summing the company's projects at request time gave."""
    from sodsong.procurement.search import org_pages

    with open_index() as idx:
        assert idx.meta.get("winner_agency") == "1"
        companies = [idx.org(r[0]) for r in idx.con.execute("SELECT org_id FROM org WHERE wins > 0")]
        assert len(companies) > 3
        for org in companies:
            assert org is not None
            built = org_pages._agency_shares(idx, org)
            first = idx.con.execute(
                "SELECT date_published FROM winner_first WHERE org = ?", [org.rowid]
            ).fetchone()
            meta, idx.meta = idx.meta, {k: v for k, v in idx.meta.items() if k != "winner_agency"}
            try:
                assert org_pages._agency_shares(idx, org) == built
                again = idx.con.execute(
                    "SELECT min(date_published) FROM project WHERE winner = ? AND date_published IS NOT NULL",
                    [org.rowid],
                ).fetchone()
            finally:
                idx.meta = meta
            assert (first[0] if first else None) == again[0]
        assert any(org_pages._agency_shares(idx, org) for org in companies if org is not None)


def test_an_organisations_flags_are_listed_in_one_order(explorer: Path) -> None:
    """Flags of one organisation with the same year and indicator are ordered by flag id, so two
    builds (and the page rows against the details file) list them alike: without that tie-break
    the two copies came out in different orders and a company page changed between builds."""
    with open_index() as idx:
        rows = idx.con.execute(
            "SELECT org_rid, fiscal_year, indicator, flag_id FROM page_org_flag ORDER BY rowid"
        ).fetchall()
    ties = {(r[0], r[1], r[2]) for r in rows}
    assert len(ties) < len(rows)  # the sample has flags that only the flag id tells apart
    expected = sorted(rows, key=lambda r: (r[0], r[1] is None, -(r[1] or 0), r[2], r[3]))
    assert rows == expected
