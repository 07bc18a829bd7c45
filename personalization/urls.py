from django.urls import path

from . import views

app_name = "personalization"

urlpatterns = [path("audience/", views.choose_audience, name="choose_audience")]
