//! Fixture documents of our own writing (fictional people), each showing quirks of
//! FORMAT.md. Trailing spaces and blank-line page breaks are deliberate.

/// Full header over several lines; a portfolio and a title that wrap; line-end hyphens
/// (a word, a compound with a vowel clash, an acronym, digits); a page break inside a
/// sentence and inside a bullet item; labels `1. a)`, `b)`, `1. a) + b)`.
pub const LERARENTEKORT: &str = "SCHRIFTELIJKE VRAAG 
nr. 412 
van ELINE VAN DEN BERGHE 
datum: 14 maart 2023 
aan KOBE VERSTRAELEN 
VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN 
VLAAMSE RAND 

Lerarentekort in het basisonderwijs  -  Inzet van zij-instromers en 
gepensioneerde leerkrachten 

Het lerarentekort blijft groot. Volgens de cijfers van het departement waren er in 
september nog 1.250 vacatures open in het basisonderwijs. Vooral scholen in de centrum-
steden zoeken leer-
krachten. De informatie-
uitwisseling tussen scholen en het CLB-
netwerk verloopt moeizaam. 

1. a) Hoeveel zij-instromers werden in het schooljaar 2022-
2023 aangeworven? 

b) Hoeveel gepensioneerde leerkrachten keerden terug naar de klas? 

2. Welke maatregelen neemt de minister om de werkdruk van de leerkrachten te 



verlagen? 



KOBE VERSTRAELEN 
VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN 
VLAAMSE RAND 

ANTWOORD 
op vraag nr. 412 van 14 maart 2023 
van ELINE VAN DEN BERGHE 

1. a) + b) In het schooljaar 2022-2023 werden 812 zij-instromers aangeworven. Daar-
naast keerden 97 gepensioneerde leerkrachten terug naar de klas. 

2. De werkdruk verlagen we met drie sporen: 

- extra administratieve ondersteuning voor scholen, zodat leerkrachten minder 
tijd kwijt zijn aan 

papierwerk; 

- een vereenvoudigd leerplan; 

- meer middelen voor de lerarenopleiding. 
";

/// No top header (like the real sample): number, date and asker come from the answer
/// header. A minister-president with a portfolio over three lines. Stored with CRLF.
pub const BEROEPSGEHEIM: &str = " aan ANNEKE DE GROOTE
MINISTER-PRESIDENT VAN DE VLAAMSE REGERING
VLAAMS MINISTER VAN BUITENLANDSE ZAKEN, CULTUUR, DIGITALISERING EN FACILITAIR 
MANAGEMENT

Beroepsgeheim van hulpverleners  -  Gedeeld beroepsgeheim in de jeugdhulp

Hulpverleners in de jeugdhulp botsen vaak op hun beroepsgeheim wanneer ze informatie 
willen delen met de politie. Het gedeeld beroepsgeheim biedt een kader, maar de 
toepassing verschilt per provincie.

1. Hoeveel provincies hebben een protocol over het gedeeld beroepsgeheim?

2. Plant de minister een evaluatie van de kinderen die in dit kader worden opgevolgd?



ANNEKE DE GROOTE
MINISTER-PRESIDENT VAN DE VLAAMSE REGERING
VLAAMS MINISTER VAN BUITENLANDSE ZAKEN, CULTUUR, DIGITALISERING EN FACILITAIR 
MANAGEMENT

ANTWOORD
op vraag nr. 88 van 3 oktober 2021
van JORIS D'HAESELEER

1. Vier provincies hebben een protocol. In de andere provincie loopt het overleg nog.

2. Een evaluatie volgt in 2022. Het welzijn van elk kind staat daarbij centraal.
";

/// The whole header on one line, the portfolio after a comma; accents in names; an en
/// dash in the title; the answer header on one line.
pub const LENINGEN: &str = "SCHRIFTELIJKE VRAAG nr. 5 van SÉVERINE LAMBRECHTS datum: 2 februari 2019 aan PIETER-JAN VAN ACKER, VLAAMS MINISTER VAN FINANCIËN EN BEGROTING

Financiën van de gemeenten – Leningen

De gemeenten lenen meer dan vroeger. Hoeveel leningen sloten de gemeenten af in 2018?

PIETER-JAN VAN ACKER
VLAAMS MINISTER VAN FINANCIËN EN BEGROTING

ANTWOORD op vraag nr. 5 van 2 februari 2019 van SÉVERINE LAMBRECHTS

In 2018 sloten de gemeenten 312 leningen af. De financiën van de steden blijven gezond.
";

/// A question not answered yet.
pub const ZWERFKATTEN: &str = "SCHRIFTELIJKE VRAAG
nr. 19 van MARTHE OP DE BEECK
datum: 30 januari 2024
aan KOBE VERSTRAELEN
VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND

Zwerfkatten  -  Sterilisatiecampagne

Steden en gemeenten organiseren sterilisatiecampagnes voor zwerfkatten. Hoeveel gemeenten
deden mee?
";

/// Number, date and asker given nowhere: they stay null.
pub const HITTEPLAN: &str = " aan ANNEKE DE GROOTE
MINISTER-PRESIDENT VAN DE VLAAMSE REGERING

Hittegolf  -  Hitteplan voor woonzorgcentra

Werd het hitteplan voor de woonzorgcentra deze zomer geactiveerd?

ANNEKE DE GROOTE
MINISTER-PRESIDENT VAN DE VLAAMSE REGERING

ANTWOORD

Het hitteplan werd op 12 juli geactiveerd voor alle woonzorgcentra.
";

