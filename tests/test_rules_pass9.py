# ruff: noqa: RUF001  (Russian sentences: Cyrillic letters that look Latin are meant)
"""Issue 20, ninth pass: rules widened by meaning from the sixth unit, fresh6.

bench/labels/fresh6_alliance.yaml was read once on main (cf7e7a1) and is a tuning unit since
this pass. Its page texts stay outside the repository, so the FOUND cases are sentences
written for the test in the wording families the unit attests (and, for French, the UN
Charter's French text among the import documents), each missed by the rules of 8d2b465:
French (the first patterns: the passive "attaqué(e)s", an aggression in a case clause, a war
a party is engaged in or forced to make, a threatened security, the attacker named, two or
more powers, no provocation, the limits of one's own interests, an exchange of ideas,
concerting, self-defence, all forces, "immédiatement", and the verbs of duty), treaty
Japanese (宣戦, a threat to territory, 侵迫, the Comintern, a region of rights, 協議, the
modal ヘシ without its voicing mark), classical Chinese (受 ... 侵略, seizing a party's lands,
开战, 尽力 to help, all forces, 約定 governing its content, 不能, 均准), Korean (침해 by a third
state, danger, 곧, the directive "~할 것"), Russian, German and English. The NOT_FOUND cases
are guards against overreach, the unit's false alarms rewritten and the guide's rulings.
"""

from __future__ import annotations

from _rule_findings import meaning_tests

