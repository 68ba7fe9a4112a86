// The demo's long write-up (several thousand words): Alstahaug's account of the joint procurement Marte
// Eide presented at the demo forum session «Felles anskaffelser på Helgeland». The reference data set
// uses it too, as the long write-up the benchmark measures.

export const JOINT_PROCUREMENT_TITLE = "Fem kommuner, én anskaffelse: velferdsteknologi på Sør-Helgeland";

export const JOINT_PROCUREMENT_SUMMARY =
  "Alstahaug, Dønna, Herøy, Leirfjord og Vevelstad kjøpte trygghetsalarmer, digitalt tilsyn og responssenter sammen. " +
  "Seks måneder fra første møte til signert kontrakt: slik gjorde vi det, dette kostet det, og dette ville vi gjort annerledes.";

export const JOINT_PROCUREMENT_BODY = `## Kort oppsummert

Fem kommuner på Sør-Helgeland – Alstahaug, Dønna, Herøy, Leirfjord og Vevelstad – har kjøpt trygghetsalarmer, digitalt tilsyn og responssenter i én felles anskaffelse. Alstahaug var vertskommune og gjennomførte konkurransen med fullmakt fra de fire andre. Fra første møte til signert kontrakt gikk det seks måneder, og fra signert kontrakt til alle fem kommunene var over på den nye løsningen gikk det fire måneder til.

Vi skriver dette for at andre kommuner skal slippe å begynne på nytt. Her er hva vi gjorde, i den rekkefølgen vi gjorde det, hva det kostet, og hva vi ville gjort annerledes. Kravspesifikasjonen, samarbeidsavtalen og fullmakten ligger i løsningskatalogen, og dere må gjerne bruke dem.

**Kort om avtalen:**

- Trygghetsalarmer (faste og mobile), digitalt tilsyn med sensorer og kamera, og et felles responssenter.
- Fire års varighet, med opsjon på forlengelse i to pluss to år.
- Om lag 420 brukere ved oppstart i de fem kommunene til sammen.
- Andre kommuner i Digitale Helgeland kan tiltre. Det er beskrevet, med anslått volum, i konkurransegrunnlaget.

## Bakgrunn: fem små kommuner med samme behov

Alle fem kommunene hadde avtaler om trygghetsalarmer som skulle gå ut innen halvannet år. Tre av dem hadde i tillegg testet digitalt tilsyn i små piloter, hver med sin leverandør og sine rutiner. Ingen av oss hadde en innkjøper med erfaring fra velferdsteknologi, og de minste kommunene har ikke en egen innkjøpsfunksjon i det hele tatt.

Vi så at vi var i ferd med å gjøre den samme jobben fem ganger: fem kravspesifikasjoner, fem konkurranser og fem sett med kontrakter som skulle følges opp. Samtidig var volumet i hver kommune så lite at vi var usikre på om leverandørene ville prioritere oss. Vevelstad har færre enn tjue brukere med trygghetsalarm. Ingen leverandør bygger en god innføring rundt et så lite oppdrag.

Spørsmålet kom opp i det regionale helsenettverket våren før, og kommunalsjefene for helse og omsorg ble enige om å undersøke en felles anskaffelse. Kommunedirektørene ga klarsignal i et felles møte tre uker senere. Det var starten.

## Organisering og fullmakter

### Samarbeidsavtalen

Det første vi gjorde, var å skrive en samarbeidsavtale. Den tok lengre tid enn vi hadde trodd, men den sparte oss for mange diskusjoner senere. Avtalen sier blant annet

- hvem som er vertskommune, og hva vertskommunen har ansvar for;
- hvordan beslutninger tas i prosjektgruppen, og hva som må opp i hver kommune;
- hvordan prosjektkostnadene fordeles;
- hva som skjer hvis en kommune vil trekke seg underveis;
- hvem som følger opp leverandøren etter at kontrakten er signert.

Det siste punktet manglet i det første utkastet. Det var malen fra Direktoratet for forvaltning og økonomistyring (DFØ) som fikk oss til å ta det med, og det var vi glade for senere.

### Fullmakt til vertskommunen

Hver av de fire andre kommunene ga Alstahaug fullmakt til å gjennomføre konkurransen på sine vegne, også til å tildele kontrakt. Fullmakten ble gitt av kommunedirektøren i hver kommune etter delegering fra kommunestyret. I to kommuner måtte saken innom formannskapet, fordi verdien lå over det kommunedirektøren kunne binde kommunen for alene. Det kostet oss tre uker som vi ikke hadde planlagt for.

> Sjekk delegeringsreglementet i alle kommunene før dere lager tidsplanen. Det er der forsinkelsene skjuler seg.

Hver kommune signerer sin egen kontrakt med leverandøren. Vi vurderte én felles kontrakt, men valgte det bort, fordi fakturering, ansvaret for personopplysningene og den daglige oppfølgingen uansett må ligge hos hver kommune.

### Prosjektgruppen

Prosjektgruppen hadde én representant fra helse og omsorg i hver kommune, innkjøpsrådgiveren i Alstahaug, en rådgiver fra det interkommunale IKT-samarbeidet og personvernombudet vårt. Vi møttes digitalt annenhver uke mens vi avklarte behovet, og hver uke mens konkurransen pågikk. Tillitsvalgte og verneombud var med på møtene om arbeidsprosesser og responssenter.

Vi brukte én felles prosjektplan og én felles mappe for alle dokumenter. Det høres selvsagt ut, men i starten hadde vi tre versjoner av kravspesifikasjonen i omløp samtidig.

### Forankring i ledelsen og hos politikerne

En felles anskaffelse flytter beslutninger ut av den enkelte kommune. Det kan skape uro hvis ingen har forklart hvorfor. Vi la derfor fram den samme korte orienteringen for kommunestyret eller helse- og omsorgsutvalget i alle fem kommunene, før vi kunngjorde konkurransen. Den svarte på fire spørsmål: hva skal vi kjøpe, hvorfor sammen, hva koster det å være med, og hva bestemmer kommunen selv også etterpå.

Orienteringen tok ti minutter i hvert møte, og den ga oss mye igjen. Da en lokalavis skrev om at «Alstahaug bestemmer over trygghetsalarmene i Dønna», kunne ordføreren i Dønna svare at det var kommunestyret selv som hadde sagt ja, og at hver kommune har sin egen kontrakt.

Kommunedirektørene fikk en statusrapport på én side hver måned. Den viste fremdrift, risiko og hvilke beslutninger som kom. Ingen av dem har bedt om mer, men alle har lest den.

## Behovsavklaring

### Hva vi kartla

Vi brukte to måneder på å avklare behovet. Det høres lenge ut, men det var her vi ble enige om hva vi faktisk skulle kjøpe. Vi kartla

1. hvor mange brukere som hadde trygghetsalarm, og hvor mange som ville få det de neste fire årene;
2. hvilke typer alarmer og sensorer som var i bruk, og hvilke som faktisk ble brukt;
3. hvordan alarmene ble mottatt og fulgt opp i hver kommune – på dagtid, kveld, natt og i helger;
4. hvilke fagsystemer løsningen måtte snakke med: journalsystemet, nøkkelsystemet og varslingsløsningen;
5. hva de ansatte og brukerne var misfornøyde med i dagens løsning.

Kartleggingen viste at kommunene hadde mer til felles enn vi trodde. Forskjellene lå i hvordan alarmene ble fulgt opp, ikke i hva slags teknologi vi trengte. I Alstahaug rykker hjemmetjenesten ut hele døgnet. I Vevelstad er det på natt et samarbeid med legevakten og, i noen tilfeller, en nabo med nøkkel.

### Én kravspesifikasjon med lokale vedlegg

Vi skrev én felles kravspesifikasjon, med et eget vedlegg for hver kommune. Vedlegget beskriver lokale forhold: antall brukere, hvem som rykker ut, avstander og dekning for mobilnett. Slik kunne vi stille de samme kravene til løsningen, samtidig som leverandørene så at Vevelstad og Alstahaug har helt ulike utfordringer.

Kravene var delt i tre:

- **Minstekrav**, som alle tilbud måtte oppfylle. Vi holdt dem få: rundt tjue krav, de fleste om personvern, informasjonssikkerhet og drift.
- **Evalueringskrav**, der leverandøren beskrev hvordan de løste behovet, og vi ga poeng.
- **Opsjoner**, som vi ikke forpliktet oss til, men ville ha priset: medisindispensere og kamera for nattilsyn.

I ettertid ser vi at noen av evalueringskravene var for vage. «Løsningen skal være brukervennlig» er ikke et krav det går an å evaluere. Vi ville skrevet konkrete brukerscenarier i stedet, for eksempel: «En bruker med nedsatt syn skal kunne utløse alarmen og snakke med responssenteret uten hjelp.»

### Brukerne og de ansatte

Vi intervjuet tolv brukere og deres pårørende, og holdt to arbeidsmøter med ansatte fra hjemmetjenesten i alle kommunene. Tre ting gikk igjen:

- Brukerne ville vite hvem de snakket med når alarmen ble utløst, og at den som kom, visste hvem de var.
- De ansatte var lei av alarmer som gikk av feil, og av å ikke vite om batteriet i en mobil alarm var ladet.
- Pårørende ønsket å bli varslet, men ikke om alt.

Dette ble til konkrete krav i spesifikasjonen: lokalt vedlegg med kontaktpersoner for responssenteret, varsling om lavt batteri til hjemmetjenesten og valgfri varsling til pårørende.

## Valg av prosedyre

Den samlede verdien over avtalens lengste varighet, med opsjoner, lå over EØS-terskelverdien. Vi valgte konkurranse med forhandling. Det ga oss mulighet til å snakke med leverandørene om løsningene deres og justere forståelsen av behovet underveis, uten at vi måtte beskrive alt perfekt på forhånd.

Vi undersøkte også om vi kunne bruke en eksisterende rammeavtale fra en større kommune, men ingen av avtalene vi fant, åpnet for at vi kunne tiltre. Det er en påminnelse til store kommuner: beskriv at nabokommunene kan tiltre, og med hvilket volum, når dere lyser ut.

## Markedsdialog

Før kunngjøringen holdt vi en åpen dialogkonferanse digitalt, og deretter møter med hver av de seks leverandørene som meldte interesse. Vi delte utkastet til kravspesifikasjon og ba om svar på tre spørsmål:

1. Er det krav her som gjør at dere ikke kan gi tilbud?
2. Hva vil drive prisen opp uten å gi brukerne noe igjen?
3. Hva burde vi spurt om, men ikke har gjort?

Innspillene førte til at vi fjernet to minstekrav som bare én leverandør kunne oppfylle, og at vi skilte ut responssenteret som en egen del av leveransen, som kunne tilbys av en underleverandør. Flere leverandører pekte også på at vi ikke hadde sagt noe om hva som skulle skje med de gamle alarmene. Det la vi inn som et krav om retur og gjenbruk.

## Konkurransen

### Kvalifikasjonskrav

Vi stilte krav om økonomisk og finansiell kapasitet, om erfaring fra minst tre tilsvarende leveranser til kommuner og om et styringssystem for informasjonssikkerhet. Vi lot være å kreve en bestemt omsetning, fordi det ville utelukket mindre leverandører uten å si noe om hvor godt de kunne levere.

### Tildelingskriterier

| Kriterium | Vekt | Hva vi la vekt på |
|---|---|---|
| Kvalitet på løsningen | 40 % | Brukerscenarier, brukervennlighet for ansatte og brukere, integrasjoner |
| Pris | 30 % | Samlet pris for fire år ved anslått volum |
| Gjennomføring og opplæring | 20 % | Innføringsplan, opplæring og opplegg for superbrukere |
| Miljø | 10 % | Gjenbruk og retur av utstyr, transport ved utskifting |

Vi fikk fire tilbud. Alle fire ble invitert til forhandlinger, som vi holdt over to dager, med en demonstrasjon av løsningen for hver leverandør. Brukere og ansatte fra to kommuner var med på demonstrasjonene og ga skriftlige vurderinger etterpå.

### Evaluering

Evalueringen ble gjort av en gruppe på fem, én fra hver kommune. Hver av oss vurderte først alene, og deretter ble vi enige i fellesskap. Det tok tid, men gjorde begrunnelsen i tildelingsbrevet solid. Ingen av de tre andre leverandørene klaget.

Vi brukte en mal der hvert poeng skulle begrunnes med en henvisning til tilbudet. Det gjorde det lett å skrive begrunnelsen etterpå, og det tvang oss til å lese tilbudene grundig.

## Kostnadsfordeling

Prosjektkostnadene – innkjøpsrådgiverens tid, juridisk bistand og dialogkonferansen – ble fordelt slik at 20 prosent ble delt likt mellom kommunene og 80 prosent etter innbyggertall. Den like delen sørget for at de minste kommunene bidro, men ikke så mye at det ble urimelig.

| Kommune | Innbyggere (om lag) | Andel av prosjektkostnadene |
|---|---|---|
| Alstahaug | 7 400 | 48 % |
| Leirfjord | 2 300 | 18 % |
| Herøy | 1 800 | 15 % |
| Dønna | 1 400 | 12 % |
| Vevelstad | 500 | 7 % |

Prosjektkostnadene kom totalt på om lag 640 000 kroner, det meste innkjøpsrådgiverens tid. Hver kommune betaler selv for tjenestene den bruker, etter prisene i kontrakten.

Sammenlignet med det vi betalte hver for oss, har avtalen gitt lavere månedspris per alarm i alle fem kommunene. Besparelsen er størst for de minste kommunene, som tidligere betalte en høy fast pris for responssenteret.

## Personvern og informasjonssikkerhet

Personvernombudet var med fra første møte. Vi gjorde én felles vurdering av personvernkonsekvenser (DPIA) for løsningen som helhet, med et kort lokalt tillegg for hver kommune. Hver kommune er behandlingsansvarlig for sine brukere og har sin egen databehandleravtale med leverandøren, basert på samme mal.

Det som tok mest tid, var digitalt tilsyn med kamera. Vi landet på at kamera bare brukes etter en individuell vurdering i vedtaket, at bildene ikke lagres, og at brukeren eller pårørende skal vite når tilsyn skjer. Brønnøy delte rutinene sine for samtykke og dialog med pårørende, og dem brukte vi nesten uendret.

Vi krevde at alle data lagres i EØS, at leverandøren varsler oss om sikkerhetsbrudd innen 24 timer, og at vi kan hente ut alle data i et åpent format når avtalen går ut.

## Innføring

### Tidsplan

| Fase | Varighet | Hva skjedde |
|---|---|---|
| Behovsavklaring | 2 måneder | Kartlegging, samarbeidsavtale og fullmakter |
| Markedsdialog | 1 måned | Dialogkonferanse og møter med leverandørene |
| Konkurranse | 3 måneder | Kunngjøring, tilbud, forhandling, evaluering og karensperiode |
| Innføring | 4 måneder | Utskifting av alarmer, opplæring og overgang til nytt responssenter |

Vi skiftet ut alarmene kommune for kommune, og begynte med Vevelstad, fordi den var minst. Det var lurt: vi fant feil i overføringen av brukerdata som ville gitt mye mer arbeid i Alstahaug.

### Opplæring

Leverandøren lærte opp to superbrukere fra hver kommune, og de lærte deretter opp kollegene sine. Superbrukerne har en felles kanal der de hjelper hverandre på tvers av kommunene. Den kanalen er kanskje det mest verdifulle vi har fått ut av samarbeidet, og den koster ingenting.

### De første ukene

De første ukene etter overgangen fikk responssenteret mange henvendelser fra brukere som lurte på om alarmen virket. Vi ringte alle brukerne en uke etter at de hadde fått ny alarm, og ba dem teste den sammen med oss. Det tok tid, men det ga færre feilalarmer senere, og brukerne ble tryggere.

## Oppfølging av leverandøren

Kontrakten følges opp i et felles kvartalsmøte med leverandøren, der alle fem kommunene deltar. Vi går gjennom responstider, feilalarmer, avvik og planlagte endringer i løsningen. Alstahaug leder møtene og skriver referat, og det er avtalt i samarbeidsavtalen.

Mellom møtene melder hver kommune avvik direkte til leverandøren, med kopi til Alstahaug. Slik ser vi om samme feil dukker opp flere steder.

Det første året hadde vi to alvorlige avvik. Det ene var et bortfall i responssenteret på 40 minutter en natt, der alarmene ble rutet til reservesenteret som avtalt, men uten at hjemmetjenesten ble varslet. Det andre var en programvareoppdatering som gjorde at mobile alarmer viste feil batterinivå i en uke. Begge ble fulgt opp i kvartalsmøtet, og leverandøren endret rutinene sine. Fordi vi var fem kommuner som sto sammen, fikk vi raskere svar enn noen av oss hadde fått alene.

## Resultater etter første år

- Alle fem kommunene har samme løsning og samme responssenter. Alarmene besvares på under ett minutt i 98 prosent av tilfellene.
- 64 brukere har digitalt tilsyn, mot 11 i pilotene før avtalen.
- Fysiske nattilsyn er redusert med om lag en fjerdedel i de tre kommunene som har brukt digitalt tilsyn lengst.
- Ingen avvik om personvern er meldt i løpet av året.
- Superbrukerne sier at de bruker mindre tid på å lete etter hjelp, fordi de kan spørre kolleger i nabokommunene.

Vi har ikke klart å måle alt vi ønsket. Gevinstkartet vi laget mens vi avklarte behovet, var for ambisiøst. Neste år måler vi færre ting, men oftere, etter modell fra Bodø.

## Hva vi ville gjort annerledes

1. **Startet tidligere.** Vi ville begynt å avklare behovet et halvt år før vi gjorde. Da hadde vi sluppet å forlenge de gamle avtalene.
2. **Tatt med oppfølgingen av kontrakten fra starten.** Hvem som følger opp leverandøren, og hvordan, bør stå i samarbeidsavtalen før konkurransen kunngjøres.
3. **Skrevet brukerscenarier i stedet for vage krav.** Det gjør evalueringen enklere og tilbudene bedre.
4. **Latt alle kommunene prøve løsningene.** De som var med på demonstrasjonene, forsto leveransen mye bedre enn de som ikke var det.
5. **Satt av tid til formannskapet.** Delegeringsreglementene er ulike fra kommune til kommune. Sjekk dem før tidsplanen lages.

## Råd til kommuner som vil gjøre det samme

- Bli enige om behovet før dere snakker om leverandører.
- Bruk DFØs maler for samarbeidsavtale og fullmakt. Ikke lag egne.
- La én kommune eie prosessen, men la alle eie beslutningene.
- Beskriv i konkurransegrunnlaget at andre kommuner kan tiltre, og med hvilket volum. Da kan nabokommunene komme etter.
- Sett av ressurser til å følge opp kontrakten, ikke bare til selve anskaffelsen.
- Lag en felles kanal for superbrukerne fra første dag.

## Spørsmål vi har fått

**Kan en kommune tiltre avtalen nå?** Ja, hvis den er medlem av Digitale Helgeland. Tiltredelse og anslått volum er beskrevet i konkurransegrunnlaget. Kommunen signerer en egen kontrakt på samme vilkår og fyller ut det lokale vedlegget.

**Hvem bestemmer hvis kommunene er uenige?** Prosjektgruppen forsøker å bli enige. Hvis det ikke går, avgjør kommunalsjefene i fellesskap. Det har ikke skjedd ennå.

**Hva skjer hvis en kommune vil ut av avtalen?** Hver kommune har sin egen kontrakt og kan si den opp etter vilkårene der. Samarbeidsavtalen sier at kommunen likevel må betale sin del av prosjektkostnadene.

**Ble det dyrere for den største kommunen?** Nei. Alstahaug betalte mest av prosjektkostnadene, men fikk også lavere priser enn kommunen ville fått alene, og slapp å gjennomføre en egen konkurranse.

**Hvor mye tid brukte dere?** Innkjøpsrådgiveren i Alstahaug brukte om lag halve stillingen sin på anskaffelsen i seks måneder. Representantene i prosjektgruppen brukte en halv til én dag i uka.

## Veien videre

Vefsn, Rana og Hemnes vurderer å tiltre avtalen ved første opsjon. Fordi tiltredelse og anslått volum var beskrevet i konkurransegrunnlaget, kan de gjøre det uten en ny konkurranse. Klyngekoordinatoren i Digitale Helgeland samler nå en oversikt over avtaler som går ut de neste to årene, så flere felles anskaffelser kan planlegges i tide.

## Dokumenter dere kan gjenbruke

- Samarbeidsavtale for felles anskaffelse (bygget på DFØs mal)
- Fullmakt til vertskommunen
- Kravspesifikasjon med mal for lokale vedlegg
- Mal for evaluering med brukerscenarier
- Felles vurdering av personvernkonsekvenser (DPIA) for trygghetsalarmer og digitalt tilsyn

Alt ligger i løsningskatalogen. Ta kontakt med Marte Eide i Alstahaug kommune hvis dere vil vite mer.
`;
