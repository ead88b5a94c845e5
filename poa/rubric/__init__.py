"""The rubric: rules in YAML files, rule kinds in Python, and the engine that applies them.

Rubric files are validated (loader.py, pydantic) and kept compiled (compiled.py) so that
checking a letter loads neither pydantic nor PyYAML. May import poa.letters, poa.answers
and poa.files; never rendering, the workflows or the front ends.
"""
