"""The order workflow's pages and API (issue 12): the stages panel on the order page and its buttons, the
board, the list and "my orders", the settings page; the same through /api/v1 with its refusals."""

import pytest
from django.urls import reverse

from tests.workflow_helpers import confirmed_order, stage
from tradewind.trade.workflow.models import Fulfilment, StageStatus, WorkflowStage
from tradewind.workspaces.choices import Role


def _order_url(order):
    return reverse("trade:order", args=[order.workspace.slug, order.public_id])


def test_the_order_page_shows_the_stages_and_the_finance_clerk_ticks_and_completes(client, setup, team):
    order = confirmed_order(setup)
    client.force_login(team["finance"].user)
    page = client.get(_order_url(order))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="stage-deposit"' in body and "Deposit matched to the PI" in body
    deposit = stage(order, "deposit")
    slug = order.workspace.slug
    for item in deposit.items.all():
        url = reverse("workflow:item_toggle", args=[slug, order.public_id, deposit.public_id, item.public_id])
        assert client.post(url, {"done": "1"}).status_code == 302
    response = client.post(
        reverse("workflow:stage_complete", args=[slug, order.public_id, deposit.public_id]), follow=True
    )
    assert response.status_code == 200 and "the next stage" in response.content.decode()
    assert stage(order, "deposit").status == StageStatus.DONE


def test_completing_with_steps_open_and_no_reason_says_why_and_changes_nothing(client, setup, team):
    order = confirmed_order(setup)
    client.force_login(team["finance"].user)
    deposit = stage(order, "deposit")
    url = reverse("workflow:stage_complete", args=[order.workspace.slug, order.public_id, deposit.public_id])
    response = client.post(url, follow=True)
    assert "say why the stage is complete anyway" in response.content.decode()
    assert stage(order, "deposit").status == StageStatus.ACTIVE


def test_another_role_sees_the_stages_without_buttons_and_is_refused(client, setup, team):
    order = confirmed_order(setup)
    client.force_login(team["logistics"].user)
    body = client.get(_order_url(order)).content.decode()
    assert 'data-testid="stage-deposit"' in body and 'data-testid="complete-deposit"' not in body
    deposit = stage(order, "deposit")
    url = reverse("workflow:stage_complete", args=[order.workspace.slug, order.public_id, deposit.public_id])
    response = client.post(url, {"override_reason": "mine now"}, follow=True)
    assert "work" in response.content.decode() and stage(order, "deposit").status == StageStatus.ACTIVE


def test_the_rep_names_the_order_team(client, setup, team, member_factory):
    order = confirmed_order(setup)
    other = member_factory(Role.MERCHANDISER)
    client.force_login(setup["rep"].user)
    url = reverse("workflow:team", args=[order.workspace.slug, order.public_id])
    assert client.post(url, {"merchandiser": str(other.public_id)}).status_code == 302
    assert Fulfilment.objects.get(order=order).merchandiser == other
    # A stranger's id is refused with the field's message.
    client.post(url, {"merchandiser": "00000000-0000-0000-0000-000000000000"})
    assert Fulfilment.objects.get(order=order).merchandiser == other


def test_board_list_and_my_orders(client, setup, team):
    order = confirmed_order(setup)
    slug = order.workspace.slug
    client.force_login(team["finance"].user)
    board = client.get(reverse("workflow:board", args=[slug])).content.decode()
    assert f'data-testid="card-{order.number}"' in board and 'data-testid="column-deposit"' in board
    listed = client.get(reverse("workflow:list", args=[slug]), {"q": order.number}).content.decode()
    assert f'data-testid="row-{order.number}"' in listed
    assert (
        order.number
        not in client.get(reverse("workflow:list", args=[slug]), {"flag": "at_risk"}).content.decode()
    )
    mine = client.get(reverse("workflow:mine", args=[slug])).content.decode()
    assert f'data-testid="row-{order.number}"' in mine  # finance's job on this order
    client.force_login(team["logistics"].user)
    mine = client.get(reverse("workflow:mine", args=[slug]), {"job": "finance"}).content.decode()
    assert order.number not in mine


def test_board_query_count_does_not_grow_with_orders(client, setup, team, django_assert_max_num_queries):
    for _ in range(3):
        confirmed_order(setup)
    client.force_login(setup["manager"].user)
    url = reverse("workflow:board", args=[setup["manager"].workspace.slug])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        confirmed_order(setup)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_settings_page_edits_stages_and_team_defaults(client, setup, team):
    slug = setup["owner"].workspace.slug
    confirmed_order(setup)  # the template exists
    client.force_login(setup["owner"].user)
    assert client.get(reverse("workflow:settings", args=[slug])).status_code == 200
    deposit = WorkflowStage.objects.get(workspace=setup["owner"].workspace, key="deposit")
    prefix = str(deposit.public_id)
    response = client.post(
        reverse("workflow:stage_update", args=[slug, deposit.public_id]),
        {
            f"{prefix}-name": "Deposit in",
            f"{prefix}-owner_role": "finance",
            f"{prefix}-sla_days": "3",
            f"{prefix}-checklist": "Matched\nTold the rep",
        },
    )
    assert response.status_code == 302
    deposit.refresh_from_db()
    assert deposit.name == "Deposit in" and deposit.checklist == ["Matched", "Told the rep"]
    client.post(
        reverse("workflow:stage_add", args=[slug]),
        {"new-name": "Customs audit", "new-owner_role": "documents"},
    )
    assert WorkflowStage.objects.filter(workspace=setup["owner"].workspace, name="Customs audit").exists()
    client.force_login(setup["rep"].user)
    assert client.get(reverse("workflow:settings", args=[slug])).status_code == 403


