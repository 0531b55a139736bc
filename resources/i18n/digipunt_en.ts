<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="71" />
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>Welcome. How can we help you?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="72" />
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>First choose your language. Then tap a tile. Everything is free.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="119" />
        <source>Begin</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="120" />
        <source>Terug naar het begin</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="122" />
        <source>Taal kiezen</source>
        <translation>Choose language</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Normale tekst</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Grote tekst</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="124" />
        <source>Heel grote tekst</source>
        <translation>Very large text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="127" />
        <source>Contrast</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="128" />
        <source>Hoog contrast aan of uit</source>
        <translation>High contrast on or off</translation>
    </message>
</context>
</TS>