"""Rendering helpers of the customer pages: fast select boxes, memoised formatting, local-time badges,
"show more" links, the redirect back to a profile."""

from __future__ import annotations

import html

from django import forms as forms_
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from tradewind.core.errors import ApplicationError
from tradewind.crm.localtime import LocalTimes
from tradewind.crm.selectors import crm_settings


def to_profile(request, customer):
    return redirect("crm:detail", slug=request.workspace.slug, customer_id=customer.public_id)


def customers_url(request) -> str:
    """/w/<slug>/customers/: rows link to `{{ customers_url }}{{ c.public_id }}/`, the profile's URL, without
    reversing it for each of hundreds of rows."""
    return reverse("crm:list", kwargs={"slug": request.workspace.slug})


def _escape(value) -> str:
    # django.utils.html.escape without its lazy-string wrapper, which is most of its cost for 500 options.
    return html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(bound_field) -> str:
    """A select box exactly as Django's select.html / select_option.html render it, written in Python:
    the template engine renders each <option> through two includes, 30 ms for the 250 countries of a filter
    form — more than everything else on the customer list."""
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({}, widget)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)["widget"]
    parts = [f'<select name="{_escape(context["name"])}"{_attrs_html(context["attrs"])}>']
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_escape(option["value"])}"{_attrs_html(option["attrs"])}>'
                f"{_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the form renderer strips the template's last new line
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def _is_plain_select(widget) -> bool:
    return (
        type(widget) is forms_.Select
        and widget.template_name == "django/forms/widgets/select.html"
        and widget.option_template_name == "django/forms/widgets/select_option.html"
    )


def filter_fields(form) -> list[tuple]:
    """(bound field, its HTML) for a filter form: select boxes by select_html, the rest as usual."""
    return [(bf, select_html(bf) if _is_plain_select(bf.field.widget) else bf) for bf in form]


class Memo:
    """`function(value, *args)`, computed once per distinct value."""

    def __init__(self, function, *args):
        self.function, self.args, self.known = function, args, {}

    def __call__(self, value):
        if value not in self.known:
            self.known[value] = self.function(value, *self.args)
        return self.known[value]


class LocalTimeCells:
    """The local-time badge (crm/_local_time.html) of each customer row, rendered once per (country, zone):
    a page of hundreds of customers has a few dozen."""

    def __init__(self, workspace):
        self.times = LocalTimes(settings=crm_settings(workspace), now=timezone.now())
        self.html: dict[tuple[str, str], str] = {}

    def __call__(self, customer) -> str:
        key = (customer.country, customer.zone)
        if key not in self.html:
            local = self.times.of(country=customer.country, zone=customer.zone)
            self.html[key] = render_to_string("crm/_local_time.html", {"local": local})
        return self.html[key]


def rows_asked(request, key: str, default: int, most: int) -> int:
    """How many rows a "show more" link asks for (?<key>=N): `default` without one, at most `most`."""
    value = request.GET.get(key, "")
    return min(int(value), most) if value.isdigit() and int(value) > 0 else default


def more_url(request, key: str, shown: int, step: int, most: int) -> str | None:
    """The "show more" link: this page with `step` more rows of `key` (none once `most` are shown)."""
    if shown >= most:
        return None
    query = request.GET.copy()
    query[key] = str(min(shown + step, most))
    return f"?{query.urlencode()}#{key}"


def act(request, customer, action, success=""):
    try:
        action()
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if success:
            messages.success(request, success)
    return to_profile(request, customer)
