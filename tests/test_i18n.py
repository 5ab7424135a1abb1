"""Spanish ships complete, and the committed .mo catalogue matches its .po source."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_every_spanish_string_is_translated():
    po = polib.pofile(LOCALE / "es/LC_MESSAGES/django.po")
    missing = [entry.msgid for entry in po if not entry.obsolete and (not entry.translated() or entry.fuzzy)]
    assert not missing, f"untranslated or fuzzy: {missing[:10]}"


def test_the_compiled_catalogues_match_their_sources():
    for lang in ("es", "en"):
        po = polib.pofile(LOCALE / f"{lang}/LC_MESSAGES/django.po")
        mo = polib.mofile(LOCALE / f"{lang}/LC_MESSAGES/django.mo")
        expected = {e.msgid: e.msgstr for e in po if e.translated() and not e.obsolete and not e.msgid_plural}
        compiled = {e.msgid: e.msgstr for e in mo if not e.msgid_plural}
        assert {k: v for k, v in expected.items() if k} == {k: v for k, v in compiled.items() if k}, (
            f"{lang}: run `make messages`"
        )
