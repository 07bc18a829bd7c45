from django.urls import path

from articles.page_cache import cache_public_page

from . import views
from .page_cache import BOARD

app_name = "reviews"

urlpatterns = [
    path("review/", views.dashboard, name="dashboard"),
    path("review/disclosure/", views.disclosure, name="disclosure"),
    path("review/reports/", views.turnaround, name="report"),
    path("review/reports/turnaround.csv", views.turnaround_csv, name="report_csv"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    path("review/<int:pk>/preview/", views.review_preview, name="review_preview"),
    path("review/<int:pk>/start/", views.review_start_view, name="review_start"),
    path("review/<int:pk>/decide/", views.review_decide_view, name="review_decide"),
    path("review/<int:pk>/approve/", views.review_approve_view, name="review_approve"),
    path("review/<int:pk>/decline/", views.review_decline_view, name="review_decline"),
    path("review/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("review/<int:pk>/comments/new/", views.comment_new, name="comment_new"),
    path("advisory-board/", cache_public_page(views.advisory_board, tags=[BOARD]), name="advisory_board"),
]
