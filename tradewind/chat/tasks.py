"""Worker jobs of the chat."""

from huey.contrib.djhuey import db_task

from tradewind.chat.services.messages import message_tell


@db_task()
def chat_tell(message_id: int, named_ids: list[int]):
    """Queued after a message is committed: its notifications (services.messages._tell)."""
    message_tell(message_id=message_id, named_ids=named_ids)
