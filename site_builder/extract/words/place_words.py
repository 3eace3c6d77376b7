"""Words that make a name a place's, or a use of it locative: data for cues.py and kinds.py."""

PLACE_WORDS = {
    "airport", "arena", "avenue", "base", "bay", "border", "boulevard", "bridge", "building",
    "camp", "canal", "cathedral", "cave", "caves", "center", "centre", "city", "coast", "county",
    "crossing", "dam", "desert", "district", "facility", "gallery", "gulf", "hall", "harbor",
    "harbour", "highway", "hospital", "hotel", "island", "islands", "lake", "mall", "market",
    "memorial", "monument", "mosque", "mountain", "mountains", "museum", "ocean", "opera", "palace",
    "park", "pass", "peninsula", "planetarium", "plaza", "port", "prison", "province", "river",
    "road", "sea", "square", "stadium", "station", "strait", "street", "temple", "theater",
    "theatre", "tower", "towers", "valley", "village", "zoo",
}  # fmt: skip

PLACE_NOUNS = {
    "province": "region", "provinces": "region", "state": "region", "region": "region", "city":
    "city", "district": "place", "districts": "place", "village": "place",
}  # fmt: skip

LOCATIVE = {
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside", "to", "toward",
    "towards",
}  # fmt: skip

# Prepositions before a country that still mean the place in a sports story: "in Russia", "at Wembley".
PLACE_PREPOSITIONS = {
    "across", "around", "at", "in", "inside", "into", "near", "outside", "toward", "towards",
}  # fmt: skip

# Verbs that describe where a country is, not what it does: "Afghanistan shares a border with ...".
STATIVE = {
    "be", "border", "cover", "have", "include", "lie", "neighbor", "neighbour", "remain", "share",
    "stretch",
}  # fmt: skip

# Nouns after a place name that only say what kind of area it is: `Indian Ocean coast`, `Sumatra
# province`, `Pingliang City` name the place itself (a museum or a bridge is another place).
AREA_NOUNS = {
    "coast", "province", "provinces", "city", "district", "county", "region", "state", "area",
    "territory", "prefecture", "municipality", "governorate", "oblast", "island", "islands", "valley",
}  # fmt: skip
