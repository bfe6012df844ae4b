"""Norwegian Bokmål text rules: urgency, deadlines, disrespect, unspoken expectations."""

from tests.textrules_common import language_tests

LANG = "nb"

DEADLINES = [  # meldingen ble sendt tirsdag 10. mars 2026 kl. 10.00
    ("Jeg trenger det innen i dag.", "2026-03-10 18:00"),
    ("Kan du sende tilbudet innen i morgen tidlig?", "2026-03-11 09:00"),
    ("Kan du ha det klart til fredag kl. 15?", "2026-03-13 15:00"),
    ("Send det innen 2 timer, takk.", "2026-03-10 12:00"),
    ("Innen 20. mars, takk.", "2026-03-20 18:00"),
    ("Vi trenger det til i morgen.", "2026-03-11 18:00"),
    ("Kan du bli ferdig innen utgangen av uka?", "2026-03-13 18:00"),
    ("Send korrekturen neste mandag, er du snill.", "2026-03-16 18:00"),
    ("Frist: 25. mars.", "2026-03-25 18:00"),
    ("Kan du levere teksten i overmorgen?", "2026-03-12 18:00"),
    ("Rapporten må være ferdig innen utgangen av måneden.", "2026-03-31 18:00"),
    ("Kan du sende det før kl. 17?", "2026-03-10 17:00"),
]

LAST_MINUTE = [
    ("Kan du rette teksten i ettermiddag?", True),
    ("Send meg filen innen en halvtime, takk.", True),
    ("Vi trenger det i morgen.", True),
    ("Kan du lage presentasjonen til 13. mars?", False),
    ("Kan du sende forslaget neste uke?", False),
    ("Leveransen er senest 30. mars.", False),
]

URGENT = [
    "HASTER: betalingen i nettbutikken virker ikke.",
    "Vennligst fiks dette umiddelbart.",
    "Jeg trenger den rettede filen så fort som mulig.",
    "Ring meg med en gang du ser dette.",
    "Dette har høyeste prioritet.",
    "Svar snarest, takk.",
]

CALM = [
    "I formiddag hadde jeg møte med styret.",
    "I morgen tidlig er jeg hos tannlegen.",
    "Det haster ikke, ta den tiden du trenger.",
    "Ingen hast, send utkastet når du har tid.",
    "I morgen drar jeg til Bergen, vi snakkes på mandag.",
    "Takk for møtet i dag, det var veldig nyttig.",
    "På fredag viste jeg utkastet til teamet, og de likte det.",
    "Ikke noe stress, det er til katalogen neste år.",
]

DISRESPECT = [
    ("Du er en idiot.", 3, "insult"),
    ("Du er helt ubrukelig.", 3, "insult"),
    ("Bare en tosk kunne skrive noe sånt.", 2, "insult"),
    ("Dette er søppel, bortkastet tid.", 2, "contempt"),
    ("Hva er det jeg betaler deg for?", 2, "contempt"),
    ("Et barn på fem år kunne gjort det bedre.", 3, "contempt"),
    ("Jeg skal forklare det sakte, så kanskje du skjønner det.", 2, "condescension"),
    ("Hvor mange ganger må jeg si det?", 2, "condescension"),
    ("Du kommer til å angre, jeg vet hvor du bor.", 3, "threat"),
    ("Hvis siden ikke er oppe mandag, vil vi gå rettens vei.", 2, "threat"),
    ("HVORFOR ER NETTSIDEN FORTSATT IKKE OPPDATERT, JEG SA DET I GÅR!!!", 2, "shouting"),
    ("Dra til helvete og ikke skriv til meg igjen.", 3, "insult"),
    ("Hold kjeft og gjør jobben din.", 3, "insult"),
    ("Dette er jo helt elendig.", 2, "contempt"),
    ("Er du dum, eller hva?", 3, "insult"),
    ("Dere er en gjeng med udugelige amatører.", 3, "insult"),
    ("Hvor dum går det an å være?", 3, "insult"),
    ("Min datter på seks år kunne laget en bedre logo.", 3, "contempt"),
    ("Det kommer du til å angre bittert på.", 3, "threat"),
    ("Jeg skal henge deg ut på LinkedIn, så alle ser hva slags svindler du er.", 3, "threat"),
    ("Jeg skal sørge for at ingen i bransjen ansetter deg igjen.", 3, "threat"),
    ("Typisk jenter, dere skjønner dere ikke på tall.", 3, "hate"),
    ("Leser du i det hele tatt e-postene mine?", 2, "condescension"),
    ("Sjekker dere noen gang koden før dere sender den?", 2, "condescension"),
    ("Må jeg forklare alt for deg?", 2, "condescension"),
    ("Selv en femåring skjønner dette.", 2, "condescension"),
    ("Jeg betaler deg for å tenke, ikke for å spørre meg om alt.", 2, "condescension"),
    ("Prøv å bruke hjernen før du sender noe.", 2, "condescension"),
    ("Godt jobba, geni.", 2, "condescension"),
    ("Takk for at du endelig nedlot deg til å svare.", 2, "condescension"),
    ("Jeg skal ikke måtte holde deg i handa gjennom hvert steg.", 2, "condescension"),
    ("Du aner ikke hva du driver med.", 2, "contempt"),
    ("Hva gjør du egentlig hele dagen?", 2, "contempt"),
    ("Å ja, enda en «endelig» versjon full av feil.", 2, "contempt"),
    ("Og du kaller deg profesjonell?", 2, "contempt"),
    ("Oversettelsen din er rett og slett søppel.", 2, "contempt"),
    ("Vi tar saken til forliksrådet hvis pengene ikke er tilbake fredag.", 2, "threat"),
    ("Er det for mye å be om?", 1, "condescension"),
    ("Skjerp deg og finn ut av det selv.", 1, "condescension"),
    ("Bare send den forbaskede filen.", 1, "profanity"),
]

