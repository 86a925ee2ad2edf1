"""Customer timelines and task histories move onto the activity stream, losing nothing.

A timeline entry keeps its public id, actor, moment and creation time. A logged interaction becomes
`crm.interaction` with channel, summary, outcome, next step and contact (its public id and name: the entry
still says who it was after the contact is removed). A system entry with a code becomes `crm.<code>` with
its parameters; one without a code (none are written since crm 0007) becomes `crm.entry` with its English
text. Any outcome, next step or contact a system entry carried is kept too. A task event becomes
`tasks.<kind>` with its data. The reverse copies everything back.
"""

from django.db import migrations

BATCH = 2000
EVENTS = {
    "created", "created_as", "claimed", "released", "assigned", "returned", "handed_over", "merged",
    "imported", "contact_removed", "contact_imported",
}  # fmt: skip — frozen here: the codes crm.timeline_events knew when this migration was written
INTERACTION_CHANNELS = {"note", "call", "email", "meeting", "visit", "whatsapp", "wechat"}


def _batches(queryset):
    batch = []
    for row in queryset.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def timeline_activity(entry: dict, contact: tuple | None) -> tuple[str, dict]:
    data = dict(entry["data"] or {})
    event = data.pop("event", None)
    out = {"channel": entry["channel"]}
    if event in EVENTS:
        kind = f"crm.{event}"
        out.update(data)
    elif entry["channel"] in INTERACTION_CHANNELS:
        kind = "crm.interaction"
        out.update(data)
        out["summary"] = entry["summary"]
    else:
        kind = "crm.entry"
        out.update(data)
        out["text"] = entry["summary"]
        if event is not None:
            out["event"] = event
    for key in ("outcome", "next_step"):
        if entry[key] or kind == "crm.interaction":
            out[key] = entry[key]
    if contact is not None:
        out["contact"] = {"id": str(contact[0]), "name": contact[1]}
    return kind, out


def forwards(apps, schema_editor):
    Activity = apps.get_model("activity", "Activity")
    TimelineEntry = apps.get_model("crm", "TimelineEntry")
    Contact = apps.get_model("crm", "Contact")
    TaskEvent = apps.get_model("tasks", "TaskEvent")
    entries = TimelineEntry.objects.order_by("pk").values(
        "public_id", "workspace_id", "customer__public_id", "actor_id", "channel", "at", "summary",
        "outcome", "next_step", "contact_id", "data", "created_at",
    )  # fmt: skip
    for batch in _batches(entries):
        contact_ids = {e["contact_id"] for e in batch if e["contact_id"]}
        contacts = {
            pk: (public_id, name)
            for pk, public_id, name in Contact.objects.filter(pk__in=contact_ids).values_list(
                "pk", "public_id", "name"
            )
        }
        rows = []
        for e in batch:
            kind, data = timeline_activity(e, contacts.get(e["contact_id"]))
            rows.append(
                Activity(
                    public_id=e["public_id"],
                    workspace_id=e["workspace_id"],
                    subject_kind="crm.customer",
                    subject_id=e["customer__public_id"],
                    kind=kind,
                    actor_id=e["actor_id"],
                    at=e["at"],
                    data=data,
                    created_at=e["created_at"],
                )
            )
        Activity.objects.bulk_create(rows)
    events = TaskEvent.objects.order_by("pk").values(
        "workspace_id", "task__public_id", "actor_id", "kind", "data", "at"
    )
    for batch in _batches(events):
        Activity.objects.bulk_create(
            Activity(
                workspace_id=e["workspace_id"],
                subject_kind="tasks.task",
                subject_id=e["task__public_id"],
                kind=f"tasks.{e['kind']}",
                actor_id=e["actor_id"],
                at=e["at"],
                data=e["data"] or {},
                created_at=e["at"],
            )
            for e in batch
        )


def backwards(apps, schema_editor):
    Activity = apps.get_model("activity", "Activity")
    TimelineEntry = apps.get_model("crm", "TimelineEntry")
    Customer = apps.get_model("crm", "Customer")
    Contact = apps.get_model("crm", "Contact")
    Task = apps.get_model("tasks", "Task")
    TaskEvent = apps.get_model("tasks", "TaskEvent")
    for batch in _batches(Activity.objects.filter(subject_kind="crm.customer").order_by("pk")):
        customers = dict(
            Customer.objects.filter(public_id__in={a.subject_id for a in batch}).values_list("public_id", "pk")
        )
        contact_ids = {(a.data.get("contact") or {}).get("id") for a in batch} - {None}
        contacts = dict(Contact.objects.filter(public_id__in=contact_ids).values_list("public_id", "pk"))
        rows = []
        for a in batch:
            if a.subject_id not in customers:
                continue
            data = dict(a.data)
            channel = data.pop("channel", "system")
            contact = data.pop("contact", None)
            outcome, next_step = data.pop("outcome", ""), data.pop("next_step", "")
            if a.kind == "crm.interaction":
                summary = data.pop("summary", "")
            elif a.kind == "crm.entry":
                summary = data.pop("text", "")
            else:
                summary = a.kind.removeprefix("crm.")
                data = {"event": summary, **data}
            rows.append(
                TimelineEntry(
                    public_id=a.public_id,
                    workspace_id=a.workspace_id,
                    customer_id=customers[a.subject_id],
                    actor_id=a.actor_id,
                    channel=channel,
                    at=a.at,
                    summary=summary,
                    outcome=outcome,
                    next_step=next_step,
                    contact_id=contacts.get(_uuid(contact["id"])) if contact else None,
                    data=data,
                )
            )
        TimelineEntry.objects.bulk_create(rows)
    for batch in _batches(Activity.objects.filter(subject_kind="tasks.task").order_by("pk")):
        tasks = dict(Task.objects.filter(public_id__in={a.subject_id for a in batch}).values_list("public_id", "pk"))
        TaskEvent.objects.bulk_create(
            TaskEvent(
                workspace_id=a.workspace_id,
                task_id=tasks[a.subject_id],
                actor_id=a.actor_id,
                kind=a.kind.removeprefix("tasks."),
                data=a.data,
                at=a.at,
            )
            for a in batch
            if a.subject_id in tasks
        )
    Activity.objects.filter(subject_kind__in=["crm.customer", "tasks.task"]).delete()


def _uuid(value):
    import uuid

    return uuid.UUID(str(value))


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0001_initial"),
        ("crm", "0012_workspace_defaults"),
        ("tasks", "0004_task_subject_order"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
