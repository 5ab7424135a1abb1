"""Reading what a person typed in the search box: words, "quoted phrases" and -exclusions.

Pure functions, no database: PostgreSQL parses the same text itself (websearch_to_tsquery), so this
parser serves the SQLite fallback, tells both backends when there is nothing to search for, and
normalises text so that accents and case never matter.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_LENGTH = 200

# PostgreSQL's Spanish stop words (the Snowball list) that have no accents: the es_unaccent
# configuration strips accents before the stop-word check, so "está" is dropped (as "esta") but
# "más" is searched (as "mas"). Keeping exactly these makes both backends agree.
STOP_WORDS = frozenset(
    """
    de la que el en y a los del se las por un para con no una su al lo como pero sus le ya o este porque
    esta entre cuando muy sin sobre me hasta hay donde quien desde todo nos durante todos uno les ni
    contra otros ese eso ante ellos e esto antes algunos unos yo otro otras otra tanto esa estos mucho
    quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis te ti tu tus ellas
    nosotras vosostros vosostras os tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros
    nuestras vuestro vuestra vuestros vuestras esos esas estoy estamos estemos estaremos estaba estabas
    estabais estaban estuve estuviste estuvo estuvimos estuvisteis estuvieron estuviera estuvieras
    estuvierais estuvieran estuviese estuvieses estuvieseis estuviesen estando estado estada estados
    estadas estad he has ha hemos han haya hayas hayamos hayan habremos hube hubiste hubo hubimos
    hubisteis hubieron hubiera hubieras hubierais hubieran hubiese hubieses hubieseis hubiesen habiendo
    habido habida habidos habidas soy eres es somos sois son sea seas seamos sean seremos era eras erais
    eran fui fuiste fue fuimos fuisteis fueron fuera fueras fuerais fueran fuese fueses fueseis fuesen
    sintiendo sentido sentida sentidos sentidas siente sentid tengo tienes tiene tenemos tienen tenga
    tengas tengamos tengan tendremos tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras
    tuvierais tuvieran tuviese tuvieses tuvieseis tuviesen teniendo tenido tenida tenidos tenidas tened
    """.split()
)

_WORD = re.compile(r"[^\W_]+")
# A token: an optional minus, then a quoted phrase (the closing quote may be missing) or a bare run.
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


def normalize(text: str) -> str:
    """Lower-case text without accents: "Policía" -> "policia".

    Like PostgreSQL's unaccent, every mark goes, the tilde of ñ included ("año" -> "ano").
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The normalised words of a text, in order."""
    return _WORD.findall(normalize(text))


def search_document(text: str | None) -> str:
    """Text as the fallback searches it: normalised words between single spaces, padded with spaces.

    " absentismo escolar " lets a LIKE '% absent%' find a word by its beginning.
    """
    if not text:
        return " "
    return f" {' '.join(words(text))} "


def stem(word: str) -> str:
    """A rough Spanish stem for the fallback: drop a plural ending so a prefix search finds both forms.

    Matching is by word beginning, so "absentismo" already finds "absentismos"; stripping the
    plural lets "reuniones" find "reunión" too. Short words are left alone.
    """
    if len(word) >= 6 and word.endswith("es"):
        return word[:-2]
    if len(word) >= 5 and word.endswith("s"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Busqueda:
    """A parsed query. Words and phrases are normalised; phrases keep their stop words."""

    texto: str = ""
    terminos: tuple[str, ...] = ()
    frases: tuple[tuple[str, ...], ...] = ()
    excluidos: tuple[tuple[str, ...], ...] = ()
    truncada: bool = False
    solo_palabras_vacias: bool = False

    @property
    def vacia(self) -> bool:
        """Nothing to look for: no word or phrase that must appear."""
        return not (self.terminos or self.frases)

    @property
    def palabras_resaltables(self) -> tuple[str, ...]:
        """Every normalised word a result should highlight (phrase words included, stop words not)."""
        found = list(self.terminos)
        for frase in self.frases:
            found.extend(word for word in frase if word not in STOP_WORDS)
        return tuple(dict.fromkeys(found))


def truncate(raw: str, limit: int = MAX_LENGTH) -> tuple[str, bool]:
    """Cut a query to `limit` characters, at a space when there is one near the end."""
    text = " ".join(raw.split())
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.strip(), True


def parse(raw: str | None) -> Busqueda:
    """Parse a query the way websearch_to_tsquery reads it (words, "phrases", -exclusions).

    Never fails: an unbalanced quote runs to the end of the text, a lone "-" is ignored, and so is
    a word that is only punctuation. OR is not supported here and is searched as a word.
    """
    texto, truncada = truncate(raw or "")
    terminos: list[str] = []
    frases: list[tuple[str, ...]] = []
    excluidos: list[tuple[str, ...]] = []
    saw_stop_word = False
    for match in _TOKEN.finditer(texto):
        negated, quoted, bare = match.group(1) == "-", match.group(2), match.group(3)
        parts = tuple(words(quoted if quoted is not None else bare))
        meaningful = tuple(word for word in parts if word not in STOP_WORDS)
        if not meaningful:
            saw_stop_word = saw_stop_word or bool(parts)
            continue
        if negated:
            excluidos.append(parts)
        elif quoted is not None and len(parts) > 1:
            frases.append(parts)
        elif len(parts) > 1:
            # "barrio-norte" or "C/Mayor": the words must appear next to each other, as in PostgreSQL.
            frases.append(parts)
        else:
            terminos.append(parts[0])
    busqueda = Busqueda(
        texto=texto,
        terminos=tuple(dict.fromkeys(terminos)),
        frases=tuple(dict.fromkeys(frases)),
        excluidos=tuple(dict.fromkeys(excluidos)),
        truncada=truncada,
    )
    if busqueda.vacia and saw_stop_word:
        return Busqueda(texto=texto, truncada=truncada, solo_palabras_vacias=True)
    return busqueda