FOUND = [
    # ---- French (no pattern before this pass) ----
    (
        "Si l'une des Parties était attaquée sans provocation, les autres",
        "fr",
        "armed-attack",
        "était attaquée",
    ),
    (
        "au cas où les deux États viendraient à être envahis par une Puissance",
        "fr",
        "armed-attack",
        "être envahis",
    ),
    (
        "Dans le cas d'une attaque contre l'une d'elles, les Parties",
        "fr",
        "armed-attack",
        "d'une attaque",
    ),
    (
        "si un État membre est l'objet d'une agression armée",
        "fr",
        "armed-attack",
        "d'une agression armée",
    ),
    (
        "si l'une d'elles se trouvait engagée dans une guerre avec une autre Puissance",
        "fr",
        "state-of-war",
        "engagée dans une guerre",
    ),
    (
        "si la Partie menacée était contrainte de déclarer la guerre",
        "fr",
        "state-of-war",
        "contrainte de déclarer la guerre",
    ),
    (
        "Si une Puissance menaçait l'indépendance de l'une des Parties",
        "fr",
        "threat-of-attack",
        "menaçait l'indépendance",
    ),
    (
        "si l'une d'elles était attaquée par la Russie",
        "fr",
        "named-adversary",
        "attaquée par la Russie",
    ),
    (
        "en guerre avec trois ou plusieurs Puissances européennes",
        "fr",
        "number-of-attackers",
        "trois ou plusieurs Puissances",
    ),
    (
        "si l'une d'elles, sans aucune provocation de sa part, était attaquée",
        "fr",
        "non-provocation",
        "sans aucune provocation",
    ),
    (
        "en cas d'agression non provoquée contre l'une d'elles",
        "fr",
        "non-provocation",
        "non provoquée",
    ),
    (
        "Elles se prêteront appui dans la mesure de leurs propres intérêts.",
        "fr",
        "discretion",
        "dans la mesure de leurs propres intérêts",
    ),
    (
        "Les Gouvernements procéderont à un échange de vues sur la situation.",
        "fr",
        "consultation",
        "échange de vues",
    ),
    (
        "En cas de menace, les Parties se concerteront entre elles.",
        "fr",
        "consultation",
        "se concerteront",
    ),
    (
        "dans l'exercice du droit de légitime défense individuelle ou collective",
        "fr",
        "un-charter-51",
        "légitime défense",
    ),
    (
        "en cas d'agression, elle prêtera assistance avec toutes ses forces",
        "fr",
        "all-means",
        "avec toutes ses forces",
    ),
    (
        "En cas d'agression, les Parties se prêteront immédiatement assistance.",
        "fr",
        "immediacy",
        "immédiatement",
    ),
    ("Les deux États s'obligent à se prêter assistance.", "fr", "obligatory", "s'obligent"),
    ("L'Autriche sera tenue de prêter secours.", "fr", "obligatory", "sera tenue"),
    ("Les Parties se promettent mutuellement appui.", "fr", "obligatory", "se promettent"),
    ("La même obligation incombe à la Russie.", "fr", "obligatory", "incombe"),
    ("Chacune d'elles devra notifier la mesure aux autres.", "fr", "obligatory", "devra"),
    ("Elles ne concluront aucun traité séparé.", "fr", "obligatory", "ne concluront aucun"),
    (
        "Elles s'engagent à procéder à un échange de vues.",
        "fr",
        "consultative",
        "s'engagent à procéder à un échange",
    ),
    ("les différends devraient être soumis à la Cour", "fr", "hortatory", "devraient"),
    # ---- treaty Japanese ----
    ("締約国ノ一方ト第三国トノ間ニ宣戦アリタル場合ニハ", "ja", "state-of-war", "宣戦"),
    ("両国ノ領土ニ対スル一切ノ脅威ハ", "ja", "threat-of-attack", "領土ニ対スル一切ノ脅威"),
    ("其ノ権利カ侵迫セラルルニ至リタルトキハ", "ja", "threat-of-attack", "侵迫"),
    (
        "共產「インターナショナル」ノ破壞工作ニ対シ",
        "ja",
        "named-adversary",
        "共產「インターナショナル",
    ),
    ("東亜ニ於ケル特殊利益ヲ擁護スル為", "ja", "geographic-scope", "東亜ニ於ケル"),
    # (the span takes in the measures since test_rules_precision.py: 協議 alone is no buffer)
    ("両国ハ執ルヘキ措置ニ付協議スヘシ", "ja", "consultation", "措置ニ付協議"),
    ("両国ハ必要ニ応シ意見ノ交換ヲ行フヘシ", "ja", "consultation", "意見ノ交換"),
    ("両国ハ執ルヘキ措置ニ付協議スヘシ", "ja", "consultative", "協議スヘシ"),
    ("締約国ハ相互ニ援助ヲ与フヘシ", "ja", "obligatory", "ヘシ"),
    ("日本国ハ右ノ権利ヲ尊重スヘキコトヲ宣言ス", "ja", "obligatory", "ヘキ"),
    ("他ノ一方ハ其ノ同盟国ニ援助ヲ与ふへく", "ja", "obligatory", "へく"),
    # ---- classical and modern Chinese ----
    ("倘締約國之一方受第三國武力侵略時", "zh", "armed-attack", "受第三國武力侵略"),
    ("如他國侵占締約國之領土", "zh", "armed-attack", "侵占"),
    ("如他國侵占甲國土地,或乙國土地", "zh", "geographic-scope", "甲國土地,或乙國土地"),
    ("當開戰時,兩國互相援助", "zh", "state-of-war", "開戰"),
    ("日本如侵略締約國之領土", "zh", "named-adversary", "日本如侵略"),
    ("如他國侵占締約國之領土,應立即出兵援助", "zh", "immediacy", "立即"),
    ("兩國應將所有陸海各軍派出,互相援助", "zh", "all-means", "所有陸海各軍"),
    ("地方官應盡力協助", "zh", "all-means", "盡力"),
    ("兩國約定互不侵犯", "zh", "obligatory", "約定"),
    ("一國不能單獨議和", "zh", "obligatory", "不能"),
    ("所有口岸,均准兵船駛入", "zh", "hortatory", "均准"),
    # ---- Korean ----
    ("제3국의 침입으로 인하여 위험이 있을 때에는", "ko", "armed-attack", "제3국의 침입"),
    ("영토의 보전에 위험이 있을 때에는 정부는", "ko", "threat-of-attack", "위험이 있을 때"),
    ("제3국의 침해가 있으면 정부는 곧 원조를 제공할 것", "ko", "immediacy", "곧"),
    ("정부는 독립을 확실히 보장할 것.", "ko", "obligatory", "보장할 것"),
    ("정부는 조치를 취할 것이며, 상대국은 편의를 제공할 것.", "ko", "obligatory", "취할 것"),
    # ---- Russian ----
    (
        "если одна из сторон подвергнется неспровоцированному нападению",
        "ru",
        "armed-attack",
        "подвергнется неспровоцированному нападению",
    ),
    (
        "нападению на своих западных границах",
        "ru",
        "geographic-scope",
        "на своих западных границах",
    ),
    (
        "если она без вызова со своей стороны подвергнется нападению",
        "ru",
        "non-provocation",
        "без вызова со своей стороны",
    ),
    ("другая сторона обязана оказать ей помощь", "ru", "obligatory", "обязана"),
    ("Консульства будут открыты в обеих столицах.", "ru", "obligatory", "будут открыты"),
    (
        "Стороны обязуются немедленно приступить к консультациям.",
        "ru",
        "consultative",
        "обязуются немедленно приступить к консультациям",
    ),
    # ---- German ----
    (
        "falls eine der Parteien angegriffen und in einen Krieg verwickelt würde",
        "de",
        "armed-attack",
        "angegriffen",
    ),
    (
        "falls eine der Parteien in einen Krieg mit zwei Mächten verwickelt würde",
        "de",
        "state-of-war",
        "in einen Krieg mit zwei Mächten verwickelt",
    ),
    (
        "und die Partei dadurch gezwungen wäre, den Krieg zu erklären",
        "de",
        "state-of-war",
        "gezwungen wäre, den Krieg zu erklären",
    ),
    (
        "falls ein Staat die Unabhängigkeit einer Partei bedrohen würde",
        "de",
        "threat-of-attack",
        "Unabhängigkeit einer Partei bedrohen",
    ),
    (
        "von drei oder mehreren Staaten angegriffen",
        "de",
        "number-of-attackers",
        "drei oder mehreren Staaten",
    ),
    (
        "ohne jede Herausforderung von ihrer Seite",
        "de",
        "non-provocation",
        "ohne jede Herausforderung",
    ),
    (
        "Sie bekunden ihre Absicht, die Zusammenarbeit zu fördern.",
        "de",
        "hortatory",
        "bekunden ihre Absicht",
    ),
    (
        "Die Parteien werden sich von diesen Grundsätzen leiten lassen.",
        "de",
        "hortatory",
        "leiten lassen",
    ),
    # ---- English ----
    (
        "should either be attacked without giving provocation",
        "en",
        "non-provocation",
        "without giving provocation",
    ),
    (
        "each Power reserves the right to take measures to restore the state of affairs",
        "en",
        "discretion",
        "reserves the right to take measures",
    ),
    ("each Power reserves the right to take measures", "en", "hortatory", "reserves the right to"),
    (
        "the two Governments shall agree upon concerted action for their defence",
        "en",
        "consultation",
        "agree upon concerted action",
    ),
    (
        "Consultation and co-operation between the Parties shall include the exchange of",
        "en",
        "consultation",
        "Consultation and co-operation between the Parties",
    ),
    (
        "The three Powers guarantee the independence of the Republic.",
        "en",
        "obligatory",
        "guarantee the independence",
    ),
]

