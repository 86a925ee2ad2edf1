from tradewind.core.navigation import NavigationFlags, navigation_links, navigation_values
from tradewind.workspaces.models import Membership


def shell(request):
    """What the app shell needs: the workspace switcher, and the menus, flags and values that the apps
    registered in core/navigation.py (this app imports no higher app's permissions)."""
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
        context.update(navigation_values(membership))
        context.update(
            {
                "current_workspace": membership.workspace,
                "current_membership": membership,
                "nav": NavigationFlags(membership),
                "nav_main": lambda: navigation_links(membership, request, "main"),
                "nav_user": lambda: navigation_links(membership, request, "user"),
            }
        )
    return context
