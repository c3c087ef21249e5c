# ruff: noqa: RUF001  (Russian sentences: Cyrillic letters that look Latin are meant)
"""Issue 20, eighth pass: rules widened by meaning from the second annotator's unit, fresh5.

bench/labels/fresh5_alliance.yaml was read once on main and is a tuning unit since this
pass. Its page texts stay outside the repository, so the FOUND cases are sentences written
for the test in the wording families the unit attests, each missed by the rules of
bb6b4d3: German (the passive "angegriffen", "verpflichtet", a duty taken on, "mit allen
... Mitteln", the whole war strength, a named war, the attacker "von Seiten"), Japanese (the
object of military action, 約ス, ベシ of an act), Russian (the object of military action,
"подлежит ратификации", "должен", staying in contact for consultation), Chinese (侵袭, 即
before the help, all necessary measures against aggression, the declarative 给予, 宣布愿,
the state an aggression comes from) and English (an armed conflict with a party, "or a
threat thereof", forces assembled, the frontier crossed, a Council that is satisfied,
recommendations acted on, a party that satisfies itself, declared determination, "enter into
consultations", the Security Council notified). The NOT_FOUND cases are the unit's false
alarms rewritten, the lead's rulings (a) and (d), and guards against overreach.
"""

from __future__ import annotations

from _rule_findings import meaning_tests, rule_words

