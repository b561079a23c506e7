import re

import pytest
from django.test import Client

from sodsong.web.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


def test_home_is_thai_even_for_an_english_browser(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "สอดส่อง" in html
    assert "จัดซื้อจัดจ้าง" in html
    assert response.headers["Content-Language"] == "th"


def test_language_switch_sets_english_and_back(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Keep watch on public money, together" in html
    client.post("/i18n/setlang/", {"language": "th", "next": "/"})
    assert "ร่วมกันสอดส่องการใช้เงินภาษีของรัฐ" in client.get("/").content.decode()


def test_lang_parameter_makes_shareable_english_links(client: Client) -> None:
    assert '<html lang="en">' in client.get("/?lang=en").content.decode()
    assert '<html lang="th">' in client.get("/?lang=xx").content.decode()


@pytest.mark.parametrize("path", ["/", "/procurement/", "/watch/", "/coalition/", "/health"])
def test_every_page_has_a_strict_csp(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy


@pytest.mark.parametrize("path", ["/", "/procurement/", "/watch/", "/coalition/"])
def test_pages_have_no_inline_script_or_style(client: Client, path: str) -> None:
    html = client.get(path).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert not re.search(r"<style\b", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_no_remote_assets(client: Client) -> None:
    html = client.get("/").content.decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


def test_static_assets_are_served_locally(client: Client) -> None:
    for path in [
        "/static/sodsong/css/site.css",
        "/static/sodsong/js/htmx.min.js",
        "/static/sodsong/fonts/sarabun-thai-400-normal.woff2",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path


def test_health(client: Client) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/api/health").json()["status"] == "ok"


def test_openapi_docs(client: Client) -> None:
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Sodsong API"


def test_unknown_page_is_a_friendly_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
