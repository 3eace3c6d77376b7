"""Words of match reports: a country that plays is its national team."""

# Words of match reports: with a score in the text, several of these make an article a sports story.
SPORTS_WORDS = {
    "championship", "coach", "cup", "defender", "equalise", "equaliser", "equalize", "equalizer",
    "final", "fixture", "game", "goal", "goalkeeper", "half-time", "header", "inning", "innings",
    "kick-off", "league", "match", "medal", "midfielder", "olympics", "penalty", "player",
    "quarter-final", "race", "referee", "round", "scorer", "semi-final", "set", "squad", "stadium",
    "striker", "substitute", "team", "tie-break", "touchdown", "tournament", "try", "wicket",
}  # fmt: skip

UK_NATIONS = {
    "England", "Northern Ireland", "Scotland", "Wales",
}  # fmt: skip
