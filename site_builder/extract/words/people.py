"""Words about people's names: name particles (de, van, bin) and occupations before a name."""

PARTICLES = {
    "al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "ibn", "la", "le", "van",
    "von",
}  # fmt: skip

OCCUPATIONS = {
    "activist", "actor", "actress", "architect", "artist", "athlete", "author", "boxer", "chef",
    "comedian", "composer", "cricketer", "dancer", "designer", "economist", "filmmaker",
    "footballer", "golfer", "historian", "journalist", "lawyer", "model", "musician", "novelist",
    "painter", "photographer", "player", "poet", "rapper", "scientist", "sculptor", "singer",
    "songwriter", "writer",
}  # fmt: skip