/// Notes lying beside the questions: no question in them.
pub const NOTES: &str = "Mijn notities over het lerarentekort.
Nog na te vragen bij de administratie.
";

/// The fixture folder: (relative path, bytes).
pub fn corpus() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("2023/sv-2023-412.txt", LERARENTEKORT.as_bytes().to_vec()),
        (
            "2021/sv-2021-88.txt",
            BEROEPSGEHEIM.replace('\n', "\r\n").into_bytes(),
        ),
        ("2019/sv-2019-5.txt", LENINGEN.as_bytes().to_vec()),
        ("2024/sv-2024-19.txt", ZWERFKATTEN.as_bytes().to_vec()),
        ("sv-hitteplan.txt", HITTEPLAN.as_bytes().to_vec()),
        ("LEESMIJ.txt", NOTES.as_bytes().to_vec()),
        ("overzicht.csv", b"nr;titel\n412;Lerarentekort\n".to_vec()),
    ]
}

/// A bulletin (variant 2): cover, table of contents, section line, two ministers, a
/// question header over two lines (as in 2002), running footers and page numbers, a word
/// broken at a line end across a footer.
pub const BULLETIN: &str = "VLAAMS PARLEMENT

Bulletin van Vragen en Antwoorden

Nr. 7
Zitting 2005-2006
April 2006

INHOUDSTAFEL

A. Vragen waarop tijdig werd geantwoord

JAN VERMEERSCH, Vlaams minister van Mobiliteit en Openbare Werken ..........  3
   Vraag nr. 41 van 2 maart 2006 van de heer Koen Aerts
   Fietspaden langs gewestwegen ........................................  3
   Vraag nr. 44 van 6 maart 2006 van mevrouw Hilde Claes
   Trajectcontroles ....................................................  4
LIESBET DE MEY, Vlaams minister van Welzijn, Volksgezondheid en Gezin ........  5
   Vraag nr. 12 van 1 maart 2006 van de heer Koen Aerts
   Wachtlijsten kinderopvang ...........................................  5

A. Vragen waarop tijdig werd geantwoord

JAN VERMEERSCH
Vlaams minister van Mobiliteit en Openbare Werken

Vraag nr. 41 van 2 maart 2006
van de heer KOEN AERTS

Fietspaden langs gewestwegen  -  Onderhoud

Veel fietspaden langs gewestwegen zijn in slechte staat.

1. Hoeveel kilometer fietspad werd in 2005 hersteld?

2. Welk budget is voor 2006 voorzien?

Antwoord

1. In 2005 werd 84 kilometer fietspad hersteld.

2. Voor 2006 is 12 miljoen euro voorzien voor het onderhoud van fiets-

Vlaams Parlement - Vragen en Antwoorden - Nr. 7 - April 2006                    -3-

paden langs gewestwegen.

Vraag nr. 44 van 6 maart 2006 van mevrouw HILDE CLAES

Trajectcontroles

Op welke gewestwegen komen er trajectcontroles?

Antwoord

Er komen trajectcontroles op zes gewestwegen, onder meer de N8 en de N49.

-4-

LIESBET DE MEY
Vlaams minister van Welzijn, Volksgezondheid en Gezin

Vraag nr. 12 van 1 maart 2006
van de heer KOEN AERTS

Wachtlijsten kinderopvang

Hoe lang zijn de wachtlijsten in de kinderopvang in de provincie Limburg?

Antwoord

De gemiddelde wachttijd in Limburg bedraagt vier maanden.
";

/// One question put to three ministers (a joint answer): the same text under each, one
/// coordinated answer, two short referring ones.
pub fn joint(minister: &str, portfolio: &str, answer: &str) -> String {
    format!(
        "SCHRIFTELIJKE VRAAG
nr. {nr} van TINE VERCAMMEN
datum: 4 april 2022
aan {minister}
{portfolio}

Hittegolven  -  Coördinatie tussen de beleidsdomeinen

Tijdens de hittegolf van vorige zomer bleek dat de woonzorgcentra, de scholen en de
kinderopvang elk een eigen hitteplan volgen. Een gecoördineerde aanpak ontbreekt.

1. Welke afspraken bestaan er tussen de beleidsdomeinen over het hitteplan?

2. Komt er een gezamenlijk hitteplan voor de zomer van 2022?

{minister}
{portfolio}

ANTWOORD
op vraag nr. {nr} van 4 april 2022
van TINE VERCAMMEN

{answer}
",
        nr = 300 + minister.len()
    )
}

pub const COORDINATED: &str =
    "1. Het hitteplan wordt gecoördineerd door het agentschap Zorg en Gezondheid. Elke \
beleidsdomein duidt een contactpersoon aan.

2. Ja, een gezamenlijk hitteplan wordt in mei 2022 voorgesteld aan de woonzorgcentra, de \
scholen en de kinderopvang.";

pub const REFERRING: &str = "Ik verwijs naar het antwoord van minister De Groote op vraag nr. 314.";

pub fn joint_corpus() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "j-degroote.txt",
            joint(
                "ANNEKE DE GROOTE",
                "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING",
                COORDINATED,
            )
            .into_bytes(),
        ),
        (
            "j-verstraelen.txt",
            joint(
                "KOBE VERSTRAELEN",
                "VLAAMS MINISTER VAN ONDERWIJS",
                REFERRING,
            )
            .into_bytes(),
        ),
        (
            "j-demey.txt",
            joint("LIESBET DE MEY", "VLAAMS MINISTER VAN WELZIJN", REFERRING).into_bytes(),
        ),
        ("other.txt", LERARENTEKORT.as_bytes().to_vec()),
    ]
}
