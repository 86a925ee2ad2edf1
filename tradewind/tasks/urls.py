from django.urls import path

from tradewind.tasks import board_views, views

app_name = "tasks"

# Included under /w/<slug>/.
urlpatterns = [
    path("tasks/", views.my_work, name="my_work"),
    path("tasks/all/", views.task_list, name="list"),
    path("tasks/new/", views.task_create, name="create"),
    path("tasks/workload/", views.team_workload, name="workload"),
    path("tasks/<uuid:task_id>/", views.task_detail, name="detail"),
    path("tasks/<uuid:task_id>/edit/", views.task_edit, name="edit"),
    path("tasks/<uuid:task_id>/status/", views.task_status, name="status"),
    path("tasks/<uuid:task_id>/complete/", views.task_complete, name="complete"),
    path("tasks/<uuid:task_id>/move/", views.task_move, name="move"),
    path("tasks/<uuid:task_id>/comments/", views.task_comment, name="comment"),
    path("tasks/<uuid:task_id>/watch/", views.task_watch, name="watch"),
    path("tasks/<uuid:task_id>/checklist/", views.checklist_add, name="checklist_add"),
    path(
        "tasks/<uuid:task_id>/checklist/<uuid:item_id>/toggle/",
        views.checklist_toggle,
        name="checklist_toggle",
    ),
    path(
        "tasks/<uuid:task_id>/checklist/<uuid:item_id>/delete/",
        views.checklist_delete,
        name="checklist_delete",
    ),
    path("tasks/<uuid:task_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "tasks/<uuid:task_id>/attachments/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("boards/", board_views.board_list, name="boards"),
    path("boards/<uuid:board_id>/", board_views.board_detail, name="board"),
    path("boards/<uuid:board_id>/edit/", board_views.board_edit, name="board_edit"),
]
