"""Organisations (a tree), people, and their roles per organisation."""
