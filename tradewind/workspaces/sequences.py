from django.db import transaction
from django.db.models import F

from tradewind.workspaces.models import Sequence


@transaction.atomic
def sequence_next(*, workspace, key: str) -> int:
    """The next number of `key` in `workspace`; gap-free while the caller's transaction commits."""
    Sequence.objects.get_or_create(workspace=workspace, key=key)
    Sequence.objects.filter(workspace=workspace, key=key).update(last=F("last") + 1)
    return Sequence.objects.select_for_update().get(workspace=workspace, key=key).last
