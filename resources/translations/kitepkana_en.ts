<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DaysAgo</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n file(s) (videos) are not on this computer and will not be copied.</source>
        <translation>
            <numerusform>%n file (a video) is not on this computer and will not be copied.</numerusform>
            <numerusform>%n files (videos) are not on this computer and will not be copied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) were not on this computer and were not copied.</source>
        <translation>
            <numerusform>%n file (a video) was not on this computer and was not copied.</numerusform>
            <numerusform>%n files (videos) were not on this computer and were not copied.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedsPanel</name>
    <message numerus="yes">
        <source>%1 — %n item(s), newest update %3</source>
        <translation>
            <numerusform>%1 — %n item, newest update %3</numerusform>
            <numerusform>%1 — %n items, newest update %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove &quot;%1&quot; and the %n item(s) it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</source>
        <translation>
            <numerusform>Remove &quot;%1&quot; and the %n item it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</numerusform>
            <numerusform>Remove &quot;%1&quot; and the %n items it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n item(s) in the library</source>
        <translation>
            <numerusform>%n item in the library</numerusform>
            <numerusform>%n items in the library</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many wrong tries. Wait %n second and try again.</numerusform>
            <numerusform>Too many wrong tries. Wait %n seconds and try again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n minute(s) and try again.</source>
        <translation>
            <numerusform>Too many wrong tries. Wait %n minute and try again.</numerusform>
            <numerusform>Too many wrong tries. Wait %n minutes and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), newest first</source>
        <translation>
            <numerusform>%n item, newest first</numerusform>
            <numerusform>%n items, newest first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No item has all of these words. Showing the items that have some of them (%n found).</source>
        <translation>
            <numerusform>No item has all of these words. Showing the item that has some of them (%n found).</numerusform>
            <numerusform>No item has all of these words. Showing the items that have some of them (%n found).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message numerus="yes">
        <source>%n video(s) can be downloaded later, from Downloads.</source>
        <translation>
            <numerusform>%n video can be downloaded later, from Downloads.</numerusform>
            <numerusform>%n videos can be downloaded later, from Downloads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) were not changed: they belong to another library, which alone may change them.</source>
        <translation>
            <numerusform>%n item was not changed: it belongs to another library, which alone may change it.</numerusform>
            <numerusform>%n items were not changed: they belong to another library, which alone may change them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsbKitDialog</name>
    <message numerus="yes">
        <source>%n file(s) (videos) were not on this computer and were not copied.</source>
        <translation>
            <numerusform>%n file (a video) was not on this computer and was not copied.</numerusform>
            <numerusform>%n files (videos) were not on this computer and were not copied.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsbWizard</name>
    <message numerus="yes">
        <source>%n video(s) are not on this computer yet: they would not be copied. Download them first (with internet), then come back.</source>
        <translation>
            <numerusform>%n video is not on this computer yet: it would not be copied. Download it first (with internet), then come back.</numerusform>
            <numerusform>%n videos are not on this computer yet: they would not be copied. Download them first (with internet), then come back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitorStrip</name>
    <message numerus="yes">
        <source>Visitor mode is on. Your notes, bookmarks and history are cleared when you press “I&apos;m done”, or after %n minute(s) without use.</source>
        <translation>
            <numerusform>Visitor mode is on. Your notes, bookmarks and history are cleared when you press “I&apos;m done”, or after %n minute without use.</numerusform>
            <numerusform>Visitor mode is on. Your notes, bookmarks and history are cleared when you press “I&apos;m done”, or after %n minutes without use.</numerusform>
        </translation>
    </message>
</context>
</TS>
