from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """The last time each worker said it was alive. Global: workers serve every workspace."""

    worker = models.CharField(max_length=200, unique=True)
    beat_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.worker} @ {self.beat_at:%H:%M:%S}"
