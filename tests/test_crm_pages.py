"""The customer list, the follow-ups and the profile render what they did, in a number of queries that does
not grow with the rows shown (bench/bench_crm_pages.py measures their speed)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import workspace_today
from tradewind.crm import services
from tradewind.crm.selectors import grades
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES)


def add_customers(rep, count, *, country="DE", follow_up=None):
    for i in range(count):
        customer = services.customer_create(
            actor=rep,
            data={"name": f"Kunde {country} {i} Handels", "country": country},
            grade="B",
            confirm_duplicates=True,
        )
        if follow_up is not None:
            services.follow_up_set(actor=rep, customer=customer, on=follow_up)


def queries(client, url):
    client.get(url)  # the first request of a session also records the member's last workspace
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_list_queries_do_not_grow_with_the_rows(workspace, rep, client_for):
    grades(workspace)
    client = client_for(rep)
    add_customers(rep, 1)
    few, html = queries(client, f"/w/{workspace.slug}/customers/?country=DE&q=kunde")
    assert html.count('href="/w/haitian/customers/') - html.count('href="/w/haitian/customers/new') >= 1
    add_customers(rep, 6, country="DE")
    add_customers(rep, 2, country="CN")
    many, html = queries(client, f"/w/{workspace.slug}/customers/?country=DE&q=kunde")
    assert many == few
    customer = rep.customers.filter(country="DE").order_by("name").first()
    assert f'href="/w/haitian/customers/{customer.public_id}/">{customer.name}</a>' in html
    assert 'class="local-time' in html and "Europe/Berlin" in html
    assert "selected>Germany</option>" in html


def test_follow_ups_show_date_country_and_local_time_in_constant_queries(
    workspace, rep, client_for, monkeypatch
):
    # A Wednesday, 15:00 UTC: New York is in business hours, Shanghai is not. (With no zone open the
    # reachable groups need no query at all, so the count below would depend on the hour of the run.)
    wednesday = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: wednesday)
    grades(workspace)
    client = client_for(rep)
    today = workspace_today()
    add_customers(rep, 1, follow_up=today)
    few, _html = queries(client, f"/w/{workspace.slug}/customers/follow-ups/")
    add_customers(rep, 5, country="CN", follow_up=today + dt.timedelta(days=3))
    add_customers(rep, 3, country="US", follow_up=today)
    many, html = queries(client, f"/w/{workspace.slug}/customers/follow-ups/")
    assert many == few
    customer = rep.customers.filter(country="CN").order_by("name").first()
    assert f'<a href="/w/haitian/customers/{customer.public_id}/">{customer.name}</a>' in html
    assert "China" in html and "Asia/Shanghai" in html and "America/New_York" in html
    assert html.count('<li class="work-item">') == 9
    reachable, _html = queries(client, f"/w/{workspace.slug}/customers/follow-ups/?reachable=1")
    assert reachable == many + 2  # the zones of the rep's customers, the business hours


def test_profile_timeline_shows_channels_in_constant_queries(workspace, rep, client_for):
    grades(workspace)
    client = client_for(rep)
    add_customers(rep, 1)
    customer = rep.customers.get()
    url = f"/w/{workspace.slug}/customers/{customer.public_id}/"
    few, _html = queries(client, url)
    for channel in ("call", "email", "whatsapp"):
        services.timeline_log(
            actor=rep,
            customer=customer,
            channel=channel,
            summary="Talked",
            outcome="Samples OK",
            next_step="PI",
        )
    many, html = queries(client, url)
    assert many == few
    assert html.count('<li class="timeline-entry ') == 4  # and "Customer created"
    assert '<span class="chip">WhatsApp</span>' in html and '<span class="chip">Call</span>' in html
    assert "<strong>Outcome:</strong> Samples OK" in html and "<strong>Next step:</strong> PI" in html
    assert "(their time " in html


def test_profile_timeline_shows_an_ownership_move(workspace, rep, client_for):
    from tradewind.crm import services

    grades(workspace)
    add_customers(rep, 1)
    customer = rep.customers.get()
    services.customer_release(actor=rep, customer=customer, reason="Not buying this year", ip=None)
    _count, html = queries(client_for(rep), f"/w/{workspace.slug}/customers/{customer.public_id}/")
    name = rep.user.display_name
    assert f'<span class="muted">{name} → the pool · Not buying this year</span>' in html
