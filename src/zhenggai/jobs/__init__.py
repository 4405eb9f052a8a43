"""Long work in the background: jobs run as tasks (django-tasks), their progress shown by a bar.

A view calls `start()` with a task; the task wraps its work in `running()` and reports its progress;
the job's page (views.py) polls `/jobs/<id>/status/` and shows the bar, then the result.
"""
