"""The digest's records in Django's admin, for operators."""

from django.contrib import admin

from zhenggai.notify.models import GroupRobot, Preference, SentDigest

admin.site.register(Preference)
admin.site.register(GroupRobot)
admin.site.register(SentDigest)
