"""The "say less" rules, language by language: sentences that must be flagged and not."""

import pytest

from handover.letters.lint import DATA_RULES, lint

FLAGGED = {
    "en": [
        "Anna was fired last week.",
        "He was let go after the audit.",
        "Her dismissal took effect on Monday.",
        "His contract was terminated for cause.",
        "We found evidence of misconduct.",
        "There was a theft from the office.",
        "He stole equipment from the warehouse.",
        "The police are looking into the fraud.",
        "Sadly, poor performance left us no choice.",
        "She faced a disciplinary hearing.",
        "He left because of his behaviour with colleagues.",
        "Frankly, Mark was unreliable.",
        "She was incompetent with numbers.",
        "To be honest he was difficult to work with.",
        "Call me and I will tell you the whole story privately.",
        "Off the record, there were problems.",
        "I can tell you what really happened.",
    ],
    "it": [
        "Marco è stato licenziato la settimana scorsa.",
        "Il licenziamento è avvenuto per giusta causa.",
        "È in corso un procedimento disciplinare.",
        "C'è stato un furto in ufficio.",
        "Ha rubato del materiale dal magazzino.",
        "Parliamo di appropriazione indebita.",
        "Lo scarso rendimento non ci ha lasciato scelta.",
        "Si tratta di una cattiva condotta ripetuta.",
        "È uscito a causa del suo comportamento.",
        "Purtroppo era inaffidabile.",
        "Era del tutto incompetente.",
        "Una persona disonesta, lo sapevamo.",
        "Non era all'altezza del compito.",
        "Le spiegherò tutto a voce.",
        "Queste sono informazioni riservate, ma gliele dico.",
        "Che resti tra noi, ci sono stati problemi.",
    ],
    "pl": [
        "Pan Nowak został zwolniony w zeszłym tygodniu.",
        "Doszło do zwolnienia dyscyplinarnego.",
        "Chodziło o kradzież sprzętu.",
        "Ukradł pieniądze z kasy.",
        "Wykryliśmy defraudację środków.",
        "Słabe wyniki nie zostawiły nam wyboru.",
        "Naruszył regulamin firmy.",
        "Odszedł z powodu jego zachowania wobec klientów.",
        "Był po prostu nierzetelny.",
        "Okazała się niekompetentna.",
        "To był leniwy pracownik.",
        "Nie radził sobie z obowiązkami.",
        "Zawiódł nasze zaufanie.",
        "Opowiem Państwu więcej prywatnie.",
        "Mówiąc między nami, były problemy.",
        "Mogę zdradzić, co naprawdę się stało.",
    ],
    "ca": [
        "En Pere ha estat acomiadat aquesta setmana.",
        "L'acomiadament es va fer efectiu dilluns.",
        "Hi ha un expedient disciplinari obert.",
        "Hi va haver un robatori a l'oficina.",
        "Va robar material del magatzem.",
        "Es tracta d'una malversació de fons.",
        "El baix rendiment no ens va deixar alternativa.",
        "Va ser per mala conducta.",
        "Va marxar a causa del seu comportament.",
        "Era una persona poc fiable.",
        "Era totalment incompetent.",
        "No estava a l'alçada de la feina.",
        "Ens va decebre a tots.",
        "Li ho explicaré tot en privat.",
        "És informació confidencial, però l'hi dic.",
        "Extraoficialment, hi va haver problemes.",
    ],
    "nb": [
        "Han ble oppsagt forrige uke.",
        "Hun ble sagt opp etter revisjonen.",
        "Det endte med avskjed.",
        "Han ble sparket på dagen.",
        "Det dreide seg om tyveri fra lageret.",
        "Han stjal utstyr.",
        "Saken gjelder underslag.",
        "Dårlige resultater ga oss ikke noe valg.",
        "Hun brøt selskapets retningslinjer.",
        "Han sluttet på grunn av hans oppførsel.",
        "Ærlig talt var han upålitelig.",
        "Hun var rett og slett inkompetent.",
        "Han var ikke god nok til jobben.",
        "Jeg kan fortelle deg mer privat.",
        "Dette er fortrolig, men jeg sier det likevel.",
        "Oss imellom var det problemer.",
    ],
}

