"""Event rules as data: the dependency labels and word lists `clauses` and `anchoring` read.

Lemmas are lower case. The lists name grammatical classes of English (reporting verbs, states,
modals, plans), not words from any one article.
"""

from __future__ import annotations

# A verb on one of these arcs heads a clause of its own: a predicate that can carry its own time.
CLAUSE_DEPS = {"ROOT", "conj", "relcl", "advcl", "ccomp", "xcomp", "acl", "parataxis", "csubj", "csubjpass",
               "pcomp"}  # fmt: skip
# Clauses that take their parent's time when they have none of their own: the participle or
# infinitive of one act ("unveiled it by walking on stage", "began to sell", "saying that").
BOUND_DEPS = {"xcomp", "pcomp"}

# A time expression hanging from a noun by one of these is part of a name or a description of the
# thing ("the 2018 World Cup", "Israel's 2013 apology", "the 1953 expedition"): it dates no clause.
MODIFIER_DEPS = {"compound", "nummod", "amod", "nmod", "poss", "quantmod"}
# "the Act of 1934", "the class of 2010": a prepositional phrase that names, not one that dates.
NAMING_PREPS = {"of"}
# The prepositions of a time on a noun that date the noun's clause ("the service in February passed
# Wal-Mart", "slated for a release on June 24"); "over", "from", "between" give the noun a period.
LIFTED_SIGNALS = {"in", "on", "at", "since", "until", "till", "by", "before", "after"}
# "In a Wednesday media event, Apple released ...": the setting's day dates the clause, weakly.
SETTING_PREPS = {"in", "at", "during"}

# The preposition before a time and the range it gives the event ("by 2030" is at the latest 2030).
RANGE_OF_SIGNAL = {"since": "since", "until": "until", "till": "until", "before": "before", "by": "before",
                   "after": "after"}  # fmt: skip
# "first loss since 1992", "lowest since 1997", "the most since": "since" that compares, not one that
# opens a period; the event is now. Superlatives (JJS, RBS) count too.
COMPARISON_WORDS = {"first", "record", "only", "last", "biggest", "largest", "highest", "lowest",
                    "worst", "best", "most", "least", "fewest", "steepest", "sharpest", "strongest",
                    "weakest"}  # fmt: skip

FUTURE_AUX = {"will", "'ll", "shall", "wo", "sha"}
MODAL_AUX = {"would", "'d", "could", "might", "may", "should", "must", "can", "ca", "ought"}
# Heads whose infinitive lies ahead: "plans to open", "is expected to rise", "is set to", "going to".
PLANNING_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "promise", "vow",
                  "threaten", "prepare", "propose", "want", "seek", "pledge", "go", "slate", "likely",
                  "poise", "wish", "agree", "decide", "offer", "ask", "urge", "order", "ready", "willing",
                  "supposed", "bound"}  # fmt: skip
# "Its goal is to decrease ...": a subject naming an aim makes "is to" a copula, not the future.
PURPOSE_NOUNS = {"goal", "aim", "purpose", "objective", "mission", "task", "job", "idea", "plan", "intention",
                 "priority", "hope", "dream", "ambition", "target", "challenge", "role", "function",
                 "point", "strategy", "policy", "solution", "answer", "way", "step", "focus"}  # fmt: skip
# "has to", "needs to": ahead while told in the present; "had to rebuild" was done.
OBLIGATION_HEADS = {"have", "need"}
# "if it rains": a condition; what it conditions may not happen.
CONDITION_MARKS = {"if", "unless", "whether"}

# Verbs of saying: what they report is a clause of its own, dated by its own time or tense.
REPORTING = {"say", "tell", "announce", "state", "claim", "report", "add", "confirm", "deny", "note",
             "explain", "insist", "argue", "warn", "reveal", "acknowledge", "admit", "declare", "write",
             "suggest", "believe", "think", "predict", "estimate", "allege", "assert", "mention", "disclose",
             "indicate", "show", "describe", "call", "reply", "respond", "tweet", "post", "comment",
             "stress", "emphasise", "emphasize", "repeat", "recall", "testify", "promise", "pledge", "vow",
             "complain", "observe", "remark", "conclude", "agree", "accuse", "urge"}  # fmt: skip

# Nouns that name an occurrence: with a time of their own ("the March 2 crash", "Monday's sell-off",
# "GM's 2009 bankruptcy") they are events of their own. Things, documents and amounts are not
# ("the 2018 budget", "the February 12 issue", "2000 levels").
EVENT_NOUNS = {
    # lives, offices, courts
    "death", "birth", "funeral", "wedding", "election", "vote", "referendum", "runoff", "inauguration",
    "resignation", "retirement", "appointment", "dismissal", "firing", "arrest", "detention", "trial",
    "hearing", "verdict", "ruling", "sentencing", "conviction", "acquittal", "execution", "indictment",
    "lawsuit", "settlement", "investigation", "inquiry", "probe", "decision", "approval", "ban", "veto",
    "signing", "ratification", "passage", "surgery", "transplant", "diagnosis", "injury", "absence",
    # violence and disasters
    "raid", "attack", "bombing", "explosion", "blast", "shooting", "killing", "murder", "massacre",
    "assassination", "kidnapping", "abduction", "hijacking", "crash", "collision", "derailment",
    "accident", "fire", "earthquake", "quake", "tsunami", "flood", "storm", "hurricane", "typhoon",
    "cyclone", "eruption", "landslide", "outbreak", "strike", "walkout", "protest", "demonstration",
    "riot", "uprising", "revolution", "coup", "invasion", "ceasefire", "truce", "offensive", "siege",
    "airstrike", "evacuation", "escape", "rescue", "hack", "breach", "leak", "outage", "shutdown",
    "blackout",
    # gatherings, launches and shows
    "launch", "landing", "flight", "takeoff", "liftoff", "release", "debut", "premiere", "opening",
    "closure", "unveiling", "announcement", "speech", "keynote", "interview", "conference", "summit",
    "meeting", "talk", "talks", "visit", "trip", "tour", "ceremony", "celebration", "concert", "exhibition",
    "match", "game", "final", "race", "tournament", "championship",
    # business and markets
    "merger", "acquisition", "takeover", "buyout", "purchase", "deal", "agreement",
    "bankruptcy", "collapse", "default", "bailout", "recall", "layoff", "selloff", "sell-off", "plunge",
    "slump", "rebound", "surge", "downturn", "recession", "listing", "flotation",
}  # fmt: skip

# States: in the past with no time of their own they describe ("the company owned five stores"),
# like the simple present of any verb does ("the phone has two cameras", "the store sells music").
STATIVE = {"be", "have", "own", "possess", "share", "border", "contain", "include", "comprise", "consist",
           "lie", "belong", "know", "seem", "appear", "resemble", "mean", "cost", "weigh", "measure",
           "equal", "represent", "span", "deserve", "depend", "involve", "matter", "exist", "differ",
           "lack", "remain", "need", "want", "like", "love", "hate", "prefer", "fear", "doubt"}  # fmt: skip
# "may be caused by mites", "could be linked": a guess about how things are, not an event ahead.
SPECULATIVE_AUX = {"may", "might", "could", "must"}
# "can" tells what is possible, not what will happen: "the phones can be returned".
ABILITY_AUX = {"can", "ca"}
