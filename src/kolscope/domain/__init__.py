"""The product's vocabulary in plain Python: entities, value objects and rules, no I/O."""
