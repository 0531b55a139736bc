<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="tr_TR">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="71" />
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>Hoş geldiniz. Size nasıl yardımcı olabiliriz?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="72" />
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>Önce dilinizi seçin. Sonra bir kutucuğa dokunun. Her şey ücretsiz.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="119" />
        <source>Begin</source>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="120" />
        <source>Terug naar het begin</source>
        <translation>Başa dön</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="122" />
        <source>Taal kiezen</source>
        <translation>Dil seçin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Normale tekst</source>
        <translation>Normal yazı</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Grote tekst</source>
        <translation>Büyük yazı</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="124" />
        <source>Heel grote tekst</source>
        <translation>Çok büyük yazı</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="127" />
        <source>Contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="128" />
        <source>Hoog contrast aan of uit</source>
        <translation>Yüksek kontrast açık veya kapalı</translation>
    </message>
</context>
</TS>