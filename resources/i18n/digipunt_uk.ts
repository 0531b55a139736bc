<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="uk_UA">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="71" />
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>Вітаємо. Чим ми можемо вам допомогти?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="72" />
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>Спочатку виберіть мову. Потім натисніть на плитку. Усе безкоштовно.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="119" />
        <source>Begin</source>
        <translation>Початок</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="120" />
        <source>Terug naar het begin</source>
        <translation>Повернутися на початок</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="122" />
        <source>Taal kiezen</source>
        <translation>Вибрати мову</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Normale tekst</source>
        <translation>Звичайний текст</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Grote tekst</source>
        <translation>Великий текст</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="124" />
        <source>Heel grote tekst</source>
        <translation>Дуже великий текст</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="127" />
        <source>Contrast</source>
        <translation>Контраст</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="128" />
        <source>Hoog contrast aan of uit</source>
        <translation>Високий контраст увімкнути або вимкнути</translation>
    </message>
</context>
</TS>