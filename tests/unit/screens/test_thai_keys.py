"""Typing Thai on the on-screen keyboard (screens/common/thai_keys.py)."""

from screens.common.thai_keys import NORMAL, SHIFTED, Typed, label


def test_the_two_layers_are_the_kedmanee_rows() -> None:
    assert [len(r) for r in NORMAL] == [12, 13, 11, 10]
    assert [len(r) for r in SHIFTED] == [12, 13, 11, 10]
    every = "".join(NORMAL + SHIFTED)
    assert all(c in every for c in "กขคงจฉชซญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ")


def test_a_word_is_typed_and_a_mark_sits_on_its_consonant() -> None:
    typed = Typed()
    for key in "ขอที่จอดรถ":
        assert typed.press(key)
    typed.space()
    assert typed.text == "ขอที่จอดรถ "
    assert not typed.press("่")  # a tone mark after a space has nothing to sit on
    typed.delete()
    assert typed.text == "ขอที่จอดรถ" and label("่") == "อ่"


def test_a_mark_never_follows_a_vowel_sign_a_digit_or_another_tone() -> None:
    typed = Typed("ไ")
    assert not typed.press("่")  # ไ is written before its consonant: nothing to sit on
    typed = Typed("๒")
    assert not typed.press("ุ")
    typed = Typed("ที่")
    assert not typed.press("้")  # one tone a syllable
    typed = Typed("ทั")
    assert typed.press("่") and typed.text == "ทั่"


def test_shift_lasts_one_character() -> None:
    typed = Typed(shifted=True)
    typed.press("ฉ")
    assert not typed.shifted
