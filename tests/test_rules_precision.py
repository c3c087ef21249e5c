"""Issue 20: four overreaches of the ninth pass's patterns on ordinary, non-alliance text.

A review found them firing outside their meaning; each was judged by the labelling guide
(bench/labels/README.md). False alarms, now silent (NOT_FOUND): a cyber attack on a company
is no armed attack, invasion or aggression on a party ("armed-attack"); an outside organ
consulting on its own ("La Commission se consultera") is no duty of the parties to talk
("consultation", the subject of the duty must be the parties); an infringement that does not
happen, of investments, is no attack on a party; "효력을 발생하는 것" states an effect ("shall
enter into force" is not obligatory); talk on tariffs (関税について協議する) decides no help and
is no buffer, as consulting on reviewing the treaty is not. Right, kept (FOUND):
"两国约定互派留学生" binds the parties to an act ("agrees that it will ... act" is obligatory,
whatever the act). Each fixed family keeps a true case of the same words (FOUND).
"""

from __future__ import annotations

from _rule_findings import meaning_tests

FOUND = [
    # French armed attack: the case and victim clauses still name the event
    (
        "au cas où l'une des Parties serait victime d'une attaque",
        "fr",
        "armed-attack",
        "d'une attaque",
    ),
    ("La Partie victime d'une agression armée", "fr", "armed-attack", "d'une agression armée"),
    # French consultation: the parties' reciprocal talk, plural or with the other party named
    ("Les Parties se consulteront immédiatement.", "fr", "consultation", "se consulteront"),
    (
        "Chacune des Parties se consultera avec l'autre Partie.",
        "fr",
        "consultation",
        "se consultera avec l'autre",
    ),
    # Korean: an infringement by a third state that endangers a party's territory
    (
        "제3국의 침해로 인하여 영토의 보전에 위험이 있을 경우",
        "ko",
        "armed-attack",
        "제3국의 침해",
    ),
    # Korean directive in the future attributive
    ("정부는 필요한 조치를 취할 것.", "ko", "obligatory", "취할 것"),
    # Japanese consultation on measures, at once, or on the important questions
    ("両国ハ必要ナル防衛措置ニ付協議スヘシ", "ja", "consultation", "防衛措置ニ付協議"),
    ("締約国は直ちに協議する", "ja", "consultation", "直ちに協議"),
    ("両国は重要な国際問題について協議する", "ja", "consultation", "国際問題について協議"),
    # Chinese: a stipulated exchange of students is a promise to act (right, kept)
    ("两国约定互派留学生", "zh", "obligatory", "约定"),
]

NOT_FOUND = [
    ("La société a été victime d'une attaque informatique.", "fr", "armed-attack"),
    ("en cas d'attaque cardiaque, le personnel appelle les secours", "fr", "armed-attack"),
    ("La Commission se consultera avec les experts.", "fr", "consultation"),
    ("La Commission se consultera", "fr", "consultation"),
    ("제3국의 침해 없이 투자를 보호한다", "ko", "armed-attack"),
    ("제3국의 침해로부터 투자를 보호한다", "ko", "armed-attack"),
    ("효력을 발생하는 것", "ko", "obligatory"),
    ("両国は関税について協議する", "ja", "consultation"),
    ("両国は関税問題について協議する", "ja", "consultation"),
]

test_found_by_meaning, test_not_where_the_meaning_is_absent = meaning_tests(FOUND, NOT_FOUND)
