"""get_<field>_display() of the app's models (core/models.py, ChoiceLabelsModel): Django's own answer, from
labels looked up once per field."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from tradewind.core.models import ChoiceLabelsModel
from tradewind.trade.models import Quotation


def choice_fields():
    for model in apps.get_models():
        if issubclass(model, ChoiceLabelsModel):
            yield from ((model, f) for f in model._meta.concrete_fields if f.choices)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_label_is_the_one_django_gives(language):
    fields = list(choice_fields())
    assert len(fields) > 10  # statuses, units, incoterms, kinds …
    with translation.override(language):
        for model, field in fields:
            for value in [v for v, _label in field.flatchoices] + ["not-a-choice", None]:
                record = model(**{field.attname: value})
                shown = getattr(record, f"get_{field.name}_display")()
                assert shown == models.Model._get_FIELD_display(record, field), (model, field.name, value)


def test_labels_follow_the_active_language():
    quotation = Quotation(status="sent")
    assert quotation.get_status_display() == "Sent"
    with translation.override("zh-hans"):
        assert quotation.get_status_display() == "已发送"
