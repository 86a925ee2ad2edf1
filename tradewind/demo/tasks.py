"""Demo boards and tasks: what a Ningbo exporter's week looks like."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tradewind.tasks import services
from tradewind.tasks.choices import Priority, TaskStatus
from tradewind.tasks.models import Task

BOARDS = [
    ("广交会 Canton Fair autumn 2026", "Booth 12.1 F23 — samples, leads and follow-ups after the fair."),
    ("Key account: Müller GmbH (Hamburg)", "Kitchenware programme 2027, FOB Ningbo."),
    ("December shipments", "Everything that must sail before the Chinese New Year rush."),
]

# board index, title, assignee e-mail, due in days (None: no date), priority, status, labels, checklist
TASKS = [
    (
        0,
        "Send revised quotation to Müller GmbH",
        "amy.liu",
        0,
        Priority.HIGH,
        TaskStatus.IN_PROGRESS,
        ["quotation"],
        [],
    ),
    (
        0,
        "Follow up the 23 fair leads graded A/B",
        "kevin.zhou",
        2,
        Priority.NORMAL,
        TaskStatus.TODO,
        ["follow-up"],
        [],
    ),
    (0, "Ship samples to ACME Corp (DHL)", "sun.min", -1, Priority.HIGH, TaskStatus.TODO, ["samples"], []),
    (
        0,
        "Post fair photos on Alibaba.com and LinkedIn",
        "lucy.xu",
        5,
        Priority.LOW,
        TaskStatus.TODO,
        ["marketing"],
        [],
    ),
    (0, "Book booth for spring session", "lucy.xu", 30, Priority.NORMAL, TaskStatus.DONE, [], []),
    (
        1,
        "PI-2026-0042: confirm 30% deposit received",
        "qian.fang",
        1,
        Priority.URGENT,
        TaskStatus.BLOCKED,
        ["payment"],
        [],
    ),
    (
        1,
        "Pre-shipment inspection with SGS",
        "sun.min",
        6,
        Priority.HIGH,
        TaskStatus.TODO,
        ["QC"],
        ["Book SGS inspector", "Send packing list draft", "Check carton marks"],
    ),
    (
        1,
        "Prepare Form A certificate of origin",
        "li.na",
        8,
        Priority.NORMAL,
        TaskStatus.TODO,
        ["documents"],
        [],
    ),
    (
        2,
        "Book 2×40HQ for PI-2026-0042, FOB Ningbo",
        "zhao.lei",
        3,
        Priority.HIGH,
        TaskStatus.IN_PROGRESS,
        ["booking"],
        ["Ask 3 forwarders for rates", "Confirm ETD with factory", "Send booking to forwarder"],
    ),
    (
        2,
        "Chase balance payment before telex release",
        "qian.fang",
        9,
        Priority.HIGH,
        TaskStatus.TODO,
        ["payment"],
        [],
    ),
    (
        2,
        "Commercial invoice and packing list for ACME",
        "li.na",
        -3,
        Priority.NORMAL,
        TaskStatus.TODO,
        ["documents"],
        [],
    ),
    (None, "Weekly sales meeting notes", "zhang.wei", 4, Priority.NORMAL, TaskStatus.TODO, [], []),
    (
        None,
        "Answer complaint about carton damage (Order 0038)",
        "grace.he",
        0,
        Priority.URGENT,
        TaskStatus.TODO,
        ["after-sales"],
        [],
    ),
]


def demo_tasks(*, workspace, members_by_email: dict) -> None:
    if Task.objects.filter(workspace=workspace).exists():
        return
    manager = members_by_email["zhang.wei@haichao.example"]
    boards = [services.board_create(actor=manager, name=name, description=text) for name, text in BOARDS]
    today = timezone.localdate()
    for board_index, title, who, due_in, priority, status, labels, checklist in TASKS:
        assignee = members_by_email[f"{who}@haichao.example"]
        task = services.task_create(
            actor=manager,
            title=title,
            board=boards[board_index] if board_index is not None else None,
            assignee=assignee,
            due_date=today + dt.timedelta(days=due_in) if due_in is not None else None,
            priority=priority,
            labels=labels,
            recurrence="weekly" if title.startswith("Weekly") else "",
            recurrence_weekdays=[today.weekday()] if title.startswith("Weekly") else [],
        )
        for text in checklist:
            services.checklist_item_add(actor=assignee, task=task, text=text)
        if status != TaskStatus.TODO:
            services.task_set_status(
                actor=assignee,
                task=task,
                status=status,
                blocked_reason="Waiting for the buyer's bank (Commerzbank) to confirm the wire"
                if status == TaskStatus.BLOCKED
                else "",
            )
    first = Task.objects.get(workspace=workspace, title__startswith="Send revised quotation")
    services.task_comment_add(
        actor=manager,
        task=first,
        body="@amy.liu Müller asks for 3% off on the 40HQ price. @qian.fang can we hold margin at T/T 30/70?",
    )
