from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    OFF = "off", _("No e-mail")
    IMMEDIATE = "immediate", _("Immediately")
    DIGEST = "digest", _("Daily digest at 08:00")


class Platform(models.TextChoices):
    WECOM = "wecom", _("WeCom group robot (企业微信)")
    DINGTALK = "dingtalk", _("DingTalk custom robot (钉钉)")
    FEISHU = "feishu", _("Feishu / Lark custom bot (飞书)")
    SLACK = "slack", _("Slack incoming webhook")


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Chat webhook")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailState(models.TextChoices):
    NONE = "", "—"
    DIGEST_PENDING = "digest", _("In the next digest")
    DIGESTED = "digested", _("Sent in a digest")


class NotificationAuditAction(models.TextChoices):
    WEBHOOK_CREATED = "webhook_created", _("Added a chat webhook")
    WEBHOOK_DELETED = "webhook_deleted", _("Removed a chat webhook")
