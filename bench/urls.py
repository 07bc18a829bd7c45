"""URLconf for `make bench` only: the site's routes plus a bare baseline view.

bench/run.py selects it with ``DJANGO_ROOT_URLCONF=bench.urls``; the production
URLconf (config.urls) never routes to the baseline.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import urls as site_urls

BASELINE_BODY = b"x" * 10240


def baseline(request: HttpRequest) -> HttpResponse:
    """A fixed 10 KB page through the full middleware stack: the floor the real pages are compared with."""
    return HttpResponse(BASELINE_BODY, content_type="text/html")


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *site_urls.urlpatterns]

handler404 = site_urls.handler404
handler500 = site_urls.handler500
