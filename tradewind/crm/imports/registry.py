"""What the import plugs into shared machinery."""

from django.utils.translation import gettext_lazy

from tradewind.notifications.kinds import notification_kind_register

notification_kind_register("crm.import_finished", gettext_lazy("Your customer import has finished"))
