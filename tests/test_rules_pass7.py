"""Issue 20, seventh pass: rules widened by meaning from the second alliance unit, fresh4.

bench/labels/fresh4_alliance.yaml was read once on its branch and twice on main and is a
tuning unit since this pass. Its page texts stay outside the repository, so the FOUND
cases are sentences written for the test in the wording families the unit attests (the
object of an aggression, an attack "upon" a party or "against her", "in the event of",
the passive "be attacked", help "of every kind", all the forces, a country's territory
and frontiers, obligations assumed or confirmed, "will" + acts of war), each missed by
the rules of 4c5e160; the NOT_FOUND cases are its false alarms rewritten, and guards
against overreach (bundled tuning texts, Geneva I, ToTA trade paragraphs).
"""

from __future__ import annotations

from _rule_findings import meaning_tests, rule_words

FOUND = [
    # armed attack: the party as object or victim, "upon" a party, a pronoun, the passive,
    # and the event a response waits for
    (
        "in the event of either State being the object of an aggression on the part of a "
        "third Power",
        "en",
        "armed-attack",
        "an aggression",
    ),
    (
        "to help each other if one becomes the victim of an unprovoked invasion",
        "en",
        "armed-attack",
        "an unprovoked invasion",
    ),
    (
        "assistance in the event of attack upon either high contracting party",
        "en",
        "armed-attack",
        "attack upon either high contracting party",
    ),
    (
        "the Kingdom will come to her aid against any attack upon either contracting party",
        "en",
        "armed-attack",
        "attack upon either contracting party",
    ),
    (
        "if any aggression against her is made by a neighbouring State",
        "en",
        "armed-attack",
        "aggression against her",
    ),
    (
        "benevolent neutrality in case either of them should be attacked by a third State",
        "en",
        "armed-attack",
        "attacked",
    ),
    (
        "measures of mutual assistance in the event of any renewal of aggression",
        "en",
        "armed-attack",
        "any renewal of aggression",
    ),
    # non-provocation: "unprovoked" a few words before the event
    (
        "in the event of any unprovoked movement of aggression",
        "en",
        "non-provocation",
        "unprovoked movement of aggression",
    ),
    # named adversary: the attacker after the party, as an adjective, the war against it
    (
        "in the event of attack upon either party by Germany or her associates",
        "en",
        "named-adversary",
        "attack upon either party by Germany",
    ),
    (
        "to meet any renewal of Japanese aggression",
        "en",
        "named-adversary",
        "Japanese aggression",
    ),
    (
        "to render each other help in the present war against Germany",
        "en",
        "named-adversary",
        "war against Germany",
    ),
    (
        "оказывать помощь в войне против гитлеровской Германии",
        "ru",
        "named-adversary",
        "помощь в войне против гитлеровской Германии",
    ),
    # all means: help "of every kind", every force the party has, every action in its power
    (
        "to give one another assistance of every kind",
        "en",
        "all-means",
        "assistance of every kind",
    ),
    ("оказывать друг другу помощь всякого рода", "ru", "all-means", "помощь всякого рода"),
    (
        "the Republic will use all its available forces to defend its territory",
        "en",
        "all-means",
        "use all its available forces",
    ),
    (
        "the Parties agree to take all joint action in their power to prevent it",
        "en",
        "all-means",
        "all joint action in their power",
    ),
    # area: a country named by its adjective or its frontiers
    (
        "an armed attack on the Soviet Union through Polish territory",
        "en",
        "geographic-scope",
        "through Polish territory",
    ),
    (
        "and will fight within the frontiers of Norway",
        "en",
        "defined-area",
        "within the frontiers of Norway",
    ),
    # modality: obligations taken on, assumed, confirmed; a guarantee; "engage that";
    # "will" + acts of war with a longer insertion; administrative acts in the passive;
    # a declared intent
    ("The same obligation is assumed by each Party.", "en", "obligatory", "obligation is assumed"),
    ("Analogous obligations are taken by Rumania.", "en", "obligatory", "obligations are taken"),
    (
        "The Parties confirm their pledge not to join any coalition against the other.",
        "en",
        "obligatory",
        "confirm their pledge",
    ),
    (
        "The two States mutually guarantee their frontiers.",
        "en",
        "obligatory",
        "mutually guarantee",
    ),
    ("Both parties engage that all disputes go to arbitration.", "en", "obligatory", "engage that"),
    (
        "Norway will, faithful to its obligations as a sovereign state, fight to repel it.",
        "en",
        "obligatory",
        "will, faithful to its obligations as a sovereign state, fight",
    ),
    ("The ratifications will be exchanged in Paris.", "en", "obligatory", "will"),
    # guards of the new exclusions (found on 4c5e160 too): effort stays hortatory beside
    # the noun "their endeavour", and a permission inside a long whether-clause stays
    # (the exclusion drops every match it spans; ToTA)
    (
        "the Party shall use its best endeavours to obtain more information",
        "en",
        "hortatory",
        "endeavours to",
    ),
    (
        "The Committee shall decide whether a Party may refer the issue to arbitration and "
        "what further measures should be taken.",
        "en",
        "hortatory",
        "may",
    ),
    (
        "The Parties declare that they intend to take part in all action for peace.",
        "en",
        "hortatory",
        "declare that they intend to",
    ),
]

