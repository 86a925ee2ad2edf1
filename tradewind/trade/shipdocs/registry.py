"""What shipdocs plugs into shared machinery (history lines, notification kinds, audit actions, menu,
panels on the order page, hooks)."""
