"""URLs of 我的设置 and the group robots."""

from django.urls import path

from zhenggai.notify import views

app_name = "notify"

urlpatterns = [
    path("me/", views.my_settings, name="settings"),
    path("robots/", views.robots, name="robots"),
    path("robots/<int:pk>/delete/", views.delete_robot, name="robot_delete"),
]
