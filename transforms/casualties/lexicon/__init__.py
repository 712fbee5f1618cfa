"""What the rules know of a language, as data: one module per language (spaCy's `lang/xx/` is the model)."""
