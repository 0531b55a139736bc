<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar_EG">
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/home.py" line="71" />
        <source>Welkom. Waarmee kunnen we je helpen?</source>
        <translation>مرحبًا. كيف يمكننا مساعدتك؟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/home.py" line="72" />
        <source>Kies eerst je taal. Tik daarna op een tegel. Alles is gratis.</source>
        <translation>اختر لغتك أولًا. ثم اضغط على مربع. كل شيء مجاني.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="119" />
        <source>Begin</source>
        <translation>البداية</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="120" />
        <source>Terug naar het begin</source>
        <translation>العودة إلى البداية</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="122" />
        <source>Taal kiezen</source>
        <translation>اختيار اللغة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Normale tekst</source>
        <translation>نص عادي</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="123" />
        <source>Grote tekst</source>
        <translation>نص كبير</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="124" />
        <source>Heel grote tekst</source>
        <translation>نص كبير جدًا</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="127" />
        <source>Contrast</source>
        <translation>التباين</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="128" />
        <source>Hoog contrast aan of uit</source>
        <translation>تشغيل أو إيقاف التباين العالي</translation>
    </message>
</context>
</TS>