"""Helpers for forms that hand their cleaned data to a service."""

from __future__ import annotations

from django import forms

from tradewind.core.errors import ApplicationError


def form_add_service_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusal on the form: each on the named field if the form has it, else on top."""
    for each in error.each():
        form.add_error(each.field if each.field in form.fields else None, str(each.message))


class StyledFormMixin:
    """Gives every widget the house input classes so templates can render fields uniformly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = (
                "check"
                if isinstance(
                    widget, (forms.CheckboxInput, forms.RadioSelect)
                )  # checkbox lists are radio lists
                else "input"
            )
            widget.attrs.setdefault("class", css)
