"""Name matching: spelling and transliteration variants are one person, namesakes are not."""

from newsbrief.analyse import names
from newsbrief.analyse.names import acronym_of, parse, same_person, skeleton, spelled_differently


def test_transliteration_variants_are_one_person():
    for a, b in [
        ("Abdul Aziz Jassim al-Shallal", "Abdul-Aziz Jassem al-Shallal"),
        ("Abdul Aziz Jassim al-Shallal", "Abulaziz al-Shalal"),
        ("Louai Miqdad", "Loay Mokdad"),
        ("Muammar Gaddafi", "Moammar Qaddafi"),
        ("John Smith", "J. Smith"),
    ]:
        assert same_person(parse(a), parse(b)), (a, b)


def test_namesakes_are_not_one_person():
    for a, b in [
        ("Bashar al-Assad", "Hafez al-Assad"),
        ("Barack Obama", "Michelle Obama"),
        ("George Bush", "Jeb Bush"),
        ("Kim Jong-un", "Kim Jong-il"),
        ("Lee Smith", "Lou Smith"),
    ]:
        assert not same_person(parse(a), parse(b)), (a, b)


def test_different_middle_names_are_different_people():
    # Father and son (train-30346): one first name and surname, two middle names.
    assert not same_person(parse("John Forbes Nash Jr."), parse('John "Johnny" Charles Nash'))
    assert not same_person(parse("George H.W. Bush"), parse("George W. Bush"))
    for a, b in [
        ("John Forbes Nash", "John F. Nash"),  # an initial of the middle name
        ("Hillary Rodham Clinton", "Hillary Diane Rodham Clinton"),  # one of two given
        ("Ali Abdullah Saleh", "Ali Abdallah Saleh"),  # the middle name respelled
        ("John Forbes Nash", "John Nash"),  # no middle name on one side
    ]:
        assert same_person(parse(a), parse(b)), (a, b)


def test_parse_sets_particles_and_possessives_apart():
    n = parse("Abdul-Aziz Jassem al-Shallal's")
    assert n.given == ("abdul", "aziz", "jassem")
    assert n.surname == "shallal"
    assert parse("Al-Shallal").surname == "shallal"
    assert not parse("Shallal").full


def test_skeleton_ignores_vowels_and_doubling():
    assert skeleton("miqdad") == skeleton("mokdad")
    assert skeleton("shallal") == skeleton("shalal")
    assert skeleton("bashar") != skeleton("hafez")


def test_spelled_differently_tells_spelling_from_shortening():
    assert spelled_differently(parse("Abdul Aziz Jassim al-Shallal"),
                               parse("Abdul-Aziz Jassem al-Shallal"))
    assert spelled_differently(parse("Louai Miqdad"), parse("Loay Mokdad"))
    assert not spelled_differently(parse("Bashar Assad"), parse("Bashar al-Assad"))
    assert not spelled_differently(parse("Bashar Assad"), parse("Assad"))
    assert not spelled_differently(parse("John Smith"), parse("J. Smith"))


def test_a_surname_with_a_plain_s_after_it_is_not_a_second_spelling():
    # A possessive that lost its apostrophe, a chain's or a family's name.
    assert not spelled_differently(parse("Tim Horton"), parse("Tim Hortons"))
    assert not spelled_differently(parse("Robert Mugabe"), parse("Robert Mugabes"))
    assert spelled_differently(parse("Tom Jones"), parse("Tom Joness"))  # a letter doubled


def test_letters_without_an_ascii_form_and_dropped_umlauts_are_not_a_second_spelling():
    assert not spelled_differently(parse("Gabriel Wikstrom"), parse("Gabriel Wikström"))
    assert not spelled_differently(parse("Jürgen Klopp"), parse("Juergen Klopp"))
    assert not spelled_differently(parse("Olav Njølstad"), parse("Olav Njolstad"))
    assert spelled_differently(parse("John Boehner"), parse("John Bohner"))  # no umlaut there


def test_acronyms():
    assert acronym_of("FSA", "Free Syrian Army")
    assert acronym_of("LCC", "Local Coordination Committees of Syria")
    assert not acronym_of("FBI", "Free Syrian Army")
    assert not acronym_of("Fsa", "Free Syrian Army")


def test_generational_suffix_is_not_the_surname():
    assert parse("George O'Toole Jr.").surname == "o'toole"
    assert same_person(parse("George O'Toole Jr."), parse("George O'Toole"))
    assert parse("Jr").surname == "jr"  # a lone word stays what it is


def test_a_common_first_name_is_a_surname_only_as_spelled():
    assert names.given_name("Michael") and names.given_name("barry")
    assert not names.given_name("Maciol") and not names.given_name("Shallal")
    assert not names.may_be_surname("michael", "maciol")
    assert not names.may_be_surname("barry", "berry")
    assert names.may_be_surname("barry", "barry")
    assert names.may_be_surname("shalal", "shallal")
    assert not names.may_be_surname("", "")


def test_two_first_names_alone_are_one_name_only_when_spelled_alike():
    assert not names.same_name_word("larry", "laura")  # skeletons agree: lr
    assert not names.same_name_word("katy", "kate")
    assert names.same_name_word("lynnette", "lynette")
    assert names.same_name_word("miqdad", "mokdad")  # not first names: the skeleton still counts
    assert names.same_word("larry", "laura")  # what the rule overrides


def test_an_acronym_is_not_a_respelled_name():
    assert names.same_word("cnn", "chinn")  # the skeleton alone would match them
    assert not names.may_be_surname("cnn", "chinn")
    assert not names.same_name_word("cnn", "chinn")
    assert names.may_be_surname("cnn", "cnn")


def test_an_honorific_is_not_a_given_name():
    father = names.parse("Sheik Hamad bin Khalifa al-Thani")
    son = names.parse("Sheik Tamim bin Hamad al Thani")
    assert son == names.Name(("tamim", "hamad"), "thani")
    assert not names.same_person(father, son)  # "sheik" made their first given names agree
    assert names.parse("Sir Paul Stephenson") == names.Name(("paul",), "stephenson")
    assert names.parse("Sheikh Hasina").surname == "hasina"


def test_a_mans_and_a_womans_first_name_are_two_people():
    # train-688 and train-30049: "andrea" / "andrew", "michelle" / "Michael" were reported as
    # one name spelled two ways; spelled alike (ratio 80 or more), but a woman's and a man's.
    assert names.sex_of("Andrea") == "f" and names.sex_of("andrew") == "m"
    assert names.sex_of("jordan") == ""  # borne by both
    assert names.sex_of("Shallal") == ""  # not a common first name
    assert names.other_sex("michelle", "michael")
    assert not names.other_sex("devon", "devin") and not names.other_sex("jacki", "jackie")
    assert not names.same_name_word("andrea", "andrew")
    assert not names.same_name_word("michelle", "michael")
    assert not same_person(parse("Andrea Smith"), parse("Andrew Smith"))
    # Respellings of one first name still match (judged real: Nicolas / Nicholas, Devon / Devin).
    assert names.same_name_word("nicolas", "nicholas")
    assert names.same_name_word("katharine", "katherine")
    assert same_person(parse("Devon Smith"), parse("Devin Smith"))
    # train-40520 (judged real): one outlet drops the first given name, a woman's, and writes
    # the second, a man's, first.
    assert same_person(parse("julia louis-dreyfus"), parse("louis dreyfuss"))
    # What the rule overrides: without it the spellings alone would match.
    assert names.fuzz.ratio("andrea", "andrew") >= names.SAME_WORD
    assert names.same_word("michelle", "michael")
