"""Tests of the drafting screen (Pilot tests and SVG snapshots)."""
