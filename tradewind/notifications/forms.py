from django import forms
from django.utils.translation import gettext_lazy as _

from tradewind.core.forms import StyledFormMixin
from tradewind.notifications.choices import Platform
from tradewind.notifications.kinds import notification_kinds


class QuietHoursForm(StyledFormMixin, forms.Form):
    quiet_hours_start = forms.TimeField(
        label=_("Quiet hours from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    quiet_hours_end = forms.TimeField(
        label=_("until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("In your time zone. E-mail and chat messages wait until the end; urgent ones do not."),
    )


class WebhookForm(StyledFormMixin, forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    url = forms.CharField(label=_("Webhook URL"), max_length=500, widget=forms.URLInput())
    secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("DingTalk 加签 / Feishu 签名校验: the secret shown in the robot's security settings."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=[("zh-hans", "简体中文"), ("en", "English")])
    team = forms.BooleanField(label=_("Team channel (all notifications of the workspace)"), required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Only these kinds (team channels; none ticked: all)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, can_add_team: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(k.code, k.label) for k in notification_kinds()]
        if not can_add_team:
            del self.fields["team"]
            del self.fields["kinds"]
