<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BrowserScreen</name>
    <message>
        <location filename="../../kiosk/ui/visitor/practice.py" line="40"/>
        <source>Oefening — geen echte website</source>
        <translation>Exercice — pas un vrai site web</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="477"/>
        <source>Oefening</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="478"/>
        <source>Geen echte website. Wat je hier typt, verlaat deze computer niet.</source>
        <translation>Pas un vrai site web. Ce que vous tapez ici ne quitte pas cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="105"/>
        <source>Klaar met oefenen</source>
        <translation>Exercice terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="106"/>
        <source>Je hebt alle stappen geoefend. Op de echte website gaat het op dezelfde manier.</source>
        <translation>Vous avez pratiqué toutes les étapes. Sur le vrai site web, cela se passe de la même manière.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="108"/>
        <source>Nu echt doen?</source>
        <translation>Le faire pour de vrai ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="109"/>
        <source>Nu echt doen: open de echte website met dezelfde uitleg</source>
        <translation>Le faire pour de vrai : ouvrir le vrai site web avec le même guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="111"/>
        <source>Opnieuw oefenen</source>
        <translation>Refaire l’exercice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="248"/>
        <source>Deze pagina bestaat niet</source>
        <translation>Cette page n&apos;existe pas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="249"/>
        <source>De website werkt, maar deze pagina vindt ze niet. Misschien is het adres niet juist, of bestaat de pagina niet meer. Ga terug en kies een andere link.</source>
        <translation>Le site fonctionne, mais il ne trouve pas cette page. L&apos;adresse n&apos;est peut-être pas correcte, ou la page n&apos;existe plus. Revenez en arrière et choisissez un autre lien.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="252"/>
        <source>Deze pagina mag je niet zien</source>
        <translation>Vous ne pouvez pas voir cette page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="253"/>
        <source>De website toont deze pagina niet. Misschien moet je je eerst aanmelden. Ga terug, of vraag hulp aan een digihelper.</source>
        <translation>Le site n&apos;affiche pas cette page. Vous devez peut-être d&apos;abord vous connecter. Revenez en arrière, ou demandez de l&apos;aide à un digihelper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="255"/>
        <source>Geen verbinding met deze website</source>
        <translation>Pas de connexion avec ce site</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="256"/>
        <source>De kiosk kan deze website nu niet bereiken. Misschien is er even geen internet: op de digibus is dat normaal. Of het adres is niet juist. Probeer het zo meteen opnieuw, of vraag hulp aan een digihelper.</source>
        <translation>La borne ne peut pas joindre ce site pour le moment. Il n&apos;y a peut-être pas d&apos;internet : dans le digibus, c&apos;est normal. Ou l&apos;adresse n&apos;est pas correcte. Réessayez dans un instant, ou demandez de l&apos;aide à un digihelper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="329"/>
        <source>Opnieuw proberen</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="480"/>
        <source>Van de overheid of de stad.</source>
        <translation>Des pouvoirs publics ou de la ville.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="482"/>
        <source>Website van {name}</source>
        <translation>Site de {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="483"/>
        <source>Een bedrijf, niet de overheid.</source>
        <translation>Une entreprise, pas les pouvoirs publics.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="305"/>
        <location filename="../../kiosk/ui/visitor/browser.py" line="330"/>
        <source>Terug</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="306"/>
        <source>Terug naar de vorige pagina</source>
        <translation>Retour à la page précédente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="307"/>
        <source>Startpagina</source>
        <translation>Page de départ</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="308"/>
        <source>Opnieuw</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="309"/>
        <source>Pagina opnieuw laden</source>
        <translation>Recharger la page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="480"/>
        <source>✓ Officiële website</source>
        <translation>✓ Site officiel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="310"/>
        <source>Typ een webadres, bijvoorbeeld vlaanderen.be</source>
        <translation>Tapez une adresse web, par exemple vlaanderen.be</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="311"/>
        <source>Webadres</source>
        <translation>Adresse web</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="312"/>
        <source>Website kleiner</source>
        <translation>Rendre le site plus petit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="313"/>
        <source>Website groter</source>
        <translation>Rendre le site plus grand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="195"/>
        <location filename="../../kiosk/ui/visitor/browser.py" line="314"/>
        <location filename="../../kiosk/ui/visitor/browser.py" line="328"/>
        <source>Afdrukken</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="315"/>
        <source>Deze pagina afdrukken</source>
        <translation>Imprimer cette page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="326"/>
        <source>Melding sluiten</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="192"/>
        <location filename="../../kiosk/ui/visitor/browser.py" line="327"/>
        <source>Openen</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser_entry.py" line="16"/>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser_entry.py" line="17"/>
        <source>Surf op het internet. Als je stopt, wissen we alles wat je deed.</source>
        <translation>Naviguez sur Internet. Quand vous arrêtez, nous effaçons tout ce que vous avez fait.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="361"/>
        <location filename="../../kiosk/ui/visitor/browser.py" line="387"/>
        <source>Nieuwe pagina</source>
        <translation>Nouvelle page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="432"/>
        <source>Typ een webadres, bijvoorbeeld vlaanderen.be. Zoeken kan hier niet.</source>
        <translation>Tapez une adresse web, par exemple vlaanderen.be. Ici, vous ne pouvez pas faire de recherche.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="509"/>
        <source>Kleiner (nu {percent}%)</source>
        <translation>Plus petit (maintenant {percent} %)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="510"/>
        <source>Groter (nu {percent}%)</source>
        <translation>Plus grand (maintenant {percent} %)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="116"/>
        <source>Verberg uitleg</source>
        <translation>Cacher le guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="117"/>
        <source>Toon uitleg</source>
        <translation>Voir le guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="134"/>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="175"/>
        <source>Dit soort bestand kan de kiosk niet openen. Vraag hulp aan een digihelper.</source>
        <translation>Cet ordinateur ne peut pas ouvrir ce type de fichier. Demandez de l&apos;aide à un digihelper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="142"/>
        <source>Bezig met downloaden: {name}</source>
        <translation>Téléchargement en cours : {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="147"/>
        <source>De download is mislukt. Probeer het opnieuw.</source>
        <translation>Le téléchargement n&apos;a pas fonctionné. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="151"/>
        <source>Bestand opgeslagen: {name}. Het wordt gewist als je stopt.</source>
        <translation>Fichier enregistré : {name}. Il sera effacé quand vous arrêterez.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="210"/>
        <source>Je kunt hier alleen bestanden opladen die je eerst in deze sessie hebt gedownload. Vraag hulp aan een digihelper.</source>
        <translation>Ici, vous pouvez seulement envoyer des fichiers que vous avez téléchargés pendant cette session. Demandez de l&apos;aide à un digihelper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="214"/>
        <source>Welk bestand wil je opladen?</source>
        <translation>Quel fichier voulez-vous envoyer ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="215"/>
        <source>Je kunt een bestand kiezen dat je in deze sessie hebt gedownload.</source>
        <translation>Vous pouvez choisir un fichier que vous avez téléchargé pendant cette session.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="221"/>
        <source>Annuleren</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="186"/>
        <source>Je bestanden</source>
        <translation>Vos fichiers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="187"/>
        <source>Dit heb je gedownload. Als je stopt, wissen we deze bestanden.</source>
        <translation>Voici ce que vous avez téléchargé. Quand vous arrêtez, nous effaçons ces fichiers.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/downloads.py" line="201"/>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="526"/>
        <source>Bestanden ({count})</source>
        <translation>Fichiers ({count})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="531"/>
        <source>Deze pagina kan de kiosk niet openen.</source>
        <translation>Cet ordinateur ne peut pas ouvrir cette page.</translation>
    </message>
</context>
<context>
    <name>CallBanner</name>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="120"/>
        <source>We roepen een digihelper</source>
        <translation>Nous appelons un digihelper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="120"/>
        <source>Even geduld.</source>
        <translation>Un instant, s&apos;il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="120"/>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="122"/>
        <source>Annuleer mijn vraag</source>
        <translation>Annuler ma demande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="121"/>
        <source>Een digihelper is verwittigd</source>
        <translation>Un digihelper a été appelé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="122"/>
        <source>Blijf gerust zitten. Je kunt intussen verder kijken.</source>
        <translation>Restez à votre place. En attendant, vous pouvez continuer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="123"/>
        <source>Er is nu geen digihelper</source>
        <translation>Il n&apos;y a pas de digihelper pour le moment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="123"/>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="124"/>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="126"/>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="124"/>
        <source>Een digihelper komt naar je toe</source>
        <translation>Un digihelper arrive</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="124"/>
        <source>Blijf gerust zitten.</source>
        <translation>Restez à votre place.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="125"/>
        <source>Dat is niet gelukt</source>
        <translation>Cela n&apos;a pas fonctionné</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="126"/>
        <source>We konden geen digihelper verwittigen. Vraag het aan de balie.</source>
        <translation>Nous n&apos;avons pas pu appeler un digihelper. Demandez à l&apos;accueil.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="138"/>
        <source>Vraag het aan de balie.</source>
        <translation>Demandez à l&apos;accueil.</translation>
    </message>
</context>
<context>
    <name>CallKeyScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="50"/>
        <source>Sleutel voor oproepen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="51"/>
        <source>Typ de sleutel van de andere computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="52"/>
        <source>Sleutel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="53"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="54"/>
        <source>Nieuwe sleutel maken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="68"/>
        <source>Deze computer is verbonden met de centrale server. De server geeft de sleutel aan de computers van deze locatie. Je hoeft niets te typen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="71"/>
        <source>Met dezelfde sleutel op elke computer van deze locatie komt een oproep van een bezoeker op alle computers toe. Maak hier een sleutel en typ hem over op de andere computers, of typ de sleutel van een andere computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="76"/>
        <source>Sleutel van deze computer: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="77"/>
        <source>Nog geen sleutel: oproepen blijven op deze computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/call_key.py" line="94"/>
        <source>Opgeslagen. Oproepen gebruiken deze sleutel nu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="72"/>
        <source>Vraag de coördinator van de centrale server een koppelcode (een code is 24 uur geldig en werkt één keer). Typ daarna het adres van de server en de code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="74"/>
        <source>Adres van de server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="75"/>
        <source>Koppelcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="78"/>
        <source>Koppelen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="79"/>
        <source>Geheimen in een bestand toestaan (in de gegevensmap, alleen leesbaar voor deze gebruiker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="114"/>
        <source>Toegestaan. De sleutel van de server komt in een beschermd bestand in {folder}. Tik nu opnieuw op &apos;Koppelen&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="120"/>
        <source>Dat kon niet in settings.json geschreven worden ({reason}). Kijk of de gegevensmap {folder} beschreven kan worden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="130"/>
        <source>Vul het adres van de server en de koppelcode in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="134"/>
        <source>Bezig met koppelen...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="149"/>
        <source>Gekoppeld. Deze computer synchroniseert nu met de server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="151"/>
        <source>De medewerkers komen voortaan van de server. De {n} medewerker(s) die op deze computer gemaakt waren, kunnen zich niet meer aanmelden: meld je af en meld je aan met je naam en pincode van de server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="167"/>
        <source>1 minuut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="167"/>
        <source>{n} minuten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="172"/>
        <source>Deze computer heeft geen veilige sleutelbos (zoals Windows Referentiebeheer of GNOME Keyring), dus Digipunt kan de sleutel van de server niet veilig bewaren. Installeer een sleutelbos en probeer opnieuw. Of, als de beheerder dat risico aanvaardt: vink hieronder &apos;Geheimen in een bestand toestaan&apos; aan. De sleutel komt dan in een beschermd bestand in de gegevensmap {folder} (in settings.json daar: &quot;allow_secret_file&quot;: true).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="182"/>
        <source>Dit serveradres kan niet: het {reason}. Bijvoorbeeld: https://sync.digipunt.be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="187"/>
        <source>Er zijn te veel verkeerde codes geprobeerd. Wacht {wait} en typ dan de code opnieuw, precies zoals de coördinator hem gaf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="190"/>
        <source>Deze code klopt niet, is al gebruikt of is verlopen (een code is 24 uur geldig). Vraag de coördinator een nieuwe code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="192"/>
        <source>Digipunt vindt de server niet. Kijk of het internet werkt (wifi of kabel) en of het adres van de server juist is. Probeer daarna opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="194"/>
        <source>De server antwoordt niet op tijd. Probeer het over een paar minuten opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="195"/>
        <source>De beveiligde verbinding met de server is niet in orde (certificaat). Kijk of het adres juist is. Klopt het? Vraag dan de beheerder om het certificaat na te kijken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="197"/>
        <source>De server heeft een probleem. Probeer het over een paar minuten opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="198"/>
        <source>Op dit adres antwoordt geen Digipunt-server. Kijk het adres na. Moet je eerst inloggen op de wifi? Doe dat dan eerst in de browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enroll_form.py" line="201"/>
        <source>Het koppelen is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? Meld het aan de beheerder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuidePrintout</name>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="65"/>
        <source>ga verder bij stap {n}</source>
        <translation>continuez à l&apos;étape {n}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="69"/>
        <source>Klaar.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="86"/>
        <source>Digipunt: de stappen om mee te nemen. Gedrukt op {date}.</source>
        <translation>Digipunt : les étapes à emporter. Imprimé le {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="107"/>
        <source>Officiële website:</source>
        <translation>Site officiel :</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="108"/>
        <source>Scan de code met de camera van je gsm om de website te openen.</source>
        <translation>Scannez le code avec l&apos;appareil photo de votre téléphone pour ouvrir le site.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="114"/>
        <source>Hulp nodig?</source>
        <translation>Besoin d&apos;aide ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/printout.py" line="106"/>
        <source>Website van {name}:</source>
        <translation>Site de {name} :</translation>
    </message>
</context>
<context>
    <name>HelpCallsScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="50"/>
        <source>Oproepen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="97"/>
        <source>Aannemen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="120"/>
        <source>Oproep: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="51"/>
        <source>Er zijn geen oproepen. Als een bezoeker op &apos;Ik heb hulp nodig&apos; tikt, hier of op een andere computer van deze locatie, verschijnt dat hier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="77"/>
        <source>Door jou aangenomen: registreer de hulp als je klaar bent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="94"/>
        <source>Niets te registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="97"/>
        <source>Hulp registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_calls.py" line="111"/>
        <source>Aangenomen. Ga naar {kiosk}. Registreer de hulp hier als je klaar bent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpFormScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="113"/>
        <source>Hulpvraag corrigeren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="113"/>
        <source>Hulpvraag registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="114"/>
        <source>Onderwerp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="114"/>
        <source>Duur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="114"/>
        <source>Resultaat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="115"/>
        <source>Plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="115"/>
        <source>Hoe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="115"/>
        <source>Taal van de hulp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="116"/>
        <source>Eerste bezoek?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="116"/>
        <source>Doorverwezen naar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="117"/>
        <source>Doelgroep (mag leeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="117"/>
        <source>Notitie (mag leeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="118"/>
        <source>Bezoekerscode (mag leeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="128"/>
        <source>Alleen over de hulp. Nooit namen, nummers of adressen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="129"/>
        <source>Notitie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="130"/>
        <source>Bezoeker maakt een code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="130"/>
        <source>Code weghalen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="131"/>
        <source>Terug</source>
        <translation type="unfinished">Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="132"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="199"/>
        <source>Je past de hulpvraag van {time} aan. De oude versie blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="202"/>
        <source>Spreekuur: {place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="222"/>
        <source>onderwerp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="224"/>
        <source>duur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="226"/>
        <source>resultaat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="228"/>
        <source>plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="240"/>
        <source>Kies nog: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="130"/>
        <source>Code toegevoegd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="270"/>
        <source>Bezig met opslaan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="282"/>
        <source>Gecorrigeerd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_form.py" line="288"/>
        <source>Opgeslagen. Je kunt de volgende hulpvraag registreren.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/visitor/home.py" line="132"/>
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>Bienvenue. Comment pouvons-nous vous aider ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/home.py" line="133"/>
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>Choisissez d&apos;abord votre langue. Touchez ensuite une tuile. Tout est gratuit.</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="25"/>
        <source>Ben je er nog?</source>
        <translation>Êtes-vous toujours là ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="26"/>
        <source>Je hebt een tijdje niets gedaan. Als je niets kiest, wissen we straks alles wat je deed. Zo ziet de volgende bezoeker niets van jou.</source>
        <translation>Vous n&apos;avez rien fait depuis un moment. Si vous ne choisissez rien, nous allons bientôt effacer tout ce que vous avez fait. Ainsi, la personne suivante ne verra rien de vous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="42"/>
        <source>Ja, ik ben er nog</source>
        <translation>Oui, je suis là</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="44"/>
        <source>Nee, stop en wis alles</source>
        <translation>Non, arrêter et tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="65"/>
        <source>Nog 1 seconde.</source>
        <translation>Encore 1 seconde.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="66"/>
        <source>Nog {n} seconden.</source>
        <translation>Encore {n} secondes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle_dialog.py" line="38"/>
        <source>Ik ben bezig op mijn gsm</source>
        <translation>Je suis occupé sur mon GSM</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/shared/entry.py" line="86"/>
        <source>Wissen</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shared/entry.py" line="86"/>
        <source>Alles wissen</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shared/entry.py" line="86"/>
        <source>Laatste cijfer wissen</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
</context>
<context>
    <name>LendingScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="145"/>
        <location filename="../../kiosk/ui/staff/lending.py" line="146"/>
        <location filename="../../kiosk/ui/staff/lending.py" line="162"/>
        <source>Uitlenen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="146"/>
        <source>Terugbrengen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="146"/>
        <location filename="../../kiosk/ui/staff/lending.py" line="167"/>
        <source>Verlengen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="147"/>
        <source>Uitgeleend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="150"/>
        <source>Zoek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="151"/>
        <source>Terugbrengen op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="152"/>
        <source>Meegegeven</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="153"/>
        <source>Waarom mag deze persoon lenen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="154"/>
        <source>Contact van de ontlener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="155"/>
        <source>Naam en telefoon worden meteen versleuteld: deze computer kan ze daarna niet meer lezen. Alleen de coördinator opent ze, als het toestel te laat is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="158"/>
        <source>Naam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="159"/>
        <source>Telefoonnummer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="163"/>
        <source>In welke staat is het toestel?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="164"/>
        <source>Teruggebracht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="165"/>
        <source>Terugnemen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="166"/>
        <source>Nieuwe terugbrengdatum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="215"/>
        <source> — uitgeleend, terug op {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="221"/>
        <source> — laatst teruggebracht op {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="224"/>
        <source> — laatste uitlening van {start} tot {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="261"/>
        <source>Uitgeleend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="268"/>
        <source>Teruggenomen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="273"/>
        <source>Verlengd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="303"/>
        <source>Er is nu geen toestel uitgeleend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="308"/>
        <source> — {n} dagen te laat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="309"/>
        <source>terug op {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="148"/>
        <source>Inventarisnummer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="149"/>
        <source>Scan het toestel of typ het nummer, bijvoorbeeld LPT-001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="168"/>
        <source>Wil de ontlener dat naam en telefoonnummer nu al gewist worden? Scan het toestel: het contact van de laatste uitlening ervan wordt gewist, hier en op de centrale server. Het contact van een eerdere uitlening wist de coördinator in de Digipunt-console, bij Uitlenen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="172"/>
        <source>Contact nu wissen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="279"/>
        <source>Naam en telefoonnummer van de laatste uitlening van dit toestel worden gewist, hier en op de centrale server. De coördinator kan de ontlener daarna niet meer bellen. De uitlening zelf blijft geteld.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="282"/>
        <source>Nee, houden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="283"/>
        <source>Ja, wissen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="160"/>
        <source>Code toegevoegd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="147"/>
        <source>Contact wissen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="278"/>
        <source>Contact van de ontlener van {tag} wissen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="293"/>
        <source>Contact gewist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="160"/>
        <source>Bezoekerscode</source>
        <translation type="unfinished">Code visiteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="160"/>
        <source>Weghalen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="161"/>
        <source>De ontlener typt ze (mag leeg).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="239"/>
        <source>Begin</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="240"/>
        <source>Terug naar het begin</source>
        <translation>Retour à l&apos;accueil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="242"/>
        <source>Taal kiezen</source>
        <translation>Choisir la langue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="243"/>
        <source>Normale tekst</source>
        <translation>Texte normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="243"/>
        <source>Grote tekst</source>
        <translation>Grand texte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="244"/>
        <source>Heel grote tekst</source>
        <translation>Très grand texte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="247"/>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="248"/>
        <source>Hoog contrast aan of uit</source>
        <translation>Activer ou désactiver le contraste élevé</translation>
    </message>
</context>
<context>
    <name>OverviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="70"/>
        <source>Overzicht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="71"/>
        <source>Vrijwilligersuren per medewerker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="72"/>
        <source>Vorige maand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="73"/>
        <source>Volgende maand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="108"/>
        <source>1 hulpvraag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="109"/>
        <source>{n} hulpvragen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="110"/>
        <source>{help} hulp gegeven · {shift} spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="116"/>
        <source>Vandaag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="117"/>
        <source>Deze maand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="121"/>
        <source>{n} records wachten om gesynchroniseerd te worden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="124"/>
        <source>Alles is gesynchroniseerd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="131"/>
        <source>Medewerker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="131"/>
        <source>Uren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="131"/>
        <source>Spreekuren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/overview.py" line="131"/>
        <source>Automatisch gesloten</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../kiosk/ui/visitor/files.py" line="105"/>
        <source>Kleiner</source>
        <translation>Plus petit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/files.py" line="106"/>
        <source>Groter</source>
        <translation>Plus grand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/files.py" line="107"/>
        <source>Afdrukken</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/files.py" line="108"/>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>PinEntry</name>
    <message>
        <location filename="../../kiosk/ui/staff/widgets.py" line="125"/>
        <source>{n} cijfers getypt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="48"/>
        <source>Vandaag is er een digihelper van {start} tot {end}</source>
        <translation>Aujourd&apos;hui, un digihelper est là de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="49"/>
        <source>Volgende spreekuur: {date}, {start}</source>
        <translation>Prochaine permanence : {date}, {start}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="50"/>
        <source>De digibus komt:</source>
        <translation>Le digibus passe :</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="51"/>
        <source>{date} van {start} tot {end}: {address}</source>
        <translation>{date} de {start} à {end} : {address}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="52"/>
        <source>Volgende halte van de digibus: {date}, {start}, {address}</source>
        <translation>Prochain arrêt du digibus : {date}, {start}, {address}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="53"/>
        <source>vandaag</source>
        <translation>aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="54"/>
        <source>morgen</source>
        <translation>demain</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="55"/>
        <source>{weekday} {day} {month}</source>
        <translation>{weekday} {day} {month}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="57"/>
        <source>maandag</source>
        <translation>lundi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="57"/>
        <source>dinsdag</source>
        <translation>mardi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="58"/>
        <source>woensdag</source>
        <translation>mercredi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="58"/>
        <source>donderdag</source>
        <translation>jeudi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="59"/>
        <source>vrijdag</source>
        <translation>vendredi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="59"/>
        <source>zaterdag</source>
        <translation>samedi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="60"/>
        <source>zondag</source>
        <translation>dimanche</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="63"/>
        <source>januari</source>
        <translation>janvier</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="63"/>
        <source>februari</source>
        <translation>février</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="64"/>
        <source>maart</source>
        <translation>mars</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="64"/>
        <source>april</source>
        <translation>avril</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="65"/>
        <source>mei</source>
        <translation>mai</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="65"/>
        <source>juni</source>
        <translation>juin</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="66"/>
        <source>juli</source>
        <translation>juillet</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="66"/>
        <source>augustus</source>
        <translation>août</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="67"/>
        <source>september</source>
        <translation>septembre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="67"/>
        <source>oktober</source>
        <translation>octobre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="68"/>
        <source>november</source>
        <translation>novembre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="68"/>
        <source>december</source>
        <translation>décembre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/workshops.py" line="32"/>
        <source>Vormingen hier:</source>
        <translation>Ateliers ici :</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/workshops.py" line="33"/>
        <source>{date} om {start}: {title}</source>
        <translation>{date} à {start} : {title}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/workshops.py" line="34"/>
        <source>{date} om {start} ({place}): {title}</source>
        <translation>{date} à {start} ({place}) : {title}</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="56"/>
        <source>Spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="57"/>
        <source>Waar ben je vandaag?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="58"/>
        <source>Welke halte?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="59"/>
        <source>Andere halte: typ de naam van de plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="60"/>
        <source>Spreekuur starten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="61"/>
        <source>Spreekuur beëindigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="117"/>
        <source>Je hebt geen spreekuur gestart. Kies waar je bent en tik op &apos;Spreekuur starten&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="121"/>
        <source>Je spreekuur loopt sinds {time} ({place}). Al {duration}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="133"/>
        <source>Je spreekuur is gestart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/shift.py" line="143"/>
        <source>Opgeslagen: je spreekuur duurde {duration}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/shared/entry.py" line="19"/>
        <source>Dat is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? Meld het aan de coördinator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffAccountsScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="123"/>
        <source>Medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="125"/>
        <source>Wie kan zich aanmelden op deze computer. Iemand stopt? Deactiveer de medewerker: wat die registreerde, blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="127"/>
        <location filename="../../kiosk/ui/staff/accounts.py" line="223"/>
        <source>Nieuwe medewerker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="128"/>
        <source>Naam, zoals collega&apos;s je kennen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="129"/>
        <source>Rol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="131"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="171"/>
        <source> (jij)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="175"/>
        <source>niet meer actief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="177"/>
        <source>vergrendeld na te veel foute pincodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="181"/>
        <source>Pincode wijzigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="181"/>
        <source>Pincode wijzigen van {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="186"/>
        <source>Deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="186"/>
        <source>{name} deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="228"/>
        <source>Je pincode wijzigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="232"/>
        <source>Nieuwe pincode voor {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="237"/>
        <source>Typ je huidige pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="224"/>
        <source>Typ de naam en tik op de rol. Geef de computer dan aan de nieuwe medewerker: die typt zelf een pincode van minstens {n} cijfers, twee keer. Kijk even weg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="229"/>
        <source>Typ eerst je huidige pincode. Daarna typ je twee keer je nieuwe pincode, van minstens {n} cijfers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="233"/>
        <source>Geef de computer aan {name}: die typt zelf een nieuwe pincode van minstens {n} cijfers, twee keer. Kijk even weg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="238"/>
        <source>Typ de nieuwe pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="239"/>
        <source>Typ dezelfde pincode nog eens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="242"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="242"/>
        <source>Volgende</source>
        <translation type="unfinished">Suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="254"/>
        <source>Typ eerst de naam van de nieuwe medewerker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="270"/>
        <source>De twee pincodes zijn niet gelijk. Typ de nieuwe pincode opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="302"/>
        <source>{name} is toegevoegd en kan zich nu aanmelden met de eigen pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="307"/>
        <source>Je pincode is gewijzigd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="309"/>
        <source>De pincode van {name} is gewijzigd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="333"/>
        <source>{name} deactiveren?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="334"/>
        <source>Je kunt je daarna niet meer aanmelden en wordt meteen afgemeld. Wat je registreerde, blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="336"/>
        <source>{name} kan zich daarna niet meer aanmelden. Wat {name} registreerde, blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="338"/>
        <source>Nee, niet deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="339"/>
        <source>Ja, deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="355"/>
        <source>{name} is gedeactiveerd.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffLoginScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="74"/>
        <source>Aanmelden voor medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="75"/>
        <location filename="../../kiosk/ui/staff/login.py" line="87"/>
        <source>1. Tik op je naam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="76"/>
        <source>2. Typ je pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="77"/>
        <source>Aanmelden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="78"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="79"/>
        <source>Ik heb een instelcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="80"/>
        <source>Ik heb een instelcode: je pincode instellen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="111"/>
        <source>Nog niemand kan zich op deze kiosk aanmelden. Kreeg je een instelcode van de coördinator? Tik dan op &quot;Ik heb een instelcode&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="116"/>
        <source>Je pincode is ingesteld, {name}. Typ hem nu om je aan te melden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="119"/>
        <source>Je pincode is ingesteld. Je naam verschijnt hier zodra de kiosk gesynchroniseerd heeft; probeer het zo opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="156"/>
        <source>Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over {n} minuten, of vraag een collega.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="159"/>
        <source>Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over 1 minuut, of vraag een collega.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/login.py" line="162"/>
        <source>Deze pincode klopt niet. Je kunt het nog {n} keer proberen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffMenuScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="59"/>
        <source>Vorming registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="58"/>
        <source>Uitlenen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="51"/>
        <source>Menu voor medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="53"/>
        <source>Hulpvraag registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="54"/>
        <source>Hulpvragen van vandaag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="55"/>
        <source>Spreekuur (loopt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="55"/>
        <source>Spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="56"/>
        <source>Oproepen ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="57"/>
        <source>Overzicht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="61"/>
        <source>Medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="61"/>
        <source>Mijn pincode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="62"/>
        <source>Instellingen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="63"/>
        <source>Synchronisatie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="65"/>
        <source>Kiosk afsluiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="103"/>
        <source>Je spreekuur loopt sinds {time} ({place}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="106"/>
        <source>Je hebt geen spreekuur gestart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="108"/>
        <source>Er wacht een bezoeker op hulp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="109"/>
        <source>Er wachten {n} bezoekers op hulp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="133"/>
        <source>Kiosk afsluiten?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="134"/>
        <source>Digipunt stopt. Bezoekers kunnen deze computer dan niet meer gebruiken tot iemand Digipunt opnieuw start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="136"/>
        <source>Nee, blijf open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="137"/>
        <source>Ja, afsluiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="111"/>
        <source>Registreer nog de hulp bij je aangenomen oproep (bij Oproepen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/menu.py" line="64"/>
        <source>Sleutel voor oproepen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffPinSetupScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="85"/>
        <source>Je pincode instellen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="86"/>
        <source>Typ de instelcode die je van de coördinator kreeg. Kies daarna zelf een pincode van minstens {n} cijfers en typ hem twee keer. Niemand anders ziet hem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="89"/>
        <source>Instelcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="90"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="97"/>
        <source>Typ dezelfde pincode nog eens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="97"/>
        <source>Typ je nieuwe pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="98"/>
        <source>Pincode instellen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="98"/>
        <source>Volgende</source>
        <translation type="unfinished">Suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="107"/>
        <source>Typ eerst de instelcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="125"/>
        <source>De twee pincodes zijn niet gelijk. Typ je nieuwe pincode opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="134"/>
        <source>Bezig...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="155"/>
        <source>Dit kan alleen als de kiosk verbonden is met de server. Kijk of het internet werkt en probeer opnieuw, of vraag een collega.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="158"/>
        <source>Deze instelcode klopt niet, is al gebruikt of is verlopen (een code is 7 dagen geldig). Kijk de code na, of vraag de coördinator een nieuwe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="160"/>
        <source>Deze instelcode hoort bij iemand die niet op deze locatie werkt. Stel je pincode in op een kiosk van je eigen locatie, of vraag de coördinator om je aan deze locatie toe te voegen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="163"/>
        <source>Er zijn te veel verkeerde codes geprobeerd. Wacht een kwartier en probeer dan opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="165"/>
        <source>Deze kiosk is niet verbonden met de server, dus een instelcode werkt hier niet. Vraag de coördinator om de kiosk te koppelen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="167"/>
        <source>Deze kiosk is losgekoppeld van de server. Vraag de coördinator om hem opnieuw te koppelen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin_setup.py" line="170"/>
        <source>Dat is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? Meld het aan de coördinator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/widgets.py" line="169"/>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/widgets.py" line="170"/>
        <source>Terug naar het menu voor medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/widgets.py" line="171"/>
        <source>Afmelden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/widgets.py" line="180"/>
        <source>Aangemeld: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffSettingsScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="104"/>
        <source>Instellingen van deze computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="105"/>
        <source>Deze instellingen gelden voor elke bezoeker van deze computer. Nieuwe standaardwaarden gelden vanaf de volgende bezoeker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="108"/>
        <source>Standaardtaal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="109"/>
        <source>Tijd zonder activiteit voor &apos;Ben je er nog?&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="110"/>
        <source>Aftelling voor alles gewist wordt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="111"/>
        <source>Adres van het e-loket van de stad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="112"/>
        <source>Startpagina van de browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="113"/>
        <source>Officiële websites (één domein per regel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="114"/>
        <source>Standaard tekstgrootte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="115"/>
        <source>Standaard hoog contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="116"/>
        <source>Geheimen in een bestand toestaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="122"/>
        <source> seconden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="125"/>
        <source>Normaal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="125"/>
        <source>Groot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="125"/>
        <source>Heel groot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="129"/>
        <source>Aan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="130"/>
        <source>Alleen als deze computer geen veilige sleutelbos heeft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="132"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="133"/>
        <source>Wijzigingen ongedaan maken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="134"/>
        <source>Terug</source>
        <translation type="unfinished">Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="174"/>
        <source>Niet opgeslagen. Verbeter wat in het rood staat en probeer opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="187"/>
        <source>Opgeslagen. Nieuwe standaardwaarden gelden vanaf de volgende bezoeker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="191"/>
        <source>Opslaan is mislukt: {reason}. Controleer of de gegevensmap beschreven kan worden en probeer opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffSetupScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="167"/>
        <source>Eerste keer instellen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="134"/>
        <source>Jouw naam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="134"/>
        <source>Naam van deze plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="135"/>
        <source>Soort plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="135"/>
        <source>Pincode (minstens 6 cijfers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="136"/>
        <source>Pincode nog eens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="138"/>
        <source>bijvoorbeeld: Digipunt Bibliotheek Tweebronnen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="130"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="120"/>
        <source>Op deze computer zijn nog geen medewerkers. Kies hoe je deze kiosk instelt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="123"/>
        <source>Deze kiosk verbinden met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="124"/>
        <source>Voor steden en digibanken met een centrale server. De medewerkers komen dan van de server. Je hebt het adres van de server en een koppelcode nodig.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="127"/>
        <location filename="../../kiosk/ui/staff/setup.py" line="166"/>
        <source>Eerste coördinator aanmaken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="128"/>
        <source>Voor een kiosk zonder server. Je maakt hier zelf de eerste coördinator aan en geeft deze plek een naam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="131"/>
        <location filename="../../kiosk/ui/staff/setup.py" line="140"/>
        <source>Terug</source>
        <translation type="unfinished">Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="132"/>
        <source>Maak de eerste coördinator van deze kiosk aan. Daarna meld je je aan met je naam en pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="141"/>
        <source>Coördinator aanmaken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="165"/>
        <source>Verbinden met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/setup.py" line="181"/>
        <source>De twee pincodes zijn niet gelijk. Typ ze opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffSyncScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="164"/>
        <source>Synchronisatie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="165"/>
        <source>Records die wachten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="165"/>
        <source>Laatst gelukt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="166"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="168"/>
        <source>De server weigert deze records. Ze blijven op deze computer bewaard en houden de andere records niet tegen. Meld ze aan de beheerder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="170"/>
        <source>Opnieuw proberen</source>
        <translation type="unfinished">Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="171"/>
        <source>Koppelen met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_status.py" line="172"/>
        <source>Opnieuw koppelen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TakeAlong</name>
    <message>
        <location filename="../../kiosk/ui/visitor/goodbye.py" line="36"/>
        <source>Neem je eID, je bankkaart en je gsm mee.</source>
        <translation>Reprenez votre carte d&apos;identité, votre carte bancaire et votre GSM.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/goodbye.py" line="37"/>
        <source>Identiteitskaart, bankkaart en gsm</source>
        <translation>Carte d&apos;identité, carte bancaire et GSM</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="40"/>
        <source>Hulpvragen van vandaag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="41"/>
        <source>Nog geen hulpvragen vandaag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="85"/>
        <source>Corrigeren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="88"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="98"/>
        <source>Hulpvraag van {time} annuleren?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="99"/>
        <source>{topics}, {duration}. De hulpvraag telt dan niet meer mee. De oude versie blijft bewaard, met de vermelding dat ze geannuleerd is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="103"/>
        <source>Nee, houden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="104"/>
        <source>Ja, annuleren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/help_today.py" line="119"/>
        <source>Geannuleerd.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitorCodeDialog</name>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="28"/>
        <source>Bezoekerscode</source>
        <translation>Code visiteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="29"/>
        <source>Voor de bezoeker: typ zelf je initialen en je geboortedatum. We bewaren ze niet. We maken er een code van die niemand kan terugrekenen. Zo tellen we hoeveel verschillende mensen we helpen.</source>
        <translation>Pour le visiteur : tapez vous-même vos initiales et votre date de naissance. Nous ne les gardons pas. Nous en faisons un code que personne ne peut décoder. Ainsi, nous comptons combien de personnes différentes nous aidons.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="37"/>
        <source>Je initialen (bijvoorbeeld: JP)</source>
        <translation>Vos initiales (par exemple : JP)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="42"/>
        <source>Je initialen</source>
        <translation>Vos initiales</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="45"/>
        <source>Je geboortedatum: dag, maand, jaar</source>
        <translation>Votre date de naissance : jour, mois, année</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="57"/>
        <source>Annuleren</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="58"/>
        <source>Code maken</source>
        <translation>Créer le code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="81"/>
        <source>dd-mm-jjjj</source>
        <comment>10 characters: day, month, year letters with dashes at places 3 and 6</comment>
        <translation>jj-mm-aaaa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="88"/>
        <source>Typ de eerste letter van je voornaam en van je familienaam (1 tot {n} letters).</source>
        <translation>Tapez la première lettre de votre prénom et de votre nom de famille (1 à {n} lettres).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="90"/>
        <source>Typ je geboortedatum met 8 cijfers: dag, maand, jaar. Bijvoorbeeld 05091948 voor 5 september 1948.</source>
        <translation>Tapez votre date de naissance en 8 chiffres : jour, mois, année. Par exemple 05091948 pour le 5 septembre 1948.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="92"/>
        <source>Deze datum bestaat niet. Kijk de dag, de maand en het jaar na.</source>
        <translation>Cette date n&apos;existe pas. Vérifiez le jour, le mois et l&apos;année.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/visitor_code_dialog.py" line="102"/>
        <source>{n} van 8 cijfers getypt</source>
        <translation>{n} chiffres sur 8 tapés</translation>
    </message>
</context>
<context>
    <name>VisitorSession</name>
    <message>
        <location filename="../../kiosk/ui/visitor/session.py" line="55"/>
        <source>Stop en wis alles</source>
        <translation>Arrêter et tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/session.py" line="56"/>
        <source>Stoppen en alles wissen wat je hier deed</source>
        <translation>Arrêter et effacer tout ce que vous avez fait ici</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/session.py" line="102"/>
        <source>Stoppen en alles wissen?</source>
        <translation>Arrêter et tout effacer ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/session.py" line="103"/>
        <source>We wissen alles wat je hier deed: websites, wachtwoorden, bestanden en wat je typte. De volgende bezoeker ziet niets van jou.</source>
        <translation>Nous effaçons tout ce que vous avez fait ici : sites web, mots de passe, fichiers et ce que vous avez tapé. La personne suivante ne verra rien de vous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/session.py" line="106"/>
        <source>Nee, ga verder</source>
        <translation>Non, continuer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/session.py" line="107"/>
        <source>Ja, wis alles</source>
        <translation>Oui, tout effacer</translation>
    </message>
</context>
<context>
    <name>WalkthroughView</name>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="470"/>
        <source>Oefenen</source>
        <translation>S’exercer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="471"/>
        <source>Oefen eerst op een oefenwebsite in de kiosk</source>
        <translation>Exercez-vous d’abord sur un site d’exercice dans le kiosque</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="396"/>
        <source>Stap %1 van %2</source>
        <translation>Étape %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="432"/>
        <source>Vorige</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="433"/>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="434"/>
        <source>Klaar</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="433"/>
        <source>Volgende</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="434"/>
        <source>Volgende stap</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="465"/>
        <source>Vorige stap</source>
        <translation>Étape précédente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="466"/>
        <source>Voorlezen</source>
        <translation>Écouter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="467"/>
        <source>Lees deze stap voor</source>
        <translation>Lire cette étape à voix haute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="468"/>
        <source>Open de website</source>
        <translation>Ouvrir le site</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="469"/>
        <source>Open de officiële website</source>
        <translation>Ouvrir le site officiel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="475"/>
        <source>Ik heb hulp nodig</source>
        <translation>J&apos;ai besoin d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="476"/>
        <source>Ik heb hulp nodig: roep een digihelper</source>
        <translation>J&apos;ai besoin d&apos;aide : appeler un digihelper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="477"/>
        <source>Toon ook Nederlands</source>
        <translation>Aussi en néerlandais</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="478"/>
        <source>Toon de Nederlandse tekst ernaast</source>
        <translation>Afficher le texte néerlandais à côté</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="479"/>
        <source>Vertaling ter hulp</source>
        <translation>Traduction d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="480"/>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="481"/>
        <source>Vertaling als hulp. De Nederlandse tekst is de officiële.</source>
        <translation>Traduction pour aider. Seul le néerlandais est officiel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="482"/>
        <source>Nog niet vertaald: Nederlandse tekst</source>
        <translation>Pas encore traduit : texte en néerlandais</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="483"/>
        <source>Deze stap is nog niet vertaald. Je ziet de Nederlandse tekst.</source>
        <translation>Cette étape n&apos;est pas encore traduite. Vous voyez le texte néerlandais.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="395"/>
        <source>Stap %1</source>
        <translation>Étape %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="473"/>
        <source>Afdrukken</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="474"/>
        <source>Druk de stappen af om mee te nemen</source>
        <translation>Imprimer les étapes à emporter</translation>
    </message>
</context>
<context>
    <name>WorkshopsScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="55"/>
        <source>Vorming registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="56"/>
        <source>Welke vorming?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="57"/>
        <source>Er is geen vorming van de voorbije twee weken om te registreren.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="58"/>
        <source>Aantal deelnemers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="59"/>
        <source>Deelnemer typt bezoekerscode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="60"/>
        <source>Eén deelnemer minder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="61"/>
        <source>Eén deelnemer meer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="62"/>
        <source>Notitie (mag leeg, geen namen of telefoonnummers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="63"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="79"/>
        <source> (al geregistreerd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="109"/>
        <source>{n} bezoekerscodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="125"/>
        <source>Opgeslagen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
