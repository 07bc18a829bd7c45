"""The chief editor's turnaround report, as a page and as CSV."""

import csv

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reviews.forms import ReportForm
from reviews.selectors import CSV_HEADER, report_rows, turnaround_report

from .board import refused

DEFAULT_DAYS = 180


def _days(request: HttpRequest) -> int | None:
    form = ReportForm(request.GET)
    if not form.is_valid():
        return None
    return form.cleaned_data["days"] or DEFAULT_DAYS


def _cell(value):
    """Text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_safe
@login_required
@permission_required("reviews.view_review_report", raise_exception=True)
def turnaround(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    if days is None:
        return refused(request, _("The period must be a whole number of days between 1 and 3650."))
    return render(request, "reviews/report.html", {"report": turnaround_report(days=days)})


@require_safe
@login_required
@permission_required("reviews.view_review_report", raise_exception=True)
def turnaround_csv(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    if days is None:
        return refused(request, _("The period must be a whole number of days between 1 and 3650."))
    report = turnaround_report(days=days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="review-turnaround-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for row in report_rows(report):
        writer.writerow([_cell(value) for value in row])
    return response