NOT_FOUND = [
    # French: not attacked is no attack; non-aggression is no aggression; a report at once
    # is no response; the participle that names duties is no duty; talk is not a duty to act
    ("L'une des Parties n'est pas attaquée.", "fr", "armed-attack"),
    ("Le pacte de non agression reste en vigueur.", "fr", "armed-attack"),
    (
        "En cas d'agression, les mesures sont immédiatement portées à la connaissance du Conseil.",
        "fr",
        "immediacy",
    ),
    ("Les responsabilités lui incombant sont exercées par le Conseil.", "fr", "obligatory"),
    ("Elles s'engagent à procéder à un échange d'idées.", "fr", "obligatory"),
    ("Le Conseil se réunit sans convocation de sa part.", "fr", "non-provocation"),
    # Japanese: the particle へ after a noun; べき before a noun (the measures to take); a
    # duty of status; 協議スヘシ is talk; the deemed threat to the other; peace in a region
    ("日本ヘ派遣ス", "ja", "obligatory"),
    ("執ルヘキ措置ヲ定ム", "ja", "obligatory"),
    ("本協定ハ署名ノ日ヨリ実施セラルヘク", "ja", "obligatory"),
    ("両国ハ措置ニ付協議スヘシ", "ja", "obligatory"),
    ("甲ノ一切ノ脅威ハ同時ニ他方ノ安寧ニ対スル脅威タル", "ja", "threat-of-attack"),
    ("極東ニ於ケル恒久ノ平和ヲ維持セムカ為", "ja", "geographic-scope"),
    # Chinese: 接受 is no attack; non-aggression; a declared war as a convention's scope;
    # ratification (批准) and standards (标准) are no permission; an effort to promote is no
    # all-means; the modal inside 約定's content; duties named by their source
    ("締約國接受侵略定義", "zh", "armed-attack"),
    ("兩國互不侵占對方領土", "zh", "armed-attack"),
    ("本公約適用於經過宣戰的戰爭", "zh", "state-of-war"),
    ("本條約須經批准", "zh", "hortatory"),
    ("雙方盡力促進貿易", "zh", "all-means"),
    ("雙方擔任之責任", "zh", "obligatory"),
    # Korean: the directive inside a declaration stays hortatory (1961 Art. 1); 곧 with no
    # attack, war, threat or danger in the paragraph
    ("체약 쌍방은 활동에 참가할 것이며 과업에 기여할 것을 성명한다.", "ko", "obligatory"),
    ("정부는 곧 회의를 열 것", "ko", "immediacy"),
    # Russian: the helper's own state of war is the response (guide, fresh6); an armed
    # attack keeps its words (the first pattern)
    ("другое государство обязано считать себя в состоянии войны", "ru", "state-of-war"),
    # German: a rule that a party is not attacked; a verb after "nicht unterzeichnet"
    ("falls keine der Parteien nicht angegriffen wird", "de", "armed-attack"),
    # English: "may not prove possible" is a possibility; an effort is no act owed; a noun
    # heading a list item is no verb; the guarantee as a noun
    ("In so far as common action may not prove possible, each Power", "en", "obligatory"),
    ("They will endeavour to develop their relations.", "en", "obligatory"),
    ("b. endeavours to meet the requirements of the Parties", "en", "hortatory"),
    ("the guarantee of the independence of the Republic", "en", "obligatory"),
    # found over the ToTA trade agreements by compare_rule_hits.py and fixed: an aim to
    # enhance consultation, the need to guarantee security, a parliament consulted
    (
        "enhance consultation and cooperation between the Parties on sanitary matters",
        "en",
        "consultation",
    ),
    ("as well as the need to guarantee the security at the borders", "en", "obligatory"),
    ("Le budget est adopté après consultation du Parlement.", "fr", "consultation"),
]

test_found_by_meaning, test_not_where_the_meaning_is_absent = meaning_tests(FOUND, NOT_FOUND)


def test_an_armed_attack_keeps_its_words() -> None:
    """ "подвергнется вооруженному нападению" is found as "вооруженному нападению", as before
    this pass (the bundled findings, and so the house-freeze digests, keep their words)."""
    from _rule_findings import rule_words

    text = "в случае, если одна из Сторон подвергнется вооруженному нападению"
    assert rule_words(text, "ru", "armed-attack") == ["вооруженному нападению"]


def test_the_modal_inside_a_stipulation_is_its_content() -> None:
    """Ruling (h): "两国约明,应将 ..." quotes the governing 约明, not the governed 应."""
    from _rule_findings import rule_words

    assert rule_words("兩國約定,應互相援助", "zh", "obligatory") == ["約定"]
