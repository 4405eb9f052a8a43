"""The ledger's rows and the dashboard's lists built in Python (ledger/views/rows.py) are the HTML the
template loops they replace gave, character for character: every cell, link, tag and escape."""

import datetime

from django.template import Context, Template

from tests.web.base import BaseTestCase
from zhenggai.ledger.models import Measure, Problem, Status
from zhenggai.ledger.views.common import row_class
from zhenggai.ledger.views.rows import ledger_rows, measure_list

#: The ledger table's loop as ledger/index.html had it.
LEDGER_LOOP = """{% for m in rows %}
<tr class="{{ m.row_class }}">
  {% if may_import %}<td><input type="checkbox" name="problem" value="{{ m.problem_id }}" form="campaign-selection" aria-label="选择问题 {{ m.problem.number }}"></td>{% endif %}
  <td><a href="{% url 'ledger:measure' m.pk %}">{{ m.pk }}</a></td>
  <td class="small">{{ m.problem.source.title }}</td>
  <td><a class="small problem-number" href="{% url 'ledger:problem' m.problem_id %}">问题 {{ m.problem.number }}</a> <a href="{% url 'ledger:problem' m.problem_id %}">{{ m.problem.description|truncatechars:60 }}</a>{% if m.problem.aspect %}<div class="muted small">{{ m.problem.aspect|truncatechars:30 }}</div>{% endif %}</td>
  <td><a href="{% url 'ledger:measure' m.pk %}">{{ m.text|truncatechars:80 }}</a></td>
  <td>{{ m.owner|default:"" }}</td>
  <td>{{ m.unit|default:"" }}</td>
  <td class="deadline">{{ m.get_term_display }}{% if m.deadline %}<br>{{ m.deadline|date:"Y-m-d" }}{% endif %}{% if m.original_deadline %}<br><span class="small muted">已延期（原{{ m.original_deadline|date:"Y-m-d" }}）</span>{% endif %}</td>
  <td><span class="tag {{ m.status }}">{{ m.get_status_display }}</span>{% if m.finished_late %} <span class="tag late">逾期完成</span>{% endif %}{% if m.done_without_evidence %} <span class="tag late">无佐证材料</span>{% endif %}</td>
</tr>
{% empty %}
<tr><td colspan="{% if may_import %}9{% else %}8{% endif %}" class="muted">没有符合条件的整改措施。</td></tr>
{% endfor %}"""

#: The dashboard list's loop as ledger/_measure_list.html had it.
LIST_LOOP = """{% for m in items %}
<tr class="{{ css }}"><td><a href="{% url 'ledger:measure' m.pk %}">{{ m.text|truncatechars:80 }}</a></td><td>{{ m.owner|default:"" }}</td><td>{{ m.unit|default:"" }}</td><td class="deadline">{{ m.deadline|date:"Y-m-d" }}</td><td>{{ m.get_status_display }}</td></tr>
{% empty %}<tr><td colspan="5" class="muted">无</td></tr>
{% endfor %}"""


class RowsTest(BaseTestCase):
    def rows(self):
        return list(Measure.objects.select_related("problem__source", "owner", "unit").order_by("pk"))

    def test_rows_are_what_the_template_gave(self):
        # Every branch: long texts cut, characters to escape, no owner or unit, no aspect, no
        # deadline, an extended deadline, finished late, done without evidence, every status, texts
        # with combining characters (counted as nothing, normalised) short and long.
        Problem.objects.filter(pk=self.problem.pk).update(
            description="<b>“学用结合”</b> & '不够' " + "深" * 80, aspect="作风 & <纪律>" + "方面" * 20
        )
        Measure.objects.filter(pk=self.measure.pk).update(
            text='措施 <script>alert("x")</script> ' + "长" * 100,
            original_deadline=self.today - datetime.timedelta(days=10),
            finished_late=True,
            done_without_evidence=True,
            status=Status.DONE,
        )
        Measure.objects.filter(pk=self.colleague_measure.pk).update(
            owner=None, unit=None, deadline=None, status=Status.BLOCKED, text="cafe\u0301" + "e\u0301" * 60
        )
        other = Problem.objects.create(
            source=self.source, organisation=self.team, number=9, description="没有方面", aspect=""
        )
        Measure.objects.create(
            problem=other,
            organisation=self.team,
            text="逾期的措施 cafe\u0301",
            owner=self.member,
            deadline=self.today - datetime.timedelta(days=2),
            status=Status.IN_PROGRESS,
        )
        rows = self.rows()
        for m in rows:
            m.row_class = row_class(m, self.today)
        for may_import in (True, False):
            for shown in (rows, []):
                with self.subTest(may_import=may_import, rows=len(shown)):
                    context = Context({"rows": shown, "may_import": may_import})
                    self.assertEqual(
                        ledger_rows(shown, may_import, self.today), Template(LEDGER_LOOP).render(context)
                    )
        for css in ("overdue", "due-soon"):
            for shown in (rows, []):
                with self.subTest(css=css, rows=len(shown)):
                    context = Context({"items": shown, "css": css})
                    self.assertEqual(measure_list(shown, css), Template(LIST_LOOP).render(context))
