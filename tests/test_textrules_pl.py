"""Polish text rules: urgency, deadlines, disrespect, unspoken expectations."""

from tests.textrules_common import language_tests

LANG = "pl"

DEADLINES = [  # wiadomość wysłana we wtorek 10 marca 2026 o 10:00
    ("Potrzebuję tego na jutro.", "2026-03-11 18:00"),
    ("Proszę przesłać raport do jutra do 12:00.", "2026-03-11 12:00"),
    ("Czy możesz to zrobić do piątku?", "2026-03-13 18:00"),
    ("Proszę o odpowiedź w ciągu 2 godzin.", "2026-03-10 12:00"),
    ("Proszę wysłać fakturę do 20 marca.", "2026-03-20 18:00"),
    ("Potrzebujemy tego jeszcze dziś.", "2026-03-10 18:00"),
    ("Czy da się to zrobić do końca tygodnia?", "2026-03-13 18:00"),
    ("Proszę przygotować poprawki w przyszłym tygodniu.", "2026-03-16 09:00"),
    ("Termin: 25 marca.", "2026-03-25 18:00"),
    ("Czy możesz oddać tekst najpóźniej pojutrze?", "2026-03-12 18:00"),
    ("Proszę o prezentację na piątek o 9:00.", "2026-03-13 09:00"),
    ("Proszę dostarczyć pliki do końca miesiąca.", "2026-03-31 18:00"),
]

LAST_MINUTE = [
    ("Proszę poprawić to na dziś.", True),
    ("Prześlij mi plik za pół godziny.", True),
    ("Czy możesz to skończyć do środy?", True),
    ("Proszę przygotować ofertę na 13 marca.", False),
    ("Czy możesz przesłać propozycję w przyszłym tygodniu?", False),
    ("Oddanie projektu do 30 marca.", False),
]

URGENT = [
    "PILNE: płatności w sklepie nie działają.",
    "Proszę to naprawić natychmiast.",
    "Potrzebuję poprawionego pliku jak najszybciej.",
    "Zadzwoń od razu, jak przeczytasz.",
    "To jest na wczoraj!",
    "Proszę o niezwłoczną odpowiedź, sprawa jest pilna.",
]

CALM = [
    "Dziś rano miałem spotkanie z zarządem.",
    "Jutro rano jestem u dentysty.",
    "To nie jest pilne, na spokojnie.",
    "Nie ma pośpiechu, prześlij szkic w wolnej chwili.",
    "Jutro jadę do Krakowa, porozmawiamy w poniedziałek.",
    "Dziękuję za dzisiejsze spotkanie, było bardzo owocne.",
    "W piątek pokazałem szkic zespołowi i wszystkim się podobał.",
    "Nic pilnego, to na katalog na przyszły rok.",
]

DISRESPECT = [
    ("Jesteś kompletnym idiotą.", 3, "insult"),
    ("Ty debilu, nic nie rozumiesz!", 3, "insult"),
    ("Tylko kretyn mógł napisać coś takiego.", 2, "insult"),
    ("To jest beznadziejne, strata czasu.", 2, "contempt"),
    ("Za co ja ci płacę?", 2, "contempt"),
    ("Pięcioletnie dziecko zrobiłoby to lepiej.", 3, "contempt"),
    ("Wytłumaczę ci to powoli, może wreszcie zrozumiesz.", 2, "condescension"),
    ("Ile razy mam ci powtarzać?", 2, "condescension"),
    ("Pożałujesz tego, wiem, gdzie mieszkasz.", 3, "threat"),
    ("Jeśli strona nie ruszy w poniedziałek, spotkamy się w sądzie.", 2, "threat"),
    ("DLACZEGO STRONA WCIĄŻ NIE JEST ZAKTUALIZOWANA, MÓWIŁEM WCZORAJ!!!", 2, "shouting"),
    ("Spierdalaj i więcej nie pisz.", 3, "insult"),
    ("Zamknij się i rób swoje.", 3, "insult"),
    ("Jesteś po prostu bezużyteczny.", 3, "insult"),
    # rodziny sformułowań: formy Pan/Pani i ty, rodzaj, aspekt, pisownia bez ogonków
    ("Czy muszę Panu wszystko tłumaczyć jak dziecku?", 2, "condescension"),
    ("Czy musze ci wszystko tlumaczyc?", 2, "condescension"),
    ("Czytasz ty w ogóle, co do ciebie piszę?", 2, "condescension"),
    ("Czy to naprawdę tak wiele, żeby prosić o jedną poprawkę?", 2, "condescension"),
    ("Rób, co ci mówię, i nie dyskutuj.", 2, "condescension"),
    ("Nie jestem Pana niańką, proszę sobie radzić.", 2, "condescension"),
    ("Dorośnij wreszcie i zachowuj się jak dorosły.", 2, "condescension"),
    ("Gratuluję refleksu, geniuszu.", 2, "condescension"),
    ("No pięknie, znowu to samo.", 2, "condescension"),
    ("Kiedy Pani łaskawie raczy odpisać?", 1, "condescension"),
    ("Co Pan właściwie robi całymi dniami?", 2, "contempt"),
    ("Jest Pani kompletnie nieogarnięta.", 2, "contempt"),
    ("Zgłupiałeś? Miało być niebieskie.", 2, "contempt"),
    ("Ta wersja to totalna fuszerka, zrobiona na kolanie.", 2, "contempt"),
    ("Mój pies zrobiłby to lepiej.", 3, "contempt"),
    ("Nie płacę Panu za to, żeby Pan myślał.", 3, "contempt"),
    ("Nie grzeszy Pani inteligencją.", 3, "insult"),
    ("Ty nieuku, znowu pomyliłeś pliki.", 3, "insult"),
    ("Masz IQ ziemniaka.", 3, "insult"),
    ("Zniszczę Pana reputację w całej branży.", 3, "threat"),
    ("Nikt cię już w tej branży nie zatrudni.", 3, "threat"),
    ("Pozalujesz tego, obiecuje.", 3, "threat"),
    ("Przyjdę do twojego biura i zobaczymy, jaka będziesz odważna.", 3, "threat"),
    ("To się dla Pana bardzo źle skończy.", 2, "threat"),
    ("Typowa blondynka, nic nie rozumie.", 3, "hate"),
    ("Wracaj do garów, to nie jest praca dla kobiety.", 3, "hate"),
]

