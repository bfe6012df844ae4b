"""Italian text rules: urgency, deadlines, disrespect, unspoken expectations."""

from tests.textrules_common import language_tests

LANG = "it"

DEADLINES = [  # il messaggio è di martedì 10 marzo 2026 alle 10:00
    ("Mi serve entro oggi, per favore.", "2026-03-10 18:00"),
    ("Potresti mandarmi il preventivo entro domani mattina?", "2026-03-11 10:00"),
    ("Il sito deve essere pronto entro venerdì alle 15.", "2026-03-13 15:00"),
    ("Ci serve per dopodomani.", "2026-03-12 18:00"),
    ("Puoi consegnare la traduzione entro 2 ore?", "2026-03-10 12:00"),
    ("Mandami tutto entro le 17:00.", "2026-03-10 17:00"),
    ("Scadenza: 20 marzo.", "2026-03-20 18:00"),
    ("Puoi finirlo entro la fine della settimana?", "2026-03-13 18:00"),
    ("Ti chiedo di inviare le bozze entro lunedì prossimo.", "2026-03-16 18:00"),
    ("Riesci a sistemare la pagina entro stasera?", "2026-03-10 20:00"),
    ("La relazione va consegnata entro fine mese, per favore.", "2026-03-31 18:00"),
    ("Mi serve domani alle 9:30, grazie.", "2026-03-11 09:30"),
]

LAST_MINUTE = [
    ("Puoi correggere il testo entro oggi pomeriggio?", True),
    ("Mandami il file entro mezz'ora, per favore.", True),
    ("Ci serve per domani.", True),
    ("Puoi preparare la presentazione per venerdì 13 marzo?", False),
    ("Mi mandi la proposta entro la settimana prossima?", False),
    ("La consegna è entro il 30 marzo.", False),
]

URGENT = [
    "URGENTE: il modulo di pagamento non funziona.",
    "Per favore sistemalo subito.",
    "Mi serve il file il prima possibile.",
    "Chiamami immediatamente appena leggi.",
    "È una questione di massima priorità.",
    "Ti prego di rispondere al più presto.",
]

CALM = [
    "Stamattina ho avuto una riunione con il consiglio.",
    "Domani mattina sono dal dentista.",
    "Non è urgente, fai con calma.",
    "Nessuna fretta, quando puoi mi mandi la bozza.",
    "Domani sono a Milano, ci sentiamo lunedì.",
    "Grazie per oggi, è stata una bella riunione.",
    "Ho mostrato la bozza al team venerdì e gli è piaciuta.",
    "Con comodo: ci serve solo per il catalogo dell'anno prossimo.",
]

DISRESPECT = [
    ("Sei un incompetente.", 3, "insult"),
    ("Sei proprio un idiota, non hai capito niente.", 3, "insult"),
    ("Solo un cretino poteva scrivere una cosa del genere.", 2, "insult"),
    ("Questo lavoro fa schifo.", 2, "contempt"),
    ("Un bambino di cinque anni l'avrebbe fatto meglio.", 3, "contempt"),
    ("Ma per cosa ti pago?", 2, "contempt"),
    ("Te lo spiego lentamente, così forse capisci.", 2, "condescension"),
    ("Quante volte te lo devo dire?", 2, "condescension"),
    ("Te ne pentirai, so dove abiti.", 3, "threat"),
    ("Se non consegni lunedì, ti faccio causa.", 2, "threat"),
    ("PERCHÉ IL SITO NON È ANCORA AGGIORNATO, TE L'HO DETTO IERI!!!", 2, "shouting"),
    ("Vaffanculo, non scrivermi più.", 3, "insult"),
    ("Stai zitto e fai il tuo lavoro.", 3, "insult"),
    ("È stata una perdita di tempo.", 2, "contempt"),
    # condiscendenza, disprezzo, sarcasmo, ordini sprezzanti, minacce, sessismo
    ("Devo spiegarti tutto io? Il logo va in alto a destra.", 2, "condescension"),
    ("Ma le leggete le mie mail o no?", 2, "condescension"),
    ("Anche un bambino ci sarebbe arrivato.", 2, "condescension"),
    ("È chiedere troppo che il sito funzioni il lunedì mattina?", 2, "condescension"),
    ("Ti pago per pensare, non solo per eseguire.", 2, "contempt"),
    ("Ma cosa fai tutto il giorno?", 2, "contempt"),
    ("Sei stupida o cosa?", 3, "insult"),
    ("Prova a usare il cervello, per una volta.", 2, "condescension"),
    ("Bravo, genio! Hai cancellato tutto il database.", 2, "condescension"),
    ("Grazie per l’ennesimo ritardo, davvero.", 2, "condescension"),
    ("Ti rovinerò la reputazione su tutti i gruppi del settore.", 3, "threat"),
    ("Te ne farò pentire, stanne certo.", 3, "threat"),
    ("Continua a non rispondere e vengo sotto casa tua.", 3, "threat"),
    ("Il mio avvocato ti contatterà in settimana.", 2, "threat"),
    ("Tipico di voi donne, non reggete la pressione.", 3, "hate"),
    ('Quale parte di "entro venerdì" non ti è chiara?', 2, "condescension"),
    ("Devo sempre tenerti per mano come una bambina?", 2, "condescension"),
    ("Siete proprio dei dilettanti.", 3, "insult"),
    ("Senti, pagliaccio, sistema il sito.", 3, "insult"),
    ("Lei non capisce niente di marketing.", 2, "contempt"),
    ("Hai sbagliato mestiere, credimi.", 2, "contempt"),
    ("Sembra scritto da un ragazzino delle medie.", 2, "contempt"),
    ("Sei inaffidabile e pure arrogante.", 2, "contempt"),
    ("Ringrazia che ti pago ancora.", 3, "contempt"),
    ("Quando ti degnerai di rispondere, fammi sapere.", 2, "condescension"),
    ("Ti ho già detto cento volte che il font è Arial.", 2, "condescension"),
    ("Mai una volta che consegni in tempo.", 1, "contempt"),
    ("Questo dannato sito non carica.", 1, "profanity"),
]

