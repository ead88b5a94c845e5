"""A user's files and poa's own, handled safely: text read with limits, YAML with positions,
atomic saves, the data and cache folders, the recovery journal and the recent drafts.

The bottom layer: may import only poa.errors and poa.terminal.
"""
