from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("review/", views.dashboard, name="dashboard"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    path("review/<int:pk>/preview/", views.review_preview, name="review_preview"),
    path("review/<int:pk>/start/", views.review_start_view, name="review_start"),
    path("review/<int:pk>/decide/", views.review_decide_view, name="review_decide"),
    path("advisory-board/", views.advisory_board, name="advisory_board"),
]
