"""The order workflow (issue 12): a confirmed order's stages with owners, procedures and targets; the
hand-off to the next owner; overrides with a reason; gates; late stages; the team; the template."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import history_of, timeline_of
from tests.workflow_helpers import confirmed_order, finish, stage
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.notifications.models import Notification
from tradewind.tasks.choices import TaskStatus
from tradewind.trade import services as trade
from tradewind.trade.workflow import gates, services
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageStatus, WorkflowStage
from tradewind.trade.workflow.team import order_team_member
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role

KEYS = ["deposit", "production", "qc", "booking", "shipped", "documents", "balance", "delivered", "closed"]


def test_confirming_an_order_starts_its_stages_and_hands_the_first_to_finance(setup, team):
    order = confirmed_order(setup)
    fulfilment = Fulfilment.objects.get(order=order)
    assert [s.key for s in OrderStage.objects.filter(fulfilment=fulfilment)] == KEYS
    deposit = stage(order, "deposit")
    assert deposit.status == StageStatus.ACTIVE and deposit.owner == team["finance"]
    assert deposit.due_at is not None and deposit.task.assignee == team["finance"]
    assert deposit.task.subject_kind == "trade.order" and "Deposit received" in deposit.task.title
    assert fulfilment.stage_key == "deposit" and fulfilment.merchandiser == team["merchandiser"]
    assert Notification.objects.filter(recipient=team["finance"]).exists()  # the task's assignment
    assert stage(order, "production").status == StageStatus.WAITING
    assert "workflow.started" in [e.kind for e in history_of("trade.order", order)]


def test_a_stage_with_open_steps_needs_a_reason_which_is_kept_and_audited(setup, team):
    order = confirmed_order(setup)
    deposit = stage(order, "deposit")
    with pytest.raises(ValidationFailed) as refused:
        services.stage_complete(actor=team["finance"], stage=deposit)
    assert refused.value.field == "override_reason" and "3 step" in str(refused.value.message)
    assert stage(order, "deposit").status == StageStatus.ACTIVE  # nothing changed
    services.stage_complete(actor=team["finance"], stage=deposit, override_reason="Buyer paid by cheque")
    done = stage(order, "deposit")
    assert done.status == StageStatus.DONE and done.override_reason == "Buyer paid by cheque"
    assert AuditEntry.objects.filter(action="order_stage_overridden", target=order.number).exists()
    assert deposit.task.__class__.objects.get(pk=deposit.task_id).status == TaskStatus.DONE


def test_completing_a_stage_hands_off_to_the_next_owner_with_a_task(setup, team):
    order = confirmed_order(setup)
    finish(team["finance"], order, "deposit")
    production = stage(order, "production")
    assert production.status == StageStatus.ACTIVE and production.owner == team["merchandiser"]
    assert production.task.assignee == team["merchandiser"]
    assert Fulfilment.objects.get(order=order).stage_key == "production"
    # The customer's timeline tells the order's big steps.
    assert "workflow.stage_completed" in [e.kind for e in timeline_of(setup["customer"])]


def test_only_the_stage_role_or_a_lead_works_a_stage(setup, team):
    order = confirmed_order(setup)
    deposit = stage(order, "deposit")
    for outsider in (team["logistics"], setup["rep"]):
        with pytest.raises(PermissionDenied):
            services.stage_item_toggle(actor=outsider, item=deposit.items.first(), done=True)
        with pytest.raises(PermissionDenied):
            services.stage_complete(actor=outsider, stage=deposit, override_reason="x")
    services.stage_complete(
        actor=setup["manager"], stage=deposit, override_reason="Seen on the bank statement"
    )


def test_qc_runs_beside_booking_and_a_gate_blocks_booking(setup, team):
    order = confirmed_order(setup)
    finish(team["finance"], order, "deposit")
    finish(team["merchandiser"], order, "production")
    assert stage(order, "qc").status == StageStatus.ACTIVE
    assert stage(order, "booking").status == StageStatus.ACTIVE  # QC may run beside booking
    gates.stage_gate_register(
        "booking", "test", lambda o: "The inspection failed." if o.pk == order.pk else None
    )
    try:
        with pytest.raises(Conflict) as refused:
            finish(team["logistics"], order, "booking")
        assert "inspection failed" in str(refused.value.message)
    finally:
        gates.stage_gate_register("booking", "test", lambda o: None)
    finish(team["logistics"], order, "booking")
    # Booking done while QC is still open: shipping waits for QC.
    assert stage(order, "shipped").status == StageStatus.WAITING
    finish(team["merchandiser"], order, "qc")
    assert stage(order, "shipped").status == StageStatus.ACTIVE


def test_the_last_stage_closes_the_fulfilment(setup, team):
    order = confirmed_order(setup)
    owners = {
        "deposit": team["finance"], "production": team["merchandiser"], "qc": team["merchandiser"],
        "booking": team["logistics"], "shipped": team["logistics"], "documents": team["documents"],
        "balance": team["finance"], "delivered": setup["rep"], "closed": setup["rep"],
    }  # fmt: skip
    for key in KEYS:
        finish(owners[key], order, key)
    fulfilment = Fulfilment.objects.get(order=order)
    assert fulfilment.closed_at is not None and fulfilment.stage_key == ""
    assert "workflow.closed" in [e.kind for e in timeline_of(setup["customer"])]
    with pytest.raises(Conflict):
        services.stage_complete(actor=setup["rep"], stage=stage(order, "closed"))


def test_a_late_stage_is_flagged_and_told_once(setup, team):
    order = confirmed_order(setup)
    OrderStage.objects.filter(fulfilment__order=order, key="deposit").update(
        due_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert services.stages_late_tell() == 1
    assert services.stages_late_tell() == 0
    assert Fulfilment.objects.get(order=order).late
    told = Notification.objects.filter(kind="workflow.stage_late")
    assert {n.recipient for n in told} == {team["finance"], setup["rep"]}


def test_changing_the_team_passes_the_active_stage_to_the_new_person(setup, team, member_factory):
    order = confirmed_order(setup)
    fulfilment = Fulfilment.objects.get(order=order)
    old_task = stage(order, "deposit").task
    other = member_factory(Role.FINANCE)
    services.fulfilment_team_set(actor=setup["rep"], fulfilment=fulfilment, finance=other)
    deposit = stage(order, "deposit")
    assert deposit.owner == other and deposit.task.assignee == other
    assert old_task.__class__.objects.get(pk=old_task.pk).status == TaskStatus.CANCELLED
    assert order_team_member(order, Role.FINANCE) == other
    with pytest.raises(PermissionDenied):
        services.fulfilment_team_set(actor=team["logistics"], fulfilment=fulfilment, finance=team["finance"])


def test_a_team_member_of_another_workspace_is_refused(setup, team):
    from tests.factories import MembershipFactory

    order = confirmed_order(setup)
    stranger = MembershipFactory(role=Role.FINANCE)
    with pytest.raises(ValidationFailed) as refused:
        services.fulfilment_team_set(
            actor=setup["rep"], fulfilment=Fulfilment.objects.get(order=order), finance=stranger
        )
    assert refused.value.field == "finance"


def test_nobody_in_a_role_leaves_the_stage_ownerless_without_a_task(setup):
    order = confirmed_order(setup)  # no team defaults
    deposit = stage(order, "deposit")
    assert deposit.status == StageStatus.ACTIVE and deposit.owner is None and deposit.task is None


def test_cancelling_the_order_cancels_the_open_stage_tasks(setup, team):
    order = confirmed_order(setup)
    trade.order_cancel(actor=setup["rep"], order=order, reason="Buyer went bankrupt")
    assert stage(order, "deposit").task.status == TaskStatus.CANCELLED
    with pytest.raises(Conflict):
        services.stage_complete(actor=team["finance"], stage=stage(order, "deposit"), override_reason="x")


def test_template_edits_change_new_orders_only(setup, team):
    order = confirmed_order(setup)
    deposit = WorkflowStage.objects.get(workspace=setup["owner"].workspace, key="deposit")
    with pytest.raises(PermissionDenied):
        services.workflow_stage_update(actor=setup["rep"], stage=deposit, name="Deposit")
    with pytest.raises(ValidationFailed):
        services.workflow_stage_update(actor=setup["owner"], stage=deposit, name=" ", sla_days=0)
    services.workflow_stage_update(
        actor=setup["owner"], stage=deposit, name="Deposit in", checklist=["Matched"], sla_days=3
    )
    added = services.workflow_stage_add(actor=setup["owner"], name="Customs audit", owner_role=Role.DOCUMENTS)
    keys = list(WorkflowStage.objects.filter(template=deposit.template).values_list("key", flat=True))
    assert keys[-2:] == [added.key, "closed"]
    assert stage(order, "deposit").name == "Deposit received"  # the running order keeps its stages
    later = confirmed_order(setup)
    assert stage(later, "deposit").name == "Deposit in" and stage(later, "deposit").items.count() == 1
    assert OrderStage.objects.filter(fulfilment__order=later, key=added.key).exists()


def test_an_order_confirmed_before_the_workflow_is_started_by_hand(setup, team):
    order = confirmed_order(setup)
    Fulfilment.objects.filter(order=order).delete()
    with pytest.raises(PermissionDenied):
        services.fulfilment_start(actor=team["logistics"], order=order)
    services.fulfilment_start(actor=setup["rep"], order=order)
    assert stage(order, "deposit").status == StageStatus.ACTIVE
    again = services.fulfilment_start(actor=setup["rep"], order=order)  # idempotent
    assert Fulfilment.objects.filter(order=order).count() == 1 and again.order_id == order.pk


def test_board_flags_are_set_by_other_apps(setup, team):
    order = confirmed_order(setup)
    assert services.fulfilment_flags_set(order=order, at_risk=True, risk_reason="Factory late")
    assert not services.fulfilment_flags_set(order=order, at_risk=True, risk_reason="Factory late")
    fulfilment = Fulfilment.objects.get(order=order)
    assert fulfilment.at_risk and fulfilment.risk_reason == "Factory late"


def test_a_workspace_set_up_in_chinese_has_its_workflow_in_chinese(db):
    from django.utils import translation

    from tests.factories import UserFactory
    from tradewind.trade.workflow.defaults import DEFAULT_STAGES
    from tradewind.workspaces.services import workspace_create

    with translation.override("zh-hans"):
        workspace = workspace_create(
            user=UserFactory(), name="海潮贸易", slug="haichao-zh", country="CN",
            time_zone="Asia/Shanghai", currency="CNY",
        )  # fmt: skip
    stages = list(WorkflowStage.objects.filter(workspace=workspace).order_by("position"))
    names = ["收定金", "生产", "验货", "订舱", "出货", "单证", "收尾款", "已交付", "结案"]
    assert [s.name for s in stages] == names
    assert stages[0].checklist[0] == "定金已与形式发票核对（金额、付款人、参考号）"
    # Every default text has its Chinese: none is stored in English for a Chinese team.
    for _key, name, _role, _sla, _parallel, items in DEFAULT_STAGES:
        for text in (name, *items):
            with translation.override("en"):
                english = str(text)
            with translation.override("zh-hans"):
                assert str(text) != english, english
