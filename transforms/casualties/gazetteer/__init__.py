"""An offline gazetteer: place names in news text, with country, state, coordinates and precision.

- `aliases`: names the data lacks or spells otherwise (AP state abbreviations, demonyms, regions);
- `normalise`: one folding of a name into its index key, and a text's tokens;
- `data`: the index, built from packaged GeoNames and ISO data and cached per user;
- `matcher`: the longest-match scan of a text;
- `resolver`: which place a name stands for in its text (its dateline, the country it is about).
"""

from casualty_events.transforms.casualties.gazetteer.data import PLACE_PRECISION, PRECISION_ORDER, Place
from casualty_events.transforms.casualties.gazetteer.resolver import (
    admin1_codes,
    admin1_name,
    city_and_part,
    city_part,
    country_of_demonym,
    dateline,
    distance_km,
    document_country,
    find_places,
    lookup,
    nationality,
    only_country,
    people_named,
    site_country,
)

__all__ = [
    "PLACE_PRECISION", "PRECISION_ORDER", "Place", "admin1_codes", "admin1_name", "city_and_part", "city_part",
    "country_of_demonym", "dateline", "distance_km", "document_country", "find_places", "lookup", "nationality",
    "only_country", "people_named", "site_country",
]  # fmt: skip
