"""The rubric: rules in YAML files, rule kinds in Python, and the engine that applies them."""