CLEAN = {
    "en": [
        "Anna's last day is 30 April.",
        "From Monday, Piet Prins looks after your account.",
        "You can reach him at piet@example.com or +39 02 555 0199.",
        "Thank you for the trust you have shown us.",
        "I have decided to move on to a new chapter.",
        "I have resigned my position to take on a new challenge.",
        "Our HR team will gladly answer any question about the change.",
        "It has been a pleasure working with you.",
        "The transition will be smooth and your service continues as before.",
        "Please confirm receipt of the archive.",
        "The handover call is on Thursday at 10:00.",
        "We terminated the old printing contract with the supplier.",
        "Your files are ready for download.",
        "I hope our paths cross again.",
        "Performance of the new server has improved.",
    ],
    "it": [
        "Il mio ultimo giorno sarà il 30 aprile.",
        "Da lunedì Dora Dalla si occuperà del Suo progetto.",
        "Può contattarla a dora@example.com.",
        "La ringraziamo per la fiducia accordata.",
        "Ho deciso di intraprendere un nuovo percorso.",
        "È stato un piacere lavorare con Lei.",
        "Il passaggio di consegne avverrà senza intoppi.",
        "La prego di confermare la ricezione dell'archivio.",
        "La chiamata è fissata per giovedì alle 10.",
        "Per domande sul cambio si rivolga all'ufficio del personale.",
        "I file sono pronti per il download.",
        "Spero che le nostre strade si incrocino ancora.",
        "Le procedure sono aggiornate e le cartelle in ordine.",
        "Il rendimento del nuovo server è migliorato.",
        "La collaborazione tra noi e il Suo studio prosegue.",
    ],
    "pl": [
        "Moim ostatnim dniem pracy będzie 30 kwietnia.",
        "Od poniedziałku opiekę nad Państwa sprawami przejmie Dora Dalla.",
        "Kontakt: dora@example.com lub +48 12 555 0101.",
        "Dziękujemy za Państwa zaufanie.",
        "Postanowiłam podjąć nowe wyzwanie zawodowe.",
        "Współpraca z Państwem była przyjemnością.",
        "Przekazanie obowiązków przebiegnie płynnie.",
        "Uprzejmie proszę o potwierdzenie odbioru archiwum.",
        "Rozmowa odbędzie się w czwartek o 10:00.",
        "Pytania dotyczące zmiany prosimy kierować do działu kadr.",
        "Pliki są gotowe do pobrania.",
        "Mam nadzieję, że nasze drogi jeszcze się skrzyżują.",
        "Procedury są aktualne, a foldery uporządkowane.",
        "Wyniki kwartału są bardzo dobre.",
        "Proszę zwolnić miejsce na dysku przed eksportem.",
    ],
    "ca": [
        "El meu últim dia serà el 30 d'abril.",
        "A partir de dilluns, la Dora Dalla s'ocuparà del seu compte.",
        "La pot contactar a dora@example.com.",
        "Li agraïm la confiança.",
        "He decidit emprendre un nou camí professional.",
        "Ha estat un plaer treballar amb vostè.",
        "El traspàs es farà sense interrupcions.",
        "Li prego que confirmi la recepció de l'arxiu.",
        "La trucada serà dijous a les 10.",
        "Per a qualsevol pregunta sobre el canvi, adreci's a recursos humans.",
        "Els fitxers ja es poden descarregar.",
        "Espero que els nostres camins es tornin a creuar.",
        "Els procediments estan actualitzats i les carpetes endreçades.",
        "El rendiment del nou servidor ha millorat.",
        "La col·laboració entre nosaltres continua com sempre.",
    ],
    "nb": [
        "Min siste arbeidsdag blir 30. april.",
        "Fra mandag tar Piet Prins over kontoen din.",
        "Du når ham på piet@example.com eller 55 55 01 20.",
        "Takk for tilliten.",
        "Jeg har sagt opp min stilling for å prøve noe nytt.",
        "Det har vært en glede å jobbe med deg.",
        "Overgangen blir smidig.",
        "Bekreft gjerne at du har mottatt arkivet.",
        "Overleveringsmøtet er torsdag klokken 10.",
        "Spørsmål om endringen kan sendes til personalavdelingen.",
        "Filene er klare til nedlasting.",
        "Jeg håper våre veier krysses igjen.",
        "Rutinene er oppdatert og mappene ryddige.",
        "Resultatene for kvartalet er gode.",
        "Det var sent på dagen da vi ringte.",
    ],
}


def data_findings(text, language):
    return [f for f in lint(text, language) if f.rule in DATA_RULES]


@pytest.mark.parametrize("language", sorted(FLAGGED))
def test_it_has_at_least_fifteen_sentences_of_each_sort(language):
    assert len(FLAGGED[language]) >= 15 and len(CLEAN[language]) >= 15


@pytest.mark.parametrize("language, sentence",
                         [(lang, s) for lang, items in FLAGGED.items() for s in items])
def test_it_flags(language, sentence):
    findings = data_findings(sentence, language)
    assert findings, sentence
    finding = findings[0]
    assert finding.severity == "high"
    assert sentence[finding.start:finding.end] == finding.match


@pytest.mark.parametrize("language, sentence",
                         [(lang, s) for lang, items in CLEAN.items() for s in items])
def test_it_lets_through(language, sentence):
    assert data_findings(sentence, language) == [], sentence


def test_it_flags_a_competitor_length_and_missing_facts():
    text = "I am joining Rival Partners next month. " * 3
    findings = lint(text, "en", word_limit=10, competitors=["Rival Partners"],
                    required={"last_day": "April 30, 2026", "successor_name": "Dora Dalla"})
    rules = [f.rule for f in findings]
    assert rules.count("competitor") == 3
    assert "length" in rules
    assert sorted(f.params["fact"] for f in findings if f.rule == "missing_fact") == [
        "last_day", "successor_name"]
    assert {f.severity for f in findings if f.rule == "length"} == {"medium"}


def test_it_explains_a_finding_in_the_writers_language():
    from django.utils import translation

    from handover.letters.explain import explain

    (finding,) = data_findings("Anna was fired.", "en")
    with translation.override("en"):
        assert "reason for the departure" in explain(finding)
    with translation.override("it"):
        assert "“was fired”" in explain(finding)
