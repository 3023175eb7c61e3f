"""Built-in rules, one module per Code topic (installed as ``tcop_lint.rules``)."""
