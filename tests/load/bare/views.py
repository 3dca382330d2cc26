from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from tests.load.bare.models import Insert, Row


@require_GET
def read(request: HttpRequest) -> HttpResponse:
    """Read one row and render a one-line template (with a CSRF token, which the write needs)."""
    row = get_object_or_404(Row, pk=request.GET.get("row") or 0)
    return render(request, "bare/read.html", {"row": row})


@require_POST
def write(request: HttpRequest) -> HttpResponse:
    """CSRF-checked by the middleware: read one row and insert one."""
    row = get_object_or_404(Row, pk=request.POST.get("row") or 0)
    insert = Insert.objects.create(row=row)
    return HttpResponse(f"stored {insert.pk}", status=201)
