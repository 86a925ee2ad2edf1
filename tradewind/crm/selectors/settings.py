"""A workspace's customer rules as pages and jobs read them.

Reading never writes: the rows are made with the workspace (services.settings.crm_workspace_setup, run by
workspaces' setup hook); a workspace without them reads the defaults.
"""

from __future__ import annotations

from tradewind.crm.models import CrmSettings, CustomerGrade


def crm_settings(workspace) -> CrmSettings:
    found = CrmSettings.objects.filter(workspace=workspace).first()
    return found if found is not None else CrmSettings(workspace=workspace)


def grades(workspace) -> list[CustomerGrade]:
    return list(CustomerGrade.objects.filter(workspace=workspace))
