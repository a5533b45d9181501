<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ky_KG">
<context>
    <name>AccessCodeBox</name>
    <message>
        <source>The PC at %1 did not accept that access code. Check the code with its librarian, type it again, then click Try again.</source>
        <translation>%1 дарегиндеги компьютер бул кирүү кодун кабыл алган жок. Кодду анын китепканачысынан тактап, кайра териңиз да, «Кайра аракет кылуу» баскычын басыңыз.</translation>
    </message>
    <message>
        <source>The PC at %1 shares its library only with an access code, so its files cannot be downloaded without it. Type the code its librarian gives you, then click Try again.</source>
        <translation>%1 дарегиндеги компьютер өз китепканасын кирүү коду менен гана бөлүшөт, ошондуктан анын файлдарын кодсуз жүктөп алууга болбойт. Анын китепканачысы берген кодду териңиз да, «Кайра аракет кылуу» баскычын басыңыз.</translation>
    </message>
    <message>
        <source>Access c&amp;ode:</source>
        <translation>Кирүү к&amp;оду:</translation>
    </message>
    <message>
        <source>Ask that PC&apos;s librarian</source>
        <translation>Ошол компьютердин китепканачысынан сураңыз</translation>
    </message>
    <message>
        <source>Access code of the PC the files come from</source>
        <translation>Файлдар келген компьютердин кирүү коду</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Кайра аракет кылуу</translation>
    </message>
</context>
<context>
    <name>AccessCodeRow</name>
    <message>
        <source>Ask that PC&apos;s librarian</source>
        <translation>Ошол компьютердин китепканачысынан сураңыз</translation>
    </message>
    <message>
        <source>Access code of the PC nearby</source>
        <translation>Жакын жердеги компьютердин кирүү коду</translation>
    </message>
    <message>
        <source>Access &amp;code of %1:</source>
        <translation>%1 компьютеринин кирүү &amp;коду:</translation>
    </message>
    <message>
        <source>%1 shares its library only with an access code. Type the code its librarian gives you, then click Update now.</source>
        <translation>%1 өз китепканасын кирүү коду менен гана бөлүшөт. Анын китепканачысы берген кодду териңиз, андан кийин «Азыр жаңыртуу» баскычын басыңыз.</translation>
    </message>
</context>
<context>
    <name>DaysAgo</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n күн мурун</numerusform>
            <numerusform>%n күн мурун</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadOffer</name>
    <message>
        <source>This video did not come with an update this PC received, so it cannot be downloaded from here. It can be copied from a USB drive that holds the library, or it will arrive with a later update.</source>
        <translation>Бул видео ушул компьютер алган жаңыртуулар менен келген эмес, ошондуктан аны бул жерден жүктөп алууга болбойт. Аны китепкана жазылган USB-флешкадан көчүрүп алса болот, же ал кийинки жаңыртуулардын бири менен келет.</translation>
    </message>
    <message>
        <source>The place this library updates from cannot be reached. Check the Internet connection (or plug in the USB drive) and try again.</source>
        <translation>Китепкана жаңыртылуучу жерге туташуу мүмкүн эмес. Интернет байланышын текшериңиз (же USB-флешканы сайыңыз) жана кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The connection stopped answering. Try again later: the download continues where it stopped.</source>
        <translation>Байланыш жооп бербей калды. Кийинчерээк кайра аракет кылыңыз: жүктөө токтогон жеринен уланат.</translation>
    </message>
    <message>
        <source>The server answered with an error. Try again later.</source>
        <translation>Сервер ката менен жооп берди. Кийинчерээк кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The update source no longer has this video. Update the library first, then try again.</source>
        <translation>Жаңыртуу булагында бул видео жок болуп калган. Адегенде китепкананы жаңыртып, андан кийин кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The place this library updates from holds no library now (perhaps a Wi-Fi sign-in page). Try again later.</source>
        <translation>Китепкана жаңыртылуучу жерде азыр китепкана жок (балким, Wi-Fi тармагына кирүү барагы ачылып жаткандыр). Кийинчерээк кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The USB drive or folder could not be read. Check that it is plugged in and try again.</source>
        <translation>USB-флешканы же папканы окуу мүмкүн болгон жок. Анын сайылганын текшерип, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The video arrived damaged and was not kept. Try again.</source>
        <translation>Видео бузулуп келди жана сакталган жок. Кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>There is not enough free space on this PC&apos;s disk. Free some space and try again.</source>
        <translation>Бул компьютердин дискинде бош орун жетишсиз. Бир аз орун бошотуп, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The video could not be saved on this PC. Free some disk space or ask for help, then try again.</source>
        <translation>Видеону бул компьютерге сактоо мүмкүн болгон жок. Дисктен орун бошотуңуз же жардам сураңыз, андан кийин кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Download stopped. Next time it continues where it stopped.</source>
        <translation>Жүктөө токтотулду. Кийинки жолу токтогон жеринен уланат.</translation>
    </message>
    <message>
        <source>The video could not be downloaded.</source>
        <translation>Видеону жүктөп алуу мүмкүн болгон жок.</translation>
    </message>
    <message>
        <source>This video is not on this PC.</source>
        <translation>Бул видео бул компьютерде жок.</translation>
    </message>
    <message>
        <source>&amp;Download it</source>
        <translation>&amp;Жүктөп алуу</translation>
    </message>
    <message>
        <source>Download the video</source>
        <translation>Видеону жүктөп алуу</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Жокко &amp;чыгаруу</translation>
    </message>
    <message>
        <source>Stop downloading</source>
        <translation>Жүктөөнү токтотуу</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Жүктөөнүн жүрүшү</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Кененирээк: %1</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Жүктөлүүдө…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Токтотулууда…</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Not downloaded</source>
        <translation>Жүктөлгөн эмес</translation>
    </message>
    <message>
        <source>Waiting in the queue</source>
        <translation>Кезекте күтүүдө</translation>
    </message>
    <message>
        <source>Downloading… %p%</source>
        <translation>Жүктөлүүдө… %p%</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Токтотулууда…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Тындырылды</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Жүктөлдү</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ишке ашкан жок</translation>
    </message>
    <message>
        <source>Needs the access code</source>
        <translation>Кирүү коду керек</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <source>Files that are not on this computer yet — mostly videos, which are downloaded only when you ask. Select a row and press Download.</source>
        <translation>Бул компьютерде азырынча жок файлдар — негизинен видеолор, алар сиз сураганда гана жүктөлөт. Сапты тандап, «Жүктөп алуу» баскычын басыңыз.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Аталышы</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Түрү</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Көлөмү</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Жүктөөлөр</translation>
    </message>
    <message>
        <source>Every file of the library is on this computer.</source>
        <translation>Китепкананын бардык файлдары бул компьютерде бар.</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>Жүктөп &amp;алуу</translation>
    </message>
    <message>
        <source>Download the selected items</source>
        <translation>Тандалгандарды жүктөп алуу</translation>
    </message>
    <message>
        <source>Download &amp;all</source>
        <translation>&amp;Баарын жүктөп алуу</translation>
    </message>
    <message>
        <source>Download every item in the list</source>
        <translation>Тизмедеги баарын жүктөп алуу</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Ты&amp;ныгуу</translation>
    </message>
    <message>
        <source>Pause the selected downloads</source>
        <translation>Тандалган жүктөөлөрдү тындыруу</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Улантуу</translation>
    </message>
    <message>
        <source>Resume the selected downloads</source>
        <translation>Тандалган жүктөөлөрдү улантуу</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Жокко &amp;чыгаруу</translation>
    </message>
    <message>
        <source>Cancel the selected downloads</source>
        <translation>Тандалган жүктөөлөрдү жокко чыгаруу</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Жаңы&amp;лоо</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Тизмени жаңылоо</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>%1 — жүрүшү</translation>
    </message>
    <message>
        <source>Space used by the library&apos;s files: %1</source>
        <translation>Китепкана файлдары ээлеген орун: %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>азырынча жок</translation>
    </message>
    <message>
        <source>Free on the library&apos;s disk: %1 of %2</source>
        <translation>Китепкананын дискинде бош орун: %1 (жалпысы %2)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Copy library to a USB drive</source>
        <translation>Китепкананы USB-флешкага көчүрүү</translation>
    </message>
    <message>
        <source>Copy this library onto a USB drive. Another computer can then update its library from the drive, without internet.</source>
        <translation>Бул китепкананы USB-флешкага көчүрүңүз. Андан кийин башка компьютер өз китепканасын интернетсиз ушул флешкадан жаңырта алат.</translation>
    </message>
    <message>
        <source>Copy &amp;to:</source>
        <translation>&amp;Кайда көчүрүү:</translation>
    </message>
    <message>
        <source>Drive or folder to copy to</source>
        <translation>Көчүрүлө турган флешка же папка</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation>&amp;Папканы тандоо…</translation>
    </message>
    <message>
        <source>Choose a folder to copy to</source>
        <translation>Көчүрүү үчүн папканы тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Look for USB drives</source>
        <translation>USB-флешкаларды &amp;издөө</translation>
    </message>
    <message>
        <source>Look for USB drives again</source>
        <translation>USB-флешкаларды кайра издөө</translation>
    </message>
    <message>
        <source>&amp;Copy to the drive</source>
        <translation>Флешкага кө&amp;чүрүү</translation>
    </message>
    <message>
        <source>Copy the library to the drive</source>
        <translation>Китепкананы флешкага көчүрүү</translation>
    </message>
    <message>
        <source>C&amp;ancel copying</source>
        <translation>Көчүрүүнү &amp;токтотуу</translation>
    </message>
    <message>
        <source>Cancel copying</source>
        <translation>Көчүрүүнү токтотуу</translation>
    </message>
    <message>
        <source>Copying progress</source>
        <translation>Көчүрүүнүн жүрүшү</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Бул терезени жабуу</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation>%1 папкасы</translation>
    </message>
    <message>
        <source>Drive %1 (%2 free)</source>
        <translation>%1 диски (%2 бош)</translation>
    </message>
    <message>
        <source>No USB drive found: plug one in, or choose a folder</source>
        <translation>USB-флешка табылган жок: флешканы сайыңыз же папканы тандаңыз</translation>
    </message>
    <message>
        <source>Choose a drive (no USB drive found; these are disks of this computer)</source>
        <translation>Дискти тандаңыз (USB-флешка табылган жок; булар бул компьютердин дисктери)</translation>
    </message>
    <message>
        <source>Choose the drive or folder to copy to</source>
        <translation>Көчүрө турган флешканы же папканы тандаңыз</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Эсептелүүдө…</translation>
    </message>
    <message>
        <source>Needed: %1. Free on the drive: %2.</source>
        <translation>Керек: %1. Флешкада бош орун: %2.</translation>
    </message>
    <message>
        <source>There is not enough space on this drive: free some space or use a bigger one.</source>
        <translation>Бул флешкада орун жетишсиз: орун бошотуңуз же чоңураак флешканы колдонуңуз.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) are not on this computer and will not be copied.</source>
        <translation>
            <numerusform>%n файл (видео) бул компьютерде жок жана көчүрүлбөйт.</numerusform>
            <numerusform>%n файл (видео) бул компьютерде жок жана көчүрүлбөйт.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copying to %1…</source>
        <translation>%1 ичине көчүрүлүүдө…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Токтотулууда…</translation>
    </message>
    <message>
        <source>Done: another computer can now update from this drive (Update library, then choose the drive). %1 copied to %2.</source>
        <translation>Даяр: эми башка компьютер ушул флешкадан жаңырта алат («Китепкананы жаңыртуу», андан кийин флешканы тандаңыз). %2 ичине %1 көчүрүлдү.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) were not on this computer and were not copied.</source>
        <translation>
            <numerusform>%n файл (видео) бул компьютерде жок болгондуктан көчүрүлгөн жок.</numerusform>
            <numerusform>%n файл (видео) бул компьютерде жок болгондуктан көчүрүлгөн жок.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copying was cancelled: the drive does not hold the new copy of the library. Copy again to finish it.</source>
        <translation>Көчүрүү токтотулду: флешкада китепкананын жаңы көчүрмөсү жок. Аягына чыгаруу үчүн кайра көчүрүңүз.</translation>
    </message>
    <message>
        <source>The library was not copied.</source>
        <translation>Китепкана көчүрүлгөн жок.</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <source>Narrow down</source>
        <translation type="vanished">Фильтрлер</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Фильтрлер</translation>
    </message>
    <message>
        <source>Filters for what is found appear here: kind, topic, region, who it is for, language and year, each with how many items it has.</source>
        <translation>Табылгандардын фильтрлери бул жерде чыгат: түрү, темасы, аймагы, кимге арналганы, тили жана жылы — ар биринде канча материал бар экени менен.</translation>
    </message>
    <message>
        <source>click again to remove this filter</source>
        <translation>бул фильтрди алып салуу үчүн кайра басыңыз</translation>
    </message>
    <message>
        <source>show only these</source>
        <translation>ушуларды гана көрсөтүү</translation>
    </message>
    <message>
        <source>Show all (%1)…</source>
        <translation>Баарын көрсөтүү (%1)…</translation>
    </message>
