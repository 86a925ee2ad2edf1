from tradewind.workspaces import permissions
from tradewind.workspaces.models import Membership


def shell(request):
    """What the app shell needs: the workspace switcher and which areas this member may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)

    def my_workspaces():
        return list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("workspace")
            .order_by("workspace__name")
        )

    context = {"my_memberships": my_workspaces}
    if membership is not None:
        from tradewind.crm import permissions as crm_permissions
        from tradewind.notifications.services import unread_count
        from tradewind.tasks import permissions as task_permissions

        context.update(
            {
                "current_workspace": membership.workspace,
                "current_membership": membership,
                "unread_count": lambda: unread_count(membership),
                "nav": {
                    "invite": permissions.can_invite(membership),
                    "audit": permissions.can_view_audit(membership),
                    "settings": permissions.can_edit_workspace(membership),
                    "admin": permissions.is_admin(membership),
                    "workload": task_permissions.can_view_workload(membership),
                    "tasks_edit": task_permissions.can_edit_tasks(membership),
                    "crm_manage": crm_permissions.can_manage_pool(membership),
                    "crm_import": crm_permissions.can_create(membership),
                },
            }
        )
    return context
