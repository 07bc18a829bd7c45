from django.urls import path

from . import views
from .cross_site import same_origin_post

app_name = "personalization"

urlpatterns = [path("audience/", same_origin_post(views.choose_audience), name="choose_audience")]
