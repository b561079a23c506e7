"""Compiled templates cached per language, with their constant `{% translate %}` tags already done.

A page of the explorer has 60-100 `{% translate "..." %}` tags, and each one, on every render,
looks up the active catalogue through thread-local storage, makes a lazy string, localises and
checks it for escaping: a good part of a page's CPU for text that is the same for every visitor
of that language. This loader is Django's cached loader keyed by template name *and* the active
language; when it compiles a template it renders each translate tag of a literal message (no
filters, no variable context, no `as`) once, in that language, and puts the text in its place.
What a page renders is unchanged: the text is what the tag would have produced (the site never
turns autoescaping off and never switches language inside a template). Constant `{% url %}` and
`{% static %}` tags and the block lookup of `{% extends %}` are remembered too
(`sodsong.web.template_nodes`).
"""

from __future__ import annotations

from typing import Any

from django.template import Context, Template
from django.template.base import Node, NodeList, TextNode
from django.template.loaders import cached
from django.templatetags.i18n import TranslateNode
from django.utils.translation import get_language

from sodsong.web.template_nodes import CachedNodeList, fold_constant_nodes

__all__ = ["Loader", "fold_translations"]


def _constant(node: TranslateNode) -> bool:
    expression = node.filter_expression
    return (
        node.asvar is None
        and node.message_context is None
        and not expression.filters
        and getattr(expression.var, "lookups", True) is None  # a literal, not a variable
    )


def _nodelists(node: Node) -> list[NodeList]:
    lists = [getattr(node, name, None) for name in node.child_nodelists]
    lists += [nodelist for _condition, nodelist in getattr(node, "conditions_nodelists", ())]  # {% if %}
    return [nodelist for nodelist in lists if isinstance(nodelist, NodeList)]


def fold_translations(nodelist: NodeList, context: Context) -> int:
    """Replace constant translate tags by their text in the active language; how many were."""
    folded = 0
    for i, node in enumerate(nodelist):
        if isinstance(node, TranslateNode) and _constant(node):
            text = TextNode(node.render(context))
            text.origin, text.token = node.origin, node.token
            nodelist[i] = text
            folded += 1
        else:
            for child in _nodelists(node):
                folded += fold_translations(child, context)
    return folded


class Loader(cached.Loader):
    """Django's cached loader, one compiled copy per language (see the module docstring)."""

    def cache_key(self, template_name: str, skip: Any = None) -> str:
        return f"{super().cache_key(template_name, skip)}|{get_language()}"

    def get_template(self, template_name: str, skip: Any = None) -> Template:
        key = self.cache_key(template_name, skip)
        cached_template = self.get_template_cache.get(key)
        template: Template = super().get_template(template_name, skip)
        if cached_template is None:  # compiled just now, in this thread's language
            fold_translations(template.nodelist, Context())
            fold_constant_nodes(template.nodelist)
            template.nodelist = CachedNodeList(template.nodelist)
        return template
