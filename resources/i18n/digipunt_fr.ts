<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BrowserScreen</name>
    <message>
        <location filename="../../kiosk/ui/visitor/practice.py" line="1"/>
        <source>Oefening — geen echte website</source>
        <translation>Exercice — pas un vrai site web</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="1"/>
        <source>Oefening</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/browser.py" line="1"/>
        <source>Geen echte website. Wat je hier typt, verlaat deze computer niet.</source>
        <translation>Pas un vrai site web. Ce que vous tapez ici ne quitte pas cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="1"/>
        <source>Klaar met oefenen</source>
        <translation>Exercice terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="1"/>
        <source>Je hebt alle stappen geoefend. Op de echte website gaat het op dezelfde manier.</source>
        <translation>Vous avez pratiqué toutes les étapes. Sur le vrai site web, cela se passe de la même manière.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="1"/>
        <source>Nu echt doen?</source>
        <translation>Le faire pour de vrai ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="1"/>
        <source>Nu echt doen: open de echte website met dezelfde uitleg</source>
        <translation>Le faire pour de vrai : ouvrir le vrai site web avec le même guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/docked_guide.py" line="1"/>
        <source>Opnieuw oefenen</source>
        <translation>Refaire l’exercice</translation>
    </message>
    <message>
        <source>Deze pagina bestaat niet</source>
        <translation>Cette page n'existe pas</translation>
    </message>
    <message>
        <source>De website werkt, maar deze pagina vindt ze niet. Misschien is het adres niet juist, of bestaat de pagina niet meer. Ga terug en kies een andere link.</source>
        <translation>Le site fonctionne, mais il ne trouve pas cette page. L'adresse n'est peut-être pas correcte, ou la page n'existe plus. Revenez en arrière et choisissez un autre lien.</translation>
    </message>
    <message>
        <source>Deze pagina mag je niet zien</source>
        <translation>Vous ne pouvez pas voir cette page</translation>
    </message>
    <message>
        <source>De website toont deze pagina niet. Misschien moet je je eerst aanmelden. Ga terug, of vraag hulp aan een digihelper.</source>
        <translation>Le site n'affiche pas cette page. Vous devez peut-être d'abord vous connecter. Revenez en arrière, ou demandez de l'aide à un digihelper.</translation>
    </message>
    <message>
        <source>Geen verbinding met deze website</source>
        <translation>Pas de connexion avec ce site</translation>
    </message>
    <message>
        <source>De kiosk kan deze website nu niet bereiken. Misschien is er even geen internet: op de digibus is dat normaal. Of het adres is niet juist. Probeer het zo meteen opnieuw, of vraag hulp aan een digihelper.</source>
        <translation>La borne ne peut pas joindre ce site pour le moment. Il n'y a peut-être pas d'internet : dans le digibus, c'est normal. Ou l'adresse n'est pas correcte. Réessayez dans un instant, ou demandez de l'aide à un digihelper.</translation>
    </message>
    <message>
        <source>Opnieuw proberen</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Van de overheid of de stad.</source>
        <translation>Des pouvoirs publics ou de la ville.</translation>
    </message>
    <message>
        <source>Website van {name}</source>
        <translation>Site de {name}</translation>
    </message>
    <message>
        <source>Een bedrijf, niet de overheid.</source>
        <translation>Une entreprise, pas les pouvoirs publics.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="241"/>
        <source>Terug</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="242"/>
        <source>Terug naar de vorige pagina</source>
        <translation>Retour à la page précédente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="243"/>
        <source>Startpagina</source>
        <translation>Page de départ</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="244"/>
        <source>Opnieuw</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="245"/>
        <source>Pagina opnieuw laden</source>
        <translation>Recharger la page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="246"/>
        <source>✓ Officiële website</source>
        <translation>✓ Site officiel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="247"/>
        <source>Deze website is van de overheid of van de stad.</source>
        <translation>Ce site appartient aux pouvoirs publics ou à la ville.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="248"/>
        <source>Typ een webadres, bijvoorbeeld vlaanderen.be</source>
        <translation>Tapez une adresse web, par exemple vlaanderen.be</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="249"/>
        <source>Webadres</source>
        <translation>Adresse web</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="250"/>
        <source>Website kleiner</source>
        <translation>Rendre le site plus petit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="251"/>
        <source>Website groter</source>
        <translation>Rendre le site plus grand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="252"/>
        <location filename="../../kiosk/ui/browser.py" line="262"/>
        <location filename="../../kiosk/ui/browser.py" line="508"/>
        <source>Afdrukken</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="253"/>
        <source>Deze pagina afdrukken</source>
        <translation>Imprimer cette page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="260"/>
        <source>Melding sluiten</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="261"/>
        <location filename="../../kiosk/ui/browser.py" line="506"/>
        <source>Openen</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser_entry.py" line="20"/>
        <source>Internet</source>
        <translation>Internet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser_entry.py" line="21"/>
        <source>Surf op het internet. Als je stopt, wissen we alles wat je deed.</source>
        <translation>Naviguez sur Internet. Quand vous arrêtez, nous effaçons tout ce que vous avez fait.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="289"/>
        <location filename="../../kiosk/ui/browser.py" line="310"/>
        <source>Nieuwe pagina</source>
        <translation>Nouvelle page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="346"/>
        <source>Typ een webadres, bijvoorbeeld vlaanderen.be. Zoeken kan hier niet.</source>
        <translation>Tapez une adresse web, par exemple vlaanderen.be. Ici, vous ne pouvez pas faire de recherche.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="397"/>
        <source>Kleiner (nu {percent}%)</source>
        <translation>Plus petit (maintenant {percent} %)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="398"/>
        <source>Groter (nu {percent}%)</source>
        <translation>Plus grand (maintenant {percent} %)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="427"/>
        <source>Verberg uitleg</source>
        <translation>Cacher le guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="427"/>
        <source>Toon uitleg</source>
        <translation>Voir le guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="438"/>
        <location filename="../../kiosk/ui/browser.py" line="469"/>
        <source>Dit soort bestand kan de kiosk niet openen. Vraag hulp aan een digihelper.</source>
        <translation>Cet ordinateur ne peut pas ouvrir ce type de fichier. Demandez de l&apos;aide à un digihelper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="445"/>
        <source>Bezig met downloaden: {name}</source>
        <translation>Téléchargement en cours : {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="449"/>
        <source>De download is mislukt. Probeer het opnieuw.</source>
        <translation>Le téléchargement n&apos;a pas fonctionné. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="453"/>
        <source>Bestand opgeslagen: {name}. Het wordt gewist als je stopt.</source>
        <translation>Fichier enregistré : {name}. Il sera effacé quand vous arrêterez.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="474"/>
        <source>Je kunt hier alleen bestanden opladen die je eerst in deze sessie hebt gedownload. Vraag hulp aan een digihelper.</source>
        <translation>Ici, vous pouvez seulement envoyer des fichiers que vous avez téléchargés pendant cette session. Demandez de l&apos;aide à un digihelper.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="477"/>
        <source>Welk bestand wil je opladen?</source>
        <translation>Quel fichier voulez-vous envoyer ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="478"/>
        <source>Je kunt een bestand kiezen dat je in deze sessie hebt gedownload.</source>
        <translation>Vous pouvez choisir un fichier que vous avez téléchargé pendant cette session.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="483"/>
        <source>Annuleren</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="501"/>
        <source>Je bestanden</source>
        <translation>Vos fichiers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="502"/>
        <source>Dit heb je gedownload. Als je stopt, wissen we deze bestanden.</source>
        <translation>Voici ce que vous avez téléchargé. Quand vous arrêtez, nous effaçons ces fichiers.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="513"/>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="519"/>
        <source>Bestanden ({count})</source>
        <translation>Fichiers ({count})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/browser.py" line="524"/>
        <source>Deze pagina kan de kiosk niet openen.</source>
        <translation>Cet ordinateur ne peut pas ouvrir cette page.</translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="64"/>
        <source>Vraag de coördinator van de centrale server een koppelcode (een code is 24 uur geldig en werkt één keer). Typ daarna het adres van de server en de code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="66"/>
        <source>Adres van de server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="67"/>
        <source>Koppelcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="70"/>
        <source>Koppelen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="87"/>
        <source>Vul het adres van de server en de koppelcode in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="91"/>
        <source>Bezig met koppelen...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="105"/>
        <source>Gekoppeld. Deze computer synchroniseert nu met de server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="115"/>
        <source>Deze computer heeft geen veilige sleutelbos (zoals Windows Referentiebeheer of GNOME Keyring), dus Digipunt kan de sleutel van de server niet veilig bewaren. Installeer een sleutelbos en probeer opnieuw. Of zet, als de beheerder dat risico aanvaardt, &quot;allow_secret_file&quot;: true in settings.json in de gegevensmap en start Digipunt opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="124"/>
        <source>Dit serveradres kan niet: het {reason}. Bijvoorbeeld: https://sync.digipunt.be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="128"/>
        <source>Deze code klopt niet, is al gebruikt of is verlopen (een code is 24 uur geldig). Vraag de coördinator een nieuwe code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="130"/>
        <source>Digipunt vindt de server niet. Kijk of het internet werkt (wifi of kabel) en of het adres van de server juist is. Probeer daarna opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="132"/>
        <source>De server antwoordt niet op tijd. Probeer het over een paar minuten opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="133"/>
        <source>De beveiligde verbinding met de server is niet in orde (certificaat). Kijk of het adres juist is. Klopt het? Vraag dan de beheerder om het certificaat na te kijken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="135"/>
        <source>De server heeft een probleem. Probeer het over een paar minuten opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="136"/>
        <source>Op dit adres antwoordt geen Digipunt-server. Kijk het adres na. Moet je eerst inloggen op de wifi? Doe dat dan eerst in de browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/enroll_form.py" line="139"/>
        <source>Het koppelen is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? Meld het aan de beheerder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpCallsScreen</name>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="24"/>
        <source>Oproepen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="25"/>
        <source>Er zijn geen oproepen. Als een bezoeker op &apos;Ik heb hulp nodig&apos; tikt, verschijnt dat hier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="50"/>
        <source>sinds {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="53"/>
        <source>Een bezoeker vraagt hulp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="57"/>
        <source>{guide}, stap {n} van {total}: {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="77"/>
        <source>Aannemen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_calls.py" line="93"/>
        <source>Oproep: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{guide}, stap {n}: {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Door jou aangenomen: registreer de hulp als je klaar bent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Niets te registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hulp registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aangenomen. Ga naar {kiosk}. Registreer de hulp hier als je klaar bent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpFormScreen</name>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="113"/>
        <source>Hulpvraag corrigeren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="113"/>
        <source>Hulpvraag registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="114"/>
        <source>Onderwerp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="114"/>
        <source>Duur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="114"/>
        <source>Resultaat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="115"/>
        <source>Plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="115"/>
        <source>Hoe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="115"/>
        <source>Taal van de hulp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="116"/>
        <source>Eerste bezoek?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="116"/>
        <source>Doorverwezen naar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="117"/>
        <source>Doelgroep (mag leeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="117"/>
        <source>Notitie (mag leeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="118"/>
        <source>Bezoekerscode (mag leeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="128"/>
        <source>Alleen over de hulp. Nooit namen, nummers of adressen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="129"/>
        <source>Notitie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="130"/>
        <source>Bezoeker maakt een code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="131"/>
        <source>Code weghalen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="132"/>
        <source>Terug</source>
        <translation type="unfinished">Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="133"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="189"/>
        <source>Je past de hulpvraag van {time} aan. De oude versie blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="192"/>
        <source>Spreekuur: {place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="214"/>
        <source>onderwerp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="216"/>
        <source>duur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="218"/>
        <source>resultaat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="220"/>
        <source>plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="232"/>
        <source>Kies nog: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="261"/>
        <source>Code toegevoegd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="280"/>
        <source>Bezig met opslaan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_form.py" line="291"/>
        <source>Opgeslagen. Je kunt de volgende hulpvraag registreren.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="65"/>
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>Bienvenue. Comment pouvons-nous vous aider ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="66"/>
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>Choisissez d&apos;abord votre langue. Touchez ensuite une tuile. Tout est gratuit.</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="107"/>
        <source>Ben je er nog?</source>
        <translation>Êtes-vous toujours là ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="108"/>
        <source>Je hebt een tijdje niets gedaan. Als je niets kiest, wissen we straks alles wat je deed. Zo ziet de volgende bezoeker niets van jou.</source>
        <translation>Vous n&apos;avez rien fait depuis un moment. Si vous ne choisissez rien, nous allons bientôt effacer tout ce que vous avez fait. Ainsi, la personne suivante ne verra rien de vous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="117"/>
        <source>Ja, ik ben er nog</source>
        <translation>Oui, je suis là</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="118"/>
        <source>Nee, stop en wis alles</source>
        <translation>Non, arrêter et tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="138"/>
        <source>Nog 1 seconde.</source>
        <translation>Encore 1 seconde.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="139"/>
        <source>Nog {n} seconden.</source>
        <translation>Encore {n} secondes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/idle.py" line="0"/>
        <source>Ik ben bezig op mijn gsm</source>
        <translation>Je suis occupé sur mon GSM</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="220"/>
        <source>Wissen</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="221"/>
        <source>Alles wissen</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="222"/>
        <source>Laatste cijfer wissen</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="170"/>
        <source>Begin</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="171"/>
        <source>Terug naar het begin</source>
        <translation>Retour à l&apos;accueil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="173"/>
        <source>Taal kiezen</source>
        <translation>Choisir la langue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="174"/>
        <source>Normale tekst</source>
        <translation>Texte normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="174"/>
        <source>Grote tekst</source>
        <translation>Grand texte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="175"/>
        <source>Heel grote tekst</source>
        <translation>Très grand texte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="178"/>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="179"/>
        <source>Hoog contrast aan of uit</source>
        <translation>Activer ou désactiver le contraste élevé</translation>
    </message>
</context>
<context>
    <name>OverviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="69"/>
        <source>Overzicht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="70"/>
        <source>Vrijwilligersuren per medewerker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="71"/>
        <source>Vorige maand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="72"/>
        <source>Volgende maand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="111"/>
        <source>1 hulpvraag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="112"/>
        <source>{n} hulpvragen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="113"/>
        <source>{help} hulp gegeven · {shift} spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="119"/>
        <source>Vandaag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="120"/>
        <source>Deze maand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="124"/>
        <source>{n} records wachten om gesynchroniseerd te worden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="127"/>
        <source>Alles is gesynchroniseerd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="134"/>
        <source>Medewerker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="134"/>
        <source>Uren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="134"/>
        <source>Spreekuren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/overview.py" line="134"/>
        <source>Automatisch gesloten</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../kiosk/ui/files.py" line="89"/>
        <source>Kleiner</source>
        <translation>Plus petit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/files.py" line="90"/>
        <source>Groter</source>
        <translation>Plus grand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/files.py" line="91"/>
        <source>Afdrukken</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/files.py" line="92"/>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>PinEntry</name>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="273"/>
        <source>{n} cijfers getypt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="56"/>
        <source>Spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="57"/>
        <source>Waar ben je vandaag?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="58"/>
        <source>Welke halte?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="59"/>
        <source>Andere halte: typ de naam van de plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="60"/>
        <source>Spreekuur starten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="61"/>
        <source>Spreekuur beëindigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="122"/>
        <source>Je hebt geen spreekuur gestart. Kies waar je bent en tik op &apos;Spreekuur starten&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="126"/>
        <source>Je spreekuur loopt sinds {time} ({place}). Al {duration}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="138"/>
        <source>Je spreekuur is gestart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/shift.py" line="148"/>
        <source>Opgeslagen: je spreekuur duurde {duration}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="23"/>
        <source>Dat is niet gelukt. Probeer het opnieuw. Lukt het nog altijd niet? Meld het aan de coördinator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffAccountsScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="125"/>
        <source>Medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="127"/>
        <source>Wie kan zich aanmelden op deze computer. Iemand stopt? Deactiveer de medewerker: wat die registreerde, blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="129"/>
        <location filename="../../kiosk/ui/staff_accounts.py" line="225"/>
        <source>Nieuwe medewerker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="130"/>
        <source>Naam, zoals collega&apos;s je kennen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="131"/>
        <source>Rol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="133"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="174"/>
        <source> (jij)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="178"/>
        <source>niet meer actief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="180"/>
        <source>vergrendeld na te veel foute pincodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="184"/>
        <source>Pincode wijzigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="184"/>
        <source>Pincode wijzigen van {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="187"/>
        <source>Deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="187"/>
        <source>{name} deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="230"/>
        <source>Je pincode wijzigen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="234"/>
        <source>Nieuwe pincode voor {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="239"/>
        <source>Typ je huidige pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="226"/>
        <source>Typ de naam en tik op de rol. Geef de computer dan aan de nieuwe medewerker: die typt zelf een pincode van minstens {n} cijfers, twee keer. Kijk even weg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="231"/>
        <source>Typ eerst je huidige pincode. Daarna typ je twee keer je nieuwe pincode, van minstens {n} cijfers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="235"/>
        <source>Geef de computer aan {name}: die typt zelf een nieuwe pincode van minstens {n} cijfers, twee keer. Kijk even weg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="240"/>
        <source>Typ de nieuwe pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="241"/>
        <source>Typ dezelfde pincode nog eens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="244"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="244"/>
        <source>Volgende</source>
        <translation type="unfinished">Suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="256"/>
        <source>Typ eerst de naam van de nieuwe medewerker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="272"/>
        <source>De twee pincodes zijn niet gelijk. Typ de nieuwe pincode opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="302"/>
        <source>{name} is toegevoegd en kan zich nu aanmelden met de eigen pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="305"/>
        <source>Je pincode is gewijzigd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="307"/>
        <source>De pincode van {name} is gewijzigd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="331"/>
        <source>{name} deactiveren?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="332"/>
        <source>Je kunt je daarna niet meer aanmelden en wordt meteen afgemeld. Wat je registreerde, blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="334"/>
        <source>{name} kan zich daarna niet meer aanmelden. Wat {name} registreerde, blijft bewaard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="336"/>
        <source>Nee, niet deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="337"/>
        <source>Ja, deactiveren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_accounts.py" line="353"/>
        <source>{name} is gedeactiveerd.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallBanner</name>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>We roepen een digihelper</source>
        <translation>Nous appelons un digihelper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Even geduld.</source>
        <translation>Un instant, s&apos;il vous plaît.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Annuleer mijn vraag</source>
        <translation>Annuler ma demande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Een digihelper is verwittigd</source>
        <translation>Un digihelper a été appelé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Blijf gerust zitten. Je kunt intussen verder kijken.</source>
        <translation>Restez à votre place. En attendant, vous pouvez continuer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Er is nu geen digihelper</source>
        <translation>Il n&apos;y a pas de digihelper pour le moment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Een digihelper komt naar je toe</source>
        <translation>Un digihelper arrive</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Blijf gerust zitten.</source>
        <translation>Restez à votre place.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Dat is niet gelukt</source>
        <translation>Cela n&apos;a pas fonctionné</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>We konden geen digihelper verwittigen. Vraag het aan de balie.</source>
        <translation>Nous n&apos;avons pas pu appeler un digihelper. Demandez à l&apos;accueil.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Vraag het aan de balie.</source>
        <translation>Demandez à l&apos;accueil.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/call_banner.py" line="0"/>
        <source>Vraag het aan de balie. Het volgende spreekuur is {when}.</source>
        <translation>Demandez à l&apos;accueil. La prochaine permanence est {when}.</translation>
    </message>
</context>
<context>
    <name>TakeAlong</name>
    <message>
        <location filename="../../kiosk/ui/visitor/goodbye.py" line="0"/>
        <source>Neem je eID, je bankkaart en je gsm mee.</source>
        <translation>Reprenez votre carte d&apos;identité, votre carte bancaire et votre GSM.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/goodbye.py" line="0"/>
        <source>Identiteitskaart, bankkaart en gsm</source>
        <translation>Carte d&apos;identité, carte bancaire et GSM</translation>
    </message>
</context>
<context>
    <name>StaffLoginScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="67"/>
        <source>Aanmelden voor medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="68"/>
        <source>1. Tik op je naam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="69"/>
        <source>2. Typ je pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="70"/>
        <source>Aanmelden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="71"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="134"/>
        <source>Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over {n} minuten, of vraag een collega.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="137"/>
        <source>Te veel foute pincodes. Je account is vergrendeld. Probeer opnieuw over 1 minuut, of vraag een collega.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_login.py" line="140"/>
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
        <location filename="../../kiosk/ui/staff_menu.py" line="45"/>
        <source>Menu voor medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="47"/>
        <source>Hulpvraag registreren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="48"/>
        <source>Hulpvragen van vandaag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="49"/>
        <source>Spreekuur (loopt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="49"/>
        <source>Spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="50"/>
        <source>Oproepen ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="51"/>
        <source>Overzicht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="52"/>
        <source>Medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="53"/>
        <source>Instellingen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="54"/>
        <source>Synchronisatie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="55"/>
        <source>Kiosk afsluiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="94"/>
        <source>Je spreekuur loopt sinds {time} ({place}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="97"/>
        <source>Je hebt geen spreekuur gestart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="99"/>
        <source>Er wacht een bezoeker op hulp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="100"/>
        <source>Er wachten {n} bezoekers op hulp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="121"/>
        <source>Kiosk afsluiten?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="122"/>
        <source>Digipunt stopt. Bezoekers kunnen deze computer dan niet meer gebruiken tot iemand Digipunt opnieuw start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="124"/>
        <source>Nee, blijf open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_menu.py" line="125"/>
        <source>Ja, afsluiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registreer nog de hulp bij je aangenomen oproep (bij Oproepen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleutel voor oproepen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="309"/>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="310"/>
        <source>Terug naar het menu voor medewerkers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="311"/>
        <source>Afmelden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_widgets.py" line="319"/>
        <source>Aangemeld: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffSettingsScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="107"/>
        <source>Instellingen van deze computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="108"/>
        <source>Deze instellingen gelden voor elke bezoeker van deze computer. Nieuwe standaardwaarden gelden vanaf de volgende bezoeker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="111"/>
        <source>Standaardtaal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="112"/>
        <source>Tijd zonder activiteit voor &apos;Ben je er nog?&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="113"/>
        <source>Aftelling voor alles gewist wordt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="114"/>
        <source>Adres van het e-loket van de stad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="115"/>
        <source>Startpagina van de browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="116"/>
        <source>Officiële websites (één domein per regel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="117"/>
        <source>Standaard tekstgrootte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="118"/>
        <source>Standaard hoog contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="119"/>
        <source>Geheimen in een bestand toestaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="125"/>
        <source> seconden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="128"/>
        <source>Normaal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="128"/>
        <source>Groot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="128"/>
        <source>Heel groot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="132"/>
        <source>Aan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="133"/>
        <source>Alleen als deze computer geen veilige sleutelbos heeft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="135"/>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="136"/>
        <source>Wijzigingen ongedaan maken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="137"/>
        <source>Terug</source>
        <translation type="unfinished">Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="177"/>
        <source>Niet opgeslagen. Verbeter wat in het rood staat en probeer opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="190"/>
        <source>Opgeslagen. Nieuwe standaardwaarden gelden vanaf de volgende bezoeker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_settings.py" line="194"/>
        <source>Opslaan is mislukt: {reason}. Controleer of de gegevensmap beschreven kan worden en probeer opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffSetupScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="168"/>
        <source>Eerste keer instellen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="135"/>
        <source>Jouw naam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="135"/>
        <source>Naam van deze plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="136"/>
        <source>Soort plek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="136"/>
        <source>Pincode (minstens 6 cijfers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="137"/>
        <source>Pincode nog eens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="139"/>
        <source>bijvoorbeeld: Digipunt Bibliotheek Tweebronnen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="131"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="121"/>
        <source>Op deze computer zijn nog geen medewerkers. Kies hoe je deze kiosk instelt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="124"/>
        <source>Deze kiosk verbinden met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="125"/>
        <source>Voor steden en digibanken met een centrale server. De medewerkers komen dan van de server. Je hebt het adres van de server en een koppelcode nodig.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="128"/>
        <location filename="../../kiosk/ui/staff_setup.py" line="167"/>
        <source>Eerste coördinator aanmaken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="129"/>
        <source>Voor een kiosk zonder server. Je maakt hier zelf de eerste coördinator aan en geeft deze plek een naam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="132"/>
        <location filename="../../kiosk/ui/staff_setup.py" line="141"/>
        <source>Terug</source>
        <translation type="unfinished">Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="133"/>
        <source>Maak de eerste coördinator van deze kiosk aan. Daarna meld je je aan met je naam en pincode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="142"/>
        <source>Coördinator aanmaken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="166"/>
        <source>Verbinden met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="192"/>
        <source>Gekoppeld, maar de server heeft nog geen medewerkers voor deze kiosk. Vraag de coördinator van de server om medewerkers toe te voegen. Ze verschijnen hier na de volgende synchronisatie (binnen enkele minuten).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_setup.py" line="199"/>
        <source>De twee pincodes zijn niet gelijk. Typ ze opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffSyncScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="163"/>
        <source>Geen verbinding met de server. Kijk of het internet werkt (wifi of kabel). De records blijven veilig op deze computer en gaan later vanzelf mee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="165"/>
        <source>De server antwoordt niet op tijd. Digipunt probeert het later opnieuw. De records blijven veilig op deze computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="167"/>
        <source>De beveiligde verbinding met de server is niet in orde (certificaat). Vraag de beheerder om het serveradres en het certificaat na te kijken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="169"/>
        <source>De server heeft een probleem. Digipunt probeert het later opnieuw. De records blijven veilig op deze computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="171"/>
        <source>Het netwerk geeft een andere pagina in plaats van de server. Moet je eerst inloggen op de wifi? Open dan de browser. Digipunt probeert het later opnieuw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="174"/>
        <source>Deze computer is niet meer gekoppeld met de server. Vraag de coördinator een nieuwe code en koppel opnieuw. Er gaan geen records verloren.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="176"/>
        <source>Deze computer is nog niet gekoppeld met de centrale server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="177"/>
        <source>De server weigert de gegevens. Meld dit aan de beheerder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="179"/>
        <source>Er ging iets mis bij het synchroniseren. Digipunt probeert het later opnieuw. Blijft dit gebeuren? Meld het aan de beheerder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="183"/>
        <source>Hulpvraag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="183"/>
        <source>Spreekuur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="188"/>
        <source>op de server staat al een andere versie van dit record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="190"/>
        <source>de server vindt het ongeldig ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="192"/>
        <source>het is op deze computer beschadigd ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="197"/>
        <source>nog nooit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="200"/>
        <source>vandaag om {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="205"/>
        <source>Synchronisatie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="206"/>
        <source>Records die wachten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="206"/>
        <source>Laatst gelukt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="207"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="209"/>
        <source>Nu synchroniseren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="210"/>
        <source>De server weigert deze records. Ze blijven op deze computer bewaard en houden de andere records niet tegen. Meld ze aan de beheerder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="212"/>
        <source>Opnieuw proberen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="213"/>
        <source>Koppelen met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="214"/>
        <source>Opnieuw koppelen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="223"/>
        <source>Nog niet gekoppeld met de centrale server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="225"/>
        <source>Bezig met synchroniseren...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="227"/>
        <source>Koppel deze computer opnieuw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="229"/>
        <source>Nog niet geprobeerd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="231"/>
        <source>Verbonden met de server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="231"/>
        <source>Geen verbinding met de server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="239"/>
        <source>geen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="245"/>
        <source>De klok van deze computer loopt {n} minuten voor op de server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="246"/>
        <source>De klok van deze computer loopt {n} minuten achter op de server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="247"/>
        <source>Vraag de beheerder om datum en tijd juist te zetten. De records houden de tijd van deze computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="258"/>
        <source>{done} van {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="263"/>
        <source>Geweigerde records ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="268"/>
        <source>en nog {n} andere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="274"/>
        <source>Alle records blijven op deze computer bewaard. Ze gaan mee zodra de computer gekoppeld is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_sync.py" line="275"/>
        <source>Vraag de coördinator om deze computer te koppelen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="29"/>
        <source>Hulpvragen van vandaag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="30"/>
        <source>Nog geen hulpvragen vandaag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="73"/>
        <source>Corrigeren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="75"/>
        <source>Annuleren</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="83"/>
        <source>Hulpvraag annuleren?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="84"/>
        <source>De hulpvraag telt dan niet meer mee. De oude versie blijft bewaard, met de vermelding dat ze geannuleerd is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="86"/>
        <source>Nee, houden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="87"/>
        <source>Ja, annuleren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/help_today.py" line="102"/>
        <source>Geannuleerd.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitorCodeDialog</name>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="27"/>
        <source>Bezoekerscode</source>
        <translation>Code visiteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="28"/>
        <source>Voor de bezoeker: typ zelf je initialen en je geboortedatum. We bewaren ze niet. We maken er een code van die niemand kan terugrekenen. Zo tellen we hoeveel verschillende mensen we helpen.</source>
        <translation>Pour le visiteur : tapez vous-même vos initiales et votre date de naissance. Nous ne les gardons pas. Nous en faisons un code que personne ne peut décoder. Ainsi, nous comptons combien de personnes différentes nous aidons.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="36"/>
        <source>Je initialen (bijvoorbeeld: JP)</source>
        <translation>Vos initiales (par exemple : JP)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="41"/>
        <source>Je initialen</source>
        <translation>Vos initiales</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="44"/>
        <source>Je geboortedatum: dag, maand, jaar</source>
        <translation>Votre date de naissance : jour, mois, année</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="56"/>
        <source>Annuleren</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="57"/>
        <source>Code maken</source>
        <translation>Créer le code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="70"/>
        <source>dd-mm-jjjj</source>
        <comment>10 characters: day, month, year letters with dashes at places 3 and 6</comment>
        <translation>jj-mm-aaaa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="77"/>
        <source>Typ de eerste letter van je voornaam en van je familienaam (1 tot {n} letters).</source>
        <translation>Tapez la première lettre de votre prénom et de votre nom de famille (1 à {n} lettres).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="79"/>
        <source>Typ je geboortedatum met 8 cijfers: dag, maand, jaar. Bijvoorbeeld 05091948 voor 5 september 1948.</source>
        <translation>Tapez votre date de naissance en 8 chiffres : jour, mois, année. Par exemple 05091948 pour le 5 septembre 1948.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="81"/>
        <source>Deze datum bestaat niet. Kijk de dag, de maand en het jaar na.</source>
        <translation>Cette date n'existe pas. Vérifiez le jour, le mois et l'année.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor_code_dialog.py" line="91"/>
        <source>{n} van 8 cijfers getypt</source>
        <translation>{n} chiffres sur 8 tapés</translation>
    </message>
</context>
<context>
    <name>VisitorSession</name>
    <message>
        <location filename="../../kiosk/ui/session.py" line="130"/>
        <source>Stop en wis alles</source>
        <translation>Arrêter et tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="131"/>
        <source>Stoppen en alles wissen wat je hier deed</source>
        <translation>Arrêter et effacer tout ce que vous avez fait ici</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="155"/>
        <source>Stoppen en alles wissen?</source>
        <translation>Arrêter et tout effacer ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="156"/>
        <source>We wissen alles wat je hier deed: websites, wachtwoorden, bestanden en wat je typte. De volgende bezoeker ziet niets van jou.</source>
        <translation>Nous effaçons tout ce que vous avez fait ici : sites web, mots de passe, fichiers et ce que vous avez tapé. La personne suivante ne verra rien de vous.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="158"/>
        <source>Nee, ga verder</source>
        <translation>Non, continuer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="159"/>
        <source>Ja, wis alles</source>
        <translation>Oui, tout effacer</translation>
    </message>
</context>
<context>
    <name>WalkthroughView</name>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="1"/>
        <source>Oefenen</source>
        <translation>S’exercer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/visitor/walkthrough.py" line="1"/>
        <source>Oefen eerst op een oefenwebsite in de kiosk</source>
        <translation>Exercez-vous d’abord sur un site d’exercice dans le kiosque</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="303"/>
        <source>Stap %1 van %2</source>
        <translation>Étape %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="326"/>
        <source>Vorige</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="327"/>
        <location filename="../../kiosk/ui/walkthrough.py" line="328"/>
        <source>Klaar</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="327"/>
        <source>Volgende</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="328"/>
        <source>Volgende stap</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="333"/>
        <source>Vorige stap</source>
        <translation>Étape précédente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="334"/>
        <source>Voorlezen</source>
        <translation>Écouter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="335"/>
        <source>Lees deze stap voor</source>
        <translation>Lire cette étape à voix haute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="336"/>
        <source>Open de website</source>
        <translation>Ouvrir le site</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="337"/>
        <source>Open de officiële website</source>
        <translation>Ouvrir le site officiel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="338"/>
        <source>Ik heb hulp nodig</source>
        <translation>J&apos;ai besoin d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="339"/>
        <source>Ik heb hulp nodig: roep een digihelper</source>
        <translation>J&apos;ai besoin d&apos;aide : appeler un digihelper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="340"/>
        <source>Toon ook Nederlands</source>
        <translation>Aussi en néerlandais</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="341"/>
        <source>Toon de Nederlandse tekst ernaast</source>
        <translation>Afficher le texte néerlandais à côté</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="342"/>
        <source>Vertaling ter hulp</source>
        <translation>Traduction d&apos;aide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="343"/>
        <location filename="../../kiosk/ui/walkthrough.py" line="344"/>
        <source>Vertaling als hulp. De Nederlandse tekst is de officiële.</source>
        <translation>Traduction pour aider. Seul le néerlandais est officiel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="345"/>
        <source>Nog niet vertaald: Nederlandse tekst</source>
        <translation>Pas encore traduit : texte en néerlandais</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkthrough.py" line="346"/>
        <source>Deze stap is nog niet vertaald. Je ziet de Nederlandse tekst.</source>
        <translation>Cette étape n&apos;est pas encore traduite. Vous voyez le texte néerlandais.</translation>
    </message>
    <message>
        <source>Stap %1</source>
        <translation>Étape %1</translation>
    </message>
    <message>
        <source>Afdrukken</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Druk de stappen af om mee te nemen</source>
        <translation>Imprimer les étapes à emporter</translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <location filename="../../kiosk/ui/staff_screenshots.py" line="49"/>
        <source>Deze pincode klopt niet. Je kunt het nog 4 keer proberen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>screen</name>
    <message>
        <location filename="../../kiosk/ui/staff_accounts_screenshots.py" line="58"/>
        <source>De pincode van {name} is gewijzigd.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>Vandaag is er een digihelper van {start} tot {end}</source>
        <translation>Aujourd'hui, un digihelper est là de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>Volgende spreekuur: {date}, {start}</source>
        <translation>Prochaine permanence : {date}, {start}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>De digibus komt:</source>
        <translation>Le digibus passe :</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>{date} van {start} tot {end}: {address}</source>
        <translation>{date} de {start} à {end} : {address}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>Volgende halte van de digibus: {date}, {start}, {address}</source>
        <translation>Prochain arrêt du digibus : {date}, {start}, {address}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>vandaag</source>
        <translation>aujourd'hui</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>morgen</source>
        <translation>demain</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>{weekday} {day} {month}</source>
        <translation>{weekday} {day} {month}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>maandag</source>
        <translation>lundi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>dinsdag</source>
        <translation>mardi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>woensdag</source>
        <translation>mercredi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>donderdag</source>
        <translation>jeudi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>vrijdag</source>
        <translation>vendredi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>zaterdag</source>
        <translation>samedi</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>zondag</source>
        <translation>dimanche</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>januari</source>
        <translation>janvier</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>februari</source>
        <translation>février</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>maart</source>
        <translation>mars</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>april</source>
        <translation>avril</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>mei</source>
        <translation>mai</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>juni</source>
        <translation>juin</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>juli</source>
        <translation>juillet</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>augustus</source>
        <translation>août</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>september</source>
        <translation>septembre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>oktober</source>
        <translation>octobre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>november</source>
        <translation>novembre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/schedule.py" line="1"/>
        <source>december</source>
        <translation>décembre</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/workshops.py" line="1"/>
        <source>Vormingen hier:</source>
        <translation>Ateliers ici :</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/workshops.py" line="1"/>
        <source>{date} om {start}: {title}</source>
        <translation>{date} à {start} : {title}</translation>
    </message>
    <message>
        <location filename="../../kiosk/core/workshops.py" line="1"/>
        <source>{date} om {start} ({place}): {title}</source>
        <translation>{date} à {start} ({place}) : {title}</translation>
    </message>
</context>
<context>
    <name>GuidePrintout</name>
    <message>
        <source>ga verder bij stap {n}</source>
        <translation>continuez à l'étape {n}</translation>
    </message>
    <message>
        <source>Klaar.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>Digipunt: de stappen om mee te nemen. Gedrukt op {date}.</source>
        <translation>Digipunt : les étapes à emporter. Imprimé le {date}.</translation>
    </message>
    <message>
        <source>Officiële website:</source>
        <translation>Site officiel :</translation>
    </message>
    <message>
        <source>Scan de code met de camera van je gsm om de website te openen.</source>
        <translation>Scannez le code avec l'appareil photo de votre téléphone pour ouvrir le site.</translation>
    </message>
    <message>
        <source>Hulp nodig?</source>
        <translation>Besoin d'aide ?</translation>
    </message>
    <message>
        <source>Website van {name}:</source>
        <translation>Site de {name} :</translation>
    </message>
</context>
<context>
    <name>CallKeyScreen</name>
    <message>
        <source>Sleutel voor oproepen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typ de sleutel van de andere computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleutel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opslaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nieuwe sleutel maken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deze computer is verbonden met de centrale server. De server geeft de sleutel aan de computers van deze locatie. Je hoeft niets te typen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met dezelfde sleutel op elke computer van deze locatie komt een oproep van een bezoeker op alle computers toe. Maak hier een sleutel en typ hem over op de andere computers, of typ de sleutel van een andere computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleutel van deze computer: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nog geen sleutel: oproepen blijven op deze computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opgeslagen. Oproepen gebruiken deze sleutel nu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LendingScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="111"/>
        <source>Uitlenen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="112"/>
        <source>Terugbrengen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="112"/>
        <source>Verlengen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="113"/>
        <source>Uitgeleend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="114"/>
        <source>Inventarisnummer: scan het toestel of typ het nummer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="115"/>
        <source>bijvoorbeeld LPT-001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="116"/>
        <source>Zoek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="117"/>
        <source>Terugbrengen op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="118"/>
        <source>Meegegeven</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="119"/>
        <source>Waarom mag deze persoon lenen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="120"/>
        <source>Contact van de ontlener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="121"/>
        <source>Naam en telefoon worden meteen versleuteld: deze computer kan ze daarna niet meer lezen. Alleen de coördinator opent ze, als het toestel te laat is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="124"/>
        <source>Naam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="125"/>
        <source>Telefoonnummer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="127"/>
        <source>In welke staat is het toestel?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="128"/>
        <source>Teruggebracht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="129"/>
        <source>Terugnemen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="130"/>
        <source>Nieuwe terugbrengdatum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="173"/>
        <source> — uitgeleend, terug op {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="200"/>
        <source>Uitgeleend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="207"/>
        <source>Teruggenomen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="212"/>
        <source>Verlengd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="222"/>
        <source>Er is nu geen toestel uitgeleend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="227"/>
        <source> — {n} dagen te laat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="228"/>
        <source>terug op {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Inventarisnummer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Scan het toestel of typ het nummer, bijvoorbeeld LPT-001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Wil de ontlener dat naam en telefoonnummer nu al gewist worden? Scan het toestel. Het contact van de laatste uitlening ervan wordt dan gewist, hier en op de centrale server. Anders gebeurt dat vanzelf, een tijd na het terugbrengen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Contact nu wissen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Naam en telefoonnummer van de laatste uitlening van dit toestel worden gewist, hier en op de centrale server. De coördinator kan de ontlener daarna niet meer bellen. De uitlening zelf blijft geteld.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Nee, houden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Ja, wissen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Code toegevoegd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Contact wissen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Contact van de ontlener van {tag} wissen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Contact gewist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Bezoekerscode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>Weghalen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/lending.py" line="1"/>
        <source>De ontlener typt ze (mag leeg).</source>
        <translation type="unfinished"></translation>
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
        <location filename="../../kiosk/ui/staff/workshops.py" line="107"/>
        <source>{n} bezoekerscodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/workshops.py" line="123"/>
        <source>Opgeslagen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
