"""Words that make a name an organization's, or show one acting: data for the extraction rules."""

ORG_WORDS = {
    "academy", "administration", "agency", "airlines", "airways", "al-qaeda", "al-qaida",
    "al-shabaab", "alliance", "army", "assembly", "association", "authority", "banca", "banco",
    "bank", "battalion", "bbc", "board", "brigade", "brigades", "broadcasting", "bureau", "cabinet",
    "church", "club", "cnn", "co", "coalition", "college", "command", "commission", "committee",
    "company", "congress", "corp", "corporation", "corps", "council", "court", "daesh",
    "department", "dept", "directorate", "entertainment", "fc", "federation", "force", "forces",
    "foundation", "front", "fund", "gazette", "government", "group", "guard", "guards", "hamas",
    "herald", "hezbollah", "holdings", "houthi", "houthis", "inc", "industries", "institut",
    "institute", "institution", "instituto", "isil", "isis", "istituto", "journal", "labs",
    "league", "llc", "ltd", "magazine", "media", "militia", "ministry", "motors", "movement",
    "movimento", "movimiento", "mujahideen", "municipality", "navy", "network", "news", "office",
    "org", "organisation", "organization", "parliament", "partido", "partito", "partners", "party",
    "pharmaceuticals", "pictures", "plc", "police", "post", "press", "program", "programme",
    "radio", "records", "regiment", "reuters", "school", "secretariat", "senate", "service",
    "services", "society", "studios", "systems", "taliban", "team", "tech", "technologies",
    "television", "times", "tribune", "trust", "tv", "union", "universidad", "university",
    "università", "universität", "wikinews",
}  # fmt: skip

# Newspaper titles end in these: "Toronto Star", "Edmonton Sun", "Daily Mail".
NEWS_WORDS = {
    "chronicle", "courier", "dispatch", "examiner", "express", "gazette", "globe", "guardian",
    "herald", "independent", "inquirer", "journal", "mail", "mirror", "news", "observer", "post",
    "record", "register", "sentinel", "standard", "star", "sun", "telegraph", "times", "tribune",
}  # fmt: skip

# Two-word endings that make an organization although the last word alone is a place word.
ORG_ENDINGS = {("school", "district"), ("water", "district"), ("fire", "district"), ("park", "service")}

# A word right after a name that shows it is a company or body: "Cisco spokesman", "Apple CEO".
ORG_CONTEXT = {
    "board", "ceo", "cfo", "chairman", "chief", "co-founder", "corp", "employees", "executive",
    "executives", "founder", "headquarters", "inc", "leader", "leadership", "ltd", "member",
    "members", "officials", "shares", "spokesman", "spokesperson", "spokeswoman", "staff", "stock",
    "subsidiary", "website",
}  # fmt: skip

# Verbs whose subject is a body or company rather than a place: "Cisco sued Apple", "Cisco said".
ACTOR_VERBS = {
    "acquire", "agree", "announce", "buy", "claim", "confirm", "deny", "file", "fire", "hire",
    "introduce", "launch", "plan", "release", "report", "say", "sell", "settle", "sign", "state",
    "sue", "tell", "unveil",
}  # fmt: skip

# One word that names a kind of body or a belief, not one body: "the Administration", "Scientologists".
GENERIC_BODIES = {
    "administration", "affairs", "agency", "authority", "board", "commission", "committee",
    "department", "emeritus", "government", "headquarters", "management", "ministry", "office",
    "service", "services", "state", "volunteer", "volunteers",
}  # fmt: skip

BELIEF_SUFFIXES = ("ist", "ists", "ism", "isms", "phobia", "ics")

# Words after a one-word name that show a company, service or product line: "Twitter users".
SERVICE_CONTEXT = {
    "account", "accounts", "app", "customers", "feed", "platform", "software", "user", "users",
}  # fmt: skip

GROUP_NOUNS = {
    "band", "brand", "charity", "club", "company", "firm", "group", "label", "magazine", "movement",
    "network", "newspaper", "organisation", "organization", "party", "startup", "team", "website",
}  # fmt: skip

# A government portfolio after `Secretary of` / `Minister of`: part of the title, not a body.
PORTFOLIOS = {
    "agriculture", "commerce", "communications", "culture", "defence", "defense", "education",
    "energy", "environment", "finance", "health", "information", "interior", "justice", "labor",
    "labour", "state", "trade", "transport", "transportation", "treasury", "war",
}  # fmt: skip

# Upper-case words that are not names of anything: time zones, units, formats, interjections.
NOT_ACRONYM_NAMES = {
    "3D", "AD", "AI", "AIDS", "AM", "AR", "ASAP", "BC", "BCE", "CBE", "CD", "CE", "CET", "COVID",
    "CPI", "DIY", "DVD", "EST", "FAQ", "GB", "GDP", "GHZ", "GMT", "GPS", "HD", "HIV", "HTML", "ID",
    "II", "III", "IPO", "IQ", "IT", "IV", "IX", "JR", "KB", "KC", "KG", "KM", "LCD", "LED", "LOL",
    "MB", "MBE", "MHZ", "MPH", "OBE", "OK", "OMG", "PC", "PDF", "PHD", "PM", "PS", "PST", "QC",
    "RIP", "SARS", "SC", "SMS", "SR", "TB", "TV", "URL", "USB", "UTC", "VI", "VII", "VIII", "VIP",
    "VR", "XI", "XII", "SUV", "SUVS", "ATV", "MRI", "DNA", "RNA", "ATM", "CEO", "CFO", "COO", "CTO",
}  # fmt: skip

# Words a company's name carries and its short name drops: `Apple Computer` is Apple, `Ford Motor
# Company` is Ford (the legal suffixes, Inc., N.V. ..., are dropped in names.py).
COMPANY_DESCRIPTORS = {
    "computer", "computers", "motor", "motors", "company", "corporation", "group", "holdings",
    "international", "incorporated", "industries", "technologies", "technology", "systems",
    "enterprises", "worldwide", "global",
}  # fmt: skip

# One word too generic to stand for one body alone: `Motor`, `House` never link two names.
GENERIC_HEADS = ORG_WORDS | COMPANY_DESCRIPTORS | {
    "house", "general", "national", "united", "american", "new", "royal", "central", "federal",
    "state", "states", "city", "public", "people", "democratic", "republican", "white", "first",
    "global", "world", "capital", "street", "city hall",
}  # fmt: skip

# Verbs whose subject is a company, not a town: "Toyota recalled ...", "Magna hired ...".
COMPANY_VERBS = {
    "recall", "manufacture", "sell", "ship", "unveil", "launch", "hire", "acquire", "buy", "merge",
    "invest", "produce", "license", "outsell", "list", "trade", "sue",
}  # fmt: skip
