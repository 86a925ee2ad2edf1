from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    BROWSER = "", _("Browser default")
    ENGLISH = "en", "English"
    CHINESE = "zh-hans", "简体中文"
