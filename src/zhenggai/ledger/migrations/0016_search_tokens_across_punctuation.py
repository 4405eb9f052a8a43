# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Search tokens now include the bigrams across spaces and punctuation (search.search_tokens: "学习、计划"
also gives 习计), so that a query typed without the punctuation ("学习计划") is found by the index too.
Every measure's tokens are made again. No ledger change: `search_text` is derived.
"""

from django.db import migrations

BATCH = 2000


def forwards(apps, schema_editor):
    from zhenggai.ledger.search import search_tokens

    Measure = apps.get_model("ledger", "Measure")
    batch = []
    rows = Measure.objects.select_related("problem").only("pk", "text", "search_text", "problem__description")
    for measure in rows.order_by("pk").iterator(BATCH):
        tokens = search_tokens(f"{measure.problem.description} {measure.text}")
        if tokens != measure.search_text:
            measure.search_text = tokens
            batch.append(measure)
        if len(batch) == BATCH:
            Measure.objects.bulk_update(batch, ["search_text"])
            batch = []
    Measure.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("ledger", "0015_search_text_in_nfkc")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