# The API


def _api(client, member):
    client.force_login(member.user)
    return f"/api/v1/workspaces/{member.workspace.slug}"


def test_api_reads_and_completes_a_stage(client, setup, team):
    order = confirmed_order(setup)
    base = _api(client, team["finance"])
    body = client.get(f"{base}/orders/{order.public_id}/fulfilment").json()
    deposit = body["stages"][0]
    assert deposit["key"] == "deposit" and deposit["status"] == "active" and deposit["owner"]["name"]
    url = f"{base}/orders/{order.public_id}/stages/{deposit['id']}"
    refused = client.post(f"{url}/complete", {}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["fields"]
    for item in deposit["items"]:
        answer = client.put(f"{url}/items/{item['id']}", {"done": True}, content_type="application/json")
        assert answer.status_code == 200 and answer.json()["done_at"]
    done = client.post(f"{url}/complete", {}, content_type="application/json")
    assert done.status_code == 200
    assert [s["status"] for s in done.json()["stages"][:2]] == ["done", "active"]
    again = client.post(f"{url}/complete", {}, content_type="application/json")
    assert again.status_code == 409


def test_api_refuses_another_role_and_lists_the_board(client, setup, team):
    order = confirmed_order(setup)
    base = _api(client, team["logistics"])
    deposit = stage(order, "deposit")
    url = f"{base}/orders/{order.public_id}/stages/{deposit.public_id}/complete"
    assert client.post(url, {"override_reason": "x"}, content_type="application/json").status_code == 403
    rows = client.get(f"{base}/fulfilment", {"q": order.number}).json()
    assert rows["count"] == 1 and rows["items"][0]["stage"] == "deposit"
    columns = client.get(f"{base}/fulfilment/board").json()
    assert next(c for c in columns if c["key"] == "deposit")["count"] == 1
    mine = client.get(f"{base}/fulfilment", {"mine": "logistics"}).json()
    assert mine["count"] == 1  # the default logistics person holds the job on every new order


def test_api_team_and_template(client, setup, team, member_factory):
    order = confirmed_order(setup)
    base = _api(client, setup["rep"])
    other = member_factory(Role.LOGISTICS)
    answer = client.patch(
        f"{base}/orders/{order.public_id}/fulfilment/team",
        {"logistics": str(other.public_id)},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["team"]["logistics"]["id"] == str(other.public_id)
    stranger = client.patch(
        f"{base}/orders/{order.public_id}/fulfilment/team",
        {"logistics": "00000000-0000-0000-0000-000000000000"},
        content_type="application/json",
    )
    assert stranger.status_code == 404  # an id of no member of this workspace, as any unknown record
    template = client.get(f"{base}/workflow").json()
    assert [s["key"] for s in template["stages"]][:2] == ["deposit", "production"]
    assert (
        client.post(
            f"{base}/workflow/stages", {"name": "X", "owner_role": "sales"}, content_type="application/json"
        ).status_code
        == 403
    )
    base = _api(client, setup["owner"])
    added = client.post(
        f"{base}/workflow/stages",
        {"name": "Customs audit", "owner_role": "documents", "checklist": ["Filed"]},
        content_type="application/json",
    )
    assert added.status_code == 201 and added.json()["key"] == "customs-audit"
    stage_url = f"{base}/workflow/stages/{added.json()['id']}"
    assert client.patch(stage_url, {"sla_days": 0}, content_type="application/json").status_code == 422
    assert client.patch(stage_url, {"sla_days": 4}, content_type="application/json").json()["sla_days"] == 4
    assert client.delete(stage_url).status_code == 204
    defaults = client.patch(
        f"{base}/workflow/team-defaults", {"finance": None}, content_type="application/json"
    ).json()
    assert defaults["finance"] is None and defaults["merchandiser"]["id"] == str(
        team["merchandiser"].public_id
    )


@pytest.mark.parametrize("role", [Role.SALES])
def test_a_rep_does_not_see_orders_of_a_colleagues_customer(client, setup, team, member_factory, role):
    order = confirmed_order(setup)
    colleague = member_factory(role)
    base = _api(client, colleague)
    assert client.get(f"{base}/orders/{order.public_id}/fulfilment").status_code == 404
    assert client.get(f"{base}/fulfilment").json()["count"] == 0


def test_access_helpers_take_the_workspace_from_the_request(setup, team, django_assert_num_queries):
    from tradewind.trade.access import access_order

    order = confirmed_order(setup)
    found = access_order(setup["manager"], order.public_id)
    with django_assert_num_queries(0):
        assert found.workspace is setup["manager"].workspace


def test_the_order_page_reads_lines_milestones_and_the_team_once(client, setup, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    order = confirmed_order(setup)
    client.force_login(setup["manager"].user)
    url = reverse("trade:order", args=[setup["manager"].workspace.slug, order.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    tables = [q["sql"].split(" FROM ", 1)[1].split()[0] for q in queries if " FROM " in q["sql"]]
    assert tables.count('"trade_orderline"') == 1
    assert tables.count('"trade_orderpayment"') == 1
    assert tables.count('"production_inspection"') == 1
