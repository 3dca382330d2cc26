from django.db import models


class Row(models.Model):
    """What the ceiling views read: one row by primary key."""

    text = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.text


class Insert(models.Model):
    """What the ceiling write inserts."""

    row = models.ForeignKey(Row, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"insert {self.pk}"