POLITE = [
    "Non sei un idiota, il brief era davvero poco chiaro.",
    "Gentile Anna, grazie per la bozza. Potresti accorciare la seconda sezione?",
    "Ottimo lavoro per il lancio, il team è entusiasta!",
    "Mi scuso, avevo letto male il tuo messaggio. La nuova versione va benissimo.",
    "Possiamo spostare la chiamata a giovedì? Mi è capitato un imprevisto.",
    "La stampante dell'ufficio fa di nuovo i capricci, ti mando la scansione domani.",
    "In allegato trovi il contratto firmato e la ricevuta IVA in PDF.",
    "Non sono sicuro che i colori funzionino su mobile: che ne pensi?",
    "Ho una domanda sulla fattura: l'IVA è inclusa?",
    "Buongiorno! Ti ricordo il workshop di venerdì alle 10.",
    "Il finocchio della ricetta va tagliato a fettine sottili.",
    "Ciao Marco, ti giro le foto dell'evento di ieri sera.",
    "Grazie mille, a presto!",
    # quasi-falsi positivi: fermi ma corretti, negati, citati, autoironici, logistici
    "Non sto dicendo che sei incompetente, ma questa versione non va.",
    "Hai scritto tu stesso che è stato un lavoro da dilettanti, ma non sono d'accordo.",
    "Mi hai scritto che ti senti un'incapace: non è vero, hai fatto un ottimo lavoro.",
    "È la terza volta che te lo chiedo: mi mandi la fattura corretta?",
    "Non pagherò queste ore extra: non erano previste dal contratto.",
    "Se non ricevo risposta entro domani, coinvolgerò il mio responsabile.",
    "Sono deluso dalla qualità di questa consegna, va rifatta oggi stesso.",
    "Ti devo spiegare tutto il flusso in call domani, hai mezz'ora?",
    "L'app deve essere così intuitiva che anche un bambino capirebbe come usarla.",
    "È inutile aspettare ancora, procediamo con la versione B.",
    "Scusa la domanda stupida, ma l'IVA è inclusa?",
    "Che stupida, ho dimenticato l'allegato!",
    "Il progetto è così complicato che ci serve più tempo.",
    "Ci arrivi entro venerdì con la bozza?",
    "Sei in grado di consegnare entro venerdì?",
    "Controlli mai la cartella spam? A volte le mie mail finiscono lì.",
    "Grazie, e scusa per l'ennesimo ritardo nei pagamenti da parte nostra.",
    "Il prodotto ha il ciclo di vita più lungo della categoria.",
    "Mi serve la versione piccola del logo.",
    "Questa settimana è stata un disastro per noi, quindi rimandiamo la call.",
    "Vengo nel tuo ufficio giovedì per la riunione.",
]

EXPECTATIONS = [
    ("Non è quello che ho chiesto.", "rework"),
    ("Non era questo che avevamo in mente, è da rifare.", "rework"),
    ("Non ho mai chiesto un logo blu.", "rework"),
    ("Bisogna ricominciare da capo.", "rework"),
    ("Cosa intendi con 'fase due'?", "clarification"),
    ("Come ti ho già detto, l'intestazione resta.", "clarification"),
    ("Per l'ennesima volta: il logo va a sinistra.", "clarification"),
    ("Fallo più accattivante, qualcosa del genere.", "vague"),
    ("Lo saprò quando lo vedrò.", "vague"),
    ("Non so bene cosa voglio, sorprendimi.", "vague"),
]

PLAIN = [
    "Sposta il logo di 10 px a sinistra e usa il blu della guida di stile.",
    "La nuova versione è esattamente quello che volevamo, grazie.",
    "Puoi aggiungere i dati di marzo alla tabella di pagina 3?",
    "Approvato. Procedi pure con la stampa di 500 copie.",
]

LONG = (
    "Ciao Luca, grazie per averci mandato la bozza del rapporto. L'ho letta con il team e "
    "vorremmo qualche modifica prima di venerdì: il riassunto dovrebbe essere più breve e "
    "nei grafici mancano i dati di marzo. Fammi sapere se hai domande. Un saluto, Anna"
)


globals().update(language_tests(LANG, globals(), hint="en"))
