"""Rendering helpers of the customer pages: memoised formatting, local-time badges, "show more" links, the
redirect back to a profile. (Select boxes are fast everywhere: core/form_renderer.py.)"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tradewind.core.errors import ApplicationError
from tradewind.crm.localtime import LocalTimes
from tradewind.crm.selectors import crm_settings


def to_profile(request, customer):
    return redirect("crm:detail", slug=request.workspace.slug, customer_id=customer.public_id)


def customers_url(request) -> str:
    """/w/<slug>/customers/: rows link to `{{ customers_url }}{{ c.public_id }}/`, the profile's URL, without
    reversing it for each of hundreds of rows."""
    return reverse("crm:list", kwargs={"slug": request.workspace.slug})


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