NOT_FOUND = [
    # status and degree are no duty: authentic texts, "as soon as shall be possible"
    ("both texts whereof shall be equally authentic", "en", "obligatory"),
    ("or as soon thereafter as shall be possible", "en", "obligatory"),
    # "may not" of a possibility is no prohibition
    ("the League may not at first provide adequate protection", "en", "obligatory"),
    # "should" in a case clause is its condition, not advice; "their endeavour" is a noun
    ("in case either of them should be attacked", "en", "hortatory"),
    ("Expressing their firm endeavour to collaborate for peace", "en", "hortatory"),
    # an area that describes the adversary's associates; a territory named by whose it is
    (
        "aggression by Germany or the States associated with her in acts of aggression in Europe",
        "en",
        "geographic-scope",
    ),
    (
        "not to tolerate on its territory any organization against the other",
        "en",
        "geographic-scope",
    ),
    ("to safeguard the security of these territories", "en", "geographic-scope"),
    ("in the metropolitan territory of either Party", "en", "geographic-scope"),
    # a war named in the title of another instrument, or as the point in time at its end
    (
        "to confirm the agreement for joint action in the war against Germany signed at Moscow",
        "en",
        "specified-war",
    ),
    (
        "to confirm the agreement for joint action in the war against Germany signed at Moscow",
        "en",
        "named-adversary",
    ),
    ("On the conclusion of the war against Japan, the Parties will", "en", "named-adversary"),
    # (aggression prevented, "a repetition of aggression ... by Japan", was a guard here; by
    # the lead's ruling (b) of the eighth pass it names its adversary: tests/test_rules_pass8.py)
    # an attack to be prevented is an aim (bench/synth.py's generated treaty text)
    (
        "The Parties undertake the prevention of aggression against either of them.",
        "en",
        "armed-attack",
    ),
    # a protected place that may not be attacked is no attack on a party (Geneva I 19, tuning)
    ("Fixed establishments may in no circumstances be attacked.", "en", "armed-attack"),
    ("Medical units shall not be attacked.", "en", "armed-attack"),
    # obligations named by the participle are no duty taken ("obligations assumed under")
    ("Nothing shall affect the obligations assumed under the Charter.", "en", "obligatory"),
    # states "which accept the obligations" of membership take on no duty here (UN Charter 4)
    (
        "Membership is open to all other peace-loving states which accept the obligations",
        "en",
        "obligatory",
    ),
    # an intent reported about measures is no declared intent; a transit route in a trade
    # agreement is no area of an alliance (ToTA)
    (
        "shall inform the Committee of any exceptional measures it intends to take",
        "en",
        "hortatory",
    ),
    (
        "from one part of the country to another through the Indian territories",
        "en",
        "defined-area",
    ),
    ("Protection from Deceptive Practices Across Borders of 2003", "en", "defined-area"),
    # nouns after "will" are no acts of war or use (ToTA)
    ("The Parties will not hinder the fight against corruption.", "en", "obligatory"),
    ("The Parties will promote the sustainable use of forests.", "en", "obligatory"),
    # a guarantee named as a noun is no act given ("under the mutual guarantee of")
    ("placed under the mutual guarantee of the Powers", "en", "obligatory"),
]


test_found_by_meaning, test_not_where_the_meaning_is_absent = meaning_tests(FOUND, NOT_FOUND)


def test_the_modal_that_engage_that_governs_is_its_content() -> None:
    """One duty: "engage that ... shall have recourse" is judged by its governing verb."""
    text = "Both parties engage that, in all disputes, the two states shall go to arbitration."
    assert rule_words(text, "en", "obligatory") == ["engage that"]
