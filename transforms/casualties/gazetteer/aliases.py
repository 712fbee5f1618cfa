"""Names the gazetteer data lacks or spells otherwise: AP state abbreviations, country aliases, regions,
demonyms, and the articles and connectors inside place names. Data only: code reads these."""
from __future__ import annotations

AP_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "cal.": "CA", "colo.": "CO",
    "conn.": "CT", "del.": "DE", "fla.": "FL", "ga.": "GA", "ill.": "IL", "ind.": "IN",
    "kan.": "KS", "kans.": "KS", "ky.": "KY", "la.": "LA", "md.": "MD", "mass.": "MA",
    "mich.": "MI", "minn.": "MN", "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE",
    "nebr.": "NE", "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY",
    "n.c.": "NC", "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA", "penn.": "PA",
    "r.i.": "RI", "s.c.": "SC", "s.d.": "SD", "tenn.": "TN", "tex.": "TX", "vt.": "VT",
    "va.": "VA", "wash.": "WA", "w.va.": "WV", "wis.": "WI", "wyo.": "WY", "d.c.": "DC",
}  # fmt: skip
COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "US", "u.s.a.": "US", "usa": "US", "us": "US", "america": "US",
    "united states of america": "US", "britain": "GB", "great britain": "GB", "u.k.": "GB",
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "russia": "RU", "soviet union": "RU", "ussr": "RU", "south korea": "KR",
    "north korea": "KP", "burma": "MM", "ivory coast": "CI", "holland": "NL",
    "czechia": "CZ", "macedonia": "MK", "swaziland": "SZ", "east timor": "TL",
    "palestine": "PS", "gaza strip": "PS", "gaza": "PS", "west bank": "PS", "congo": "CD", "drc": "CD",
    "d.r.c.": "CD", "bosnia": "BA", "vatican": "VA", "uae": "AE", "u.a.e.": "AE",
    "laos": "LA", "vietnam": "VN", "syria": "SY", "iran": "IR", "turkiye": "TR",
    "the netherlands": "NL", "the philippines": "PH", "the gambia": "GM",
}  # fmt: skip
# Undotted abbreviations are words in ALL CAPS text ("US", "DRC" is fine but
# "US" is the pronoun), so they only count in mixed-case text.
UNDOTTED_ABBREVIATIONS = frozenset({"us", "usa", "uk", "uae", "drc", "ussr"})
REGIONS: tuple[str, ...] = (
    "Middle East", "Near East", "Latin America", "Central America", "South America",
    "North America", "Caribbean", "Balkans", "Caucasus", "Sahel", "Horn of Africa",
    "Persian Gulf", "Gulf", "Levant", "Kurdistan", "Southeast Asia", "Central Asia",
    "East Africa", "West Africa", "North Africa", "Europe", "Africa", "Asia", "Oceania",
)  # fmt: skip
# Irregular by nature, so listed; the few ambiguous ones ("Georgian", "Korean",
# "Congolese") go to the country most news means.
DEMONYMS: dict[str, str] = {
    word.lower(): code
    for code, words in {
        "AF": "Afghan, Afghani", "AL": "Albanian", "DZ": "Algerian", "AO": "Angolan",
        "AR": "Argentine, Argentinian, Argentinean", "AM": "Armenian", "AU": "Australian",
        "AT": "Austrian", "AZ": "Azerbaijani, Azeri", "BH": "Bahraini",
        "BD": "Bangladeshi", "BY": "Belarusian", "BE": "Belgian", "BO": "Bolivian",
        "BA": "Bosnian", "BR": "Brazilian",
        "GB": "British, Briton, Scottish, Welsh, Englishman, Englishmen, Englishwoman, Scotsman, Scotsmen, Welshman",
        "BG": "Bulgarian", "BF": "Burkinabe", "MM": "Burmese", "BI": "Burundian",
        "KH": "Cambodian", "CM": "Cameroonian", "CA": "Canadian", "CF": "Centrafrican",
        "TD": "Chadian", "CL": "Chilean", "CN": "Chinese", "CO": "Colombian",
        "CD": "Congolese", "CR": "Costa Rican", "HR": "Croatian", "CU": "Cuban",
        "CY": "Cypriot", "CZ": "Czech", "DK": "Danish, Dane", "DJ": "Djiboutian",
        "DO": "Dominican", "NL": "Dutch, Dutchman, Dutchmen, Dutchwoman, Netherlander",
        "EC": "Ecuadorian, Ecuadoran", "EG": "Egyptian",
        "SV": "Salvadoran, Salvadorean, Salvadorian", "AE": "Emirati", "ER": "Eritrean",
        "EE": "Estonian", "ET": "Ethiopian", "PH": "Filipino, Philippine", "FI": "Finnish",
        "FR": "French, Frenchman, Frenchmen, Frenchwoman", "GE": "Georgian", "DE": "German", "GH": "Ghanaian",
        "GR": "Greek",
        "GT": "Guatemalan", "GN": "Guinean", "HT": "Haitian", "HN": "Honduran",
        "HU": "Hungarian", "IS": "Icelandic", "IN": "Indian", "ID": "Indonesian",
        "IR": "Iranian, Persian", "IQ": "Iraqi", "IE": "Irish, Irishman, Irishmen, Irishwoman", "IL": "Israeli",
        "IT": "Italian", "CI": "Ivorian", "JM": "Jamaican", "JP": "Japanese",
        "JO": "Jordanian", "KZ": "Kazakh, Kazakhstani", "KE": "Kenyan", "XK": "Kosovar",
        "KW": "Kuwaiti", "KG": "Kyrgyz", "LA": "Laotian", "LV": "Latvian",
        "LB": "Lebanese", "LR": "Liberian", "LY": "Libyan", "LT": "Lithuanian",
        "MK": "Macedonian", "MG": "Malagasy", "MW": "Malawian", "MY": "Malaysian",
        "ML": "Malian", "MR": "Mauritanian", "MX": "Mexican", "MD": "Moldovan",
        "MN": "Mongolian", "ME": "Montenegrin", "MA": "Moroccan", "MZ": "Mozambican",
        "NP": "Nepalese, Nepali", "NZ": "Zealander", "NI": "Nicaraguan", "NE": "Nigerien",
        "NG": "Nigerian", "KP": "North Korean", "NO": "Norwegian", "OM": "Omani",
        "PK": "Pakistani", "PS": "Palestinian", "PA": "Panamanian", "PY": "Paraguayan",
        "PE": "Peruvian", "PL": "Polish", "PT": "Portuguese", "QA": "Qatari",
        "RO": "Romanian", "RU": "Russian, Soviet", "RW": "Rwandan", "SA": "Saudi",
        "SN": "Senegalese", "RS": "Serbian, Serb", "SL": "Sierra Leonean",
        "SG": "Singaporean", "SK": "Slovak", "SI": "Slovenian, Slovene", "SO": "Somali",
        "ZA": "South African", "KR": "South Korean, Korean", "SS": "South Sudanese",
        "ES": "Spanish, Spaniard", "LK": "Sri Lankan", "SD": "Sudanese", "SE": "Swedish, Swede",
        "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese", "TJ": "Tajik", "TZ": "Tanzanian",
        "TH": "Thai", "TG": "Togolese", "TN": "Tunisian", "TR": "Turkish, Turk",
        "TM": "Turkmen", "UG": "Ugandan", "UA": "Ukrainian", "US": "American",
        "UY": "Uruguayan", "UZ": "Uzbek", "VE": "Venezuelan", "VN": "Vietnamese",
        "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean",
    }.items()
    for word in words.split(", ")
}  # fmt: skip
ARTICLES = frozenset({"al", "ar", "as", "ash", "ad", "an", "at", "az", "el", "la", "le", "les", "los", "las", "the"})
# Lower-case words allowed inside capitalised multi-word names.
NAME_CONNECTORS = frozenset({"of", "the", "and", "de", "del", "la", "el", "al", "du", "des", "da", "do", "y", "upon"})
# Country-code domains sold to anyone ("bit.ly", "news.co", "x.io"): they say nothing of a site's country.
GENERIC_COUNTRY_DOMAINS = frozenset("ai co fm gg io la ly me nu sh so tk to tv ws cc".split())
# Domains that are not the country's ISO code.
COUNTRY_DOMAIN_ALIASES: dict[str, str] = {"uk": "GB", "su": "RU"}
