# ruff: noqa: E501 - one sentence a line reads better than split strings
"""Shipped plan templates in the five languages (Django-free data).

A step is (key, anchor, offset in calendar days, party). "notice" counts from the day the
notice is given, "last_day" from the last working day. Titles live per language in TITLES.
"""

from __future__ import annotations

NOTICE, LAST_DAY = "notice", "last_day"
ME, CLIENT, SUCCESSOR = "me", "client", "successor"

_CLOSING = [
    ("tidy_folders", LAST_DAY, -21, ME),
    ("update_procedures", LAST_DAY, -14, ME),
    ("recap", LAST_DAY, -10, ME),
    ("handover_call", LAST_DAY, -7, SUCCESSOR),
    ("return_files", LAST_DAY, -3, ME),
    ("request_revocation", LAST_DAY, -1, CLIENT),
    ("final_invoice", LAST_DAY, 1, ME),
    ("delete_credentials", LAST_DAY, 3, ME),
    ("support_window", LAST_DAY, 30, ME),
]

SCENARIO_STEPS: dict[str, list[tuple[str, str, int, str]]] = {
    "we_end": [
        ("warn_client", NOTICE, -14, ME),
        ("send_notice", NOTICE, 0, ME),
        ("offer_replacement", NOTICE, 3, ME),
        *_CLOSING,
    ],
    "client_ends": [
        ("confirm_notice", NOTICE, 1, ME),
        ("agree_last_day", NOTICE, 3, CLIENT),
        ("offer_replacement", NOTICE, 5, ME),
        *_CLOSING,
    ],
    "staff_leaves": [
        ("talk_to_staff", NOTICE, 0, ME),
        ("tell_clients", NOTICE, 2, ME),
        ("reassign_engagements", NOTICE, 5, ME),
        ("staff_procedures", LAST_DAY, -14, SUCCESSOR),
        ("staff_handover_call", LAST_DAY, -7, SUCCESSOR),
        ("collect_equipment", LAST_DAY, 0, ME),
        ("revoke_staff_access", LAST_DAY, 0, ME),
        ("final_pay", LAST_DAY, 5, ME),
    ],
    "staff_let_go": [
        ("talk_to_staff", NOTICE, 0, ME),
        ("revoke_staff_access", NOTICE, 0, ME),
        ("reassign_engagements", NOTICE, 1, ME),
        ("tell_clients", NOTICE, 2, ME),
        ("staff_handover_call", NOTICE, 3, SUCCESSOR),
        ("collect_equipment", LAST_DAY, 0, ME),
        ("final_pay", LAST_DAY, 5, ME),
    ],
}

TEMPLATE_NAMES = {
    "en": {"we_end": "I end the engagement", "client_ends": "The client ends the engagement",
           "staff_leaves": "A team member leaves", "staff_let_go": "A team member is let go"},
    "it": {"we_end": "Chiudo io la collaborazione",
           "client_ends": "Il cliente chiude la collaborazione",
           "staff_leaves": "Un collaboratore se ne va",
           "staff_let_go": "Un collaboratore viene congedato"},
    "pl": {"we_end": "Kończę współpracę", "client_ends": "Klient kończy współpracę",
           "staff_leaves": "Członek zespołu odchodzi",
           "staff_let_go": "Rozstajemy się z członkiem zespołu"},
    "ca": {"we_end": "Acabo jo la col·laboració",
           "client_ends": "El client acaba la col·laboració",
           "staff_leaves": "Un membre de l'equip se'n va",
           "staff_let_go": "Prescindim d'un membre de l'equip"},
    "nb": {"we_end": "Jeg avslutter oppdraget", "client_ends": "Kunden avslutter oppdraget",
           "staff_leaves": "En i teamet slutter", "staff_let_go": "En i teamet får avskjed"},
}

