import datetime as dt
import zoneinfo

import factory
from django.utils import timezone

from tradewind.accounts.models import User
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace
from tradewind.workspaces.setup import workspace_setup

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Trading Co {n}")
    slug = factory.Sequence(lambda n: f"trading-{n}")
    country = "CN"
    time_zone = "Asia/Shanghai"
    currency = "USD"

    @factory.post_generation
    def _setup(obj, create, extracted, **kwargs):
        # As workspace_create does: every app's starting rows (customer rules, grades).
        if create:
            workspace_setup(obj)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.SALES


class _ThroughServices(factory.Factory):
    """Rows made by the service the product uses, so derived data (a customer's search text and duplicate
    keys, a task's number, due moment and history) is what the product itself would have written."""

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("made through services: use create()")


class CustomerFactory(_ThroughServices):
    """CustomerFactory(actor=rep, name=…, country=…, contacts=[…], owner=None for the pool)."""

    class Meta:
        model = "crm.Customer"

    actor = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Importer {n} GmbH")
    country = "DE"

    @classmethod
    def _create(cls, model_class, *, actor, contacts=(), tags=(), grade=None, owner="me", **data):
        from tradewind.crm.services import customer_create

        return customer_create(
            actor=actor, data=data, contacts=list(contacts), tags=list(tags), grade=grade, owner=owner,
            confirm_duplicates=True,
        )  # fmt: skip


class ContactFactory(_ThroughServices):
    class Meta:
        model = "crm.Contact"

    actor = factory.SubFactory(MembershipFactory)
    customer = factory.LazyAttribute(lambda o: CustomerFactory(actor=o.actor))
    name = factory.Sequence(lambda n: f"Buyer {n}")

    @classmethod
    def _create(cls, model_class, *, actor, customer, **data):
        from tradewind.crm.services import contact_save

        return contact_save(actor=actor, customer=customer, data=data)


class BoardFactory(_ThroughServices):
    class Meta:
        model = "tasks.Board"

    actor = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Orders {n}")

    @classmethod
    def _create(cls, model_class, *, actor, **kwargs):
        from tradewind.tasks.services import board_create

        return board_create(actor=actor, **kwargs)


class TaskFactory(_ThroughServices):
    """TaskFactory(actor=rep, assignee=…, due_date=…, subject=("crm.customer", id), board=…)."""

    class Meta:
        model = "tasks.Task"

    actor = factory.SubFactory(MembershipFactory)
    title = factory.Sequence(lambda n: f"Send PI {n}")

    @classmethod
    def _create(cls, model_class, *, actor, **kwargs):
        from tradewind.tasks.services import task_create

        return task_create(actor=actor, **kwargs)


def history_of(subject_kind: str, record):
    """The activity rows about `record` (a customer's timeline, a task's history), newest first."""
    from tradewind.activity.models import Activity

    return Activity.objects.filter(subject_kind=subject_kind, subject_id=record.public_id)


def timeline_of(customer):
    return history_of("crm.customer", customer)


def png_upload(name: str = "photo.png", size=(60, 40)):
    """A real PNG image as an upload (photos, chat images)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def workspace_today() -> dt.date:
    """Today as the test workspace reckons it (WorkspaceFactory.time_zone), which is what the services
    use: from 16:00 UTC a UTC date is the day before Shanghai's."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(WorkspaceFactory.time_zone))