FOUND = [
    # German: the passive of angreifen with a party as subject, and the attacker named
    (
        "Sollte eines der beiden Reiche von Seiten Rußlands angegriffen werden, so",
        "de",
        "armed-attack",
        "angegriffen werden",
    ),
    (
        "falls einer der Vertragsteile von einer Macht angegriffen wird, die",
        "de",
        "armed-attack",
        "angegriffen wird",
    ),
    (
        "Sollte eines der beiden Reiche von Seiten Rußlands angegriffen werden, so",
        "de",
        "named-adversary",
        "von Seiten Rußlands angegriffen",
    ),
    # German duties: bound, bind themselves, take on the duty (the umlaut lost by a scan),
    # agree to act, promise
    (
        "so sind die beiden Teile verpflichtet, einander beizustehen",
        "de",
        "obligatory",
        "sind die beiden Teile verpflichtet",
    ),
    (
        "Die vertragschliessenden Teile verpflichten sich, einander zu unterstützen.",
        "de",
        "obligatory",
        "verpflichten sich",
    ),
    (
        "Sie übernehmen ferner die Verpflichtung, sich gegenseitig zu unterstützen.",
        "de",
        "obligatory",
        "übernehmen ferner die Verpflichtung",
    ),
    (
        "Sie bernehmen ferner die Verpflichtung, sich gegenseitig zu unterstützen.",
        "de",
        "obligatory",
        "bernehmen ferner die Verpflichtung",
    ),
    (
        "Die drei Staaten kommen überein, zusammenzuarbeiten.",
        "de",
        "obligatory",
        "kommen überein",
    ),
    (
        "indem sie einander feierlich versprechen, daß sie nichts unternehmen",
        "de",
        "obligatory",
        "versprechen",
    ),
    # German all means, and a war named by its place
    (
        "einander mit allen politischen und militärischen Mitteln zu unterstützen",
        "de",
        "all-means",
        "mit allen politischen und militärischen Mitteln",
    ),
    (
        "einander mit der gesamten Kriegsmacht ihrer Reiche beizustehen",
        "de",
        "all-means",
        "mit der gesamten Kriegsmacht",
    ),
    (
        "von einer Macht, die nicht in den europäischen Krieg verwickelt ist",
        "de",
        "specified-war",
        "in den europäischen Krieg",
    ),
    # Japanese: the object of military action, 約ス, ベシ of an act
    (
        "締約国ノ一方ガ第三国ヨリノ軍事行動ノ対象ト為ル場合ニハ",
        "ja",
        "armed-attack",
        "軍事行動ノ対象ト為",
    ),
    ("両締約国ハ友好ノ関係ヲ維持スベキコトヲ約ス", "ja", "obligatory", "約ス"),
    ("他方締約国ハ中立ヲ守ルベシ", "ja", "obligatory", "ルベシ"),
    # Russian: the object of military action, administrative duties, contact for consultation
    (
        "В случае если одна из Сторон окажется объектом военных действий со стороны третьей",
        "ru",
        "armed-attack",
        "окажется объектом военных действий",
    ),
    ("Настоящий договор подлежит ратификации.", "ru", "obligatory", "подлежит ратификации"),
    ("Обмен грамотами должен произойти в Москве.", "ru", "obligatory", "должен"),
    (
        "Правительства Сторон останутся в контакте друг с другом для консультации.",
        "ru",
        "consultative",
        "останутся в контакте",
    ),
    # Chinese: 侵袭 after the party, 即 before the help, the declarative 给予, all necessary
    # measures against aggression, a declared intent, the state the aggression comes from
    (
        "一旦缔约国任何一方受到日本之侵袭,因而处于战争状态时,缔约国另一方即尽其全力给予军事援助。",
        "zh",
        "armed-attack",
        "受到日本之侵袭",
    ),
    (
        "一旦缔约国任何一方受到日本之侵袭,因而处于战争状态时,缔约国另一方即尽其全力给予军事援助。",
        "zh",
        "immediacy",
        "即",
    ),
    (
        "一旦缔约国任何一方受到日本之侵袭,因而处于战争状态时,缔约国另一方即尽其全力给予军事援助。",
        "zh",
        "obligatory",
        "即尽其全力给予",
    ),
    (
        "一旦缔约国任何一方受到日本之侵袭,因而处于战争状态时,缔约国另一方即尽其全力给予军事援助。",
        "zh",
        "named-adversary",
        "日本之侵袭",
    ),
    ("双方保证采取一切必要的措施,以期制止侵略。", "zh", "all-means", "一切必要的措施"),
    ("双方并宣布,愿以合作精神参加国际活动。", "zh", "hortatory", "宣布,愿以"),
    # English
    (
        "not to assist any State that engages in armed conflict with the other party",
        "en",
        "state-of-war",
        "engages in armed conflict with the other party",
    ),
    (
        "if either party is subjected to an armed attack or a threat thereof",
        "en",
        "threat-of-attack",
        "attack or a threat thereof",
    ),
    (
        "by reason of the assembly of armed forces in the zone, immediate help is needed",
        "en",
        "threat-of-attack",
        "assembly of armed forces",
    ),
    (
        "by reason either of the crossing of the frontier or of the outbreak of hostilities",
        "en",
        "armed-attack",
        "crossing of the frontier",
    ),
    (
        "As soon as the Council of the League is satisfied that the breach has been committed",
        "en",
        "political-decision",
        "As soon as the Council of the League is satisfied",
    ),
    (
        "and the Parties undertake to act in accordance with the recommendations of the Council",
        "en",
        "political-decision",
        "act in accordance with the recommendations of",
    ),
    (
        "as soon as that Power has been able to satisfy itself that immediate action is needed",
        "en",
        "discretion",
        "has been able to satisfy itself",
    ),
    (
        "as soon as that Power has been able to satisfy itself that immediate action is needed",
        "en",
        "discretionary",
        "satisfy itself",
    ),
    (
        "who severally agree that in such case they will each of them come to the assistance",
        "en",
        "obligatory",
        "agree that in such case they will",
    ),
    (
        "the Powers severally agree that they will each come immediately to the assistance of "
        "the Power against whom the act complained of is directed",
        "en",
        "immediacy",
        "immediately",
    ),
    (
        "The Parties declare their determination to continue their efforts for peace.",
        "en",
        "hortatory",
        "declare their determination",
    ),
    (
        "The States hereby confirm their desire to settle disputes by peaceful means.",
        "en",
        "hortatory",
        "confirm their desire",
    ),
    (
        "the parties shall immediately enter into mutual consultations in order to remove it",
        "en",
        "consultation",
        "enter into mutual consultations",
    ),
    (
        "for the purpose of co-ordinating their positions in the interests of peace",
        "en",
        "consultation",
        "co-ordinating their positions",
    ),
    (
        "and they undertake to take all necessary joint action to obviate any threat",
        "en",
        "all-means",
        "all necessary joint action",
    ),
    (
        "and immediately to take, individually and collectively, all steps available",
        "en",
        "all-means",
        "all steps available",
    ),
    (
        "The Council and the U.N. Security Council shall be notified of such act of aggression.",
        "en",
        "security-council",
        "Security Council shall be notified",
    ),
    # the lead's ruling (b): a state named as the source of aggression or threat, even where
    # the aggression is an aim (this was a guard of the seventh pass) and in a preamble
    (
        "to render impossible a repetition of aggression and violation of the peace by Japan",
        "en",
        "named-adversary",
        "aggression and violation of the peace by Japan",
    ),
    (
        "joint efforts against the threatened revival of German imperialism",
        "en",
        "named-adversary",
        "German imperialism",
    ),
    (
        "In case of an unprovoked attack by Hungary on either Party, the other shall help.",
        "en",
        "named-adversary",
        "attack by Hungary",
    ),
]

