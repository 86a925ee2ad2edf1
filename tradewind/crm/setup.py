"""A workspace's CRM rules, created with sensible defaults the first time they are needed."""

from tradewind.crm.models import CrmSettings, CustomerGrade

DEFAULT_GRADES = [
    # code, follow up every N days, back to the pool after N days without a logged contact
    ("A", 7, 30),
    ("B", 14, 45),
    ("C", 30, 60),
    ("D", 60, 90),
]


def crm_settings(workspace) -> CrmSettings:
    settings, _created = CrmSettings.objects.get_or_create(workspace=workspace)
    return settings


def grades(workspace) -> list[CustomerGrade]:
    existing = list(CustomerGrade.objects.filter(workspace=workspace))
    if existing:
        return existing
    CustomerGrade.objects.bulk_create(
        [
            CustomerGrade(
                workspace=workspace, code=code, position=i, follow_up_days=every, auto_return_days=back
            )
            for i, (code, every, back) in enumerate(DEFAULT_GRADES)
        ],
        ignore_conflicts=True,
    )
    return list(CustomerGrade.objects.filter(workspace=workspace))
