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
