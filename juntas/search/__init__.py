"""Search over actas, acuerdos, compromisos and notas: query parsing, one backend per database, the service."""
