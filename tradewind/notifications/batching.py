"""Helpers for jobs that tell a member about many things in one notification ("37 customers returned to
the pool") instead of one notification — one e-mail, one chat message — each."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from babel.lists import format_list
from django.utils.translation import ngettext

from tradewind.core.geo import babel_locale

NAMES_SHOWN = 3


def names_and_more(names: Sequence[str], *, shown: int = NAMES_SHOWN) -> str:
    """ "Müller GmbH, ACME Ltd, Rossi S.r.l., and 34 more" / "Müller GmbH、ACME Ltd、Rossi S.r.l.和另外34个",
    in the active language (CLDR's list patterns)."""
    head = [str(n) for n in names[:shown]]
    rest = len(names) - len(head)
    if rest > 0:
        head.append(ngettext("%(count)d more", "%(count)d more", rest) % {"count": rest})
    return format_list(head, locale=babel_locale()) if head else ""


def batch_key(prefix: str, keys: Iterable[str]) -> str:
    """A dedupe key for a notification about exactly these items: the same batch computed twice (a job
    re-run after a crash) is the same notification."""
    digest = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:24]
    return f"{prefix}:{digest}"
