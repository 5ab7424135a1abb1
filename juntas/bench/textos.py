"""Spanish sample text for the benchmarks: varied enough that full-text search has real material.

Every function takes the caller's random.Random, so a seed gives the same data every time.
"""

import random

TOPICS = [
    "absentismo escolar",
    "ruido nocturno",
    "botellón",
    "venta ambulante",
    "ocupación de vivienda",
    "violencia de género",
    "acoso escolar",
    "hurtos en comercios",
    "vehículos abandonados",
    "peleas a la salida",
    "consumo de alcohol",
    "pintadas",
    "mendicidad",
    "tráfico de drogas",
    "seguridad vial",
    "exceso de velocidad",
    "aparcamiento en doble fila",
    "motos sin silencioso",
    "okupas",
    "robos en trasteros",
    "quejas vecinales",
    "perros sueltos",
    "fiestas patronales",
    "mercadillo",
    "salida de discotecas",
    "ocio nocturno",
    "menores en la calle",
    "fugas del centro",
    "atención a personas sin hogar",
    "incendios de contenedores",
    "vandalismo en el parque",
    "carreras ilegales",
    "estafas a mayores",
    "ciberacoso",
    "conflictos vecinales",
    "okupación de locales",
    "alumbrado deficiente",
    "accesos al colegio",
    "patinetes eléctricos",
    "terrazas sin licencia",
]
SUBJECTS = [
    "La patrulla",
    "Los agentes",
    "La unidad de barrio",
    "Los educadores",
    "Servicios Sociales",
    "El técnico del distrito",
    "La Policía Local",
    "El Cuerpo Nacional de Policía",
    "La mediadora",
    "El equipo de convivencia",
    "La trabajadora social",
    "La Guardia Civil",
    "El inspector de educación",
]
VERBS = [
    "revisa",
    "detecta",
    "informa de",
    "coordina la respuesta ante",
    "visita a las familias por",
    "atiende varias denuncias por",
    "refuerza la vigilancia por",
    "levanta acta por",
    "media en",
    "propone medidas contra",
    "registra incidencias de",
    "cierra el seguimiento de",
]
PLACES = [
    "en el distrito Norte",
    "en el distrito Sur",
    "en el distrito Centro",
    "en la plaza Mayor",
    "junto al colegio Cervantes",
    "en el parque de la Ribera",
    "en el polígono industrial",
    "en la barriada de San Isidro",
    "junto al instituto Machado",
    "en la estación de autobuses",
    "en el mercado de abastos",
    "en la calle Real",
    "en la avenida de Andalucía",
    "en el casco antiguo",
    "en la urbanización Los Pinos",
    "junto al centro de salud",
    "en el paseo marítimo",
]
WHEN = [
    "durante el fin de semana",
    "el lunes por la mañana",
    "por la tarde",
    "de madrugada",
    "tras la reunión de coordinación",
    "en las fiestas",
    "durante el curso",
    "en horario escolar",
]
STREETS = [
    "Alcalá",
    "Cervantes",
    "Zurbarán",
    "Murillo",
    "Goya",
    "Velázquez",
    "Lorca",
    "Machado",
    "Quevedo",
    "Góngora",
    "Bécquer",
    "Unamuno",
    "Galdós",
    "Clarín",
    "Espronceda",
    "Zorrilla",
    "Larra",
    "Rosalía",
]
PLANS = [
    "Plan de actuación sobre",
    "Refuerzo de la vigilancia ante",
    "Protocolo de coordinación frente a",
    "Campaña de prevención de",
    "Mesa de trabajo sobre",
    "Programa de mediación en",
    "Dispositivo especial por",
]
COMMITMENTS = [
    "Elaborar un informe trimestral sobre",
    "Aumentar las patrullas a pie por",
    "Coordinar con los centros educativos el seguimiento de",
    "Instalar señalización y alumbrado frente a",
    "Designar un agente de enlace para",
    "Reunir a las asociaciones vecinales afectadas por",
    "Remitir a la Junta los datos mensuales de",
    "Revisar las ordenanzas municipales relativas a",
    "Organizar una campaña informativa sobre",
]


def frase(rng: random.Random) -> str:
    """One sentence of what a body did, where and when."""
    sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS)} {rng.choice(PLACES)}"
    if rng.random() < 0.5:
        sentence += f" {rng.choice(WHEN)}"
    if rng.random() < 0.3:
        sentence += f", calle {rng.choice(STREETS)} {rng.randint(1, 120)}"
    if rng.random() < 0.2:
        sentence += f" (expediente {rng.randint(2019, 2025)}/{rng.randint(1, 9999):04d})"
    return sentence + "."


def parrafo(rng: random.Random, minimo: int = 1, maximo: int = 3) -> str:
    return " ".join(frase(rng) for _ in range(rng.randint(minimo, maximo)))


def tema(rng: random.Random) -> str:
    return rng.choice(TOPICS)


def titulo_acuerdo(rng: random.Random) -> str:
    return f"{rng.choice(PLANS)} {rng.choice(TOPICS)} {rng.choice(PLACES)}"


def texto_acuerdo(rng: random.Random) -> str:
    return f"La Junta acuerda {rng.choice(COMMITMENTS).lower()} {rng.choice(TOPICS)}. {parrafo(rng, 1, 3)}"


def descripcion_compromiso(rng: random.Random) -> str:
    text = f"{rng.choice(COMMITMENTS)} {rng.choice(TOPICS)} {rng.choice(PLACES)}."
    return text if rng.random() < 0.5 else f"{text} {frase(rng)}"
