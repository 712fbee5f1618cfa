"""casualty-events: an Apache Beam pipeline that turns news feeds into a dataset of dated casualty events.

The code lives in the design card's folders, mapped into this one import package by `pyproject.toml`:
`casualty_events.pipelines` (CLI, run driver, tables), `casualty_events.transforms` (the stages and the
extractor), `casualty_events.schemas` (records, table schemas, codes) and `casualty_events.seeds` (the demo feed).
"""
