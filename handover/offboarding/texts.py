# ruff: noqa: E501 - one sentence a line reads better than split strings
"""Texts addressed to the client or the successor, in the client's language (Django-free).

Headings of the recap document, the access-revocation request and the handover-call
invitation. Placeholders are named; every language has every key (a test checks).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "recap_title": "Handover notes: %(engagement)s",
        "recap_intro": "Prepared by %(author)s for %(client)s. Last working day: %(last_day)s.",
        "contacts": "Contacts",
        "duties": "Duties and procedures",
        "systems": "Systems and accounts",
        "files": "Where the files are",
        "open_items": "Open items",
        "dates": "Key dates",
        "name": "Name", "role": "Role", "email": "E-mail", "phone": "Phone",
        "system": "System", "address": "Address", "login": "Login", "kind": "Kind",
        "frequency": "Frequency", "procedure": "Procedure",
        "notice_given": "Notice given", "last_day": "Last working day",
        "support_until": "Available for questions until",
        "no_secrets": "Passwords are not part of this document; ask the client for new access.",
        "revocation_subject": "Please revoke my access: %(engagement)s",
        "revocation_body": (
            "Dear %(client)s,\n\nas our engagement ends on %(last_day)s, please change the "
            "shared passwords, remove my access and delete the accounts created for me in "
            "the following systems:\n\n%(accounts)s\n\nPlease reply once each one is done so "
            "that I can confirm it and delete my stored copies.\n\nKind regards,\n%(author)s"
        ),
        "invite_subject": "Handover call: %(engagement)s",
        "invite_body": (
            "Hello %(successor)s,\n\nI would like to walk you through the work for "
            "%(client)s on %(when)s. The invitation is attached.\n\nAgenda:\n%(agenda)s\n\n"
            "Kind regards,\n%(author)s"
        ),
        "plan_calendar": "Offboarding: %(engagement)s",
    },
    "it": {
        "recap_title": "Passaggio di consegne: %(engagement)s",
        "recap_intro": "Preparato da %(author)s per %(client)s. Ultimo giorno di lavoro: %(last_day)s.",
        "contacts": "Contatti",
        "duties": "Attività e procedure",
        "systems": "Sistemi e account",
        "files": "Dove si trovano i file",
        "open_items": "Questioni aperte",
        "dates": "Date importanti",
        "name": "Nome", "role": "Ruolo", "email": "E-mail", "phone": "Telefono",
        "system": "Sistema", "address": "Indirizzo", "login": "Utente", "kind": "Tipo",
        "frequency": "Frequenza", "procedure": "Procedura",
        "notice_given": "Preavviso dato il", "last_day": "Ultimo giorno di lavoro",
        "support_until": "Disponibile per domande fino al",
        "no_secrets": "Le password non fanno parte di questo documento: chiedere nuovi accessi al cliente.",
        "revocation_subject": "Revoca dei miei accessi: %(engagement)s",
        "revocation_body": (
            "Gentile %(client)s,\n\npoiché la nostra collaborazione termina il %(last_day)s, "
            "vi chiedo di cambiare le password condivise, revocare i miei accessi e "
            "cancellare gli account creati per me nei seguenti sistemi:\n\n%(accounts)s\n\n"
            "Vi prego di rispondere quando ciascuno è fatto, così posso confermarlo e "
            "cancellare le copie che conservo.\n\nCordiali saluti,\n%(author)s"
        ),
        "invite_subject": "Chiamata di passaggio di consegne: %(engagement)s",
        "invite_body": (
            "Ciao %(successor)s,\n\nvorrei illustrarti il lavoro per %(client)s il "
            "%(when)s. In allegato trovi l'invito.\n\nOrdine del giorno:\n%(agenda)s\n\n"
            "Cordiali saluti,\n%(author)s"
        ),
        "plan_calendar": "Chiusura: %(engagement)s",
    },
    "pl": {
        "recap_title": "Przekazanie obowiązków: %(engagement)s",
        "recap_intro": "Przygotował(a) %(author)s dla %(client)s. Ostatni dzień pracy: %(last_day)s.",
        "contacts": "Kontakty",
        "duties": "Obowiązki i procedury",
        "systems": "Systemy i konta",
        "files": "Gdzie są pliki",
        "open_items": "Otwarte sprawy",
        "dates": "Ważne daty",
        "name": "Imię i nazwisko", "role": "Rola", "email": "E-mail", "phone": "Telefon",
        "system": "System", "address": "Adres", "login": "Login", "kind": "Rodzaj",
        "frequency": "Częstotliwość", "procedure": "Procedura",
        "notice_given": "Wypowiedzenie złożone", "last_day": "Ostatni dzień pracy",
        "support_until": "Dostępność na pytania do",
        "no_secrets": "Hasła nie są częścią tego dokumentu; o nowe dostępy należy poprosić klienta.",
        "revocation_subject": "Prośba o odebranie dostępów: %(engagement)s",
        "revocation_body": (
            "Szanowni Państwo (%(client)s),\n\nponieważ nasza współpraca kończy się "
            "%(last_day)s, proszę o zmianę wspólnych haseł, odebranie mi dostępów i usunięcie "
            "kont założonych dla mnie w następujących systemach:\n\n%(accounts)s\n\n"
            "Proszę o odpowiedź po wykonaniu każdej pozycji, abym mógł/mogła to potwierdzić "
            "i usunąć zapisane kopie.\n\nZ poważaniem\n%(author)s"
        ),
        "invite_subject": "Rozmowa przekazania: %(engagement)s",
        "invite_body": (
            "Dzień dobry, %(successor)s,\n\nchciał(a)bym omówić pracę dla %(client)s w dniu "
            "%(when)s. Zaproszenie jest w załączniku.\n\nPlan rozmowy:\n%(agenda)s\n\n"
            "Pozdrawiam\n%(author)s"
        ),
        "plan_calendar": "Zakończenie współpracy: %(engagement)s",
    },
    "ca": {
        "recap_title": "Traspàs de feina: %(engagement)s",
        "recap_intro": "Preparat per %(author)s per a %(client)s. Últim dia de feina: %(last_day)s.",
        "contacts": "Contactes",
        "duties": "Tasques i procediments",
        "systems": "Sistemes i comptes",
        "files": "On són els fitxers",
        "open_items": "Temes pendents",
        "dates": "Dates clau",
        "name": "Nom", "role": "Càrrec", "email": "Correu electrònic", "phone": "Telèfon",
        "system": "Sistema", "address": "Adreça", "login": "Usuari", "kind": "Tipus",
        "frequency": "Freqüència", "procedure": "Procediment",
        "notice_given": "Preavís donat el", "last_day": "Últim dia de feina",
        "support_until": "Disponible per a consultes fins al",
        "no_secrets": "Les contrasenyes no formen part d'aquest document; cal demanar nous accessos al client.",
        "revocation_subject": "Retirada dels meus accessos: %(engagement)s",
        "revocation_body": (
            "Benvolguts (%(client)s),\n\ncom que la nostra col·laboració s'acaba el "
            "%(last_day)s, us demano que canvieu les contrasenyes compartides, em retireu els "
            "accessos i esborreu els comptes creats per a mi en aquests sistemes:\n\n"
            "%(accounts)s\n\nRespongueu-me quan cadascun estigui fet, així ho podré confirmar "
            "i esborrar les còpies que guardo.\n\nCordialment,\n%(author)s"
        ),
        "invite_subject": "Trucada de traspàs: %(engagement)s",
        "invite_body": (
            "Hola %(successor)s,\n\nm'agradaria explicar-te la feina per a %(client)s el "
            "%(when)s. Adjunto la convocatòria.\n\nOrdre del dia:\n%(agenda)s\n\n"
            "Salutacions,\n%(author)s"
        ),
        "plan_calendar": "Tancament: %(engagement)s",
    },
    "nb": {
        "recap_title": "Overlevering: %(engagement)s",
        "recap_intro": "Skrevet av %(author)s for %(client)s. Siste arbeidsdag: %(last_day)s.",
        "contacts": "Kontaktpersoner",
        "duties": "Oppgaver og rutiner",
        "systems": "Systemer og kontoer",
        "files": "Hvor filene ligger",
        "open_items": "Åpne saker",
        "dates": "Viktige datoer",
        "name": "Navn", "role": "Rolle", "email": "E-post", "phone": "Telefon",
        "system": "System", "address": "Adresse", "login": "Brukernavn", "kind": "Type",
        "frequency": "Hyppighet", "procedure": "Rutine",
        "notice_given": "Oppsigelse gitt", "last_day": "Siste arbeidsdag",
        "support_until": "Tilgjengelig for spørsmål til",
        "no_secrets": "Passord står ikke i dette dokumentet; be kunden om nye tilganger.",
        "revocation_subject": "Vennligst fjern tilgangene mine: %(engagement)s",
        "revocation_body": (
            "Hei %(client)s,\n\nsiden oppdraget vårt avsluttes %(last_day)s, ber jeg dere "
            "endre de delte passordene, fjerne tilgangene mine og slette kontoene som ble "
            "opprettet for meg i disse systemene:\n\n%(accounts)s\n\nSvar gjerne når hver "
            "av dem er gjort, så kan jeg bekrefte det og slette kopiene jeg har lagret.\n\n"
            "Vennlig hilsen\n%(author)s"
        ),
        "invite_subject": "Overleveringssamtale: %(engagement)s",
        "invite_body": (
            "Hei %(successor)s,\n\njeg vil gjerne gå gjennom arbeidet for %(client)s "
            "%(when)s. Invitasjonen er vedlagt.\n\nAgenda:\n%(agenda)s\n\n"
            "Vennlig hilsen\n%(author)s"
        ),
        "plan_calendar": "Avslutning: %(engagement)s",
    },
}


def text(language: str, key: str, **values) -> str:
    table = TEXTS.get(language, TEXTS["en"])
    return table[key] % values if values else table[key]