POLITE = [
    "Du er ikke en idiot, briefen var virkelig uklar.",
    "Hei Anna, takk for utkastet. Kan du korte ned den andre delen?",
    "Flott jobba med lanseringen, teamet er begeistret!",
    "Beklager, jeg leste meldingen feil. Den nye versjonen er fin.",
    "Kan vi flytte samtalen til torsdag? Noe kom i veien.",
    "Skriveren på kontoret tuller igjen, så jeg sender skanningen i morgen.",
    "Vedlagt ligger den signerte kontrakten og MVA-kvitteringen som PDF.",
    "Jeg er ikke sikker på om fargene fungerer på mobil, hva tror du?",
    "Jeg har et spørsmål om fakturaen: er MVA inkludert?",
    "God morgen! En påminnelse om workshopen fredag kl. 10.",
    "Tusen takk, snakkes!",
    "Her er bildene fra arrangementet i går kveld.",
    "Med vennlig hilsen Kari",
    "Dette må fikses i dag, og dette er tredje gang jeg spør.",
    "Jeg er skuffet over kvaliteten, og jeg betaler ikke for de ekstra timene.",
    "Jeg kommer til å ta dette videre til lederen min hvis fristen ikke holdes.",
    "Jeg sier ikke at du er inkompetent, men rutinene må bli bedre.",
    "Jeg følte meg som en idiot da jeg sendte feil fil, beklager.",
    "Det var pinlig å innrømme, men jeg glemte møtet.",
    "Hvis du vil angre bestillingen, gi beskjed innen 14 dager.",
    "Jeg skal ta deg med på møtet med kunden.",
    "Er du i stand til å levere innen fredag?",
    "Har du noen gang jobbet med WordPress?",
    "Hva driver du med for tiden? Har du kapasitet i mai?",
    "Ingen panikk, det er ikke rakettforskning.",
    "Jeg kontakter advokaten vår for gjennomgang av kontrakten før signering.",
    "Du trenger ikke skamme deg, alle gjør feil.",
    "Takk for at du tok deg tid til å forklare det sakte og grundig.",
    "Vi taper penger hver dag nettsiden er nede.",
    "Jeg skal forklare det enkelt for styret, så de forstår.",
    "Skal det forestille et fjell eller en bølge?",
]

EXPECTATIONS = [
    ("Det var ikke det jeg ba om.", "rework"),
    ("Dette er slett ikke det vi hadde sett for meg, gjør det om igjen.", "rework"),
    ("Jeg har aldri bedt om en blå logo.", "rework"),
    ("Vi må begynne på nytt fra bunnen av.", "rework"),
    ("Hva mener du med 'fase to'?", "clarification"),
    ("Som jeg allerede har sagt, toppteksten skal bli.", "clarification"),
    ("For tredje gang: logoen skal til venstre.", "clarification"),
    ("Gjør det mer spennende, noe sånt.", "vague"),
    ("Jeg vet det når jeg ser det.", "vague"),
    ("Vet ikke helt hva jeg vil, overrask meg.", "vague"),
]

PLAIN = [
    "Flytt logoen 10 px til venstre og bruk blåfargen fra designmanualen.",
    "Den nye versjonen er akkurat det vi ville ha, takk.",
    "Kan du legge tallene for mars inn i tabellen på side 3?",
    "Godkjent. Sett i gang med trykking av 500 eksemplarer.",
]

LONG = (
    "Hei Ola, takk for at du sendte utkastet til rapporten. Jeg har lest det med teamet, og "
    "vi ønsker noen endringer før fredag: sammendraget bør være kortere, og i grafene mangler "
    "tallene for mars. Gi beskjed hvis du har spørsmål. Vennlig hilsen Anna"
)


globals().update(language_tests(LANG, globals(), hint="en"))
