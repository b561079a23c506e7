"""The per-language template cache folds constant {% translate %} tags without changing any output."""

from __future__ import annotations

from django.template import Context, Engine
from django.templatetags.i18n import TranslateNode
from django.utils import translation

SOURCE = (
    "{% load i18n %}<p>{% translate 'Budget' %}</p>"
    "{% if flag %}{% translate 'Fiscal year' %}{% else %}{% translate 'Status' %}{% endif %}"
    "{% for i in 'ab' %}<i>{% translate 'Projects' %}</i>{% empty %}-{% endfor %}"
    "{% translate word %}|{% translate 'Budget' as b %}{{ b }}|{% translate 'Budget'|upper %}"
    "|{% translate 'May' context 'month name' %}|{% translate '100%% <b>' %}"
    "{% block x %}{% translate 'Contract value' %}{% endblock %}"
)


def _engine(folding: bool) -> Engine:
    locmem = ("django.template.loaders.locmem.Loader", {"t.html": SOURCE})
    loaders = [("sodsong.web.template_loader.Loader", [locmem])] if folding else [locmem]
    return Engine(loaders=loaders, libraries={"i18n": "django.templatetags.i18n"})


def _translate_nodes(engine: Engine) -> list[TranslateNode]:
    template = engine.get_template("t.html")
    return template.nodelist.get_nodes_by_type(TranslateNode)


def test_folded_templates_render_exactly_as_django_in_each_language() -> None:
    folded, plain = _engine(True), _engine(False)
    for language in ("th", "en", "th"):  # back to Thai: each language keeps its own copy
        with translation.override(language):
            for values in ({"flag": True, "word": "Budget"}, {"flag": False, "word": "Status"}):
                expected = plain.get_template("t.html").render(Context(values))
                assert folded.get_template("t.html").render(Context(values)) == expected
    with translation.override("th"):
        assert "งบประมาณ" in folded.get_template("t.html").render(Context({}))
        left = _translate_nodes(folded)
    # only the variable, `as`, filtered and contextual tags are still rendered per request
    assert len(left) == 4
    with translation.override("en"):
        assert "Budget" in folded.get_template("t.html").render(Context({}))


CONSTANTS = (
    "{% load static %}<a href=\"{% url 'procurement:index' %}\">x</a>"
    "<a href=\"{% url 'procurement:company' 'th-dbd-1 <&>' %}\">y</a>"
    "<a href=\"{% url 'procurement:company' who %}\">z</a>{% url 'procurement:index' as here %}[{{ here }}]"
    '<link href="{% static \'sodsong/css/site.css\' %}"><link href="{% static path %}">'
    "{% block b %}{% url 'web:home' %}{% endblock %}"
)


def _constants_engine(folding: bool) -> Engine:
    locmem = ("django.template.loaders.locmem.Loader", {"c.html": CONSTANTS, "child.html": CHILD})
    loaders = [("sodsong.web.template_loader.Loader", [locmem])] if folding else [locmem]
    return Engine(loaders=loaders, libraries={"static": "django.templatetags.static"})


CHILD = "{% extends 'c.html' %}{% block b %}<b>{% url 'web:home' %}</b>{% endblock %}"


def test_constant_url_and_static_tags_are_remembered_per_script_prefix() -> None:
    from django.template.defaulttags import URLNode
    from django.templatetags.static import StaticNode
    from django.urls import set_script_prefix

    from sodsong.web.template_nodes import ConstantStaticNode, ConstantURLNode

    folded, plain = _constants_engine(True), _constants_engine(False)
    nodes = folded.get_template("c.html").nodelist.get_nodes_by_type(URLNode)
    assert sorted(type(n).__name__ for n in nodes) == ["ConstantURLNode"] * 3 + ["URLNode"] * 2
    statics = folded.get_template("c.html").nodelist.get_nodes_by_type(StaticNode)
    assert [type(n) for n in statics] == [ConstantStaticNode, StaticNode]
    assert all(isinstance(n, ConstantURLNode | URLNode) for n in nodes)
    try:
        for prefix in ("/", "/mirror/", "/"):  # a site mounted under a path gets its own addresses
            set_script_prefix(prefix)
            for name in ("c.html", "child.html", "child.html"):
                for who in ("th-dbd-2", "a&b"):
                    values = {"who": who, "path": "sodsong/js/htmx.min.js"}
                    expected = plain.get_template(name).render(Context(values))
                    assert folded.get_template(name).render(Context(values)) == expected
                    assert ("/mirror/procurement/" in expected) == (prefix == "/mirror/")
    finally:
        set_script_prefix("/")


def test_settings_changes_forget_remembered_addresses() -> None:
    from django.test import override_settings

    folded = _constants_engine(True)
    before = folded.get_template("c.html").render(Context({"who": "x", "path": "p"}))
    with override_settings(FORCE_SCRIPT_NAME="/other/"):  # any setting change empties the memo
        from sodsong.web import template_nodes

        assert template_nodes._URLS == {}
    assert folded.get_template("c.html").render(Context({"who": "x", "path": "p"})) == before
