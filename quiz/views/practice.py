# Work in progress (being written now): the quiz player views.
from django.http import Http404


def _todo(request, **kwargs):
    raise Http404("not yet")


practice = attempt = question = answer = finish = abandon = review = _todo
