from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("questions/<slug:slug>/", views.article_detail, name="article_detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("editorial-policy/", views.editorial_policy, name="editorial_policy"),
]
