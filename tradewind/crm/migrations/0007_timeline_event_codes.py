"""Entries written before system entries kept a code: find the code from the stored text (English or
Chinese, the two languages the text could have been written in), so old entries are shown in the reader's
language too. Entries whose text is not recognised keep their text."""

import re

from django.db import migrations

# The texts as the versions before this one wrote them (frozen here: later catalogues may change).
FIXED = {
    "created": ("Customer created", "创建客户"),
    "claimed": ("Claimed from the pool", "从公海领取"),
    "released": ("Released to the pool", "释放到公海"),
    "assigned": ("Assigned", "分配客户"),
    "returned": ("Returned to the pool: no follow-up logged in time", "退回公海：未按时记录跟进"),
    "handed_over": ("Handed over", "客户交接"),
}
WITH_PARAMETER = [
    ("merged", "name", re.compile(r"^Merged with (?P<p>.+)$|^已将 (?P<q>.+) 合并到此客户$", re.S)),
    ("imported", "file", re.compile(r"^Imported from (?P<p>.+)$|^从 (?P<q>.+) 导入$", re.S)),
]
CHANNELS = ("system", "ownership", "merge")


def _code(summary: str):
    for event, texts in FIXED.items():
        if summary in texts:
            return {"event": event}
    for event, key, pattern in WITH_PARAMETER:
        found = pattern.match(summary)
        if found:
            return {"event": event, key: found.group("p") or found.group("q")}
    return None


def forwards(apps, schema_editor):
    TimelineEntry = apps.get_model("crm", "TimelineEntry")
    system = TimelineEntry.objects.filter(channel__in=CHANNELS)
    # Most are "Customer created" with no data: one UPDATE per code instead of a row at a time.
    for event, texts in FIXED.items():
        system.filter(summary__in=texts, data={}).update(data={"event": event})
    changed = []
    entries = system.exclude(data__has_key="event").only("id", "summary", "data")
    for entry in entries.iterator(chunk_size=2000):
        data = entry.data if isinstance(entry.data, dict) else {}
        code = _code(entry.summary)
        if code is None:
            continue
        entry.data = {**data, **code}
        changed.append(entry)
        if len(changed) >= 1000:
            TimelineEntry.objects.bulk_update(changed, ["data"])
            changed = []
    TimelineEntry.objects.bulk_update(changed, ["data"])


class Migration(migrations.Migration):
    dependencies = [("crm", "0006_timeline_order_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
