"""The reviews app: members' reports, their versions and review, the meeting record, into the ledger."""

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """The reviews app, shown in the admin as 对照检查材料审核."""

    name = "zhenggai.reviews"
    label = "reviews"
    verbose_name = "对照检查材料审核"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Tell the meetings app's answered check where members' reports are (see reviews/provider.py)."""
        from zhenggai.meetings.matching import set_report_provider
        from zhenggai.reviews.provider import submitted_report

        set_report_provider(submitted_report)
