"""The activity stream: what happened about a record (a customer, a task, later a quotation or an order)."""