TITLES: dict[str, dict[str, str]] = {
    "en": {
        "warn_client": "Tell the client informally that the engagement will end",
        "send_notice": "Send the written notice",
        "confirm_notice": "Confirm in writing that the notice was received",
        "agree_last_day": "Agree the last working day with the client",
        "offer_replacement": "Offer help finding and briefing a replacement",
        "tidy_folders": "Put the shared folders in order",
        "update_procedures": "Bring the written procedures up to date",
        "recap": "Write the recap document for the successor",
        "handover_call": "Hold the recorded handover call",
        "return_files": "Hand the files and documents back",
        "request_revocation": "Ask the client to revoke my access",
        "final_invoice": "Send the final invoice",
        "delete_credentials": "Delete the stored credentials from my vault",
        "support_window": "Stay available for questions until the agreed date",
        "talk_to_staff": "Talk with the team member and agree the dates",
        "tell_clients": "Tell the affected clients who takes over",
        "reassign_engagements": "Reassign the team member's engagements and steps",
        "staff_procedures": "Have the team member write down their procedures",
        "staff_handover_call": "Hold a handover call with the colleague taking over",
        "collect_equipment": "Collect equipment and shared documents",
        "revoke_staff_access": "Revoke the team member's access to the workspace and client systems",
        "final_pay": "Settle the final payment",
    },
    "it": {
        "warn_client": "Avvisare il cliente in via informale che la collaborazione finirà",
        "send_notice": "Inviare il preavviso scritto",
        "confirm_notice": "Confermare per iscritto di aver ricevuto il preavviso",
        "agree_last_day": "Concordare con il cliente l'ultimo giorno di lavoro",
        "offer_replacement": "Offrire aiuto per trovare e istruire chi subentra",
        "tidy_folders": "Mettere in ordine le cartelle condivise",
        "update_procedures": "Aggiornare le procedure scritte",
        "recap": "Scrivere il documento di passaggio di consegne",
        "handover_call": "Tenere la chiamata registrata di passaggio di consegne",
        "return_files": "Restituire file e documenti",
        "request_revocation": "Chiedere al cliente di revocare i miei accessi",
        "final_invoice": "Inviare la fattura finale",
        "delete_credentials": "Cancellare le credenziali salvate nel mio archivio password",
        "support_window": "Restare disponibile per domande fino alla data concordata",
        "talk_to_staff": "Parlare con il collaboratore e concordare le date",
        "tell_clients": "Comunicare ai clienti interessati chi subentra",
        "reassign_engagements": "Riassegnare incarichi e attività del collaboratore",
        "staff_procedures": "Far mettere per iscritto le procedure al collaboratore",
        "staff_handover_call": "Tenere una chiamata di consegne con chi subentra",
        "collect_equipment": "Ritirare dispositivi e documenti condivisi",
        "revoke_staff_access": "Revocare gli accessi del collaboratore allo spazio di lavoro e ai sistemi dei clienti",
        "final_pay": "Saldare il pagamento finale",
    },
    "pl": {
        "warn_client": "Nieformalnie uprzedzić klienta o zakończeniu współpracy",
        "send_notice": "Wysłać pisemne wypowiedzenie",
        "confirm_notice": "Potwierdzić na piśmie otrzymanie wypowiedzenia",
        "agree_last_day": "Uzgodnić z klientem ostatni dzień pracy",
        "offer_replacement": "Zaproponować pomoc w znalezieniu i wdrożeniu następcy",
        "tidy_folders": "Uporządkować wspólne foldery",
        "update_procedures": "Zaktualizować spisane procedury",
        "recap": "Przygotować dokument przekazania dla następcy",
        "handover_call": "Przeprowadzić nagrywaną rozmowę przekazania",
        "return_files": "Zwrócić pliki i dokumenty",
        "request_revocation": "Poprosić klienta o odebranie mi dostępów",
        "final_invoice": "Wystawić końcową fakturę",
        "delete_credentials": "Usunąć zapisane dane logowania z mojego sejfu haseł",
        "support_window": "Pozostać dostępnym na pytania do uzgodnionego dnia",
        "talk_to_staff": "Porozmawiać z członkiem zespołu i ustalić terminy",
        "tell_clients": "Poinformować klientów, kto przejmuje obowiązki",
        "reassign_engagements": "Przekazać zlecenia i zadania członka zespołu innym osobom",
        "staff_procedures": "Poprosić członka zespołu o spisanie procedur",
        "staff_handover_call": "Przeprowadzić rozmowę przekazania z osobą przejmującą",
        "collect_equipment": "Odebrać sprzęt i wspólne dokumenty",
        "revoke_staff_access": "Odebrać członkowi zespołu dostęp do przestrzeni roboczej i systemów klientów",
        "final_pay": "Rozliczyć końcowe wynagrodzenie",
    },
    "ca": {
        "warn_client": "Avisar el client de manera informal que la col·laboració s'acabarà",
        "send_notice": "Enviar el preavís per escrit",
        "confirm_notice": "Confirmar per escrit que s'ha rebut el preavís",
        "agree_last_day": "Acordar amb el client l'últim dia de feina",
        "offer_replacement": "Oferir ajuda per trobar i formar qui em substitueixi",
        "tidy_folders": "Endreçar les carpetes compartides",
        "update_procedures": "Posar al dia els procediments escrits",
        "recap": "Redactar el document de traspàs per a qui em substitueixi",
        "handover_call": "Fer la trucada de traspàs enregistrada",
        "return_files": "Retornar els fitxers i documents",
        "request_revocation": "Demanar al client que em retiri els accessos",
        "final_invoice": "Enviar la factura final",
        "delete_credentials": "Esborrar les credencials desades a la meva caixa de contrasenyes",
        "support_window": "Estar disponible per a consultes fins a la data acordada",
        "talk_to_staff": "Parlar amb el membre de l'equip i acordar les dates",
        "tell_clients": "Comunicar als clients afectats qui se'n farà càrrec",
        "reassign_engagements": "Reassignar els encàrrecs i les tasques del membre de l'equip",
        "staff_procedures": "Demanar al membre de l'equip que escrigui els seus procediments",
        "staff_handover_call": "Fer una trucada de traspàs amb qui se'n farà càrrec",
        "collect_equipment": "Recollir l'equipament i els documents compartits",
        "revoke_staff_access": "Retirar els accessos del membre de l'equip a l'espai de treball i als sistemes dels clients",
        "final_pay": "Liquidar el pagament final",
    },
    "nb": {
        "warn_client": "Si uformelt fra til kunden at oppdraget skal avsluttes",
        "send_notice": "Send skriftlig oppsigelse",
        "confirm_notice": "Bekreft skriftlig at oppsigelsen er mottatt",
        "agree_last_day": "Avtal siste arbeidsdag med kunden",
        "offer_replacement": "Tilby hjelp med å finne og lære opp en etterfølger",
        "tidy_folders": "Rydd i de delte mappene",
        "update_procedures": "Oppdater de skriftlige rutinene",
        "recap": "Skriv overleveringsdokumentet til etterfølgeren",
        "handover_call": "Hold den innspilte overleveringssamtalen",
        "return_files": "Lever tilbake filer og dokumenter",
        "request_revocation": "Be kunden fjerne tilgangene mine",
        "final_invoice": "Send sluttfakturaen",
        "delete_credentials": "Slett lagrede påloggingsdata fra passordhvelvet mitt",
        "support_window": "Vær tilgjengelig for spørsmål til avtalt dato",
        "talk_to_staff": "Snakk med teammedlemmet og avtal datoene",
        "tell_clients": "Fortell de berørte kundene hvem som tar over",
        "reassign_engagements": "Fordel teammedlemmets oppdrag og oppgaver på nytt",
        "staff_procedures": "La teammedlemmet skrive ned rutinene sine",
        "staff_handover_call": "Hold en overleveringssamtale med kollegaen som tar over",
        "collect_equipment": "Samle inn utstyr og delte dokumenter",
        "revoke_staff_access": "Fjern teammedlemmets tilgang til arbeidsområdet og kundenes systemer",
        "final_pay": "Gjør opp sluttoppgjøret",
    },
}

LANGUAGES = tuple(TITLES)


def template_steps(scenario: str, language: str) -> list[dict]:
    """The shipped steps of a scenario, titled in `language` (English when unknown)."""
    titles = TITLES.get(language, TITLES["en"])
    return [
        {"key": key, "title": titles[key], "anchor": anchor, "offset_days": offset,
         "party": party}
        for key, anchor, offset, party in SCENARIO_STEPS[scenario]
    ]


def template_name(scenario: str, language: str) -> str:
    return TEMPLATE_NAMES.get(language, TEMPLATE_NAMES["en"])[scenario]
