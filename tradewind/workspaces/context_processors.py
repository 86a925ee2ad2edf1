from tradewind.core.navigation import NavigationFlags, navigation_links, navigation_values


def shell(request):
    """What the app shell needs: the menus, flags and values that the apps registered in
    core/navigation.py (this app imports no higher app's permissions). The workspace switcher's list is
    loaded when it opens (workspace_list's fragment)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    context = {}
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
