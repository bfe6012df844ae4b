"""Catalan text rules: urgency, deadlines, disrespect, unspoken expectations."""

from tests.textrules_common import language_tests

LANG = "ca"

DEADLINES = [  # el missatge és de dimarts 10 de març de 2026 a les 10:00
    ("Ho necessito avui mateix.", "2026-03-10 18:00"),
    ("Em pots enviar el pressupost abans de demà al matí?", "2026-03-11 10:00"),
    ("Ho pots tenir llest per divendres a les 15?", "2026-03-13 15:00"),
    ("Si us plau, envia-m'ho en 2 hores.", "2026-03-10 12:00"),
    ("Abans del 20 de març, si us plau.", "2026-03-20 18:00"),
    ("Ho necessitem per a demà.", "2026-03-11 18:00"),
    ("Pots acabar-ho abans de final de setmana?", "2026-03-13 18:00"),
    ("Envia'm les proves el dilluns vinent, si us plau.", "2026-03-16 18:00"),
    ("Termini: 25 de març.", "2026-03-25 18:00"),
    ("Podries tenir el text enllestit per demà passat?", "2026-03-12 18:00"),
    ("Cal que l'informe estigui llest a final de mes.", "2026-03-31 18:00"),
    ("Pots enviar-ho abans de les 17:00?", "2026-03-10 17:00"),
]

LAST_MINUTE = [
    ("Pots corregir el text aquesta tarda?", True),
    ("Envia'm el fitxer en mitja hora, si us plau.", True),
    ("Ho necessito per a demà.", True),
    ("Pots preparar la presentació per al 13 de març?", False),
    ("Em pots enviar la proposta la setmana que ve?", False),
    ("El lliurament és com a màxim el 30 de març.", False),
]

URGENT = [
    "URGENT: el pagament de la botiga no funciona.",
    "Si us plau, arregla-ho immediatament.",
    "Necessito el fitxer corregit com més aviat millor.",
    "Truca'm de seguida que ho llegeixis.",
    "És de màxima prioritat.",
    "Ho necessito ara mateix.",
]

CALM = [
    "Aquest matí he tingut una reunió amb la junta.",
    "Demà al matí sóc al dentista.",
    "No és urgent, sense pressa.",
    "No hi ha pressa, envia'm l'esborrany quan puguis.",
    "Demà vaig a Girona, en parlem dilluns.",
    "Gràcies per la reunió d'avui, ha anat molt bé.",
    "Divendres vaig ensenyar l'esborrany a l'equip i els va agradar.",
    "Amb calma: és per al catàleg de l'any que ve.",
]

DISRESPECT = [
    ("Ets un inútil.", 3, "insult"),
    ("Ets un idiota, no has entès res.", 3, "insult"),
    ("Només un imbècil escriuria una cosa així.", 2, "insult"),
    ("Això és una merda, una pèrdua de temps.", 2, "contempt"),
    ("Per què et pago, doncs?", 2, "contempt"),
    ("Un nen de cinc anys ho faria millor.", 3, "contempt"),
    ("T'ho explicaré a poc a poc, a veure si ho entens.", 2, "condescension"),
    ("Quantes vegades t'ho he de dir?", 2, "condescension"),
    ("Te'n penediràs, sé on vius.", 3, "threat"),
    ("Si dilluns la web no funciona, emprendré accions legals.", 2, "threat"),
    ("PER QUÈ LA WEB ENCARA NO ESTÀ ACTUALITZADA, T'HO VAIG DIR AHIR!!!", 2, "shouting"),
    ("Vés a la merda i no m'escriguis més.", 3, "insult"),
    ("Tanca la boca i fes la teva feina.", 3, "insult"),
    ("Ets tan incompetent que fa pena.", 3, "insult"),
    # Famílies de condescendència, menyspreu, ironia i amenaça (tu, vosaltres, vostè).
    ("T'ho he d'explicar tot, o què?", 2, "condescension"),
    ("Fins i tot un nen de primària ho entendria.", 2, "condescension"),
    ("Però vosaltres llegiu els meus correus o què?", 2, "condescension"),
    ("Mai revises la teva pròpia feina?", 2, "condescension"),
    ("És massa demanar que revisis l'ortografia abans d'enviar-ho?", 2, "condescension"),
    ("Et pago per pensar, no per copiar el que fan els altres.", 2, "condescension"),
    ("Prova de fer servir les neurones abans d'enviar res.", 2, "condescension"),
    ("No hauria d'haver-te d'agafar de la mà a cada pas.", 2, "condescension"),
    ("Espavila't, que no tinc tot el dia.", 1, "condescension"),
    ("Es pot saber què fas durant tot el dia?", 2, "contempt"),
    ("Vostè no té ni idea del que fa.", 2, "contempt"),
    ("Ben fet, geni: ara no funciona res.", 2, "contempt"),
    ("Gràcies per dignar-te a contestar.", 2, "contempt"),
    ("Estalvia't les excuses i fes la teva feina.", 1, "contempt"),
    ("Envia el maleït fitxer i prou.", 1, "profanity"),
    ("Ets ximple o què? Ja t'ho vaig dir dilluns.", 3, "insult"),
    ("Sou una colla d'inútils.", 3, "insult"),
    ("Escolta, inútil, arregla-ho ja.", 3, "insult"),
    ("Mira que n'ets, de ruc.", 3, "insult"),
    ("Típic d'una dona: no aguantes gens la pressió.", 3, "hate"),
    ("M'encarregaré personalment que ningú no et torni a contractar.", 3, "threat"),
    ("Continua així i vindré al teu despatx, a veure si ets tan valent.", 3, "threat"),
    ("Tindràs notícies del meu advocat.", 2, "threat"),
]

