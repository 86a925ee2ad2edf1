"""Tags for task rows. A page of My work or a board renders hundreds of rows: a tag is far cheaper than
an {% include %} per row."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def task_due(task, quiet=False):
    """The due date (and time), red with "overdue" when late; a dash, or nothing when quiet, without one."""
    if task.due_date is None:
        return "" if quiet else mark_safe('<span class="muted">—</span>')
    text = formats.date_format(task.due_date, "SHORT_DATE_FORMAT")
    if task.due_time:
        text += " " + task.due_time.strftime("%H:%M")
    if task.is_overdue:
        return format_html(
            '<span class="due overdue" title="{}">{} · {}</span>',
            formats.date_format(timezone.localtime(task.due_at), "SHORT_DATETIME_FORMAT"),
            text,
            _("overdue"),
        )
    title = (
        formats.date_format(timezone.localtime(task.due_at), "SHORT_DATETIME_FORMAT") if task.due_at else ""
    )
    return format_html('<span class="due" title="{}">{}</span>', title, text)