POLITE = [
    "Nie jesteś idiotą, brief naprawdę był niejasny.",
    "Dzień dobry, dziękuję za szkic. Czy mogłaby Pani skrócić drugą część?",
    "Świetna robota przy premierze, zespół jest zachwycony!",
    "Przepraszam, źle przeczytałem wiadomość. Nowa wersja jest w porządku.",
    "Czy możemy przełożyć rozmowę na czwartek? Coś mi wypadło.",
    "Drukarka w biurze znowu szwankuje, więc skan wyślę jutro.",
    "W załączniku przesyłam podpisaną umowę i fakturę VAT w PDF.",
    "Nie jestem pewien, czy kolory działają na telefonie. Co Pan o tym sądzi?",
    "Mam pytanie o fakturę: czy VAT jest wliczony?",
    "Dzień dobry! Przypominam o warsztatach w piątek o 10.",
    "Pozdrawiam serdecznie i życzę miłego weekendu.",
    "Sukces kampanii przerósł nasze oczekiwania.",
    "Przesyłam zdjęcia z wczorajszego wydarzenia.",
    # stanowcze, ale uczciwe; zaprzeczenia; słowa z reguł w niewinnym znaczeniu
    "To już trzeci raz, kiedy o to proszę. Proszę o poprawki do jutra.",
    "Jestem rozczarowany jakością tej wersji, oczekiwałem więcej.",
    "Nie zapłacę za dodatkowe godziny, których nie zatwierdziłem.",
    "Jeśli to się powtórzy, przekażę sprawę mojemu przełożonemu.",
    "Zgodnie z umową termin oddania minął w piątek, proszę o plik dziś.",
    "Nie twierdzę, że jest Pan niekompetentny, ale ta wersja wymaga poprawek.",
    "Nie pożałuje Pan tej decyzji, to świetny projekt!",
    "Może to głupie pytanie, ale czy faktura może być w euro?",
    "Przepraszam, mam chore dziecko, odpiszę wieczorem.",
    "Aplikacja ma być tak prosta, żeby nawet dziecko ją obsłużyło.",
    "Czy rozumie Pani po polsku, czy lepiej pisać po angielsku?",
    "Czy w ogóle da się to zrobić w WordPressie?",
    "Proszę pomyśleć trochę nad nazwą kampanii.",
    "Uważaj na siebie w podróży i daj znać, jak dojedziesz.",
    "Policzymy się po zakończeniu projektu, wystawi Pan jedną fakturę.",
    "Proszę nie dyskutować o projekcie z osobami spoza firmy.",
    "Mam nadzieję, że tym razem wszystko pójdzie sprawnie.",
    "Kupiłem nowe pedały do roweru, zdjęcia produktu prześlę jutro.",
    "Proszę dodać pieprz i sól do listy zakupów na catering.",
    "Wracając do kuchni: menu na wesele jest już zatwierdzone.",
    "Nasza grupa docelowa to typowa kobieta po trzydziestce.",
]

EXPECTATIONS = [
    ("Nie o to mi chodziło.", "rework"),
    ("Nie tego oczekiwałem, proszę zrobić to od nowa.", "rework"),
    ("Nigdy nie prosiłem o niebieskie logo.", "rework"),
    ("Trzeba zacząć od zera.", "rework"),
    ("Co masz na myśli, pisząc 'druga faza'?", "clarification"),
    ("Jak już pisałem, nagłówek zostaje.", "clarification"),
    ("Po raz trzeci: logo ma być po lewej.", "clarification"),
    ("Zrób to ładniej, coś w tym stylu.", "vague"),
    ("Będę wiedział, jak to zobaczę.", "vague"),
    ("Nie wiem, czego chcę, zaskocz mnie.", "vague"),
]

PLAIN = [
    "Proszę przesunąć logo o 10 px w lewo i użyć niebieskiego z księgi znaku.",
    "Nowa wersja jest dokładnie taka, jakiej chcieliśmy, dziękuję.",
    "Czy możesz dodać dane z marca do tabeli na stronie 3?",
    "Zatwierdzone. Proszę drukować 500 egzemplarzy.",
]

LONG = (
    "Dzień dobry Panie Tomaszu, dziękuję za przesłanie szkicu raportu. Przeczytałam go z "
    "zespołem i chcielibyśmy wprowadzić kilka zmian przed piątkiem: podsumowanie powinno być "
    "krótsze, a na wykresach brakuje danych z marca. Proszę dać znać, jeśli są pytania. "
    "Pozdrawiam, Anna"
)


globals().update(language_tests(LANG, globals(), hint="en"))
