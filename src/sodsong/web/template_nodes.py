"""Template tags whose output is the same on every render, computed once (see `template_loader`).

Every page renders the site's shell: five `{% url %}` tags of constant view names (a `reverse()`
each, ~20 us), four `{% static %}` tags, and Django's `{% extends %}` walks the whole base
template for its `{% block %}` nodes on every render. None of it depends on the visitor, so the
loader swaps these nodes, when it compiles a template, for ones that remember their output:

- a `{% url %}` with only literal arguments, per script prefix, URLconf and current application
  (everything `reverse()` reads besides its arguments) and autoescaping;
- a `{% static %}` of a literal path, per autoescaping;
- the block nodes of a root template (one that extends nothing), per node type.

Changing settings (tests' `override_settings`) forgets the remembered URLs.
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.template import Context
from django.template.base import FilterExpression, Node, NodeList
from django.template.defaulttags import URLNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, get_urlconf

__all__ = ["CachedNodeList", "fold_constant_nodes"]

_URLS: dict[tuple[Any, ...], str] = {}
_MAX = 4096  # distinct (tag, prefix, URLconf, app) combinations kept; a guard, not a tuning knob


def _forget(**_kwargs: Any) -> None:
    _URLS.clear()


setting_changed.connect(_forget, dispatch_uid="sodsong.web.template_nodes")


def _literal(expression: FilterExpression) -> bool:
    """A quoted string or number with no filter: the same value in every context."""
    return not expression.filters and isinstance(expression.var, str | int | float)


def _remember(key: tuple[Any, ...], render: Any) -> str:
    found = _URLS.get(key)
    if found is None:
        found = render()
        if len(_URLS) >= _MAX:
            _URLS.clear()
        _URLS[key] = found
    return found


class ConstantURLNode(URLNode):
    """`{% url 'name' 'literal' %}`: `reverse()` once per prefix, URLconf, app and escaping."""

    def render(self, context: Context) -> str:
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        key = (
            "url",
            self.view_name.var,
            tuple(a.var for a in self.args),
            tuple((k, v.var) for k, v in self.kwargs.items()),
            get_script_prefix(),
            get_urlconf(),
            current_app,
            context.autoescape,
        )
        return _remember(key, lambda: URLNode.render(self, context))


class ConstantStaticNode(StaticNode):
    """`{% static 'path' %}`: the storage's URL of a literal path, once per escaping."""

    def render(self, context: Context) -> str:
        key = ("static", self.path.var, get_script_prefix(), context.autoescape)
        return _remember(key, lambda: StaticNode.render(self, context))


class CachedNodeList(NodeList):
    """A root template's nodes; `{% extends %}` asks it for its block nodes on every render."""

    def get_nodes_by_type(self, nodetype: type[Node]) -> list[Node]:
        cache: dict[type[Node], list[Node]] = self.__dict__.setdefault("_by_type", {})
        found = cache.get(nodetype)
        if found is None:
            found = cache[nodetype] = super().get_nodes_by_type(nodetype)
        return list(found)


def _child_lists(node: Node) -> list[NodeList]:
    lists = [getattr(node, name, None) for name in node.child_nodelists]
    lists += [nodelist for _condition, nodelist in getattr(node, "conditions_nodelists", ())]  # {% if %}
    return [nodelist for nodelist in lists if isinstance(nodelist, NodeList)]


def fold_constant_nodes(nodelist: NodeList) -> int:
    """Swap constant `{% url %}` and `{% static %}` nodes for remembering ones; how many were."""
    swapped = 0
    for node in nodelist:
        if type(node) is URLNode and node.asvar is None and _literal(node.view_name):
            if all(_literal(a) for a in node.args) and all(_literal(v) for v in node.kwargs.values()):
                node.__class__ = ConstantURLNode
                swapped += 1
        elif type(node) is StaticNode and node.varname is None and _literal(node.path):
            node.__class__ = ConstantStaticNode
            swapped += 1
        else:
            for child in _child_lists(node):
                swapped += fold_constant_nodes(child)
    return swapped
