"""The fast form renderer writes exactly what Django's widget templates write."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from tradewind.core.form_renderer import FormRenderer

CHOICES = [
    ("", "—"),
    ("a&b", 'Tom & "Jerry" <GmbH>'),
    (3, gettext_lazy("Overdue")),
    ("Europe", [("DE", "Germany"), ("FR", "France")]),
    ("Asia", [("CN", mark_safe("中国 <b>CN</b>"))]),
]


class Everything(forms.Form):
    name = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": 'Say "hi" & <go>'}))
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=0, widget=forms.NumberInput(attrs={"step": 1, "data-x": None}))
    amount = forms.DecimalField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "x": False}))
    site = forms.URLField(required=False, assume_scheme="https")
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}), required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(choices=CHOICES)
    kinds = forms.MultipleChoiceField(choices=CHOICES, required=False)
    flag = forms.NullBooleanField(required=False)
    agree = forms.BooleanField(required=False)  # checkbox.html: left to the templates


VALUES = [
    {},
    {
        "name": "<script>alert(1)</script>",
        "email": "a@b.example",
        "count": "0",
        "amount": "12.50",
        "day": "2026-12-06",
        "at": "09:30",
        "secret": "p&ss",
        "hidden": 'x"y',
        "search": "宁波",
        "site": "https://x.example/?a=1&b=2",
        "phone": "+49 30 1234",
        "note": "line one\n<line two> & 'three'",
        "kind": "a&b",
        "kinds": ["DE", "CN", "3"],
        "flag": "true",
        "agree": "on",
    },
    {"note": "\nstarts with a new line", "kind": "DE", "flag": "false"},
]


@pytest.mark.parametrize("data", VALUES)
@pytest.mark.parametrize("bound", [True, False])
def test_every_widget_renders_as_the_templates_would(data, bound):
    initial = {"count": 5, "amount": Decimal("1.5000"), "day": dt.date(2026, 1, 2), "kind": 3, "note": None}
    django_form = Everything(data if bound else None, initial=initial, renderer=DjangoTemplates())
    fast_form = Everything(data if bound else None, initial=initial, renderer=FormRenderer())
    for name in Everything.base_fields:
        assert str(fast_form[name]) == str(django_form[name]), name
    assert str(fast_form) == str(django_form)


def test_it_is_the_project_renderer_and_falls_back_for_other_templates(settings):
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
    renderer = FormRenderer()
    context = {"widget": {"name": "x", "value": None, "attrs": {}, "type": "text", "template_name": "-"}}
    # An unknown template is the engine's business (and says so).
    with pytest.raises(Exception, match="nothing"):
        renderer.render("django/forms/widgets/nothing.html", context)


def test_the_common_widgets_do_not_go_through_the_template_engine(monkeypatch):
    through_templates = []
    original = DjangoTemplates.render

    def spy(self, template_name, context, request=None):
        through_templates.append(template_name.rsplit("/", 1)[-1])
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)
    form = Everything(VALUES[1], renderer=FormRenderer())
    for name in Everything.base_fields:
        str(form[name])
    assert through_templates == ["checkbox.html"]
