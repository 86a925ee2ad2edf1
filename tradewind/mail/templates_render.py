"""Filling an e-mail template: {{ contact_name }}, {{ company }}, {{ product }}, {{ quotation_number }},
{{ rep_name }}, {{ signature }} — and nothing else. A template is text, not Django template code: a name it
uses that does not exist is refused with the list of those that do, when it is saved and when it is used.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
VARIABLES = ("contact_name", "company", "product", "quotation_number", "rep_name", "signature")


def template_check(*texts: str, field: str = "body") -> None:
    used = {name for text in texts for name in VARIABLE.findall(text or "")}
    unknown = sorted(used - set(VARIABLES))
    if unknown:
        raise ValidationFailed(
            _("The template uses %(names)s, which Tradewind does not know. It knows: %(known)s.")
            % {
                "names": ", ".join(_braced(n) for n in unknown),
                "known": ", ".join(_braced(v) for v in VARIABLES),
            },
            field=field,
            code="unknown_variable",
        )


def _braced(name: str) -> str:
    return "{{ " + name + " }}"


def template_fill(text: str, values: dict[str, str]) -> str:
    """The text with each variable replaced (one with no value yet becomes empty)."""
    template_check(text)
    return VARIABLE.sub(lambda m: values.get(m.group(1), "") or "", text)