POLITE = [
    "No ets cap idiota, el brief era realment confús.",
    "Bon dia, Anna, gràcies per l'esborrany. Podries escurçar la segona secció?",
    "Molt bona feina amb el llançament, l'equip està encantat!",
    "Perdona, havia llegit malament el missatge. La nova versió està bé.",
    "Podem passar la trucada a dijous? M'ha sorgit un imprevist.",
    "La impressora de l'oficina torna a fer de les seves, t'envio l'escaneig demà.",
    "Adjunto el contracte signat i el rebut de l'IVA en PDF.",
    "No estic segur que els colors funcionin al mòbil, què en penses?",
    "Tinc un dubte sobre la factura: l'IVA hi és inclòs?",
    "Bon dia! Et recordo el taller de divendres a les 10.",
    "Moltes gràcies, fins aviat!",
    "T'envio les fotos de l'acte d'ahir al vespre.",
    "Una salutació cordial.",
    # Frases fermes, negades o autocrítiques que no s'han de marcar.
    "Aquest mes estic molt ocupada; si és massa difícil, ho podem simplificar.",
    "No estic dient que siguis incompetent, només que cal revisar el procés.",
    "És la tercera vegada que ho demano: cal arreglar-ho avui mateix.",
    "Estic decebut amb la qualitat d'aquesta entrega i no pagaré les hores extres.",
    "Si no es resol avui, ho escalaré al meu responsable, tal com preveu el contracte.",
    "Perdona, sóc una idiota: t'he enviat el fitxer equivocat.",
    "La web ha quedat molt bonica, gràcies!",
    "Fes servir el cap de pàgina de la plantilla nova.",
    "Em fa pena que marxis, ha estat un plaer treballar amb tu.",
    "No te'n penediràs: és la millor agència amb qui hem treballat.",
    "Ets capaç de tenir-ho llest per dijous?",
    "Espero que no sigui massa demanar, però podries afegir una diapositiva?",
    "És inútil insistir amb aquest proveïdor, canviem d'opció.",
    "El meu fill és aficionat al disseny i li ha encantat el logotip.",
    "Passaré per la teva oficina dimarts a recollir el contracte signat.",
    "Qualsevol hauria fet el mateix en la teva situació, no pateixis.",
    "Pensa una mica en com ho veurà l'usuari final i proposa'm dues opcions.",
    "No ets substituïble: sense tu el projecte no tira endavant.",
]

EXPECTATIONS = [
    ("No és el que vaig demanar.", "rework"),
    ("No és gens el que esperàvem, cal refer-ho.", "rework"),
    ("Mai no vaig demanar un logotip blau.", "rework"),
    ("Caldrà començar de nou des de zero.", "rework"),
    ("Què vols dir amb 'fase dos'?", "clarification"),
    ("Com ja t'he dit, la capçalera es queda.", "clarification"),
    ("Per enèsima vegada: el logotip va a l'esquerra.", "clarification"),
    ("Fes-ho més atractiu, alguna cosa així.", "vague"),
    ("Ho sabré quan ho vegi.", "vague"),
    ("No sé ben bé què vull, sorprèn-me.", "vague"),
]

PLAIN = [
    "Mou el logotip 10 px a l'esquerra i fes servir el blau de la guia d'estil.",
    "La nova versió és exactament el que volíem, gràcies.",
    "Pots afegir les dades de març a la taula de la pàgina 3?",
    "Aprovat. Endavant amb la impressió de 500 exemplars.",
]

LONG = (
    "Hola Jordi, gràcies per enviar-nos l'esborrany de l'informe. L'he llegit amb l'equip i "
    "voldríem alguns canvis abans de divendres: el resum hauria de ser més curt i als "
    "gràfics hi falten les dades de març. Fes-me saber si tens cap dubte. Salutacions, Anna"
)


globals().update(language_tests(LANG, globals(), hint="en"))
