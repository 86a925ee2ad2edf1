"""Chat webhooks: post a notification to a WeCom, DingTalk, Feishu/Lark or Slack group.

- `platforms.build_request` turns a title, text and link into the request one platform expects;
- `sender.send` delivers it and turns every kind of failure into a `WebhookError`;
- `validation.webhook_url_clean` decides which addresses may be saved, `secret_mask`/`url_mask`
  decide what of them is ever shown again.

Nothing here touches the database: the notifications app stores channels and deliveries and calls in.
"""
