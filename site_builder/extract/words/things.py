"""Nouns that make the name before (or after) them a thing, not an actor or a place: a disease, a
product, a vehicle, a ship, a market index. "West Nile virus", "Ford Taurus sedan", "the ship Mavi
Marmara", "the Hang Seng index"."""

# After a name: the name is a disease or its agent. One such use makes every mention of a town's
# name in the article the disease ("died of Ebola"); a country keeps its other mentions.
PATHOGEN_WORDS = {
    "virus", "viruses", "fever", "disease", "diseases", "flu", "influenza", "vaccine", "vaccines",
    "haemorrhagic", "hemorrhagic", "strain", "strains", "bacteria", "bacterium", "encephalitis",
}  # fmt: skip

# After a name: the name is a product, vehicle, vessel or index.
THING_HEADS = {
    "index", "indices", "sedan", "sedans", "suv", "suvs", "hatchback", "coupe", "minivan", "pickup",
    "truck", "trucks", "car", "cars", "jet", "jets", "airliner", "airliners", "aircraft", "plane",
    "planes", "helicopter", "ship", "vessel", "ferry", "tanker", "yacht", "frigate", "destroyer",
    "submarine", "carrier", "console", "consoles", "smartphone", "smartphones", "handset", "handsets",
    "tablet", "tablets", "laptop", "laptops", "sensor", "browser", "drug", "pill", "rifle", "missile",
    "missiles", "rocket", "engine", "engines", "model", "models",
}  # fmt: skip

# Before a name: "the ship Mavi Marmara", "aboard the Mavi Marmara".
THING_BEFORE = {
    "ship", "vessel", "ferry", "tanker", "yacht", "frigate", "destroyer", "submarine", "aboard",
    "flagship", "index", "drug", "model",
}  # fmt: skip

# After a name, whatever spaCy's label: a market index (`the Hang Seng index`, `the DAX index`).
INDEX_WORDS = {"index", "indices", "indexes"}
