from django.urls import path
from examples.django_app import views

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("api/apply/", views.apply_api, name="apply-api"),
]