NOT_FOUND = [
    # the unit's false alarms: entry into force is status (ru, ja); an activity as subject
    # provides for its content; associates described by their acts of aggression (zh)
    ("Договор вступает в силу немедленно после его подписания.", "ru", "obligatory"),
    ("本条約ハ批准ノ日ヨリ実施セラルベク且五年ノ期間効力ヲ有スベシ", "ja", "obligatory"),
    ("延長セラレタルモノト認メラルベシ", "ja", "obligatory"),
    ("Such cooperation shall provide in particular for training.", "en", "obligatory"),
    ("防止日本或其他在侵略行为上与日本相勾结的国家之重新侵略", "zh", "armed-attack"),
    # the lead's ruling (a): no separate peace except by mutual agreement is no consultation
    (
        "they will not negotiate or conclude an armistice except by mutual agreement",
        "en",
        "consultation",
    ),
    (
        "und demgemäß den Frieden nur gemeinsam und übereinstimmend zu schließen",
        "de",
        "consultation",
    ),
    # the lead's ruling (d): the League's Council taken up again by "it" owes the notice
    (
        "As soon as the Council of the League of Nations is satisfied that the breach has "
        "been committed, it will notify its finding to the Powers",
        "en",
        "obligatory",
    ),
    # guards: not "attacked" in a rule that a place may not be attacked
    ("Diese Anlagen dürfen nicht angegriffen werden.", "de", "armed-attack"),
    # guards: a preamble's participle is no declared determination; a wish (亟愿) no intent;
    # goods crossing a border are no invasion; all necessary measures to realise rights are
    # no all means (CEDAW 24, tuning); the Charter's own organs keep their duties
    ("Reaffirming their determination to abide by the Charter;", "en", "hortatory"),
    ("亟愿依据联合国组织的目标和原则巩固和平", "zh", "hortatory"),
    (
        "the crossing of the frontier by goods in transit shall be free of duties",
        "en",
        "armed-attack",
    ),
    ("缔约各国承担采取一切必要措施,争取充分实现本公约承认的各项权利。", "zh", "all-means"),
    ("Consultations on amendments required to this Treaty", "en", "consultation"),
    (
        "the States Parties will enter into immediate consultations with one another with "
        "the aim of making amendments required to this Treaty",
        "en",
        "consultation",
    ),
    # a court satisfied of facts judges no response (ToTA); a party's satisfaction of
    # consistency neither
    (
        "to provide any reasonably available evidence in order to satisfy themselves with a "
        "sufficient degree of certainty that the applicant is the right holder",
        "en",
        "discretion",
    ),
    (
        "a Member State shall satisfy itself that the consequences for trade shall be consistent",
        "en",
        "discretionary",
    ),
    # the treaty itself (条約) undertakes nothing: 約 inside 条約 is no 約ス
    ("本条約ハ両国ニ於テ批准セラルベシ", "ja", "obligatory"),
]


test_found_by_meaning, test_not_where_the_meaning_is_absent = meaning_tests(FOUND, NOT_FOUND)


def test_a_duty_of_another_organisation_s_organ_is_no_party_s() -> None:
    """The lead's ruling (d): "must be recognized by the Council" (the League's) binds no
    party; the parties' own "must be submitted" before it stays a duty."""
    text = (
        "The treaty must be submitted to the Council of the League of Nations, and must be "
        "recognized by the Council as consistent with the Covenant."
    )
    assert rule_words(text, "en", "obligatory") == ["must"]


def test_a_notice_without_delay_is_no_response_beside_help_at_once() -> None:
    """Help that comes "immediately to the assistance" is immediacy even where the event is
    named only by cross-reference; the Council's notice "without delay" is not."""
    text = (
        "the Council will notify its finding without delay to the Powers, who will come "
        "immediately to the assistance of the Power concerned"
    )
    assert rule_words(text, "en", "immediacy") == ["immediately"]


def test_the_charter_s_own_organs_keep_their_duties() -> None:
    """Ruling (d) reaches organs named as another organisation's only: the UN Charter's
    "shall be appointed by the General Assembly" stays a duty of a treaty organ."""
    text = "The Secretary-General shall be appointed by the General Assembly."
    assert rule_words(text, "en", "obligatory") == ["shall"]
