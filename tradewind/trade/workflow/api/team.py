"""The members a team body names: each a membership of the caller's workspace, or 404 as any id of a record
the caller cannot see (an inactive member is found, and the service refuses it with its message)."""

from tradewind.workspaces.access import access_membership


def team_members(m, sent: dict) -> dict:
    return {job: access_membership(m, value) if value else None for job, value in sent.items()}
