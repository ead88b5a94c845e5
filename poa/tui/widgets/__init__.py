"""Widgets of the drafting screen: one module per idea."""
