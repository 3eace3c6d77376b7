"""Words around people's and companies' names: honorifics (no role), titles (a role), legal
suffixes of companies, caption words, and given names that are first of all English words."""

# Honorifics carry no role; titles do (they become `roles`). Lower-cased, dots stripped.
HONORIFICS = {
    "comrade", "dame", "dr", "father", "fr", "frau", "haji", "hajji", "herr", "hon", "honorable",
    "honourable", "lady", "lord", "madam", "maulvi", "mawlawi", "miss", "mister", "monsieur", "mr",
    "mrs", "ms", "mullah", "mx", "prof", "professor", "rev", "reverend", "saint", "senor", "señor",
    "shaikh", "sheikh", "sir", "st",
}  # fmt: skip

TITLES = {
    "acting", "adm", "admiral", "agent", "ambassador", "amir", "anchor", "archbishop", "attorney",
    "ayatollah", "bishop", "brigadier", "capt", "captain", "cardinal", "ceo", "cfo", "chair",
    "chairman", "chairwoman", "chancellor", "chief", "cmdr", "co-founder", "coach", "col",
    "colonel", "commander", "commissioner", "congressman", "congresswoman", "constable", "consul",
    "coo", "corporal", "correspondent", "councillor", "councilman", "councilwoman", "cpl", "crown",
    "cto", "defence", "defense", "deputy", "detective", "director", "emir", "emperor", "empress",
    "envoy", "ex", "executive", "field", "finance", "foreign", "former", "founder", "gen",
    "general", "gov", "governor", "head", "health", "home", "imam", "inspector", "interior",
    "judge", "justice", "king", "late", "leader", "lieutenant", "lt", "maj", "major", "marshal",
    "mayor", "mep", "minister", "mp", "officer", "pastor", "pope", "premier", "president", "prime",
    "prince", "princess", "private", "prosecutor", "pvt", "queen", "rabbi", "rep", "reporter",
    "representative", "secretary", "sen", "senator", "sergeant", "sgt", "shadow", "sheriff",
    "speaker", "spokesman", "spokesperson", "spokeswoman", "sultan", "vice", "vice-president",
}  # fmt: skip

ORG_SUFFIXES = {
    "ab", "ag", "asa", "b.v", "bv", "co", "company", "corp", "corporation", "gmbh", "inc",
    "incorporated", "kk", "limited", "llc", "llp", "lp", "ltd", "n.v", "nv", "oyj", "plc", "pty",
    "s.a", "s.p.a", "sa", "se", "spa",
}  # fmt: skip

CAPTION_WORDS = {
    "file", "image", "photo", "picture", "pictured", "video",
}  # fmt: skip

# First names that are also everyday English words or common in company names: no evidence alone.
COMMON_WORD_FIRST_NAMES = {
    "april", "august", "bank", "chance", "china", "dawn", "delta", "early", "faith", "fan",
    "general", "golden", "grace", "grand", "hope", "joy", "june", "king", "love", "major", "march",
    "may", "page", "price", "rose", "royal", "star", "summer", "sun", "united", "virgin", "will",
    "young",
}  # fmt: skip
