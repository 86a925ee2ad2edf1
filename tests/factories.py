import factory

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
