"""Screens and dialogs of the drafting app."""
