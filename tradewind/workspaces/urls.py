from django.urls import include, path

from tradewind.accounts import views as account_views
from tradewind.workspaces import views

app_name = "workspaces"

workspace_patterns = [
    path("", views.members, name="members"),
    path("members/<uuid:member_id>/role/", views.member_role, name="member_role"),
    path("members/<uuid:member_id>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("members/<uuid:member_id>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<uuid:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("settings/", views.workspace_settings, name="settings"),
    path("audit/", views.audit_log, name="audit"),
    # Personal access tokens belong to a membership, so they live in the workspace.
    path("tokens/", account_views.api_tokens, name="api_tokens"),
    path("tokens/<uuid:token_id>/revoke/", account_views.api_token_revoke, name="api_token_revoke"),
]

urlpatterns = [
    path("workspaces/", views.workspace_list, name="list"),
    path("workspaces/new/", views.workspace_create, name="create"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("w/<slug:slug>/", include(workspace_patterns)),
]
