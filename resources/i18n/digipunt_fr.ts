<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="71" />
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>Bienvenue. Comment pouvons-nous vous aider ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="72" />
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>Choisissez d'abord votre langue. Touchez ensuite une tuile. Tout est gratuit.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="119" />
        <source>Begin</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="120" />
        <source>Terug naar het begin</source>
        <translation>Retour à l'accueil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="122" />
        <source>Taal kiezen</source>
        <translation>Choisir la langue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Normale tekst</source>
        <translation>Texte normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Grote tekst</source>
        <translation>Grand texte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="124" />
        <source>Heel grote tekst</source>
        <translation>Très grand texte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="127" />
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="128" />
        <source>Hoog contrast aan of uit</source>
        <translation>Contraste élevé activé ou désactivé</translation>
    </message>
</context>
</TS>