"""The identity of the templates behind a cached fragment, for its cache key.

``{% cache %}`` keys a fragment on the values it is given, not on the
template that renders it, so with a shared cache (Redis) a deploy that
changes the template would go on serving the old HTML until the fragment
expires. A key that names the templates' identity is a new key once any of
them changes: the first render after the deploy is in the new markup.
"""

from __future__ import annotations

import functools
import hashlib

from django import template
from django.template.loader import get_template
from django.template.loader_tags import IncludeNode

register = template.Library()


def _sources(name: str, seen: set[str]):
    """``name``'s source, then that of each template it includes by name, once each."""
    if name in seen:
        return
    seen.add(name)
    compiled = get_template(name).template
    yield compiled.source
    for node in compiled.nodelist.get_nodes_by_type(IncludeNode):
        if isinstance(node.template.var, str):  # a quoted name, not a variable
            yield from _sources(node.template.var, seen)


@functools.cache
def identity_of(name: str) -> str:
    """A digest of the template ``name`` and every template it includes,
    worked out once per process (a deploy starts new processes)."""
    digest = hashlib.blake2b(digest_size=8)
    for source in _sources(name, set()):
        digest.update(source.encode())
        digest.update(b"\0")
    return digest.hexdigest()


@register.simple_tag
def template_identity(name: str) -> str:
    """``{% template_identity "stories/includes/story_card.html" as cards %}``"""
    return identity_of(name)
