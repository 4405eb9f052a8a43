"""A measure's statuses and terms: the database choices and the engine's workbook say the same words."""

from django.test import SimpleTestCase

from zhenggai.documents.ledger_xlsx import STATUS_LABELS, TERM_LABELS
from zhenggai.ledger.models import Status, Term


class MeasureLabelsTestCase(SimpleTestCase):
    def test_every_status_choice_has_the_engines_label_and_every_engine_status_a_choice(self):
        self.assertEqual(dict(Status.choices), STATUS_LABELS)

    def test_every_term_choice_has_the_engines_label_and_every_engine_term_a_choice(self):
        self.assertEqual(dict(Term.choices), TERM_LABELS)
