"""Task look-ups inside the member's workspace (DESIGN §3.4): another workspace's id is a 404."""

from tradewind.tasks.models import Board, ChecklistItem, Task, TaskAttachment
from tradewind.workspaces.access import get_in_workspace_or_404


def access_task(membership, public_id) -> Task:
    return get_in_workspace_or_404(
        Task.objects.select_related("board", "assignee__user", "created_by__user"),
        membership,
        public_id=public_id,
    )


def access_board(membership, public_id) -> Board:
    return get_in_workspace_or_404(
        Board.objects.select_related("created_by__user"), membership, public_id=public_id
    )


def access_checklist_item(membership, task: Task, public_id) -> ChecklistItem:
    return get_in_workspace_or_404(
        ChecklistItem.objects.select_related("task__workspace", "task__board"),
        membership,
        task=task,
        public_id=public_id,
    )


def access_attachment(membership, task: Task, public_id) -> TaskAttachment:
    return get_in_workspace_or_404(TaskAttachment.objects.all(), membership, task=task, public_id=public_id)