</context>
<context>
    <name>Facets</name>
    <message>
        <source>Kind</source>
        <translation>Түрү</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Аймак</translation>
    </message>
    <message>
        <source>Who it is for</source>
        <translation>Кимге арналган</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Тил</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Жыл</translation>
    </message>
</context>
<context>
    <name>FeedsPanel</name>
    <message>
        <source>%n day(s) ago</source>
        <translation type="vanished">%n күн мурун</translation>
    </message>
    <message>
        <source>Libraries this computer follows</source>
        <translation>Бул компьютер ээрчиген китепканалар</translation>
    </message>
    <message>
        <source>Start &amp;again</source>
        <translation>&amp;Кайра баштоо</translation>
    </message>
    <message>
        <source>The next update fetches this library whole, as on a new computer</source>
        <translation>Кийинки жаңыртуу бул китепкананы жаңы компьютердегидей толугу менен алып келет</translation>
    </message>
    <message>
        <source>&amp;Forget…</source>
        <translation>&amp;Унутуу…</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>белгисиз</translation>
    </message>
    <message>
        <source>%1 — %2 item(s), newest update %3</source>
        <translation type="vanished">%1 — %2 материал, акыркы жаңыртуу %3</translation>
    </message>
    <message>
        <source>out of date</source>
        <translation>эскирген</translation>
    </message>
    <message>
        <source>Feed %1, signed with key %2</source>
        <translation>%1 тасмасы, %2 ачкычы менен кол коюлган</translation>
    </message>
    <message>
        <source>None yet: the first update from the portal or a USB drive adds it here.</source>
        <translation>Азырынча жок: порталдан же USB-флешкадан биринчи жаңыртуу аны бул жерге кошот.</translation>
    </message>
    <message>
        <source>Forget this library</source>
        <translation>Бул китепкананы унутуу</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot; and the %2 item(s) it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</source>
        <translation type="vanished">«%1» жана ал алып келген %2 материал бул компьютерден өчүрүлсүнбү? Эскертмелериңиз жана кыстармаларыңыз калат. Андан келген жаңыртуулар аны ээрчүү керекпи деп кайра сурайт.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n item(s), newest update %3</source>
        <translation>
            <numerusform>%1 — %n материал, акыркы жаңыртуу %3</numerusform>
            <numerusform>%1 — %n материал, акыркы жаңыртуу %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove &quot;%1&quot; and the %n item(s) it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</source>
        <translation>
            <numerusform>«%1» жана ал алып келген %n материал бул компьютерден өчүрүлсүнбү? Эскертмелериңиз жана кыстармаларыңыз калат. Андан келген жаңыртуулар аны ээрчүү керекпи деп кайра сурайт.</numerusform>
            <numerusform>«%1» жана ал алып келген %n материал бул компьютерден өчүрүлсүнбү? Эскертмелериңиз жана кыстармаларыңыз калат. Андан келген жаңыртуулар аны ээрчүү керекпи деп кайра сурайт.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FullScreenButton</name>
    <message>
        <source>Leave full screen</source>
        <translation>Толук экрандан чыгуу</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Толук экран</translation>
    </message>
    <message>
        <source>Back to the normal window (Esc or F11)</source>
        <translation>Кадимки терезеге кайтуу (Esc же F11)</translation>
    </message>
    <message>
        <source>Use the whole screen for reading (F11)</source>
        <translation>Окуу үчүн бүт экранды колдонуу (F11)</translation>
    </message>
</context>
<context>
    <name>Hosting</name>
    <message>
        <source>This library is already open in another Kitepkana window on this computer. Close that window and try again.</source>
        <translation>Бул китепкана ушул компьютерде Kitepkana программасынын башка терезесинде ачык турат. Ал терезени жаап, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Kitepkana&apos;s settings file is locked by another program (a backup or a virus check). Wait a moment, close that program and start Kitepkana again; your settings were not changed.</source>
        <translation>Kitepkana жөндөөлөрүнүн файлын башка программа бөгөттөп турат (камдык көчүрмө же вирус текшерүү). Бир аз күтүп, ошол программаны жаап, Kitepkana&apos;ны кайра ачыңыз; жөндөөлөрүңүз өзгөргөн жок.</translation>
    </message>
    <message>
        <source>This item is no longer in the library.</source>
        <translation>Бул материал китепканада жок болуп калды.</translation>
    </message>
    <message>
        <source>Stopped; nothing half-done was kept.</source>
        <translation>Токтотулду; жарым-жартылай эч нерсе сакталган жок.</translation>
    </message>
    <message>
        <source>The library&apos;s database was damaged (the computer was switched off while it was being set up) and no backup could replace it. It was kept as %1 for the person who supports this library; an empty library was started.</source>
        <translation>Китепкананын маалымат базасы бузулган (ал даярдалып жатканда компьютер өчүп калган), аны эч бир камдык көчүрмө алмаштыра алган жок. Ал китепкананы тейлеген адам үчүн %1 катары сакталды; бош китепкана ачылды.</translation>
    </message>
    <message>
        <source>The computer did not allow Kitepkana to use its folder (%1).</source>
        <translation>Компьютер Kitepkana программасына өз папкасын колдонууга уруксат берген жок (%1).</translation>
    </message>
    <message>
        <source>A file could not be read or written: %1</source>
        <translation>Файлды окуу же жазуу мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Жеткиликсиз</translation>
    </message>
    <message>
        <source>This part of the program could not be loaded: %1</source>
        <translation>Программанын бул бөлүгүн жүктөө мүмкүн болгон жок: %1</translation>
    </message>
</context>
<context>
    <name>ItemFallbackPage</name>
    <message>
        <source>Item text</source>
        <translation>Материалдын тексти</translation>
    </message>
    <message>
        <source>This part of the program could not be loaded, so the item is shown as plain text. (%1)</source>
        <translation>Программанын бул бөлүгүн жүктөө мүмкүн болгон жок, ошондуктан материал жөнөкөй текст катары көрсөтүлдү. (%1)</translation>
    </message>
</context>
<context>
    <name>ItemListPage</name>
    <message>
        <source>Bookmarks</source>
        <translation>Кыстармалар</translation>
    </message>
    <message>
        <source>No bookmarks yet. Open a practice or a lesson and press “Bookmark” to keep it here.</source>
        <translation>Азырынча кыстармалар жок. Тажрыйбаны же сабакты ачып, аны бул жерде сактоо үчүн «Кыстарма» баскычын басыңыз.</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>Акыркы ачылгандар</translation>
    </message>
    <message>
        <source>Nothing opened yet. What you read or watch will be listed here.</source>
        <translation>Азырынча эч нерсе ачыла элек. Сиз окуган же көргөн нерселер бул жерде көрсөтүлөт.</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>ачылган: %1</translation>
    </message>
    <message>
        <source>stopped at %1</source>
        <translation>%1 жеринде токтогон</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Practice</source>
        <translation>Тажрыйба</translation>
    </message>
    <message>
        <source>Video lesson</source>
        <translation>Видеосабак</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Иш-чара</translation>
    </message>
    <message>
        <source>Practices</source>
        <translation>Тажрыйбалар</translation>
    </message>
    <message>
        <source>Video lessons</source>
        <translation>Видеосабактар</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документтер</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Иш-чаралар</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>I am &amp;done — clear my notes</source>
        <translation>&amp;Бүттүм — эскертмелеримди өчүрүү</translation>
    </message>
    <message>
        <source>Clears the notes, bookmarks and reading history of this visit for the next visitor</source>
        <translation>Кийинки окурман үчүн ушул келүүдөгү эскертмелерди, кыстармаларды жана окуу таржымалын өчүрөт</translation>
    </message>
</context>
<context>
    <name>LanguageHint</name>
    <message>
        <source>Only in %1.</source>
        <translation>Бир гана тил: %1.</translation>
    </message>
    <message>
        <source>+%1 in %2</source>
        <translation>+%1 — %2</translation>
    </message>
    <message>
        <source>%1 — show all languages</source>
        <translation>%1 — бардык тилдерди көрсөтүү</translation>
    </message>
    <message>
        <source>Remove the language filter</source>
        <translation>Тил фильтрин алып салуу</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Kyrgyz</source>
        <translation>Кыргызча</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Орусча</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Англисче</translation>
    </message>
</context>
<context>
    <name>LessonInfo</name>
    <message>
        <source>About this lesson</source>
        <translation>Бул сабак жөнүндө</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Темалар: %1</translation>
    </message>
    <message>
        <source>See also: %1</source>
        <translation type="vanished">Байланыштуу материалдар: %1</translation>
    </message>
    <message>
        <source>Related: %1</source>
        <translation>Байланыштуу материалдар: %1</translation>
    </message>
</context>
<context>
    <name>LessonSidePanel</name>
    <message>
        <source>Transcript</source>
        <translation>Текст</translation>
    </message>
