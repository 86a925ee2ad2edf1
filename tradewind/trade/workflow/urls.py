from django.urls import path

from tradewind.trade.workflow.views import actions, board, setup

app_name = "workflow"

STAGE = "orders/<uuid:order_id>/stages/<uuid:stage_id>/"
SETTING = "fulfilment/settings/stages/<uuid:workflow_stage_id>/"

# Included under /w/<slug>/.
urlpatterns = [
    path("fulfilment/", board.board, name="board"),
    path("fulfilment/list/", board.order_list, name="list"),
    path("fulfilment/mine/", board.my_orders, name="mine"),
    path("fulfilment/settings/", setup.settings_edit, name="settings"),
    path("fulfilment/settings/stages/new/", setup.stage_add, name="stage_add"),
    path(SETTING, setup.stage_update, name="stage_update"),
    path(SETTING + "delete/", setup.stage_delete, name="stage_delete"),
    path(SETTING + "move/", setup.stage_move, name="stage_move"),
    path("orders/<uuid:order_id>/stages/start/", actions.fulfilment_start, name="start"),
    path("orders/<uuid:order_id>/stages/team/", actions.team_set, name="team"),
    path(STAGE + "complete/", actions.stage_complete, name="stage_complete"),
    path(STAGE + "items/<uuid:stage_item_id>/", actions.item_toggle, name="item_toggle"),
]
