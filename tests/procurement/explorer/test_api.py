"""The procurement API: search with cursors, detail endpoints, flags, errors; schemathesis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.procurement.explorer.sample import NADI, PROJECTS, SILATHONG, pid

pytestmark = pytest.mark.django_db

API = "/api/procurement"


def test_search_pages_through_every_project_with_cursors(client: Client, explorer: Path) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params = {"q": "จ้าง", "limit": "3"} | ({"cursor": cursor} if cursor else {})
        body = client.get(f"{API}/search", params).json()
        assert body["count"] == {"n": 7, "exact": True}
        assert "CC BY" in body["licence"]["name"] and body["attribution"]
        seen += [row["project_no"] for row in body["rows"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 7 == len(set(seen))


def test_search_other_sorts_and_kinds(client: Client, explorer: Path) -> None:
    body = client.get(f"{API}/search", {"sort": "amount_desc", "limit": "2"}).json()
    assert body["rows"][0]["project_no"] == PROJECTS["drone"]
    second = client.get(
        f"{API}/search", {"sort": "amount_desc", "limit": "2", "cursor": body["next_cursor"]}
    ).json()
    assert {r["project_no"] for r in second["rows"]}.isdisjoint({r["project_no"] for r in body["rows"]})
    companies = client.get(f"{API}/search", {"q": "0105556526019", "kind": "companies"}).json()
    assert [c["org_id"] for c in companies["rows"]] == [SILATHONG]
    agencies = client.get(f"{API}/search", {"q": "นาดี", "kind": "agencies"}).json()
    assert NADI in [a["org_id"] for a in agencies["rows"]]
    flagged = client.get(f"{API}/search", {"q": "ถนน", "flagged": "1", "fy": "2566"}).json()
    assert {r["project_no"] for r in flagged["rows"]} == {PROJECTS["road"], PROJECTS["road2"]}


@pytest.mark.parametrize(
    "params",
    [
        {"fy": "abc"},
        {"limit": "0"},
        {"limit": "x"},
        {"kind": "people"},
        {"cursor": "!!!"},
        {"method": "cheap"},
    ],
)
def test_bad_parameters_get_a_4xx_json_error(client: Client, explorer: Path, params: dict[str, str]) -> None:
    response = client.get(f"{API}/search", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_details_and_not_found(client: Client, explorer: Path) -> None:
    project = client.get(f"{API}/projects/{pid('road')}").json()
    assert project["process"]["project_no"] == PROJECTS["road"]
    assert {f["indicator"] for f in project["flags"]} >= {"TH-NEAR-REF", "TH-CLUSTER"}
    assert project["flags"][0]["title_th"] and project["disclaimer"].startswith("เป็นเพียง")
    assert project["funnel"]["bought_documents"] == 4 and project["funnel"]["priced"] == 3
    assert client.get(f"{API}/agencies/{NADI}").json()["agency"]["projects"] == 6
    company = client.get(f"{API}/companies/{SILATHONG}").json()
    assert company["win_rate"] == pytest.approx(0.75)
    assert {c["code"] for c in company["checks"]} >= {"director_relative", "donated_to_party", "same_address"}
    for url in (f"{API}/projects/nothing", f"{API}/agencies/{SILATHONG}", f"{API}/companies/{NADI}"):
        assert client.get(url).status_code == 404


def test_flags_with_cursor(client: Client, explorer: Path) -> None:
    body = client.get(f"{API}/flags", {"limit": "5"}).json()
    assert len(body["rows"]) == 5 and body["next_cursor"]
    rest = client.get(f"{API}/flags", {"limit": "500", "cursor": body["next_cursor"]}).json()
    assert len(body["rows"]) + len(rest["rows"]) == 13 and rest["next_cursor"] is None
    near = client.get(f"{API}/flags", {"indicator": "TH-NEAR-REF"}).json()["rows"]
    assert {r["process_id"] for r in near} == {pid("road"), pid("road2")}
    assert near[0]["details"]["reference_price"]


def test_openapi_lists_the_procurement_endpoints(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/search", "/projects/{process_id}", "/agencies/{org_id}", "/companies/{org_id}", "/flags"):
        assert f"{API}{path}" in paths


def test_docs_api_md_documents_every_endpoint(client: Client) -> None:
    """docs/api.md names every GET endpoint the API serves, as it serves it."""
    docs = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text(encoding="utf-8")
    paths = client.get("/api/openapi.json").json()["paths"]
    served = [p for p, methods in paths.items() if "get" in methods]
    assert f"{API}/search" in served
    assert [p for p in served if f"`GET {p}`" not in docs] == []


def _fuzz(operation: Any, failures: list[tuple[str, int, object]]) -> None:
    """Run one API operation against generated requests; remember any server error."""
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call()
        if response.status_code >= 500:
            failures.append((operation.path, response.status_code, case.query))

    check()


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(explorer: Path, db: None) -> None:
    import schemathesis

    from sodsong.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    failures: list[tuple[str, int, object]] = []
    checked = 0
    for operation in schema.get_all_operations():
        op = operation.ok()
        if op.path.startswith("/api/procurement"):
            _fuzz(op, failures)
            checked += 1
    assert checked == 5
    assert not failures, failures


@pytest.mark.parametrize(
    ("page", "api"),
    [
        (f"/procurement/project/{pid('road')}.json", f"{API}/projects/{pid('road')}"),
        (f"/procurement/agency/{NADI}.json", f"{API}/agencies/{NADI}"),
        (f"/procurement/company/{SILATHONG}.json", f"{API}/companies/{SILATHONG}"),
    ],
)
def test_each_pages_json_twin_says_what_the_api_says(
    client: Client, explorer: Path, page: str, api: str
) -> None:
    twin = client.get(page)
    assert twin.status_code == 200 and twin["Content-Type"].startswith("application/json")
    assert twin.json() == client.get(api).json()
