from django import forms
from django.utils.translation import gettext_lazy as _

from tradewind.core.forms import StyledFormMixin
from tradewind.tasks.choices import Priority, Recurrence, TaskStatus
from tradewind.tasks.models import Board
from tradewind.workspaces.models import Membership
from tradewind.workspaces.selectors import member_choices

WEEKDAYS = [
    (0, _("Mon")),
    (1, _("Tue")),
    (2, _("Wed")),
    (3, _("Thu")),
    (4, _("Fri")),
    (5, _("Sat")),
    (6, _("Sun")),
]


class TaskForm(StyledFormMixin, forms.Form):
    """Create and edit a task. Choices come from the member's workspace; the service re-checks everything."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, lists, [links](https://…)."),
    )
    board = forms.ModelChoiceField(
        label=_("Board"),
        queryset=Board.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("No board"),
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"),
        queryset=Membership.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("Nobody yet"),
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    labels = forms.CharField(label=_("Labels"), required=False, help_text=_("Separated by commas."))
    recurrence = forms.ChoiceField(label=_("Repeat"), choices=Recurrence.choices, required=False)
    recurrence_weekdays = forms.TypedMultipleChoiceField(
        label=_("On"), choices=WEEKDAYS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    recurrence_month_day = forms.IntegerField(
        label=_("Day of month"), min_value=1, max_value=31, required=False
    )
    subject = forms.CharField(required=False, widget=forms.HiddenInput)  # "kind:uuid", e.g. a customer

    def __init__(self, *args, membership, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        workspace = membership.workspace
        self.fields["board"].queryset = Board.objects.filter(workspace=workspace, is_archived=False)
        self.fields["assignee"].queryset = (
            Membership.objects.filter(workspace=workspace, is_active=True)
            .select_related("user")
            .order_by("user__full_name")
        )
        self.fields["assignee"].label_from_instance = lambda m: m.user.display_name
        self.fields["recurrence_weekdays"].widget.attrs["class"] = "weekday-picker"
        if editing:  # the repeat rule is set when a series starts
            for name in ("recurrence", "recurrence_weekdays", "recurrence_month_day"):
                del self.fields[name]

    def subject_ref(self):
        kind, _sep, public_id = (self.cleaned_data.get("subject") or "").partition(":")
        return (kind, public_id) if kind and public_id else None

    def label_list(self) -> list[str]:
        # Chinese keyboards type "，" and "、" between words as naturally as ",".
        raw = self.cleaned_data.get("labels", "").replace("，", ",").replace("、", ",")
        return [part.strip() for part in raw.split(",") if part.strip()]


class StatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    blocked_reason = forms.CharField(label=_("Blocked because"), required=False, max_length=300)


class CommentForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mention a colleague with @ and the first part of their e-mail, e.g. @amy.liu."),
    )


class ChecklistItemForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("New item"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("New checklist item")}),
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))


class BoardForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or T-number")}),
    )
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), ("open", _("Open")), *TaskStatus.choices],
    )
    priority = forms.ChoiceField(
        label=_("Priority"), required=False, choices=[("", _("Any priority")), *Priority.choices]
    )
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("overdue", _("Overdue")),
            ("today", _("Today")),
            ("week", _("Next 7 days")),
            ("none", _("No date")),
        ],
    )
    label = forms.ChoiceField(label=_("Label"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("due", _("Due date")),
            ("priority", _("Priority")),
            ("updated", _("Recently changed")),
            ("created", _("Newest")),
            ("number", _("Number")),
            ("title", _("Title")),
        ],
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody")),
            *member_choices(membership.workspace),
        ]
        from tradewind.tasks.models import Label

        self.fields["label"].choices = [("", _("Any label"))] + [
            (name, name)
            for name in Label.objects.filter(workspace=membership.workspace).values_list("name", flat=True)
        ]