</context>
<context>
    <name>LessonUserData</name>
    <message>
        <source>Your bookmark or note could not be saved: %1</source>
        <translation>Кыстармаңыз же эскертмеңиз сакталган жок: %1</translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message>
        <source>Play or pause</source>
        <translation>Ойнотуу же тындыруу</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Ойнотуу же тындыруу (Боштук)</translation>
    </message>
    <message>
        <source>Back 10 seconds</source>
        <translation>10 секунд артка</translation>
    </message>
    <message>
        <source>Back 10 seconds (Left arrow)</source>
        <translation>10 секунд артка (солго жебе)</translation>
    </message>
    <message>
        <source>Forward 10 seconds</source>
        <translation>10 секунд алдыга</translation>
    </message>
    <message>
        <source>Forward 10 seconds (Right arrow)</source>
        <translation>10 секунд алдыга (оңго жебе)</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>Үнүн өчүрүү</translation>
    </message>
    <message>
        <source>Sound off (M)</source>
        <translation>Үнүн өчүрүү (M)</translation>
    </message>
    <message>
        <source>Bookmark this lesson</source>
        <translation>Бул сабакты кыстармага кошуу</translation>
    </message>
    <message>
        <source>Keep this lesson in your bookmarks (Ctrl+D)</source>
        <translation>Бул сабакты кыстармаларыңызда сактоо (Ctrl+D)</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>Видеодогу орун</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Үндүн катуулугу</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>&amp;Ылдамдык:</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Ойнотуу ылдамдыгы</translation>
    </message>
    <message>
        <source>%1× (normal)</source>
        <translation>%1× (кадимки)</translation>
    </message>
    <message>
        <source>S&amp;ubtitles:</source>
        <translation>&amp;Субтитрлер:</translation>
    </message>
    <message>
        <source>Subtitles language</source>
        <translation>Субтитрлердин тили</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Өчүк</translation>
    </message>
    <message>
        <source>★ In bookmarks</source>
        <translation>★ Кыстармаларда</translation>
    </message>
    <message>
        <source>☆ &amp;Bookmark</source>
        <translation>☆ &amp;Кыстарма</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Субтитрлер</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>This lesson is no longer in the library.</source>
        <translation>Бул сабак китепканада жок болуп калды.</translation>
    </message>
    <message>
        <source>This lesson could not be opened.</source>
        <translation>Бул сабакты ачуу мүмкүн болгон жок.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>This video cannot be played on this PC: %1</source>
        <translation>Бул видеону бул компьютерде ойнотуу мүмкүн эмес: %1</translation>
    </message>
    <message>
        <source>Your bookmark or note could not be saved: %1</source>
        <translation type="vanished">Кыстармаңызды же эскертмеңизди сактоо мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>Үнүн күйгүзүү</translation>
    </message>
    <message>
        <source>Sound on (M)</source>
        <translation>Үнүн күйгүзүү (M)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kitepkana — library of local self-government practices</source>
        <translation>Kitepkana — жергиликтүү өз алдынча башкаруу тажрыйбаларынын китепканасы</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Артка</translation>
    </message>
    <message>
        <source>Back to where you were (Alt+Left)</source>
        <translation>Мурунку жерге кайтуу (Alt+Солго)</translation>
    </message>
    <message>
        <source>&amp;Find in the library</source>
        <translation>Китепканадан &amp;издөө</translation>
    </message>
    <message>
        <source>Go to the search box (Ctrl+F)</source>
        <translation>Издөө талаасына өтүү (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Update library</source>
        <translation>Китепкананы &amp;жаңыртуу</translation>
    </message>
    <message>
        <source>Get new practices, lessons and documents from the portal or a USB drive</source>
        <translation>Порталдан же USB-флешкадан жаңы тажрыйбаларды, сабактарды жана документтерди алуу</translation>
    </message>
    <message>
        <source>&amp;Copy library to a USB drive…</source>
        <translation>Китепкананы USB-флешкага &amp;көчүрүү…</translation>
    </message>
    <message>
        <source>So that another computer can update from the drive</source>
        <translation>Башка компьютер флешкадан жаңырта алышы үчүн</translation>
    </message>
    <message>
        <source>Make a USB &amp;kit…</source>
        <translation>Орнотуучу &amp;флешка жасоо…</translation>
    </message>
    <message>
        <source>The program and this library on a USB drive, to install another computer</source>
        <translation>Программа жана ушул китепкана USB-флешкада — башка компьютерге орнотуу үчүн</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Ж&amp;өндөөлөр…</translation>
    </message>
    <message>
        <source>Language, data folder, updates, visitor mode</source>
        <translation>Тил, маалымат папкасы, жаңыртуулар, окурман режими</translation>
    </message>
    <message>
        <source>&amp;About Kitepkana</source>
        <translation>Kitepkana &amp;жөнүндө</translation>
    </message>
    <message>
        <source>Save a &amp;problem report…</source>
        <translation>Көйгөй тууралуу &amp;отчетту сактоо…</translation>
    </message>
    <message>
        <source>A file for whoever supports this library: versions, settings, the log</source>
        <translation>Китепкананы тейлеген адам үчүн файл: версиялар, жөндөөлөр, журнал</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Чыгуу</translation>
    </message>
    <message>
        <source>I am &amp;done</source>
        <translation>&amp;Бүттүм</translation>
    </message>
    <message>
        <source>Clear what this visitor left for the next one</source>
        <translation>Кийинки окурман үчүн ушул окурман калтырган нерселерди өчүрүү</translation>
    </message>
    <message>
        <source>&amp;Librarian…</source>
        <translation>&amp;Китепканачы…</translation>
    </message>
    <message>
        <source>Show the settings and updates (asks for the librarian&apos;s PIN)</source>
        <translation>Жөндөөлөрдү жана жаңыртууну көрсөтүү (китепканачынын PIN-кодун сурайт)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Китепкана</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>К&amp;өрүнүш</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Тил</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Жардам</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Негизги куралдар тилкеси</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>Китепкана ачылууда…</translation>
    </message>
    <message>
        <source>The downloads view could not be loaded: %1</source>
        <translation>«Жүктөөлөр» бөлүмүн ачуу мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>The library could not be opened. %1</source>
        <translation>Китепкананы ачуу мүмкүн болгон жок. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in the library</source>
        <translation>
            <numerusform>Китепканада %n материал</numerusform>
            <numerusform>Китепканада %n материал</numerusform>
        </translation>
    </message>
    <message>
        <source>last updated %1</source>
        <translation>акыркы жаңыртуу: %1</translation>
    </message>
    <message>
        <source>not updated yet</source>
        <translation>азырынча жаңыртыла элек</translation>
    </message>
    <message>
        <source>About Kitepkana</source>
        <translation>Kitepkana жөнүндө</translation>
    </message>
    <message>
        <source>Kitepkana %1

An offline library of best practices of local self-government in the Kyrgyz Republic: practices, video lessons, documents and events.

The library is kept in: %2</source>
        <translation>Kitepkana %1

Кыргыз Республикасындагы жергиликтүү өз алдынча башкаруунун мыкты тажрыйбаларынын интернетсиз иштеген китепканасы: тажрыйбалар, видеосабактар, документтер жана иш-чаралар.

Китепкана сакталган жер: %2</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Тил</translation>
    </message>
    <message>
        <source>Other languages are not available in this version of the program.</source>
        <translation>Программанын бул версиясында башка тилдер жок.</translation>
    </message>
</context>
<context>
    <name>NavigationPane</name>
    <message>
        <source>Sections of the library</source>
        <translation>Китепкананын бөлүмдөрү</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>My n&amp;otes (click one to watch from there)</source>
        <translation type="vanished">Менин &amp;эскертмелерим (ошол жерден көрүү үчүн бирөөнү басыңыз)</translation>
    </message>
    <message>
        <source>My notes on this lesson</source>
        <translation type="vanished">Бул сабак боюнча эскертмелерим</translation>
    </message>
    <message>
        <source>Write a note about this moment of the video…</source>
        <translation type="vanished">Видеонун ушул учуру жөнүндө эскертме жазыңыз…</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation type="vanished">Эскертменин тексти</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation type="vanished">Эскертме &amp;кошуу</translation>
    </message>
    <message>
        <source>Save the note with the current time of the video</source>
        <translation type="vanished">Эскертмени видеонун учурдагы убактысы менен сактоо</translation>
    </message>
    <message>
        <source>Your notes</source>
        <translation>Сиздин эскертмелериңиз</translation>
    </message>
    <message>
        <source>&amp;New note:</source>
        <translation>&amp;Жаңы эскертме:</translation>
    </message>
    <message>
        <source>Text of a new note</source>
        <translation>Жаңы эскертменин тексти</translation>
    </message>
    <message>
        <source>Write a note for yourself. Only this PC keeps it.</source>
        <translation>Өзүңүз үчүн эскертме жазыңыз. Ал ушул компьютерде гана сакталат.</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Эскертме кошуу</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Эскертмени өчүрүү</translation>
    </message>
    <message>
        <source>Delete the chosen note</source>
        <translation>Тандалган эскертмени өчүрүү</translation>
    </message>
    <message>
        <source>(the item this note was about has been removed from the library)</source>
        <translation>(бул эскертме тиешелүү болгон материал китепканадан алынып салынган)</translation>
    </message>
    <message>
        <source>This item is no longer in the library. Your notes on it are kept.</source>
        <translation>Бул материал китепканада жок болуп калды. Ал боюнча эскертмелериңиз сакталган.</translation>
    </message>
    <message>
        <source>Your notes (%1):</source>
        <translation>Сиздин эскертмелериңиз (%1):</translation>
    </message>
    <message>
        <source>You have no notes on this item yet.</source>
        <translation>Бул материал боюнча азырынча эскертмелериңиз жок.</translation>
    </message>
    <message>
        <source>Delete this note? This cannot be undone.</source>
        <translation>Бул эскертмени өчүрөсүзбү? Аны кайра калыбына келтирүүгө болбойт.</translation>
    </message>
    <message>
        <source>Only the librarian can delete this note.</source>
        <translation>Бул эскертмени китепканачы гана өчүрө алат.</translation>
    </message>
    <message>
        <source>Your notes could not be changed: %1</source>
        <translation>Эскертмелериңизди өзгөртүү мүмкүн болгон жок: %1</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>Previous page</source>
        <translation>Мурунку бет</translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>Мурунку бет (PgUp)</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Кийинки бет</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>Кийинки бет (PgDn)</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Беттин номери</translation>
    </message>
    <message>
        <source>Type a page number and press Enter</source>
        <translation>Беттин номерин жазып, Enter баскычын басыңыз</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>Кичирээк</translation>
    </message>
    <message>
        <source>Make the page smaller (Ctrl+-)</source>
        <translation>Бетти кичирейтүү (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Кичирейтүү</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>Чоңураак</translation>
    </message>
    <message>
        <source>Make the page larger (Ctrl++)</source>
        <translation>Бетти чоңойтуу (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Чоңойтуу</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Туурасы боюнча</translation>
    </message>
    <message>
        <source>Make the page as wide as the window</source>
        <translation>Бетти терезенин туурасындай кылуу</translation>
    </message>
    <message>
        <source>Fit to width</source>
        <translation>Туурасына батыруу</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Close this file</source>
        <translation>Бул файлды жабуу</translation>
    </message>
    <message>
        <source>Close the file</source>
        <translation>Файлды жабуу</translation>
    </message>
    <message>
        <source>&amp;Find in this file:</source>
        <translation>Бул файлдан &amp;издөө:</translation>
    </message>
    <message>
        <source>Word to find (Ctrl+F)</source>
        <translation>Изделүүчү сөз (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find in this file</source>
        <translation>Бул файлдан издөө</translation>
    </message>
    <message>
        <source>Previous place found (Shift+F3)</source>
        <translation>Табылган мурунку жер (Shift+F3)</translation>
    </message>
    <message>
        <source>Previous place found</source>
        <translation>Табылган мурунку жер</translation>
    </message>
    <message>
        <source>Next place found (F3 or Enter)</source>
        <translation>Табылган кийинки жер (F3 же Enter)</translation>
    </message>
    <message>
        <source>Next place found</source>
        <translation>Табылган кийинки жер</translation>
    </message>
    <message>
        <source>Pages of the file</source>
        <translation>Файлдын беттери</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Билдирүү</translation>
    </message>
    <message>
        <source>The file is not on this PC.</source>
        <translation>Бул файл бул компьютерде жок.</translation>
    </message>
    <message>
        <source>The file is damaged or is not a PDF file.</source>
        <translation>Файл бузулган же PDF файлы эмес.</translation>
    </message>
    <message>
        <source>The file is locked with a password.</source>
        <translation>Файл сырсөз менен кулпуланган.</translation>
    </message>
    <message>
        <source>The file is locked in a way this program cannot open.</source>
        <translation>Файл бул программа ача албаган жол менен кулпуланган.</translation>
    </message>
    <message>
        <source>Cannot show “%1”. %2</source>
        <translation>«%1» көрсөтүү мүмкүн эмес. %2</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Табылган жок</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Табылды: %1</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ %1</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Librarian PIN</source>
        <translation>Китепканачынын PIN-коду</translation>
    </message>
    <message>
        <source>This needs the librarian. Enter the librarian &amp;PIN:</source>
        <translation type="vanished">Бул үчүн китепканачы керек. Китепканачынын &amp;PIN-кодун жазыңыз:</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Өтө көп жолу туура эмес терилди. %n секунд күтүп, кайра аракет кылыңыз.</numerusform>
            <numerusform>Өтө көп жолу туура эмес терилди. %n секунд күтүп, кайра аракет кылыңыз.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n minute(s) and try again.</source>
        <translation>
            <numerusform>Өтө көп жолу туура эмес терилди. %n мүнөт күтүп, кайра аракет кылыңыз.</numerusform>
            <numerusform>Өтө көп жолу туура эмес терилди. %n мүнөт күтүп, кайра аракет кылыңыз.</numerusform>
        </translation>
    </message>
    <message>
        <source>That PIN is not right. Try again.</source>
        <translation>PIN-код туура эмес. Кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Visitor mode is on. Settings, updates and copies to USB drives are for the librarian, and so are saving, printing to a file and deleting others&apos; notes. Enter the librarian &amp;PIN:</source>
        <translation>Окурман режими күйгүзүлгөн. Жөндөөлөр, жаңыртуулар жана USB-флешкага көчүрүү, ошондой эле сактоо, файлга басып чыгаруу жана башкалардын эскертмелерин өчүрүү китепканачы үчүн гана. Китепканачынын &amp;PIN-кодун жазыңыз:</translation>
    </message>
    <message>
        <source>Forgot the PIN? Whoever looks after this computer can turn visitor mode off with the command “kitepkana visitor-off” (README, “Visitor mode”); then choose a new PIN in Settings.</source>
        <translation>PIN-кодду унутуп калдыңызбы? Бул компьютерди тейлеген адам окурман режимин «kitepkana visitor-off» буйругу менен өчүрө алат (README, «Visitor mode» бөлүмү); андан кийин Жөндөөлөрдөн жаңы PIN-код тандаңыз.</translation>
    </message>
</context>
<context>
    <name>ProblemReport</name>
    <message>
        <source>Save a problem report</source>
        <translation>Көйгөй тууралуу отчетту сактоо</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip файлдар (*.zip)</translation>
    </message>
    <message>
        <source>The problem report was saved as:
%1

Send this file to the person who supports your library (by e-mail, or copied onto a USB drive), with a few words about what happened and when. It holds no notes, bookmarks or reading history.</source>
        <translation>Көйгөй тууралуу отчет мындай сакталды:
%1

Бул файлды китепканаңызды тейлеген адамга жөнөтүңүз (электрондук почта менен же USB-флешкага көчүрүп), эмне болгонун жана качан болгонун кыскача жазып кошуңуз. Анда эскертмелер, кыстармалар жана окуу таржымалы жок.</translation>
    </message>
    <message>
        <source>Problem report saved</source>
        <translation>Көйгөй тууралуу отчет сакталды</translation>
    </message>
    <message>
        <source>The problem report could not be saved: %1</source>
        <translation>Көйгөй тууралуу отчетту сактоо мүмкүн болгон жок: %1</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Артка кайтаруу</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Кайра жасоо</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Кесүү</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Көчүрүү</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Коюу</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Өчүрүү</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Баарын тандоо</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Макул</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сактоо</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Баарын сактоо</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ачуу</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ооба</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Баарына &amp;ооба</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Жок</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Баарына ж&amp;ок</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Токтотуу</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Кайталоо</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Этибарга албоо</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Сактабоо</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Жардам</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Колдонуу</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Кайра коюу</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Демейки маанилерди калыбына келтирүү</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Артка кайтаруу</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Кайра жасоо</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Кесүү</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Көчүрүү</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>&amp;Шилтеменин дарегин көчүрүү</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Коюу</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Өчүрүү</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Баарын тандоо</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>Practice</source>
        <translation>Тажрыйба</translation>
    </message>
    <message>
        <source>Video lesson</source>
        <translation>Видеосабак</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Иш-чара</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>бетме-бет</translation>
    </message>
    <message>
        <source>online</source>
        <translation>онлайн</translation>
    </message>
    <message>
        <source>in person and online</source>
        <translation>бетме-бет жана онлайн</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>Өтүүчү жери: %1</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translation>Уюштуруучу: %1</translation>
    </message>
    <message>
        <source>Organisation: %1</source>
        <translation>Уюм: %1</translation>
    </message>
    <message>
        <source>Authors: %1</source>
        <translation>Авторлор: %1</translation>
    </message>
    <message>
        <source>Award: %1</source>
        <translation>Сыйлык: %1</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Темалар: %1</translation>
    </message>
    <message>
        <source>For: %1</source>
        <translation>Кимге: %1</translation>
    </message>
    <message>
        <source>On the portal: %1</source>
        <translation>Порталда: %1</translation>
    </message>
    <message>
        <source>the file could not be written (is the folder read-only, or the disk full?)</source>
        <translation>файлды жазуу мүмкүн болгон жок (папка окуу үчүн гана ачыкпы, же диск толуп калганбы?)</translation>
    </message>
    <message>
        <source>this place cannot be written to, or the file is open in another program</source>
        <translation>бул жерге жазууга болбойт, же файл башка программада ачык турат</translation>
    </message>
    <message>
        <source>the file or the folder is missing</source>
        <translation>файл же папка жок</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>диск толуп калды</translation>
    </message>
</context>
<context>
    <name>ReaderSidePanel</name>
    <message>
        <source>Click to open</source>
        <translation>Ачуу үчүн басыңыз</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>Read in:</source>
        <translation>Окуу тили:</translation>
    </message>
    <message>
        <source>Read in Kyrgyz</source>
        <translation>Кыргызча окуу</translation>
    </message>
    <message>
        <source>Read in Russian</source>
        <translation>Орусча окуу</translation>
    </message>
    <message>
        <source>Read in English</source>
        <translation>Англисче окуу</translation>
    </message>
    <message>
        <source>Watch the recording</source>
        <translation>Жазууну көрүү</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Басып чыгаруу</translation>
    </message>
    <message>
        <source>Print this text (Ctrl+P)</source>
        <translation>Бул текстти басып чыгаруу (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF катары сактоо</translation>
    </message>
    <message>
        <source>Save this text as a PDF file (Ctrl+Shift+E)</source>
        <translation>Бул текстти PDF файлы катары сактоо (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Files of this item</source>
        <translation>Бул материалдын файлдары</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ачуу</translation>
    </message>
    <message>
        <source>Open the chosen file</source>
        <translation>Тандалган файлды ачуу</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Көчүрмөсүн сактоо…</translation>
    </message>
    <message>
        <source>Save a copy of the chosen file</source>
        <translation>Тандалган файлдын көчүрмөсүн сактоо</translation>
    </message>
    <message>
        <source>Related items</source>
        <translation>Байланыштуу материалдар</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Файлдар</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Байланыштуу материалдар</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Эскертмелер</translation>
    </message>
    <message>
        <source>This item is no longer in the library. It was removed when the library was updated.</source>
        <translation>Бул материал китепканада жок болуп калды. Ал китепкана жаңыртылганда алынып салынган.</translation>
    </message>
    <message>
        <source>This item could not be opened: %1</source>
        <translation>Бул материалды ачуу мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>not on this PC yet</source>
        <translation>бул компьютерде азырынча жок</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation type="vanished">Файлдар (%1)</translation>
    </message>
    <message>
        <source>Related (%1)</source>
        <translation type="vanished">Байланыштуу материалдар (%1)</translation>
    </message>
    <message>
        <source>A−</source>
        <translation>A−</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl+−)</source>
        <translation>Текстти кичирейтүү (Ctrl+−)</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Текстти кичирейтүү</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <source>Larger text (Ctrl++)</source>
        <translation>Текстти чоңойтуу (Ctrl++)</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Текстти чоңойтуу</translation>
    </message>
    <message>
        <source>Watch the video lesson</source>
        <translation>Видеосабакты көрүү</translation>
    </message>
    <message>
        <source>★ Bookmarked</source>
        <translation>★ Кыстармада</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ Кыстарма</translation>
    </message>
    <message>
        <source>Remove the bookmark (Ctrl+D)</source>
        <translation>Кыстарманы алып салуу (Ctrl+D)</translation>
    </message>
    <message>
        <source>Bookmark this item (Ctrl+D)</source>
        <translation>Бул материалды кыстармага кошуу (Ctrl+D)</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Кыстарма</translation>
    </message>
    <message>
        <source>This link leads to the internet:

%1

Open it in your web browser? It works only when this PC is connected.</source>
        <translation>Бул шилтеме интернетке алып барат:

%1

Аны веб-браузерде ачасызбы? Ал компьютер интернетке туташканда гана иштейт.</translation>
    </message>
    <message>
        <source>Open a web link?</source>
        <translation>Веб-шилтемени ачасызбы?</translation>
    </message>
    <message>
        <source>“%1” is not on this PC yet. It comes with the next library update (or from the Downloads page).</source>
        <translation>«%1» бул компьютерде азырынча жок. Ал китепкананын кийинки жаңыртуусу менен келет (же «Жүктөөлөр» барагынан).</translation>
    </message>
    <message>
        <source>The file “%1” is not opened here: it is not a document, a picture or a text (it could be a program). Use “Save a copy…” to keep it.</source>
        <translation>«%1» файлы бул жерде ачылбайт: ал документ, сүрөт же текст эмес (программа болушу мүмкүн). Сактап калуу үчүн «Көчүрмөсүн сактоо…» баскычын колдонуңуз.</translation>
    </message>
    <message>
        <source>Files cannot be saved while this PC is in visitor mode. Please ask the librarian.</source>
        <translation>Бул компьютер окурман режиминде турганда файлдарды сактоого болбойт. Китепканачыдан сураңыз.</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Көчүрмөсүн сактоо</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Сакталды: %1</translation>
    </message>
    <message>
        <source>The file could not be copied: %1</source>
        <translation>Файлды көчүрүү мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>The bookmark could not be saved: %1</source>
        <translation>Кыстарманы сактоо мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF файлдары (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF file could not be saved: %1</source>
        <translation>PDF файлын сактоо мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>Saved as PDF: %1</source>
        <translation>PDF катары сакталды: %1</translation>
    </message>
</context>
<context>
    <name>ResultRow</name>
    <message>
        <source>found in the video at %1</source>
        <translation>видеодо %1 убагында табылды</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Издөө:</translation>
    </message>
    <message>
        <source>Words to find in practices, lessons, documents and events</source>
        <translation>Тажрыйбалардан, сабактардан, документтерден жана иш-чаралардан изделүүчү сөздөр</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Китепканадан издөө</translation>
    </message>
    <message>
        <source>S&amp;ort:</source>
        <translation>&amp;Иреттөө:</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Эң ылайыктуусу</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Адегенде жаңылары</translation>
    </message>
    <message>
        <source>Order of the results</source>
        <translation>Натыйжаларды иреттөө</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Натыйжалар</translation>
    </message>
    <message>
        <source>Did you mean:</source>
        <translation>Балким, муну издегендирсиз:</translation>
    </message>
    <message>
        <source>Search for the suggested spelling</source>
        <translation>Сунушталган жазылыш боюнча издөө</translation>
    </message>
    <message>
        <source>The search did not work: %1</source>
        <translation>Издөө иштеген жок: %1</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>Китепкана ачылууда…</translation>
    </message>
    <message>
        <source>Nothing was found for “%1”. Showing the results for “%2” instead.</source>
        <translation>«%1» боюнча эч нерсе табылган жок. Анын ордуна «%2» боюнча натыйжалар көрсөтүлдү.</translation>
    </message>
    <message>
        <source>Nothing was found for “%1”. Try fewer or shorter words, or remove a filter.</source>
        <translation>«%1» боюнча эч нерсе табылган жок. Азыраак же кыскараак сөздөрдү колдонуп көрүңүз, же фильтрди алып салыңыз.</translation>
    </message>
    <message>
        <source>There is nothing here yet.</source>
        <translation>Бул жерде азырынча эч нерсе жок.</translation>
    </message>
    <message numerus="yes">
        <source>No item has all of these words. Showing the items that have some of them (%n found).</source>
        <translation>
            <numerusform>Бул сөздөрдүн баары бар материал жок. Алардын айрымдары бар материалдар көрсөтүлдү (%n табылды).</numerusform>
            <numerusform>Бул сөздөрдүн баары бар материал жок. Алардын айрымдары бар материалдар көрсөтүлдү (%n табылды).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n натыйжа</numerusform>
            <numerusform>%n натыйжа</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), newest first</source>
        <translation>
            <numerusform>%n материал, адегенде жаңылары</numerusform>
            <numerusform>%n материал, адегенде жаңылары</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the filter %1</source>
        <translation>%1 фильтрин алып салуу</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Бул фильтрди алып салуу</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Бардык фильтрлерди алып салуу</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>All</source>
        <translation>Баары</translation>
    </message>
    <message>
        <source>Practices</source>
        <translation>Тажрыйбалар</translation>
    </message>
    <message>
        <source>Video lessons</source>
        <translation>Видеосабактар</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документтер</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Иш-чаралар</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Кыстармалар</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Таржымал</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Жүктөөлөр</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Жөндөөлөр</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Жалпы</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Жаңыртуулар</translation>
    </message>
    <message>
        <source>Visitor mode</source>
        <translation>Окурман режими</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Кошумча</translation>
    </message>
    <message>
        <source>Change these only when the portal team asks you to.</source>
        <translation>Буларды портал командасы сураганда гана өзгөртүңүз.</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>Интерфейстин &amp;тили:</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Компьютердегидей</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Интерфейстин тили</translation>
    </message>
    <message>
        <source>Library &amp;folder:</source>
        <translation>Китепкананын &amp;папкасы:</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Китепкананын папкасы</translation>
    </message>
    <message>
        <source>&amp;Choose another folder…</source>
        <translation>&amp;Башка папканы тандоо…</translation>
    </message>
    <message>
        <source>Use the usual folder</source>
        <translation>Кадимки папканы колдонуу</translation>
    </message>
    <message>
        <source>&amp;Portal address:</source>
        <translation>Порталдын &amp;дареги:</translation>
    </message>
    <message>
        <source>Portal address</source>
        <translation>Порталдын дареги</translation>
    </message>
    <message>
        <source>Where updates come from: the feed address the LSG Union (the portal&apos;s team) gives you, with its key. There is none yet by default. Leave it empty if you update only from a USB drive.</source>
        <translation>Жаңыртуулар кайдан келет: ЖӨБ Союзу (порталдын командасы) ачкычы менен кошо берген тасманын дареги. Демейки боюнча азырынча жок. USB-флешкадан гана жаңыртсаңыз, бош калтырыңыз.</translation>
    </message>
    <message>
        <source>Ask the LSG Union (the portal&apos;s team) for this address. Without it, the library is updated from USB drives only.</source>
        <translation>Бул даректи ЖӨБ Союзунан (порталдын командасынан) сураңыз. Ансыз китепкана USB-флешкалардан гана жаңыртылат.</translation>
    </message>
    <message>
        <source>&amp;Videos to download:</source>
        <translation>Жүктөлүүчү &amp;видеолор:</translation>
    </message>
    <message>
        <source>Videos to download</source>
        <translation>Жүктөлүүчү видеолор</translation>
    </message>
    <message>
        <source>Only when I open them</source>
        <translation>Мен ачканда гана</translation>
    </message>
    <message>
        <source>Videos on the topics below</source>
        <translation>Төмөндөгү темалар боюнча видеолор</translation>
    </message>
    <message>
        <source>All videos (needs a fast connection and much disk space)</source>
        <translation>Бардык видеолор (тез интернет жана дисктен көп орун керек)</translation>
    </message>
    <message>
        <source>&amp;Topics:</source>
        <translation>Те&amp;малар:</translation>
    </message>
    <message>
        <source>Topics whose videos are downloaded</source>
        <translation>Видеолору жүктөлүүчү темалар</translation>
    </message>
    <message>
        <source>Download &amp;speed limit:</source>
        <translation>Жүктөө &amp;ылдамдыгынын чеги:</translation>
    </message>
    <message>
        <source>Download speed limit in kilobytes per second</source>
        <translation>Жүктөө ылдамдыгынын чеги, секундасына килобайт</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> КБ/сек</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Чексиз</translation>
    </message>
    <message>
        <source>Trusted &amp;publishers:</source>
        <translation>Ишенимдүү &amp;жарыялоочулар:</translation>
    </message>
    <message>
        <source>Trusted publisher keys</source>
        <translation>Ишенимдүү жарыялоочулардын ачкычтары</translation>
    </message>
    <message>
        <source>&amp;Add a key file…</source>
        <translation>Ачкыч &amp;файлын кошуу…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Алып &amp;салуу</translation>
    </message>
    <message>
        <source>Remove the chosen publisher key</source>
        <translation>Тандалган жарыялоочунун ачкычын алып салуу</translation>
    </message>
    <message>
        <source>Libraries followed:</source>
        <translation>Ээрчилген китепканалар:</translation>
    </message>
    <message>
        <source>Other &amp;servers allowed:</source>
        <translation>Уруксат берилген башка &amp;серверлер:</translation>
    </message>
    <message>
        <source>Other servers allowed for updates</source>
        <translation>Жаңыртуу үчүн уруксат берилген башка серверлер</translation>
    </message>
    <message>
        <source>Updates come only from the portal&apos;s own server. If the portal team asks you to, write the name of their other server here (separate several with commas).</source>
        <translation>Жаңыртуулар порталдын өз серверинен гана келет. Порталдын командасы сураса, алардын башка серверинин атын бул жерге жазыңыз (бир нечесин үтүр менен бөлүңүз).</translation>
    </message>
    <message>
        <source>For a computer shared by visitors. Settings, updates and deleting need the librarian PIN, and each visitor&apos;s notes, bookmarks and reading history are cleared when they press &quot;I am done&quot; or leave the computer alone.</source>
        <translation>Окурмандар колдонгон жалпы компьютер үчүн. Жөндөөлөр, жаңыртуулар жана өчүрүү үчүн китепканачынын PIN-коду керек, ал эми ар бир окурмандын эскертмелери, кыстармалары жана окуу таржымалы ал «Бүттүм» баскычын басканда же компьютерди колдонбой калганда өчүрүлөт.</translation>
    </message>
    <message>
        <source>Turn on &amp;visitor mode</source>
        <translation>&amp;Окурман режимин күйгүзүү</translation>
    </message>
    <message>
        <source>New librarian P&amp;IN:</source>
        <translation>Китепканачынын жаңы P&amp;IN-коду:</translation>
    </message>
    <message>
        <source>New librarian PIN</source>
        <translation>Китепканачынын жаңы PIN-коду</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>4төн 12ге чейин сан</translation>
    </message>
    <message>
        <source>Leave empty to keep the PIN</source>
        <translation>PIN-кодду өзгөртпөө үчүн бош калтырыңыз</translation>
    </message>
    <message>
        <source>The PIN &amp;again:</source>
        <translation>PIN-код к&amp;айрадан:</translation>
    </message>
    <message>
        <source>The new PIN again</source>
        <translation>Жаңы PIN-код кайрадан</translation>
    </message>
    <message>
        <source>Clear after &amp;quiet minutes:</source>
        <translation>Канча &amp;мүнөт колдонулбаса өчүрүү:</translation>
    </message>
    <message>
        <source>Minutes without use before a visitor&apos;s notes are cleared</source>
        <translation>Окурмандын эскертмелери өчүрүлгөнгө чейин компьютер колдонулбаган мүнөттөр</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мүн.</translation>
    </message>
    <message>
        <source>Choose the folder for the library</source>
        <translation>Китепкана үчүн папканы тандаңыз</translation>
    </message>
    <message>
        <source>This copy of Kitepkana was started with its own folder (a portable copy or a folder given at start), so the folder cannot be changed here.</source>
        <translation>Kitepkana программасынын бул көчүрмөсү өзүнүн папкасы менен ишке киргизилген (көчмө көчүрмө же ишке киргизгенде берилген папка), ошондуктан папканы бул жерден өзгөртүүгө болбойт.</translation>
    </message>
    <message>
        <source>From the next start the library will be in: %1
Files are not moved. If that folder is empty, the library starts again from the sample and is filled by the next update.</source>
        <translation>Кийинки ишке киргизүүдөн баштап китепкана бул жерде болот: %1
Файлдар көчүрүлбөйт. Эгер ал папка бош болсо, китепкана кайрадан үлгүдөн башталат жана кийинки жаңыртууда толукталат.</translation>
    </message>
    <message>
        <source>From the next start the library will be in the usual folder again.</source>
        <translation>Кийинки ишке киргизүүдөн баштап китепкана кайрадан кадимки папкада болот.</translation>
    </message>
    <message>
        <source>%1 (built in)</source>
        <translation>%1 (программага кошулган)</translation>
    </message>
    <message>
        <source>Choose a publisher&apos;s key file</source>
        <translation>Жарыялоочунун ачкыч файлын тандаңыз</translation>
    </message>
    <message>
        <source>Key files (*.pub *.pem)</source>
        <translation>Ачкыч файлдары (*.pub *.pem)</translation>
    </message>
    <message>
        <source>This file is not a publisher&apos;s key. Ask the portal team for the right key file (it ends in .pub).</source>
        <translation>Бул файл жарыялоочунун ачкычы эмес. Портал командасынан туура ачкыч файлын сураңыз (анын аты .pub менен бүтөт).</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Ачкычты алып салуу</translation>
    </message>
    <message>
        <source>Updates signed with this key will no longer be accepted. Remove it?</source>
        <translation>Бул ачкыч менен кол коюлган жаңыртуулар мындан ары кабыл алынбайт. Алып саласызбы?</translation>
    </message>
    <message>
        <source>The key file could not be removed. Close other programs using it and try again.</source>
        <translation>Ачкыч файлын алып салуу мүмкүн болгон жок. Аны колдонуп жаткан башка программаларды жаап, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The portal address must start with http:// or https://, for example https://portal.example.kg/feed/. Leave it empty if you update only from a USB drive.</source>
        <translation>Порталдын дареги http:// же https:// менен башталышы керек, мисалы https://portal.example.kg/feed/. Эгер USB-флешкадан гана жаңыртсаңыз, бош калтырыңыз.</translation>
    </message>
    <message>
        <source>Tick at least one topic, or choose another setting for videos.</source>
        <translation>Жок дегенде бир теманы белгилеңиз же видеолор үчүн башка жөндөөнү тандаңыз.</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 12 digits.</source>
        <translation>PIN-код 4төн 12ге чейин сандан турушу керек.</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Type the PIN twice.</source>
        <translation>Эки PIN-код бирдей эмес. PIN-кодду эки жолу жазыңыз.</translation>
    </message>
    <message>
        <source>Choose a librarian PIN before turning on visitor mode.</source>
        <translation>Окурман режимин күйгүзүүдөн мурун китепканачынын PIN-кодун тандаңыз.</translation>
    </message>
    <message>
        <source>The portal&apos;s key (built in)</source>
        <translation>Порталдын ачкычы (программага кошулган)</translation>
    </message>
    <message>
        <source>a test key for the sample library; the released program carries the portal&apos;s real key</source>
        <translation>үлгү китепкана үчүн сыноо ачкычы; программанын расмий версиясында порталдын чыныгы ачкычы болот</translation>
    </message>
    <message>
        <source>updates from the portal are checked with it</source>
        <translation>порталдан келген жаңыртуулар аны менен текшерилет</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share on this network</source>
        <translation>Ушул тармакта бөлүшүү</translation>
    </message>
    <message>
        <source>Phones and computers on the same network (the library&apos;s Wi-Fi) can read this library in a browser. Type this address, or scan the code with a phone camera:</source>
        <translation>Ушул эле тармактагы (китепкананын Wi-Fi) телефондор жана компьютерлер бул китепкананы браузерден окуй алат. Бул даректи териңиз же кодду телефондун камерасы менен сканерлеңиз:</translation>
    </message>
    <message>
        <source>If nobody can open it: the phone must be on the same Wi-Fi as this computer, and Windows Firewall must allow Kitepkana on private networks (it asks the first time; answer Allow).</source>
        <translation>Эч ким ача албаса: телефон ушул компьютер менен бир Wi-Fi тармагында болушу керек, жана Windows брандмауэри Kitepkana&apos;га жеке тармактарда уруксат бериши керек (биринчи жолу сурайт; «Уруксат берүү» деп жооп бериңиз).</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Бөлүшүүнү токтотуу</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Кайра текшерүү</translation>
    </message>
    <message>
        <source>Access code (optional): visitors type it once before they can read. Leave it empty to let anyone on this network read.</source>
        <translation>Кирүү коду (милдеттүү эмес): окурмандар окуудан мурун аны бир жолу терет. Бул тармактагы ар ким окуй алышы үчүн бош калтырыңыз.</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Коду жок</translation>
    </message>
    <message>
        <source>Set code</source>
        <translation>Кодду коюу</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Тазалоо</translation>
    </message>
    <message>
        <source>Not shared</source>
        <translation>Бөлүшүлгөн эмес</translation>
    </message>
    <message>
        <source>Visitors now: %1 · today: %2</source>
        <translation>Азыр келгендер: %1 · бүгүн: %2</translation>
    </message>
    <message>
        <source>Visitors must type the code %1 before they can read.</source>
        <translation>Окурмандар окуудан мурун %1 кодун териши керек.</translation>
    </message>
    <message>
        <source>No access code: anyone on this network can read.</source>
        <translation>Кирүү коду жок: бул тармактагы ар ким окуй алат.</translation>
    </message>
    <message>
        <source>Checking whether phones can reach this computer…</source>
        <translation>Телефондор бул компьютерге туташа алабы, текшерилүүдө…</translation>
    </message>
    <message>
        <source>This computer does not answer at its own address %1. Check that it is connected to the library&apos;s Wi-Fi or network cable, then press &quot;Check again&quot;.</source>
        <translation>Бул компьютер өзүнүн %1 дарегинде жооп бербей жатат. Анын китепкананын Wi-Fi тармагына же тармак кабелине туташканын текшерип, анан «Кайра текшерүү» баскычын басыңыз.</translation>
    </message>
    <message>
        <source>Phones cannot reach this computer: Windows treats this network as Public and blocks them. Make it Private: Start → Settings → Network &amp; Internet → Wi-Fi (or Ethernet) → this network → Network profile: Private.</source>
        <translation>Телефондор бул компьютерге туташа албайт: Windows бул тармакты жалпыга ачык (Public) деп эсептеп, аларды бөгөттөйт. Аны жеке (Private) кылыңыз: «Пуск» → «Параметры» → «Сеть и Интернет» → Wi-Fi (же Ethernet) → ушул тармак → «Профиль сети»: «Частная».</translation>
    </message>
    <message>
        <source>Windows Firewall may block phones. Allow Kitepkana: Start → type &quot;Allow an app through Windows Firewall&quot; → Change settings → tick Kitepkana and the Private column → OK.</source>
        <translation>Windows брандмауэри телефондорду бөгөттөшү мүмкүн. Kitepkana&apos;га уруксат бериңиз: «Пуск» → «Разрешение взаимодействия с приложением через брандмауэр Windows» деп териңиз → «Изменить параметры» → Kitepkana жана «Частная» тилкесин белгилеңиз → OK.</translation>
    </message>
    <message>
        <source>It works: %1 other phones or computers opened the library today.</source>
        <translation>Иштеп жатат: бүгүн китепкананы башка %1 телефон же компьютер ачты.</translation>
    </message>
    <message>
        <source>This computer answers at %1. If a phone cannot open it, check that the phone uses the same Wi-Fi (not mobile data).</source>
        <translation>Бул компьютер %1 дарегинде жооп берет. Эгер телефон аны ача албаса, телефон ошол эле Wi-Fi тармагын (мобилдик интернетти эмес) колдонуп жатканын текшериңиз.</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>Share on this &amp;network…</source>
        <translation>Ушул &amp;тармакта бөлүшүү…</translation>
    </message>
    <message>
        <source>Let phones and computers on this network read the library in a browser</source>
        <translation>Ушул тармактагы телефондор жана компьютерлер китепкананы браузерден окуй алсын</translation>
    </message>
    <message>
        <source>Another program on this computer already uses port %1, so the library cannot be shared. Close that program, or choose another port in Settings.</source>
        <translation>Бул компьютердеги башка программа %1 портун колдонуп жатат, ошондуктан китепкананы бөлүшүүгө болбойт. Ошол программаны жабыңыз же Жөндөөлөрдөн башка портту тандаңыз.</translation>
    </message>
    <message>
        <source>The library could not be shared on this network: %1</source>
        <translation>Китепкананы бул тармакта бөлүшүү мүмкүн болгон жок: %1</translation>
    </message>
    <message>
        <source>Share on this network</source>
        <translation>Ушул тармакта бөлүшүү</translation>
    </message>
    <message>
        <source>The library is shared on this network. Quitting stops sharing: visitors&apos; browsers will no longer reach it. Quit anyway?</source>
        <translation>Китепкана ушул тармакта бөлүшүлүүдө. Чыгып кетсеңиз бөлүшүү токтойт: келгендердин браузерлери ага жете албай калат. Баары бир чыгасызбы?</translation>
    </message>
</context>
<context>
    <name>SideBar</name>
    <message>
        <source>&amp;Sections</source>
        <translation>&amp;Бөлүмдөр</translation>
    </message>
    <message>
        <source>Show or hide the list of sections (F9)</source>
        <translation>Бөлүмдөрдүн тизмесин көрсөтүү же жашыруу (F9)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Толук экран</translation>
    </message>
    <message>
        <source>Use the whole screen (F11; Esc to leave)</source>
        <translation>Бүт экранды колдонуу (F11; чыгуу үчүн Esc)</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Толук экрандан чыгуу</translation>
    </message>
</context>
<context>
    <name>Sizes</name>
    <message>
        <source>%1 GB</source>
        <translation>%1 ГБ</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 МБ</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 КБ</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 байт</translation>
    </message>
</context>
<context>
    <name>StaleBanner</name>
    <message>
        <source>Update now</source>
        <translation>Азыр жаңыртуу</translation>
    </message>
    <message>
        <source>This library may be out of date: its newest update was made on %1. Update it from the portal or from a newer USB drive.</source>
        <translation>Бул китепкана эскирип калышы мүмкүн: анын акыркы жаңыртуусу %1 жасалган. Аны порталдан же жаңыраак USB-флешкадан жаңыртыңыз.</translation>
    </message>
</context>
<context>
    <name>SyncErrors</name>
    <message>
        <source>Could not connect to the portal. Check that this computer is connected to the internet, then try again.</source>
        <translation>Порталга туташуу мүмкүн болгон жок. Бул компьютердин интернетке туташканын текшерип, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The folder or USB drive %1 is not there. Plug the drive in, then try again.</source>
        <translation>%1 папкасы же USB-флешкасы жок. Флешканы сайып, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The portal stopped answering. The connection may be slow or busy; try again later.</source>
        <translation>Портал жооп бербей калды. Байланыш жай же өтө жүктөлгөн болушу мүмкүн; кийинчерээк кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The connection was too slow, so the download was stopped. It is tried again at the next update; what arrived is kept.</source>
        <translation>Байланыш өтө жай болгондуктан жүктөө токтотулду. Кийинки жаңыртууда кайра аракет кылынат; келгени сакталат.</translation>
    </message>
    <message>
        <source>The portal took far too long to answer, so the download was stopped. It is tried again at the next update.</source>
        <translation>Портал өтө узак жооп бербей койгондуктан жүктөө токтотулду. Кийинки жаңыртууда кайра аракет кылынат.</translation>
    </message>
    <message>
        <source>The portal sent this update on to another server, which is not allowed, so nothing was changed. If the portal team says that server is theirs, add its name in Settings → Updates.</source>
        <translation>Портал бул жаңыртууну башка серверге жөнөттү, бул уруксат эмес, ошондуктан эч нерсе өзгөргөн жок. Порталдын командасы ал сервер алардыкы десе, анын атын Жөндөөлөр → Жаңыртуулар бөлүмүнө кошуңуз.</translation>
    </message>
    <message>
        <source>That PC shares its library only with an access code, and the code was missing or wrong. Ask its librarian for the code, type it under the list, then try again.</source>
        <translation>Ал компьютер өз китепканасын кирүү коду менен гана бөлүшөт, ал эми код терилген эмес же туура эмес. Кодду анын китепканачысынан сураңыз, тизменин астына териңиз да, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The portal answered with an error. Try again later.</source>
        <translation>Портал ката менен жооп берди. Кийинчерээк кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>The update at %1 is incomplete: a file is missing. Nothing half-done was kept.</source>
        <translation>%1 жериндеги жаңыртуу толук эмес: бир файл жетишпейт. Жарым-жартылай эч нерсе сакталган жок.</translation>
    </message>
    <message>
        <source>No Kitepkana library was found at %1. (On a Wi-Fi network that asks you to log in, open a web browser and log in first.)</source>
        <translation>%1 жеринде Kitepkana китепканасы табылган жок. (Эгер Wi-Fi тармагы кирүүнү сураса, адегенде веб-браузерди ачып, кириңиз.)</translation>
    </message>
    <message>
        <source>Could not read from the drive. Was it pulled out? Plug it in and try again; what was already copied is kept.</source>
        <translation>Флешкадан окуу мүмкүн болгон жок. Ал сууруп алынган жокпу? Аны сайып, кайра аракет кылыңыз; көчүрүлүп бүткөнү сакталат.</translation>
    </message>
    <message>
        <source>This library was signed by a publisher this computer does not trust, so nothing was changed. Use the portal or a drive made from it.</source>
        <translation>Бул китепканага бул компьютер ишенбеген жарыялоочу кол койгон, ошондуктан эч нерсе өзгөргөн жок. Порталды же андан жасалган флешканы колдонуңуз.</translation>
    </message>
    <message>
        <source>This update claims to come from a library this computer already follows, but it is signed by someone else. Nothing was changed. Use the portal or a drive made from it.</source>
        <translation>Бул жаңыртуу бул компьютер ээрчиген китепканадан келдим дейт, бирок ага башка бирөө кол койгон. Эч нерсе өзгөргөн жок. Порталды же андан жазылган дискти колдонуңуз.</translation>
    </message>
    <message>
        <source>The portal is publishing new material right now. Try again in a minute.</source>
        <translation>Портал дал азыр жаңы материалдарды жарыялап жатат. Бир мүнөттөн кийин кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>This update is not properly signed: it may have been changed or damaged on the way. Nothing was changed.</source>
        <translation>Бул жаңыртууга туура кол коюлган эмес: ал жолдо өзгөртүлгөн же бузулган болушу мүмкүн. Эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>This update was made for a newer version of Kitepkana. Install the newer version first.</source>
        <translation>Бул жаңыртуу Kitepkana программасынын жаңыраак версиясы үчүн жасалган. Адегенде жаңы версияны орнотуңуз.</translation>
    </message>
    <message>
        <source>%1 holds an older copy of the library than this computer already has. Nothing was changed.</source>
        <translation>%1 жеринде бул компьютердегиден эскирээк китепкана бар. Эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>This computer&apos;s library is too old for this update. Ask for a full copy of the library on a USB drive.</source>
        <translation>Бул компьютердеги китепкана бул жаңыртуу үчүн өтө эски. USB-флешкада китепкананын толук көчүрмөсүн сураңыз.</translation>
    </message>
    <message>
        <source>This library comes from a publisher this computer has not followed before. Nothing was changed.</source>
        <translation>Бул китепкана бул компьютер буга чейин иштебеген жарыялоочудан келген. Эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>The update is damaged (a file is not what it should be). Nothing was changed. Try again, or use another drive.</source>
        <translation>Жаңыртуу бузулган (бир файл болушу керек болгондой эмес). Эч нерсе өзгөргөн жок. Кайра аракет кылыңыз же башка флешканы колдонуңуз.</translation>
    </message>
    <message>
        <source>There is not enough free space on the disk. Free some space, then try again.</source>
        <translation>Дискте бош орун жетишсиз. Бир аз орун бошотуп, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Could not write to this computer&apos;s disk. Check that it is not full, then try again.</source>
        <translation>Бул компьютердин дискине жазуу мүмкүн болгон жок. Анын толуп калбаганын текшерип, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing half-done was kept; the next update goes on from here.</source>
        <translation>Жокко чыгарылды. Жарым-жартылай эч нерсе сакталган жок; кийинки жаңыртуу ушул жерден уланат.</translation>
    </message>
    <message>
        <source>The library is in use by another Kitepkana window. Close it and try again.</source>
        <translation>Китепкананы Kitepkana программасынын башка терезеси колдонуп жатат. Аны жаап, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>This item did not come from the portal or a drive, so there is nowhere to download it from.</source>
        <translation>Бул материал порталдан же флешкадан келген эмес, ошондуктан аны жүктөп ала турган жер жок.</translation>
    </message>
    <message>
        <source>There is nothing to copy yet: this library was not updated from the portal or a drive.</source>
        <translation>Азырынча көчүрө турган эч нерсе жок: бул китепкана порталдан же флешкадан жаңыртылган эмес.</translation>
    </message>
    <message>
        <source>This library was updated from several publishers; copying it needs the command line (kitepkana export --feed).</source>
        <translation>Бул китепкана бир нече жарыялоочудан жаңыртылган; аны көчүрүү үчүн буйрук сабы керек (kitepkana export --feed).</translation>
    </message>
    <message>
        <source>A video is larger than 4 GB and cannot go on this drive. Format the drive as exFAT or NTFS.</source>
        <translation>Бир видео 4 ГБдан чоң жана бул флешкага батпайт. Флешканы exFAT же NTFS форматында форматтаңыз.</translation>
    </message>
    <message>
        <source>A file was damaged while writing to the drive. The drive may be failing; try another one.</source>
        <translation>Флешкага жазып жатканда бир файл бузулду. Флешка бузук болушу мүмкүн; башкасын колдонуп көрүңүз.</translation>
    </message>
    <message>
        <source>This computer does not hold the whole library yet. Connect to the portal (or the drive it was updated from), then copy again.</source>
        <translation>Бул компьютерде азырынча китепкана толук эмес. Порталга (же ал жаңыртылган флешкага) туташып, андан кийин кайра көчүрүңүз.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Бир нерсе туура эмес болду: %1</translation>
    </message>
    <message>
        <source>this place</source>
        <translation>бул жер</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Something went wrong in the background: %1 (details: Help → Save a problem report…)</source>
        <translation>Фондо бир нерсе туура эмес болду: %1 (толугураак: Жардам → Көйгөй тууралуу отчетту сактоо…)</translation>
    </message>
    <message>
        <source>Preparing the library (the first start takes a while)…</source>
        <translation>Китепкана даярдалууда (биринчи ишке киргизүү бир аз убакыт алат)…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Иштеп жатат…</translation>
    </message>
</context>
<context>
    <name>TimedNotesPanel</name>
    <message>
        <source>My n&amp;otes (click one to watch from there)</source>
        <translation>Менин &amp;эскертмелерим (ошол жерден көрүү үчүн бирөөнү басыңыз)</translation>
    </message>
    <message>
        <source>My notes on this lesson</source>
        <translation>Бул сабак боюнча эскертмелерим</translation>
    </message>
    <message>
        <source>Write a note about this moment of the video…</source>
        <translation>Видеонун ушул учуру жөнүндө эскертме жазыңыз…</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Эскертменин тексти</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Эскертме &amp;кошуу</translation>
    </message>
    <message>
        <source>Save the note with the current time of the video</source>
        <translation>Эскертмени видеонун учурдагы убактысы менен сактоо</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <source>&amp;Transcript (%1)</source>
        <translation>&amp;Текст (%1)</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Текст</translation>
    </message>
    <message>
        <source>Transcript: click a line to watch from there</source>
        <translation>Текст: ошол жерден көрүү үчүн сапты басыңыз</translation>
    </message>
    <message>
        <source>This lesson has no transcript.</source>
        <translation>Бул сабактын тексти жок.</translation>
    </message>
    <message>
        <source>Watch from %1</source>
        <translation>%1 убагынан баштап көрүү</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>Update library</source>
        <translation>Китепкананы жаңыртуу</translation>
    </message>
    <message>
        <source>Bring the library up to date from the portal (internet) or from a USB drive that carries a Kitepkana library.</source>
        <translation>Китепкананы порталдан (интернет аркылуу) же Kitepkana китепканасы жазылган USB-флешкадан жаңыртыңыз.</translation>
    </message>
    <message>
        <source>Update &amp;from:</source>
        <translation>&amp;Кайдан жаңыртуу:</translation>
    </message>
    <message>
        <source>Where to update from</source>
        <translation>Кайдан жаңыртуу</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation type="vanished">&amp;Папканы тандоо…</translation>
    </message>
    <message>
        <source>Choose a folder to update from</source>
        <translation type="vanished">Жаңыртуу үчүн папканы тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Look for USB drives</source>
        <translation>USB-флешкаларды &amp;издөө</translation>
    </message>
    <message>
        <source>Look for USB drives again</source>
        <translation>USB-флешкаларды кайра издөө</translation>
    </message>
    <message>
        <source>&amp;Update library</source>
        <translation type="vanished">Китепкананы ж&amp;аңыртуу</translation>
    </message>
    <message>
        <source>&amp;Cancel update</source>
        <translation>Жаңыртууну &amp;токтотуу</translation>
    </message>
    <message>
        <source>Cancel the update</source>
        <translation>Жаңыртууну токтотуу</translation>
    </message>
    <message>
        <source>Update progress</source>
        <translation>Жаңыртуунун жүрүшү</translation>
    </message>
    <message>
        <source>&amp;Yes, trust it and update</source>
        <translation>&amp;Ооба, ишенем жана жаңыртам</translation>
    </message>
    <message>
        <source>Trust this publisher and update</source>
        <translation>Бул жарыялоочуга ишенип, жаңыртуу</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Жок</translation>
    </message>
    <message>
        <source>Do not trust this publisher</source>
        <translation>Бул жарыялоочуга ишенбөө</translation>
    </message>
    <message>
        <source>&amp;What&apos;s new</source>
        <translation>&amp;Эмне жаңы</translation>
    </message>
    <message>
        <source>What&apos;s new: click an entry to open it</source>
        <translation>Эмне жаңы: ачуу үчүн жазууну басыңыз</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Бул терезени жабуу</translation>
    </message>
    <message>
        <source>The portal (internet): %1</source>
        <translation type="vanished">Портал (интернет): %1</translation>
    </message>
    <message>
        <source>Drive %1 (%2)</source>
        <translation type="vanished">%1 диски (%2)</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation type="vanished">%1 папкасы</translation>
    </message>
    <message>
        <source>No portal address is set and no USB drive with a library was found</source>
        <translation>Порталдын дареги коюлган эмес жана китепкана жазылган USB-флешка табылган жок</translation>
    </message>
    <message>
        <source>Choose where to update from</source>
        <translation>Кайдан жаңыртууну тандаңыз</translation>
    </message>
    <message>
        <source>Choose the folder or drive to update from</source>
        <translation>Жаңыртуу үчүн папканы же флешканы тандаңыз</translation>
    </message>
    <message>
        <source>There is no Kitepkana library in %1. Choose the drive or the folder that holds feed.json (or a kitepkana-feed folder).</source>
        <translation>%1 ичинде Kitepkana китепканасы жок. feed.json файлы (же kitepkana-feed папкасы) бар флешканы же папканы тандаңыз.</translation>
    </message>
    <message>
        <source>Choose where to update from: set the portal&apos;s address in Settings, plug in a USB drive, or choose a folder.</source>
        <translation>Кайдан жаңыртууну тандаңыз: Жөндөөлөрдө порталдын дарегин коюңуз, USB-флешканы сайыңыз же папканы тандаңыз.</translation>
    </message>
    <message>
        <source>Checking for updates…</source>
        <translation>Жаңыртуулар текшерилүүдө…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Токтотулууда…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Аякталууда…</translation>
    </message>
    <message>
        <source>Receiving the whole library (first update)…</source>
        <translation>Бүт китепкана алынууда (биринчи жаңыртуу)…</translation>
    </message>
    <message>
        <source>&amp;Other folder…</source>
        <translation>&amp;Башка папка…</translation>
    </message>
    <message>
        <source>Choose another folder to update from</source>
        <translation>Жаңыртуу үчүн башка папканы тандоо</translation>
    </message>
    <message>
        <source>&amp;Update now</source>
        <translation>&amp;Азыр жаңыртуу</translation>
    </message>
    <message>
        <source>Update the library now</source>
        <translation>Китепкананы азыр жаңыртуу</translation>
    </message>
    <message>
        <source>Go to &amp;Downloads</source>
        <translation>&amp;Жүктөөлөргө өтүү</translation>
    </message>
    <message>
        <source>Go to Downloads, where the videos wait</source>
        <translation>Видеолор күтүп турган Жүктөөлөргө өтүү</translation>
    </message>
    <message>
        <source>Internet (portal)</source>
        <translation>Интернет (портал)</translation>
    </message>
    <message>
        <source>PC nearby: %1</source>
        <translation>Жакынкы компьютер: %1</translation>
    </message>
    <message>
        <source>Folder “%1”</source>
        <translation>«%1» папкасы</translation>
    </message>
    <message>
        <source>USB drive %1</source>
        <translation>USB-флешка %1</translation>
    </message>
    <message>
        <source>Network drive %1</source>
        <translation>Тармактык диск %1</translation>
    </message>
    <message>
        <source>Drive %1</source>
        <translation>Диск %1</translation>
    </message>
    <message>
        <source>Receiving the changes (part %1 of %2)…</source>
        <translation>Өзгөрүүлөр алынууда (%2 бөлүктүн %1)…</translation>
    </message>
    <message>
        <source>Receiving the changes…</source>
        <translation>Өзгөрүүлөр алынууда…</translation>
    </message>
    <message>
        <source>Updating the search index…</source>
        <translation>Издөө индекси жаңыртылууда…</translation>
    </message>
    <message>
        <source>Downloading files: %1</source>
        <translation>Файлдар жүктөлүүдө: %1</translation>
    </message>
    <message>
        <source>Downloading files…</source>
        <translation>Файлдар жүктөлүүдө…</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(аталышы жок)</translation>
    </message>
    <message>
        <source>This portal carries a library from the publisher “%1”, which this computer has not followed before. Trust it?</source>
        <translation>Бул порталда «%1» жарыялоочусунун китепканасы бар, бул компьютер аны менен буга чейин иштеген эмес. Ага ишенесизби?</translation>
    </message>
    <message>
        <source>This drive carries a library from the publisher “%1”, which this computer has not followed before. Trust it?</source>
        <translation>Бул флешкада «%1» жарыялоочусунун китепканасы бар, бул компьютер аны менен буга чейин иштеген эмес. Ага ишенесизби?</translation>
    </message>
    <message>
        <source>Nothing was changed yet.</source>
        <translation>Азырынча эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>The library was not updated.</source>
        <translation>Китепкана жаңыртылган жок.</translation>
    </message>
    <message>
        <source>The library is already up to date.</source>
        <translation>Китепкана буга чейин эле жаңыртылган.</translation>
    </message>
    <message>
        <source>The library was updated: %1 new, %2 changed, %3 removed.</source>
        <translation>Китепкана жаңыртылды: %1 жаңы, %2 өзгөргөн, %3 алынып салынган.</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) can be downloaded later, from Downloads.</source>
        <translation>
            <numerusform>%n видеону кийинчерээк «Жүктөөлөр» бөлүмүнөн жүктөп алса болот.</numerusform>
            <numerusform>%n видеону кийинчерээк «Жүктөөлөр» бөлүмүнөн жүктөп алса болот.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) were not changed: they belong to another library, which alone may change them.</source>
        <translation>
            <numerusform>%n материал өзгөртүлгөн жок: алар башка китепканага таандык, аларды ошол гана өзгөртө алат.</numerusform>
            <numerusform>%n материал өзгөртүлгөн жок: алар башка китепканага таандык, аларды ошол гана өзгөртө алат.</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>Жаңы</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Өзгөргөн</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Алынып салынган</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… жана дагы %1</translation>
    </message>
    <message>
        <source>This library has not been updated yet.</source>
        <translation>Бул китепкана азырынча жаңыртыла элек.</translation>
    </message>
    <message>
        <source>the portal</source>
        <translation>портал</translation>
    </message>
    <message>
        <source>a USB drive or a folder</source>
        <translation>USB-флешка же папка</translation>
    </message>
    <message>
        <source>Last updated: %1, from %2.</source>
        <translation>Акыркы жаңыртуу: %1 (булагы: %2).</translation>
    </message>
    <message>
        <source>The last try (%1) did not succeed.</source>
        <translation>Акыркы аракет (%1) ийгиликсиз болду.</translation>
    </message>
</context>
<context>
    <name>UsbKitDialog</name>
    <message>
        <source>Make a USB kit</source>
        <translation>Орнотуучу флешка жасоо</translation>
    </message>
    <message>
        <source>Put Kitepkana and this library onto a USB drive, with instructions in Kyrgyz, Russian and English. Another computer can then install the program and get the library from the drive alone, without internet.</source>
        <translation>Kitepkana программасын жана ушул китепкананы кыргыз, орус жана англис тилдериндеги нускамалар менен USB-флешкага жазыңыз. Андан кийин башка компьютер программаны орнотуп, китепкананы интернетсиз, ушул флешкадан гана ала алат.</translation>
    </message>
    <message>
        <source>Write &amp;to:</source>
        <translation>&amp;Кайда жазуу:</translation>
    </message>
    <message>
        <source>Drive or folder to write the kit to</source>
        <translation>Жазыла турган флешка же папка</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation>&amp;Папканы тандоо…</translation>
    </message>
    <message>
        <source>Choose a folder to write the kit to</source>
        <translation>Жазуу үчүн папканы тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Look for USB drives</source>
        <translation>USB-флешкаларды &amp;издөө</translation>
    </message>
    <message>
        <source>Look for USB drives again</source>
        <translation>USB-флешкаларды кайра издөө</translation>
    </message>
    <message>
        <source>Choose &amp;program file…</source>
        <translation>Программа &amp;файлын тандоо…</translation>
    </message>
    <message>
        <source>Choose the installer or the portable zip to put on the drive</source>
        <translation>Флешкага жазыла турган орнотуучу файлды же көчмө zip-архивди тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Make the USB kit</source>
        <translation>Орнотуучу флешканы &amp;жасоо</translation>
    </message>
    <message>
        <source>Write the USB kit to the drive</source>
        <translation>Орнотуучу флешканы жазуу</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>&amp;Токтотуу</translation>
    </message>
    <message>
        <source>Stop writing the USB kit</source>
        <translation>Орнотуучу флешканы жазууну токтотуу</translation>
    </message>
    <message>
        <source>Writing progress</source>
        <translation>Жазуунун жүрүшү</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Бул терезени жабуу</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation>%1 папкасы</translation>
    </message>
    <message>
        <source>Drive %1 (%2 free)</source>
        <translation>%1 диски (%2 бош)</translation>
    </message>
    <message>
        <source>No USB drive found: plug one in, or choose a folder</source>
        <translation>USB-флешка табылган жок: флешканы сайыңыз же папканы тандаңыз</translation>
    </message>
    <message>
        <source>Choose a drive (no USB drive found; these are disks of this computer)</source>
        <translation>Дискти тандаңыз (USB-флешка табылган жок; булар бул компьютердин дисктери)</translation>
    </message>
    <message>
        <source>Choose the drive or folder to write the kit to</source>
        <translation>Жазыла турган флешканы же папканы тандаңыз</translation>
    </message>
    <message>
        <source>Choose the Kitepkana installer or portable zip</source>
        <translation>Kitepkana орнотуучу файлын же көчмө zip-архивин тандаңыз</translation>
    </message>
    <message>
        <source>Kitepkana program (*.exe *.zip)</source>
        <translation>Kitepkana программасы (*.exe *.zip)</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Эсептелүүдө…</translation>
    </message>
    <message>
        <source>Program: %1</source>
        <translation>Программа: %1</translation>
    </message>
    <message>
        <source>No installer or portable copy of Kitepkana was found on this computer: only the library will be copied. Choose a program file to add it.</source>
        <translation>Бул компьютерден Kitepkana программасынын орнотуучу файлы же көчмө көчүрмөсү табылган жок: китепкана гана көчүрүлөт. Программаны кошуу үчүн анын файлын тандаңыз.</translation>
    </message>
    <message>
        <source>Needed: %1. Free on the drive: %2.</source>
        <translation>Керек: %1. Флешкада бош орун: %2.</translation>
    </message>
    <message>
        <source>There is not enough space on this drive: free some space or use a bigger one.</source>
        <translation>Бул флешкада орун жетишсиз: орун бошотуңуз же чоңураак флешканы колдонуңуз.</translation>
    </message>
    <message>
        <source>This library was not updated from the portal or a drive, so only the program goes on the drive.</source>
        <translation>Бул китепкана порталдан же флешкадан жаңыртылган эмес, ошондуктан флешкага программа гана жазылат.</translation>
    </message>
    <message>
        <source>Writing the USB kit to %1…</source>
        <translation>Орнотуучу флешка жазылууда: %1…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Токтотулууда…</translation>
    </message>
    <message>
        <source>Done: %1 written to %2 and checked. On another computer, open the drive and read the kitepkana-README file in your language.</source>
        <translation>Даяр: %2 ичине %1 жазылды жана текшерилди. Башка компьютерде флешканы ачып, өз тилиңиздеги kitepkana-README файлын окуңуз.</translation>
    </message>
    <message>
        <source>The program could not be checked: no list signed by the portal names %1, so nothing proves it is the portal&apos;s program. The README on the drive says so.</source>
        <translation>Программаны текшерүүгө мүмкүн болгон жок: портал кол койгон эч бир тизмеде %1 жок, ошондуктан анын порталдын программасы экенин эч нерсе далилдебейт. Дисктеги README ушуну айтат.</translation>
    </message>
    <message>
        <source>The portal&apos;s signature vouches for the program: another computer with Kitepkana can check it before installing (see the README).</source>
        <translation>Порталдын колу программаны ырастайт: Kitepkana орнотулган башка компьютер аны орнотуудан мурун текшере алат (README караңыз).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) were not on this computer and were not copied.</source>
        <translation>
            <numerusform>%n файл (видео) бул компьютерде жок болгондуктан көчүрүлгөн жок.</numerusform>
            <numerusform>%n файл (видео) бул компьютерде жок болгондуктан көчүрүлгөн жок.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to copy: no installer or portable copy of Kitepkana was found, and this library was not updated from the portal or a drive.</source>
        <translation>Көчүрө турган эч нерсе жок: Kitepkana программасынын орнотуучу файлы же көчмө көчүрмөсү табылган жок, ал эми бул китепкана порталдан же флешкадан жаңыртылган эмес.</translation>
    </message>
    <message>
        <source>A program file is not there any more. Choose it again.</source>
        <translation>Программанын файлы жок болуп калды. Аны кайра тандаңыз.</translation>
    </message>
    <message>
        <source>The drive %1 is not there, or cannot be written to. Plug it in and try again.</source>
        <translation>%1 флешкасы жок же ага жазууга болбойт. Аны сайып, кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Stopped: the USB kit on the drive is not complete. Make it again to finish it.</source>
        <translation>Токтотулду: орнотуучу флешка толук жазылган жок. Аягына чыгаруу үчүн аны кайра жасаңыз.</translation>
    </message>
    <message>
        <source>The USB kit was not written.</source>
        <translation>Орнотуучу флешка жазылган жок.</translation>
    </message>
</context>
<context>
    <name>UsbWizard</name>
    <message>
        <source>Put Kitepkana on a USB drive</source>
        <translation>Китепкананы USB-флешкага жазуу</translation>
    </message>
    <message>
        <source>What should go on the USB drive?</source>
        <translation>USB-флешкага эмне жазылсын?</translation>
    </message>
    <message>
        <source>&amp;Library only</source>
        <translation>&amp;Китепкана гана</translation>
    </message>
    <message>
        <source>For a computer that already has Kitepkana: it brings its library up to date from the drive (Update library, then the USB drive). Smaller and quicker.</source>
        <translation>Kitepkana орнотулган компьютер үчүн: ал китепканасын флешкадан жаңыртат («Китепкананы жаңыртуу», андан кийин USB-флешка). Көлөмү кичине жана тезирээк.</translation>
    </message>
    <message>
        <source>&amp;Program + library</source>
        <translation>&amp;Программа + китепкана</translation>
    </message>
    <message>
        <source>For a computer without Kitepkana: the drive carries the program to install, this library, and instructions in Kyrgyz, Russian and English. Needs more space.</source>
        <translation>Kitepkana жок компьютер үчүн: флешкада орнотула турган программа, ушул китепкана жана кыргыз, орус, англис тилдериндеги нускама болот. Көбүрөөк орун керек.</translation>
    </message>
    <message>
        <source>I have the program &amp;file…</source>
        <translation>Программанын &amp;файлы менде бар…</translation>
    </message>
    <message>
        <source>Choose the Kitepkana installer or portable zip you have</source>
        <translation>Колуңуздагы Kitepkana орноткучун же көчмө zip файлын тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Download them first</source>
        <translation>&amp;Адегенде аларды жүктөп алуу</translation>
    </message>
    <message>
        <source>Download the waiting videos before copying</source>
        <translation>Көчүрүүдөн мурун күтүп турган видеолорду жүктөп алуу</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Кийинки</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Артка</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Бул терезени жабуу</translation>
    </message>
    <message>
        <source>Program: %1</source>
        <translation>Программа: %1</translation>
    </message>
    <message>
        <source>“Program + library” cannot be made here: the program&apos;s installer is not on this computer. Get “kitepkana-setup.exe” (or the portable zip) from the portal&apos;s download page, or copy it from the USB drive this computer was installed from; then click “I have the program file…”.</source>
        <translation>«Программа + китепкана» бул жерде жасалбайт: программанын орноткучу бул компьютерде жок. «kitepkana-setup.exe» файлын (же көчмө zip файлын) порталдын жүктөө барагынан алыңыз же бул компьютер орнотулган USB-флешкадан көчүрүңүз; андан кийин «Программанын файлы менде бар…» баскычын басыңыз.</translation>
    </message>
    <message>
        <source>This library was never updated from the portal or a USB drive, so there is no library to pass on yet.</source>
        <translation>Бул китепкана порталдан же USB-флешкадан эч качан жаңыртылган эмес, ошондуктан азырынча бере турган китепкана жок.</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) are not on this computer yet: they would not be copied. Download them first (with internet), then come back.</source>
        <translation>
            <numerusform>%n видео бул компьютерде азырынча жок: алар көчүрүлбөйт. Адегенде аларды (интернет аркылуу) жүктөп алып, анан кайра келиңиз.</numerusform>
            <numerusform>%n видео бул компьютерде азырынча жок: алар көчүрүлбөйт. Адегенде аларды (интернет аркылуу) жүктөп алып, анан кайра келиңиз.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the Kitepkana installer or portable zip</source>
        <translation type="vanished">Kitepkana орноткучун же көчмө zip файлын тандаңыз</translation>
    </message>
    <message>
        <source>Kitepkana program (*.exe *.zip)</source>
        <translation type="vanished">Kitepkana программасы (*.exe *.zip)</translation>
    </message>
    <message>
        <source>Now click “Safely Remove Hardware” (the USB icon next to the clock), choose %1, and pull the drive out when Windows says it is safe.</source>
        <translation>Эми «Түзмөктү коопсуз чыгарууну» басыңыз (сааттын жанындагы USB белгиси), %1 тандаңыз жана Windows коопсуз деп айткандан кийин флешканы сууруп алыңыз.</translation>
    </message>
</context>
<context>
    <name>VisitorStrip</name>
    <message>
        <source>I&apos;m done — clear my notes, bookmarks and history</source>
        <translation>Бүттүм — эскертмелеримди, кыстармаларымды жана таржымалымды өчүрүү</translation>
    </message>
    <message>
        <source>For the next visitor: clears the notes, bookmarks and reading history of this visit and goes back to the start page (Ctrl+Shift+D)</source>
        <translation>Кийинки окурман үчүн: ушул келүүдөгү эскертмелерди, кыстармаларды жана окуу таржымалын өчүрүп, башкы бетке кайтат (Ctrl+Shift+D)</translation>
    </message>
    <message numerus="yes">
        <source>Visitor mode is on. Your notes, bookmarks and history are cleared when you press “I&apos;m done”, or after %n minute(s) without use.</source>
        <translation>
            <numerusform>Окурман режими күйгүзүлгөн. «Бүттүм» баскычын басканыңызда же компьютер %n мүнөт колдонулбаса, эскертмелериңиз, кыстармаларыңыз жана таржымалыңыз өчүрүлөт.</numerusform>
            <numerusform>Окурман режими күйгүзүлгөн. «Бүттүм» баскычын басканыңызда же компьютер %n мүнөт колдонулбаса, эскертмелериңиз, кыстармаларыңыз жана таржымалыңыз өчүрүлөт.</numerusform>
        </translation>
    </message>
    <message>
        <source>Visitor mode is on; the librarian has unlocked the settings. They lock again by themselves in a few minutes, or when a visitor presses “I&apos;m done”.</source>
        <translation>Окурман режими күйгүзүлгөн; китепканачы жөндөөлөрдү ачты. Алар бир нече мүнөттөн кийин же окурман «Бүттүм» баскычын басканда кайра өзү кулпуланат.</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to Kitepkana</source>
        <translation>Kitepkana программасына кош келиңиз</translation>
    </message>
    <message>
        <source>This is a library of best practices of local self-government in Kyrgyzstan: practices, video lessons, documents and events. It works without the internet. For now it holds only a small sample: bring in the whole library from the portal (with the internet) or from a USB drive someone prepared for you.</source>
        <translation>Бул — Кыргызстандагы жергиликтүү өз алдынча башкаруунун мыкты тажрыйбаларынын китепканасы: тажрыйбалар, видеосабактар, документтер жана иш-чаралар. Ал интернетсиз иштейт. Азырынча анда чакан үлгү гана бар: толук китепкананы порталдан (интернет аркылуу) же сизге даярдалган USB-флешкадан алып келиңиз.</translation>
    </message>
    <message>
        <source>Update from the portal</source>
        <translation>Порталдан жаңыртуу</translation>
    </message>
    <message>
        <source>Update from a USB drive</source>
        <translation>USB-флешкадан жаңыртуу</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Издөө</translation>
    </message>
    <message>
        <source>Close; this panel does not come back</source>
        <translation>Жабуу; бул панель кайра чыкпайт</translation>
    </message>
    <message>
        <source>Close the welcome panel</source>
        <translation>Саламдашуу панелин жабуу</translation>
    </message>
</context>
</TS>
