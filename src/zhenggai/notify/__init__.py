"""Reminders that reach people: the daily digest by e-mail and group robot, and each person's settings."""
