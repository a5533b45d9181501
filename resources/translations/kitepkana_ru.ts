<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AccessCodeBox</name>
    <message>
        <source>The PC at %1 did not accept that access code. Check the code with its librarian, type it again, then click Try again.</source>
        <translation>Компьютер по адресу %1 не принял этот код доступа. Уточните код у его библиотекаря, введите его снова и нажмите «Повторить».</translation>
    </message>
    <message>
        <source>The PC at %1 shares its library only with an access code, so its files cannot be downloaded without it. Type the code its librarian gives you, then click Try again.</source>
        <translation>Компьютер по адресу %1 открывает свою библиотеку только по коду доступа, поэтому без кода его файлы не скачать. Введите код, который даст его библиотекарь, и нажмите «Повторить».</translation>
    </message>
    <message>
        <source>Access c&amp;ode:</source>
        <translation>&amp;Код доступа:</translation>
    </message>
    <message>
        <source>Ask that PC&apos;s librarian</source>
        <translation>Спросите у библиотекаря того компьютера</translation>
    </message>
    <message>
        <source>Access code of the PC the files come from</source>
        <translation>Код доступа компьютера, с которого идут файлы</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Повторить</translation>
    </message>
</context>
<context>
    <name>AccessCodeRow</name>
    <message>
        <source>Ask that PC&apos;s librarian</source>
        <translation>Спросите у библиотекаря того компьютера</translation>
    </message>
    <message>
        <source>Access code of the PC nearby</source>
        <translation>Код доступа компьютера поблизости</translation>
    </message>
    <message>
        <source>Access &amp;code of %1:</source>
        <translation>&amp;Код доступа компьютера %1:</translation>
    </message>
    <message>
        <source>%1 shares its library only with an access code. Type the code its librarian gives you, then click Update now.</source>
        <translation>%1 открывает свою библиотеку только по коду доступа. Введите код, который даст его библиотекарь, и нажмите «Обновить сейчас».</translation>
    </message>
</context>
<context>
    <name>DaysAgo</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n день назад</numerusform>
            <numerusform>%n дня назад</numerusform>
            <numerusform>%n дней назад</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadOffer</name>
    <message>
        <source>This video did not come with an update this PC received, so it cannot be downloaded from here. It can be copied from a USB drive that holds the library, or it will arrive with a later update.</source>
        <translation>Это видео не пришло ни с одним обновлением, полученным этим компьютером, поэтому его нельзя скачать отсюда. Его можно скопировать с USB-флешки, на которой есть библиотека, или оно придёт с одним из следующих обновлений.</translation>
    </message>
    <message>
        <source>The place this library updates from cannot be reached. Check the Internet connection (or plug in the USB drive) and try again.</source>
        <translation>Не удаётся связаться с источником обновлений библиотеки. Проверьте подключение к интернету (или вставьте USB-флешку) и попробуйте снова.</translation>
    </message>
    <message>
        <source>The connection stopped answering. Try again later: the download continues where it stopped.</source>
        <translation>Соединение перестало отвечать. Попробуйте позже: загрузка продолжится с того места, где остановилась.</translation>
    </message>
    <message>
        <source>The server answered with an error. Try again later.</source>
        <translation>Сервер ответил ошибкой. Попробуйте позже.</translation>
    </message>
    <message>
        <source>The update source no longer has this video. Update the library first, then try again.</source>
        <translation>В источнике обновлений этого видео больше нет. Сначала обновите библиотеку, потом попробуйте снова.</translation>
    </message>
    <message>
        <source>The place this library updates from holds no library now (perhaps a Wi-Fi sign-in page). Try again later.</source>
        <translation>В источнике обновлений сейчас нет библиотеки (возможно, открылась страница входа в сеть Wi-Fi). Попробуйте позже.</translation>
    </message>
    <message>
        <source>The USB drive or folder could not be read. Check that it is plugged in and try again.</source>
        <translation>Не удалось прочитать USB-флешку или папку. Проверьте, что флешка вставлена, и попробуйте снова.</translation>
    </message>
    <message>
        <source>The video arrived damaged and was not kept. Try again.</source>
        <translation>Видео пришло повреждённым и не было сохранено. Попробуйте снова.</translation>
    </message>
    <message>
        <source>There is not enough free space on this PC&apos;s disk. Free some space and try again.</source>
        <translation>На диске этого компьютера недостаточно свободного места. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <source>The video could not be saved on this PC. Free some disk space or ask for help, then try again.</source>
        <translation>Не удалось сохранить видео на этом компьютере. Освободите место на диске или попросите помощи, затем попробуйте снова.</translation>
    </message>
    <message>
        <source>Download stopped. Next time it continues where it stopped.</source>
        <translation>Загрузка остановлена. В следующий раз она продолжится с того же места.</translation>
    </message>
    <message>
        <source>The video could not be downloaded.</source>
        <translation>Не удалось скачать видео.</translation>
    </message>
    <message>
        <source>This video is not on this PC.</source>
        <translation>Этого видео нет на этом компьютере.</translation>
    </message>
    <message>
        <source>&amp;Download it</source>
        <translation>&amp;Скачать</translation>
    </message>
    <message>
        <source>Download the video</source>
        <translation>Скачать видео</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Отмена</translation>
    </message>
    <message>
        <source>Stop downloading</source>
        <translation>Остановить загрузку</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Ход загрузки</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Подробности: %1</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Not downloaded</source>
        <translation>Не скачано</translation>
    </message>
    <message>
        <source>Waiting in the queue</source>
        <translation>Ждёт в очереди</translation>
    </message>
    <message>
        <source>Downloading… %p%</source>
        <translation>Загрузка… %p%</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Приостановлено</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Скачано</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Не удалось</translation>
    </message>
    <message>
        <source>Needs the access code</source>
        <translation>Нужен код доступа</translation>
    </message>
</context>
<context>
    <name>DownloadsView</name>
    <message>
        <source>Files that are not on this computer yet — mostly videos, which are downloaded only when you ask. Select a row and press Download.</source>
        <translation>Файлы, которых ещё нет на этом компьютере, — в основном видео: они скачиваются, только когда вы попросите. Выберите строку и нажмите «Скачать».</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
    <message>
        <source>Every file of the library is on this computer.</source>
        <translation>Все файлы библиотеки есть на этом компьютере.</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>Ска&amp;чать</translation>
    </message>
    <message>
        <source>Download the selected items</source>
        <translation>Скачать выбранное</translation>
    </message>
    <message>
        <source>Download &amp;all</source>
        <translation>Скачать вс&amp;ё</translation>
    </message>
    <message>
        <source>Download every item in the list</source>
        <translation>Скачать всё из списка</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Пауза</translation>
    </message>
    <message>
        <source>Pause the selected downloads</source>
        <translation>Приостановить выбранные загрузки</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>П&amp;родолжить</translation>
    </message>
    <message>
        <source>Resume the selected downloads</source>
        <translation>Продолжить выбранные загрузки</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Отмена</translation>
    </message>
    <message>
        <source>Cancel the selected downloads</source>
        <translation>Отменить выбранные загрузки</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Об&amp;новить</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Обновить список</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Ход: %1</translation>
    </message>
    <message>
        <source>Space used by the library&apos;s files: %1</source>
        <translation>Место, занятое файлами библиотеки: %1</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>пока нет</translation>
    </message>
    <message>
        <source>Free on the library&apos;s disk: %1 of %2</source>
        <translation>Свободно на диске библиотеки: %1 из %2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Copy library to a USB drive</source>
        <translation>Копировать библиотеку на USB-флешку</translation>
    </message>
    <message>
        <source>Copy this library onto a USB drive. Another computer can then update its library from the drive, without internet.</source>
        <translation>Скопируйте эту библиотеку на USB-флешку. Потом другой компьютер сможет обновить свою библиотеку с этой флешки без интернета.</translation>
    </message>
    <message>
        <source>Copy &amp;to:</source>
        <translation>&amp;Куда копировать:</translation>
    </message>
    <message>
        <source>Drive or folder to copy to</source>
        <translation>Флешка или папка, куда копировать</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation>&amp;Выбрать папку…</translation>
    </message>
    <message>
        <source>Choose a folder to copy to</source>
        <translation>Выберите папку для копирования</translation>
    </message>
    <message>
        <source>&amp;Look for USB drives</source>
        <translation>&amp;Найти USB-флешки</translation>
    </message>
    <message>
        <source>Look for USB drives again</source>
        <translation>Снова поискать USB-флешки</translation>
    </message>
    <message>
        <source>&amp;Copy to the drive</source>
        <translation>Ко&amp;пировать на флешку</translation>
    </message>
    <message>
        <source>Copy the library to the drive</source>
        <translation>Копировать библиотеку на флешку</translation>
    </message>
    <message>
        <source>C&amp;ancel copying</source>
        <translation>&amp;Остановить копирование</translation>
    </message>
    <message>
        <source>Cancel copying</source>
        <translation>Остановить копирование</translation>
    </message>
    <message>
        <source>Copying progress</source>
        <translation>Ход копирования</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Закрыть это окно</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation>Папка %1</translation>
    </message>
    <message>
        <source>Drive %1 (%2 free)</source>
        <translation>Диск %1 (свободно %2)</translation>
    </message>
    <message>
        <source>No USB drive found: plug one in, or choose a folder</source>
        <translation>USB-флешка не найдена: вставьте флешку или выберите папку</translation>
    </message>
    <message>
        <source>Choose a drive (no USB drive found; these are disks of this computer)</source>
        <translation>Выберите диск (USB-флешка не найдена; это диски этого компьютера)</translation>
    </message>
    <message>
        <source>Choose the drive or folder to copy to</source>
        <translation>Выберите флешку или папку, куда копировать</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Подсчёт…</translation>
    </message>
    <message>
        <source>Needed: %1. Free on the drive: %2.</source>
        <translation>Нужно: %1. Свободно на флешке: %2.</translation>
    </message>
    <message>
        <source>There is not enough space on this drive: free some space or use a bigger one.</source>
        <translation>На этой флешке недостаточно места: освободите место или возьмите флешку побольше.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) are not on this computer and will not be copied.</source>
        <translation>
            <numerusform>%n файл (видео) отсутствует на этом компьютере и не будет скопирован.</numerusform>
            <numerusform>%n файла (видео) отсутствуют на этом компьютере и не будут скопированы.</numerusform>
            <numerusform>%n файлов (видео) отсутствуют на этом компьютере и не будут скопированы.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copying to %1…</source>
        <translation>Копирование на %1…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Done: another computer can now update from this drive (Update library, then choose the drive). %1 copied to %2.</source>
        <translation>Готово: теперь другой компьютер может обновиться с этой флешки («Обновить библиотеку», затем выберите флешку). Скопировано %1 на %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) were not on this computer and were not copied.</source>
        <translation>
            <numerusform>%n файл (видео) не скопирован: его нет на этом компьютере.</numerusform>
            <numerusform>%n файла (видео) не скопированы: их нет на этом компьютере.</numerusform>
            <numerusform>%n файлов (видео) не скопированы: их нет на этом компьютере.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copying was cancelled: the drive does not hold the new copy of the library. Copy again to finish it.</source>
        <translation>Копирование отменено: на флешке нет новой копии библиотеки. Скопируйте ещё раз, чтобы закончить.</translation>
    </message>
    <message>
        <source>The library was not copied.</source>
        <translation>Библиотека не скопирована.</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <source>Narrow down</source>
        <translation type="vanished">Фильтры</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <source>Filters for what is found appear here: kind, topic, region, who it is for, language and year, each with how many items it has.</source>
        <translation>Здесь появятся фильтры по найденному: вид, тема, регион, для кого, язык и год — с числом материалов в каждом.</translation>
    </message>
    <message>
        <source>click again to remove this filter</source>
        <translation>нажмите ещё раз, чтобы убрать этот фильтр</translation>
    </message>
    <message>
        <source>show only these</source>
        <translation>показать только эти</translation>
    </message>
    <message>
        <source>Show all (%1)…</source>
        <translation>Показать все (%1)…</translation>
    </message>
</context>
<context>
    <name>Facets</name>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Who it is for</source>
        <translation>Для кого</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Год</translation>
    </message>
</context>
<context>
    <name>FeedsPanel</name>
    <message>
        <source>%n day(s) ago</source>
        <translation type="vanished">%n день назад</translation>
    </message>
    <message>
        <source>Libraries this computer follows</source>
        <translation>Библиотеки, за которыми следит этот компьютер</translation>
    </message>
    <message>
        <source>Start &amp;again</source>
        <translation>Начать з&amp;аново</translation>
    </message>
    <message>
        <source>The next update fetches this library whole, as on a new computer</source>
        <translation>Следующее обновление загрузит эту библиотеку целиком, как на новом компьютере</translation>
    </message>
    <message>
        <source>&amp;Forget…</source>
        <translation>&amp;Забыть…</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>%1 — %2 item(s), newest update %3</source>
        <translation type="vanished">%1 — материалов: %2, последнее обновление %3</translation>
    </message>
    <message>
        <source>out of date</source>
        <translation>устарела</translation>
    </message>
    <message>
        <source>Feed %1, signed with key %2</source>
        <translation>Лента %1, подписана ключом %2</translation>
    </message>
    <message>
        <source>None yet: the first update from the portal or a USB drive adds it here.</source>
        <translation>Пока нет: первое обновление с портала или USB-флешки добавит её сюда.</translation>
    </message>
    <message>
        <source>Forget this library</source>
        <translation>Забыть эту библиотеку</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot; and the %2 item(s) it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</source>
        <translation type="vanished">Удалить «%1» и принесённые ею материалы (%2) с этого компьютера? Ваши заметки и закладки останутся. Обновления из неё снова спросят, следить ли за ней.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n item(s), newest update %3</source>
        <translation>
            <numerusform>%1 — %n материал, последнее обновление %3</numerusform>
            <numerusform>%1 — %n материала, последнее обновление %3</numerusform>
            <numerusform>%1 — %n материалов, последнее обновление %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove &quot;%1&quot; and the %n item(s) it brought from this computer? Your notes and bookmarks stay. Updates from it will ask again whether to follow it.</source>
        <translation>
            <numerusform>Удалить «%1» и принесённый ею %n материал с этого компьютера? Ваши заметки и закладки останутся. Обновления из неё снова спросят, следить ли за ней.</numerusform>
            <numerusform>Удалить «%1» и принесённые ею %n материала с этого компьютера? Ваши заметки и закладки останутся. Обновления из неё снова спросят, следить ли за ней.</numerusform>
            <numerusform>Удалить «%1» и принесённые ею %n материалов с этого компьютера? Ваши заметки и закладки останутся. Обновления из неё снова спросят, следить ли за ней.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FullScreenButton</name>
    <message>
        <source>Leave full screen</source>
        <translation>Выйти из полноэкранного режима</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Во весь экран</translation>
    </message>
    <message>
        <source>Back to the normal window (Esc or F11)</source>
        <translation>Вернуться к обычному окну (Esc или F11)</translation>
    </message>
    <message>
        <source>Use the whole screen for reading (F11)</source>
        <translation>Читать во весь экран (F11)</translation>
    </message>
</context>
<context>
    <name>Hosting</name>
    <message>
        <source>This library is already open in another Kitepkana window on this computer. Close that window and try again.</source>
        <translation>Эта библиотека уже открыта в другом окне Kitepkana на этом компьютере. Закройте то окно и попробуйте снова.</translation>
    </message>
    <message>
        <source>Kitepkana&apos;s settings file is locked by another program (a backup or a virus check). Wait a moment, close that program and start Kitepkana again; your settings were not changed.</source>
        <translation>Файл настроек Kitepkana занят другой программой (резервное копирование или проверка на вирусы). Подождите немного, закройте эту программу и запустите Kitepkana снова; ваши настройки не изменились.</translation>
    </message>
    <message>
        <source>This item is no longer in the library.</source>
        <translation>Этого материала больше нет в библиотеке.</translation>
    </message>
    <message>
        <source>Stopped; nothing half-done was kept.</source>
        <translation>Остановлено; ничего недоделанного не сохранено.</translation>
    </message>
    <message>
        <source>The library&apos;s database was damaged (the computer was switched off while it was being set up) and no backup could replace it. It was kept as %1 for the person who supports this library; an empty library was started.</source>
        <translation>База данных библиотеки повреждена (компьютер выключился, пока она создавалась), и ни одна резервная копия не смогла её заменить. Она сохранена как %1 для того, кто обслуживает библиотеку; открыта пустая библиотека.</translation>
    </message>
    <message>
        <source>The computer did not allow Kitepkana to use its folder (%1).</source>
        <translation>Компьютер не разрешил Kitepkana пользоваться своей папкой (%1).</translation>
    </message>
    <message>
        <source>A file could not be read or written: %1</source>
        <translation>Не удалось прочитать или записать файл: %1</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Недоступно</translation>
    </message>
    <message>
        <source>This part of the program could not be loaded: %1</source>
        <translation>Эту часть программы не удалось загрузить: %1</translation>
    </message>
</context>
<context>
    <name>ItemFallbackPage</name>
    <message>
        <source>Item text</source>
        <translation>Текст материала</translation>
    </message>
    <message>
        <source>This part of the program could not be loaded, so the item is shown as plain text. (%1)</source>
        <translation>Эту часть программы не удалось загрузить, поэтому материал показан простым текстом. (%1)</translation>
    </message>
</context>
<context>
    <name>ItemListPage</name>
    <message>
        <source>Bookmarks</source>
        <translation>Закладки</translation>
    </message>
    <message>
        <source>No bookmarks yet. Open a practice or a lesson and press “Bookmark” to keep it here.</source>
        <translation>Закладок пока нет. Откройте практику или урок и нажмите «Закладка», чтобы сохранить его здесь.</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>Недавно открытые</translation>
    </message>
    <message>
        <source>Nothing opened yet. What you read or watch will be listed here.</source>
        <translation>Пока ничего не открывали. Здесь появится то, что вы читаете или смотрите.</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>открыто %1</translation>
    </message>
    <message>
        <source>stopped at %1</source>
        <translation>остановились на %1</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Practice</source>
        <translation>Практика</translation>
    </message>
    <message>
        <source>Video lesson</source>
        <translation>Видеоурок</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>Practices</source>
        <translation>Практики</translation>
    </message>
    <message>
        <source>Video lessons</source>
        <translation>Видеоуроки</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Мероприятия</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>I am &amp;done — clear my notes</source>
        <translation>&amp;Готово — очистить мои заметки</translation>
    </message>
    <message>
        <source>Clears the notes, bookmarks and reading history of this visit for the next visitor</source>
        <translation>Очищает заметки, закладки и историю чтения этого посещения для следующего посетителя</translation>
    </message>
</context>
<context>
    <name>LanguageHint</name>
    <message>
        <source>Only in %1.</source>
        <translation>Только язык: %1.</translation>
    </message>
    <message>
        <source>+%1 in %2</source>
        <translation>+%1 — %2</translation>
    </message>
    <message>
        <source>%1 — show all languages</source>
        <translation>%1 — показать все языки</translation>
    </message>
    <message>
        <source>Remove the language filter</source>
        <translation>Снять фильтр по языку</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>Kyrgyz</source>
        <translation>Кыргызский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
</context>
<context>
    <name>LessonInfo</name>
    <message>
        <source>About this lesson</source>
        <translation>Об этом уроке</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Темы: %1</translation>
    </message>
    <message>
        <source>See also: %1</source>
        <translation type="vanished">Связанные материалы: %1</translation>
    </message>
    <message>
        <source>Related: %1</source>
        <translation>Связанные материалы: %1</translation>
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
        <translation>Не удалось сохранить закладку или заметку: %1</translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message>
        <source>Play or pause</source>
        <translation>Воспроизвести или приостановить</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Воспроизвести или приостановить (Пробел)</translation>
    </message>
    <message>
        <source>Back 10 seconds</source>
        <translation>Назад на 10 секунд</translation>
    </message>
    <message>
        <source>Back 10 seconds (Left arrow)</source>
        <translation>Назад на 10 секунд (стрелка влево)</translation>
    </message>
    <message>
        <source>Forward 10 seconds</source>
        <translation>Вперёд на 10 секунд</translation>
    </message>
    <message>
        <source>Forward 10 seconds (Right arrow)</source>
        <translation>Вперёд на 10 секунд (стрелка вправо)</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>Выключить звук</translation>
    </message>
    <message>
        <source>Sound off (M)</source>
        <translation>Выключить звук (M)</translation>
    </message>
    <message>
        <source>Bookmark this lesson</source>
        <translation>Добавить урок в закладки</translation>
    </message>
    <message>
        <source>Keep this lesson in your bookmarks (Ctrl+D)</source>
        <translation>Сохранить урок в закладках (Ctrl+D)</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>Место в видео</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>&amp;Скорость:</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Скорость воспроизведения</translation>
    </message>
    <message>
        <source>%1× (normal)</source>
        <translation>%1× (обычная)</translation>
    </message>
    <message>
        <source>S&amp;ubtitles:</source>
        <translation>С&amp;убтитры:</translation>
    </message>
    <message>
        <source>Subtitles language</source>
        <translation>Язык субтитров</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выкл.</translation>
    </message>
    <message>
        <source>★ In bookmarks</source>
        <translation>★ В закладках</translation>
    </message>
    <message>
        <source>☆ &amp;Bookmark</source>
        <translation>☆ &amp;Закладка</translation>
    </message>
    <message>
        <source>Subtitles</source>
        <translation>Субтитры</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Видео</translation>
    </message>
    <message>
        <source>This lesson is no longer in the library.</source>
        <translation>Этого урока больше нет в библиотеке.</translation>
    </message>
    <message>
        <source>This lesson could not be opened.</source>
        <translation>Не удалось открыть этот урок.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>This video cannot be played on this PC: %1</source>
        <translation>Это видео нельзя воспроизвести на этом компьютере: %1</translation>
    </message>
    <message>
        <source>Your bookmark or note could not be saved: %1</source>
        <translation type="vanished">Не удалось сохранить закладку или заметку: %1</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>Включить звук</translation>
    </message>
    <message>
        <source>Sound on (M)</source>
        <translation>Включить звук (M)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kitepkana — library of local self-government practices</source>
        <translation>Kitepkana — библиотека практик местного самоуправления</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>Back to where you were (Alt+Left)</source>
        <translation>Вернуться туда, где вы были (Alt+Влево)</translation>
    </message>
    <message>
        <source>&amp;Find in the library</source>
        <translation>&amp;Поиск в библиотеке</translation>
    </message>
    <message>
        <source>Go to the search box (Ctrl+F)</source>
        <translation>Перейти к строке поиска (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Update library</source>
        <translation>&amp;Обновить библиотеку</translation>
    </message>
    <message>
        <source>Get new practices, lessons and documents from the portal or a USB drive</source>
        <translation>Получить новые практики, уроки и документы с портала или USB-флешки</translation>
    </message>
    <message>
        <source>&amp;Copy library to a USB drive…</source>
        <translation>&amp;Копировать библиотеку на USB-флешку…</translation>
    </message>
    <message>
        <source>So that another computer can update from the drive</source>
        <translation>Чтобы другой компьютер мог обновиться с флешки</translation>
    </message>
    <message>
        <source>Make a USB &amp;kit…</source>
        <translation>Сделать установочную &amp;флешку…</translation>
    </message>
    <message>
        <source>The program and this library on a USB drive, to install another computer</source>
        <translation>Программа и эта библиотека на USB-флешке — чтобы установить их на другой компьютер</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>Language, data folder, updates, visitor mode</source>
        <translation>Язык, папка данных, обновления, режим посетителей</translation>
    </message>
    <message>
        <source>&amp;About Kitepkana</source>
        <translation>&amp;О программе Kitepkana</translation>
    </message>
    <message>
        <source>Save a &amp;problem report…</source>
        <translation>Сохранить &amp;отчёт о проблеме…</translation>
    </message>
    <message>
        <source>A file for whoever supports this library: versions, settings, the log</source>
        <translation>Файл для того, кто обслуживает библиотеку: версии, настройки, журнал</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>I am &amp;done</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <source>Clear what this visitor left for the next one</source>
        <translation>Очистить то, что оставил этот посетитель, для следующего</translation>
    </message>
    <message>
        <source>&amp;Librarian…</source>
        <translation>&amp;Библиотекарь…</translation>
    </message>
    <message>
        <source>Show the settings and updates (asks for the librarian&apos;s PIN)</source>
        <translation>Показать настройки и обновление (спросит PIN-код библиотекаря)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Библиотека</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Главная панель инструментов</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>Открытие библиотеки…</translation>
    </message>
    <message>
        <source>The downloads view could not be loaded: %1</source>
        <translation>Не удалось открыть раздел «Загрузки»: %1</translation>
    </message>
    <message>
        <source>The library could not be opened. %1</source>
        <translation>Не удалось открыть библиотеку. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in the library</source>
        <translation>
            <numerusform>В библиотеке %n материал</numerusform>
            <numerusform>В библиотеке %n материала</numerusform>
            <numerusform>В библиотеке %n материалов</numerusform>
        </translation>
    </message>
    <message>
        <source>last updated %1</source>
        <translation>последнее обновление: %1</translation>
    </message>
    <message>
        <source>not updated yet</source>
        <translation>ещё не обновлялась</translation>
    </message>
    <message>
        <source>About Kitepkana</source>
        <translation>О программе Kitepkana</translation>
    </message>
    <message>
        <source>Kitepkana %1

An offline library of best practices of local self-government in the Kyrgyz Republic: practices, video lessons, documents and events.

The library is kept in: %2</source>
        <translation>Kitepkana %1

Библиотека лучших практик местного самоуправления Кыргызской Республики, работающая без интернета: практики, видеоуроки, документы и мероприятия.

Библиотека хранится в папке: %2</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Other languages are not available in this version of the program.</source>
        <translation>В этой версии программы другие языки недоступны.</translation>
    </message>
</context>
<context>
    <name>NavigationPane</name>
    <message>
        <source>Sections of the library</source>
        <translation>Разделы библиотеки</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>My n&amp;otes (click one to watch from there)</source>
        <translation type="vanished">Мои за&amp;метки (нажмите на заметку, чтобы смотреть с этого места)</translation>
    </message>
    <message>
        <source>My notes on this lesson</source>
        <translation type="vanished">Мои заметки к этому уроку</translation>
    </message>
    <message>
        <source>Write a note about this moment of the video…</source>
        <translation type="vanished">Напишите заметку об этом моменте видео…</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation type="vanished">Текст заметки</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation type="vanished">&amp;Добавить заметку</translation>
    </message>
    <message>
        <source>Save the note with the current time of the video</source>
        <translation type="vanished">Сохранить заметку с текущим временем видео</translation>
    </message>
    <message>
        <source>Your notes</source>
        <translation>Ваши заметки</translation>
    </message>
    <message>
        <source>&amp;New note:</source>
        <translation>&amp;Новая заметка:</translation>
    </message>
    <message>
        <source>Text of a new note</source>
        <translation>Текст новой заметки</translation>
    </message>
    <message>
        <source>Write a note for yourself. Only this PC keeps it.</source>
        <translation>Напишите заметку для себя. Она хранится только на этом компьютере.</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Удалить заметку</translation>
    </message>
    <message>
        <source>Delete the chosen note</source>
        <translation>Удалить выбранную заметку</translation>
    </message>
    <message>
        <source>(the item this note was about has been removed from the library)</source>
        <translation>(материал, к которому относилась заметка, удалён из библиотеки)</translation>
    </message>
    <message>
        <source>This item is no longer in the library. Your notes on it are kept.</source>
        <translation>Этого материала больше нет в библиотеке. Ваши заметки к нему сохранены.</translation>
    </message>
    <message>
        <source>Your notes (%1):</source>
        <translation>Ваши заметки (%1):</translation>
    </message>
    <message>
        <source>You have no notes on this item yet.</source>
        <translation>У вас пока нет заметок к этому материалу.</translation>
    </message>
    <message>
        <source>Delete this note? This cannot be undone.</source>
        <translation>Удалить эту заметку? Вернуть её будет нельзя.</translation>
    </message>
    <message>
        <source>Only the librarian can delete this note.</source>
        <translation>Удалить эту заметку может только библиотекарь.</translation>
    </message>
    <message>
        <source>Your notes could not be changed: %1</source>
        <translation>Не удалось изменить заметки: %1</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>Предыдущая страница (PgUp)</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>Следующая страница (PgDn)</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Номер страницы</translation>
    </message>
    <message>
        <source>Type a page number and press Enter</source>
        <translation>Введите номер страницы и нажмите Enter</translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation>Мельче</translation>
    </message>
    <message>
        <source>Make the page smaller (Ctrl+-)</source>
        <translation>Уменьшить страницу (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>Крупнее</translation>
    </message>
    <message>
        <source>Make the page larger (Ctrl++)</source>
        <translation>Увеличить страницу (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>По ширине</translation>
    </message>
    <message>
        <source>Make the page as wide as the window</source>
        <translation>Сделать страницу шириной с окно</translation>
    </message>
    <message>
        <source>Fit to width</source>
        <translation>Подогнать по ширине</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Close this file</source>
        <translation>Закрыть этот файл</translation>
    </message>
    <message>
        <source>Close the file</source>
        <translation>Закрыть файл</translation>
    </message>
    <message>
        <source>&amp;Find in this file:</source>
        <translation>&amp;Найти в этом файле:</translation>
    </message>
    <message>
        <source>Word to find (Ctrl+F)</source>
        <translation>Слово для поиска (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find in this file</source>
        <translation>Найти в этом файле</translation>
    </message>
    <message>
        <source>Previous place found (Shift+F3)</source>
        <translation>Предыдущее найденное место (Shift+F3)</translation>
    </message>
    <message>
        <source>Previous place found</source>
        <translation>Предыдущее найденное место</translation>
    </message>
    <message>
        <source>Next place found (F3 or Enter)</source>
        <translation>Следующее найденное место (F3 или Enter)</translation>
    </message>
    <message>
        <source>Next place found</source>
        <translation>Следующее найденное место</translation>
    </message>
    <message>
        <source>Pages of the file</source>
        <translation>Страницы файла</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>The file is not on this PC.</source>
        <translation>Этого файла нет на этом компьютере.</translation>
    </message>
    <message>
        <source>The file is damaged or is not a PDF file.</source>
        <translation>Файл повреждён или это не PDF-файл.</translation>
    </message>
    <message>
        <source>The file is locked with a password.</source>
        <translation>Файл защищён паролем.</translation>
    </message>
    <message>
        <source>The file is locked in a way this program cannot open.</source>
        <translation>Файл защищён так, что эта программа не может его открыть.</translation>
    </message>
    <message>
        <source>Cannot show “%1”. %2</source>
        <translation>Не удаётся показать «%1». %2</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Не найдено</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Найдено: %1</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>из %1</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Librarian PIN</source>
        <translation>PIN-код библиотекаря</translation>
    </message>
    <message>
        <source>This needs the librarian. Enter the librarian &amp;PIN:</source>
        <translation type="vanished">Для этого нужен библиотекарь. Введите &amp;PIN-код библиотекаря:</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Слишком много неверных попыток. Подождите %n секунду и попробуйте снова.</numerusform>
            <numerusform>Слишком много неверных попыток. Подождите %n секунды и попробуйте снова.</numerusform>
            <numerusform>Слишком много неверных попыток. Подождите %n секунд и попробуйте снова.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong tries. Wait %n minute(s) and try again.</source>
        <translation>
            <numerusform>Слишком много неверных попыток. Подождите %n минуту и попробуйте снова.</numerusform>
            <numerusform>Слишком много неверных попыток. Подождите %n минуты и попробуйте снова.</numerusform>
            <numerusform>Слишком много неверных попыток. Подождите %n минут и попробуйте снова.</numerusform>
        </translation>
    </message>
    <message>
        <source>That PIN is not right. Try again.</source>
        <translation>Неверный PIN-код. Попробуйте снова.</translation>
    </message>
    <message>
        <source>Visitor mode is on. Settings, updates and copies to USB drives are for the librarian, and so are saving, printing to a file and deleting others&apos; notes. Enter the librarian &amp;PIN:</source>
        <translation>Включён режим посетителей. Настройки, обновления и копирование на USB-флешку, а также сохранение, печать в файл и удаление чужих заметок доступны только библиотекарю. Введите &amp;PIN-код библиотекаря:</translation>
    </message>
    <message>
        <source>Forgot the PIN? Whoever looks after this computer can turn visitor mode off with the command “kitepkana visitor-off” (README, “Visitor mode”); then choose a new PIN in Settings.</source>
        <translation>Забыли PIN-код? Тот, кто обслуживает этот компьютер, может выключить режим посетителей командой «kitepkana visitor-off» (README, раздел «Visitor mode»); затем задайте новый PIN-код в Настройках.</translation>
    </message>
</context>
<context>
    <name>ProblemReport</name>
    <message>
        <source>Save a problem report</source>
        <translation>Сохранить отчёт о проблеме</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Файлы zip (*.zip)</translation>
    </message>
    <message>
        <source>The problem report was saved as:
%1

Send this file to the person who supports your library (by e-mail, or copied onto a USB drive), with a few words about what happened and when. It holds no notes, bookmarks or reading history.</source>
        <translation>Отчёт о проблеме сохранён как:
%1

Отправьте этот файл тому, кто обслуживает вашу библиотеку (по электронной почте или скопировав на USB-флешку), и коротко опишите, что и когда случилось. В нём нет заметок, закладок и истории чтения.</translation>
    </message>
    <message>
        <source>Problem report saved</source>
        <translation>Отчёт о проблеме сохранён</translation>
    </message>
    <message>
        <source>The problem report could not be saved: %1</source>
        <translation>Не удалось сохранить отчёт о проблеме: %1</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Вырезать</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Вставить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Выделить все</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Сохранить все</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Да</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Да для &amp;всех</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Нет</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Н&amp;ет для всех</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Прервать</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Пропустить</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Не сохранять</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Справка</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Восстановить значения по умолчанию</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Вырезать</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Копировать &amp;адрес ссылки</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Вставить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Выделить все</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>Practice</source>
        <translation>Практика</translation>
    </message>
    <message>
        <source>Video lesson</source>
        <translation>Видеоурок</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>очно</translation>
    </message>
    <message>
        <source>online</source>
        <translation>онлайн</translation>
    </message>
    <message>
        <source>in person and online</source>
        <translation>очно и онлайн</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>Где: %1</translation>
    </message>
    <message>
        <source>Organiser: %1</source>
        <translation>Организатор: %1</translation>
    </message>
    <message>
        <source>Organisation: %1</source>
        <translation>Организация: %1</translation>
    </message>
    <message>
        <source>Authors: %1</source>
        <translation>Авторы: %1</translation>
    </message>
    <message>
        <source>Award: %1</source>
        <translation>Награда: %1</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Темы: %1</translation>
    </message>
    <message>
        <source>For: %1</source>
        <translation>Для кого: %1</translation>
    </message>
    <message>
        <source>On the portal: %1</source>
        <translation>На портале: %1</translation>
    </message>
    <message>
        <source>the file could not be written (is the folder read-only, or the disk full?)</source>
        <translation>не удалось записать файл (папка только для чтения или диск заполнен?)</translation>
    </message>
    <message>
        <source>this place cannot be written to, or the file is open in another program</source>
        <translation>сюда нельзя записывать, или файл открыт в другой программе</translation>
    </message>
    <message>
        <source>the file or the folder is missing</source>
        <translation>файла или папки нет</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>диск заполнен</translation>
    </message>
</context>
<context>
    <name>ReaderSidePanel</name>
    <message>
        <source>Click to open</source>
        <translation>Нажмите, чтобы открыть</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>Read in:</source>
        <translation>Читать на:</translation>
    </message>
    <message>
        <source>Read in Kyrgyz</source>
        <translation>Читать на кыргызском</translation>
    </message>
    <message>
        <source>Read in Russian</source>
        <translation>Читать на русском</translation>
    </message>
    <message>
        <source>Read in English</source>
        <translation>Читать на английском</translation>
    </message>
    <message>
        <source>Watch the recording</source>
        <translation>Смотреть запись</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>Print this text (Ctrl+P)</source>
        <translation>Напечатать этот текст (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Сохранить как PDF</translation>
    </message>
    <message>
        <source>Save this text as a PDF file (Ctrl+Shift+E)</source>
        <translation>Сохранить этот текст в PDF-файл (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Files of this item</source>
        <translation>Файлы этого материала</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Open the chosen file</source>
        <translation>Открыть выбранный файл</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Сохранить копию…</translation>
    </message>
    <message>
        <source>Save a copy of the chosen file</source>
        <translation>Сохранить копию выбранного файла</translation>
    </message>
    <message>
        <source>Related items</source>
        <translation>Связанные материалы</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Связанные материалы</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>This item is no longer in the library. It was removed when the library was updated.</source>
        <translation>Этого материала больше нет в библиотеке. Он был удалён при обновлении библиотеки.</translation>
    </message>
    <message>
        <source>This item could not be opened: %1</source>
        <translation>Не удалось открыть этот материал: %1</translation>
    </message>
    <message>
        <source>not on this PC yet</source>
        <translation>пока нет на этом компьютере</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation type="vanished">Файлы (%1)</translation>
    </message>
    <message>
        <source>Related (%1)</source>
        <translation type="vanished">Связанные материалы (%1)</translation>
    </message>
    <message>
        <source>A−</source>
        <translation>A−</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl+−)</source>
        <translation>Уменьшить текст (Ctrl+−)</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Уменьшить текст</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <source>Larger text (Ctrl++)</source>
        <translation>Увеличить текст (Ctrl++)</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Увеличить текст</translation>
    </message>
    <message>
        <source>Watch the video lesson</source>
        <translation>Смотреть видеоурок</translation>
    </message>
    <message>
        <source>★ Bookmarked</source>
        <translation>★ В закладках</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ Закладка</translation>
    </message>
    <message>
        <source>Remove the bookmark (Ctrl+D)</source>
        <translation>Убрать закладку (Ctrl+D)</translation>
    </message>
    <message>
        <source>Bookmark this item (Ctrl+D)</source>
        <translation>Добавить материал в закладки (Ctrl+D)</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Закладка</translation>
    </message>
    <message>
        <source>This link leads to the internet:

%1

Open it in your web browser? It works only when this PC is connected.</source>
        <translation>Эта ссылка ведёт в интернет:

%1

Открыть её в браузере? Это работает, только когда компьютер подключён к интернету.</translation>
    </message>
    <message>
        <source>Open a web link?</source>
        <translation>Открыть веб-ссылку?</translation>
    </message>
    <message>
        <source>“%1” is not on this PC yet. It comes with the next library update (or from the Downloads page).</source>
        <translation>«%1» пока нет на этом компьютере. Файл придёт со следующим обновлением библиотеки (или со страницы «Загрузки»).</translation>
    </message>
    <message>
        <source>The file “%1” is not opened here: it is not a document, a picture or a text (it could be a program). Use “Save a copy…” to keep it.</source>
        <translation>Файл «%1» здесь не открывается: это не документ, не изображение и не текст (это может быть программа). Чтобы сохранить его, используйте «Сохранить копию…».</translation>
    </message>
    <message>
        <source>Files cannot be saved while this PC is in visitor mode. Please ask the librarian.</source>
        <translation>Пока компьютер в режиме посетителей, файлы сохранять нельзя. Обратитесь к библиотекарю.</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Сохранить копию</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>The file could not be copied: %1</source>
        <translation>Не удалось скопировать файл: %1</translation>
    </message>
    <message>
        <source>The bookmark could not be saved: %1</source>
        <translation>Не удалось сохранить закладку: %1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF file could not be saved: %1</source>
        <translation>Не удалось сохранить PDF-файл: %1</translation>
    </message>
    <message>
        <source>Saved as PDF: %1</source>
        <translation>Сохранено в PDF: %1</translation>
    </message>
</context>
<context>
    <name>ResultRow</name>
    <message>
        <source>found in the video at %1</source>
        <translation>найдено в видео на %1</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Поиск:</translation>
    </message>
    <message>
        <source>Words to find in practices, lessons, documents and events</source>
        <translation>Слова для поиска в практиках, уроках, документах и мероприятиях</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Поиск по библиотеке</translation>
    </message>
    <message>
        <source>S&amp;ort:</source>
        <translation>&amp;Сортировка:</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>по релевантности</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>сначала новые</translation>
    </message>
    <message>
        <source>Order of the results</source>
        <translation>Сортировка результатов</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Результаты</translation>
    </message>
    <message>
        <source>Did you mean:</source>
        <translation>Возможно, вы имели в виду:</translation>
    </message>
    <message>
        <source>Search for the suggested spelling</source>
        <translation>Искать предложенное написание</translation>
    </message>
    <message>
        <source>The search did not work: %1</source>
        <translation>Поиск не сработал: %1</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>Открытие библиотеки…</translation>
    </message>
    <message>
        <source>Nothing was found for “%1”. Showing the results for “%2” instead.</source>
        <translation>По запросу «%1» ничего не найдено. Показаны результаты для «%2».</translation>
    </message>
    <message>
        <source>Nothing was found for “%1”. Try fewer or shorter words, or remove a filter.</source>
        <translation>По запросу «%1» ничего не найдено. Попробуйте меньше слов или слова покороче либо уберите фильтр.</translation>
    </message>
    <message>
        <source>There is nothing here yet.</source>
        <translation>Здесь пока ничего нет.</translation>
    </message>
    <message numerus="yes">
        <source>No item has all of these words. Showing the items that have some of them (%n found).</source>
        <translation>
            <numerusform>Нет материалов, где есть все эти слова. Показаны материалы, где есть некоторые из них (найден %n).</numerusform>
            <numerusform>Нет материалов, где есть все эти слова. Показаны материалы, где есть некоторые из них (найдено %n).</numerusform>
            <numerusform>Нет материалов, где есть все эти слова. Показаны материалы, где есть некоторые из них (найдено %n).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n результат</numerusform>
            <numerusform>%n результата</numerusform>
            <numerusform>%n результатов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s), newest first</source>
        <translation>
            <numerusform>%n материал, сначала новые</numerusform>
            <numerusform>%n материала, сначала новые</numerusform>
            <numerusform>%n материалов, сначала новые</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the filter %1</source>
        <translation>Убрать фильтр %1</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Убрать этот фильтр</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>Убрать все фильтры</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Practices</source>
        <translation>Практики</translation>
    </message>
    <message>
        <source>Video lessons</source>
        <translation>Видеоуроки</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Закладки</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Загрузки</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Обновления</translation>
    </message>
    <message>
        <source>Visitor mode</source>
        <translation>Режим посетителей</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Дополнительно</translation>
    </message>
    <message>
        <source>Change these only when the portal team asks you to.</source>
        <translation>Меняйте это, только если вас попросит команда портала.</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Как на компьютере</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>Library &amp;folder:</source>
        <translation>&amp;Папка библиотеки:</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Папка библиотеки</translation>
    </message>
    <message>
        <source>&amp;Choose another folder…</source>
        <translation>&amp;Выбрать другую папку…</translation>
    </message>
    <message>
        <source>Use the usual folder</source>
        <translation>Использовать обычную папку</translation>
    </message>
    <message>
        <source>&amp;Portal address:</source>
        <translation>&amp;Адрес портала:</translation>
    </message>
    <message>
        <source>Portal address</source>
        <translation>Адрес портала</translation>
    </message>
    <message>
        <source>Where updates come from: the feed address the LSG Union (the portal&apos;s team) gives you, with its key. There is none yet by default. Leave it empty if you update only from a USB drive.</source>
        <translation>Откуда приходят обновления: адрес ленты, который вместе с ключом даёт Союз МСУ (команда портала). По умолчанию его пока нет. Оставьте пустым, если обновляете только с USB-флешки.</translation>
    </message>
    <message>
        <source>Ask the LSG Union (the portal&apos;s team) for this address. Without it, the library is updated from USB drives only.</source>
        <translation>Попросите этот адрес у Союза МСУ (команды портала). Без него библиотека обновляется только с USB-флешек.</translation>
    </message>
    <message>
        <source>&amp;Videos to download:</source>
        <translation>&amp;Какие видео скачивать:</translation>
    </message>
    <message>
        <source>Videos to download</source>
        <translation>Какие видео скачивать</translation>
    </message>
    <message>
        <source>Only when I open them</source>
        <translation>Только когда я их открываю</translation>
    </message>
    <message>
        <source>Videos on the topics below</source>
        <translation>Видео по темам ниже</translation>
    </message>
    <message>
        <source>All videos (needs a fast connection and much disk space)</source>
        <translation>Все видео (нужны быстрый интернет и много места на диске)</translation>
    </message>
    <message>
        <source>&amp;Topics:</source>
        <translation>&amp;Темы:</translation>
    </message>
    <message>
        <source>Topics whose videos are downloaded</source>
        <translation>Темы, видео по которым скачиваются</translation>
    </message>
    <message>
        <source>Download &amp;speed limit:</source>
        <translation>&amp;Ограничение скорости загрузки:</translation>
    </message>
    <message>
        <source>Download speed limit in kilobytes per second</source>
        <translation>Ограничение скорости загрузки в килобайтах в секунду</translation>
    </message>
    <message>
        <source> KB/s</source>
        <translation> КБ/с</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Без ограничения</translation>
    </message>
    <message>
        <source>Trusted &amp;publishers:</source>
        <translation>Доверенные &amp;издатели:</translation>
    </message>
    <message>
        <source>Trusted publisher keys</source>
        <translation>Ключи доверенных издателей</translation>
    </message>
    <message>
        <source>&amp;Add a key file…</source>
        <translation>&amp;Добавить файл ключа…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Убрать</translation>
    </message>
    <message>
        <source>Remove the chosen publisher key</source>
        <translation>Убрать выбранный ключ издателя</translation>
    </message>
    <message>
        <source>Libraries followed:</source>
        <translation>Отслеживаемые библиотеки:</translation>
    </message>
    <message>
        <source>Other &amp;servers allowed:</source>
        <translation>Другие разрешённые &amp;серверы:</translation>
    </message>
    <message>
        <source>Other servers allowed for updates</source>
        <translation>Другие серверы, разрешённые для обновлений</translation>
    </message>
    <message>
        <source>Updates come only from the portal&apos;s own server. If the portal team asks you to, write the name of their other server here (separate several with commas).</source>
        <translation>Обновления приходят только с собственного сервера портала. Если команда портала попросит, впишите сюда имя их другого сервера (несколько — через запятую).</translation>
    </message>
    <message>
        <source>For a computer shared by visitors. Settings, updates and deleting need the librarian PIN, and each visitor&apos;s notes, bookmarks and reading history are cleared when they press &quot;I am done&quot; or leave the computer alone.</source>
        <translation>Для компьютера, которым пользуются посетители. Для настроек, обновлений и удаления нужен PIN-код библиотекаря, а заметки, закладки и история чтения каждого посетителя очищаются, когда он нажимает «Готово» или перестаёт пользоваться компьютером.</translation>
    </message>
    <message>
        <source>Turn on &amp;visitor mode</source>
        <translation>Включить &amp;режим посетителей</translation>
    </message>
    <message>
        <source>New librarian P&amp;IN:</source>
        <translation>Новый P&amp;IN-код библиотекаря:</translation>
    </message>
    <message>
        <source>New librarian PIN</source>
        <translation>Новый PIN-код библиотекаря</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>от 4 до 12 цифр</translation>
    </message>
    <message>
        <source>Leave empty to keep the PIN</source>
        <translation>Оставьте пустым, чтобы не менять PIN-код</translation>
    </message>
    <message>
        <source>The PIN &amp;again:</source>
        <translation>PIN-код &amp;ещё раз:</translation>
    </message>
    <message>
        <source>The new PIN again</source>
        <translation>Новый PIN-код ещё раз</translation>
    </message>
    <message>
        <source>Clear after &amp;quiet minutes:</source>
        <translation>Очищать после &amp;бездействия:</translation>
    </message>
    <message>
        <source>Minutes without use before a visitor&apos;s notes are cleared</source>
        <translation>Через сколько минут бездействия очищать заметки посетителя</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Choose the folder for the library</source>
        <translation>Выберите папку для библиотеки</translation>
    </message>
    <message>
        <source>This copy of Kitepkana was started with its own folder (a portable copy or a folder given at start), so the folder cannot be changed here.</source>
        <translation>Эта копия Kitepkana запущена со своей папкой (переносная копия или папка, указанная при запуске), поэтому папку здесь изменить нельзя.</translation>
    </message>
    <message>
        <source>From the next start the library will be in: %1
Files are not moved. If that folder is empty, the library starts again from the sample and is filled by the next update.</source>
        <translation>Со следующего запуска библиотека будет здесь: %1
Файлы не переносятся. Если эта папка пуста, библиотека начнётся заново с образца и заполнится при следующем обновлении.</translation>
    </message>
    <message>
        <source>From the next start the library will be in the usual folder again.</source>
        <translation>Со следующего запуска библиотека снова будет в обычной папке.</translation>
    </message>
    <message>
        <source>%1 (built in)</source>
        <translation>%1 (встроенный)</translation>
    </message>
    <message>
        <source>Choose a publisher&apos;s key file</source>
        <translation>Выберите файл ключа издателя</translation>
    </message>
    <message>
        <source>Key files (*.pub *.pem)</source>
        <translation>Файлы ключей (*.pub *.pem)</translation>
    </message>
    <message>
        <source>This file is not a publisher&apos;s key. Ask the portal team for the right key file (it ends in .pub).</source>
        <translation>Этот файл — не ключ издателя. Попросите у команды портала правильный файл ключа (его имя заканчивается на .pub).</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Убрать ключ</translation>
    </message>
    <message>
        <source>Updates signed with this key will no longer be accepted. Remove it?</source>
        <translation>Обновления, подписанные этим ключом, больше не будут приниматься. Убрать его?</translation>
    </message>
    <message>
        <source>The key file could not be removed. Close other programs using it and try again.</source>
        <translation>Не удалось убрать файл ключа. Закройте другие программы, которые его используют, и попробуйте снова.</translation>
    </message>
    <message>
        <source>The portal address must start with http:// or https://, for example https://portal.example.kg/feed/. Leave it empty if you update only from a USB drive.</source>
        <translation>Адрес портала должен начинаться с http:// или https://, например https://portal.example.kg/feed/. Оставьте его пустым, если обновляете только с USB-флешки.</translation>
    </message>
    <message>
        <source>Tick at least one topic, or choose another setting for videos.</source>
        <translation>Отметьте хотя бы одну тему или выберите другую настройку для видео.</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 12 digits.</source>
        <translation>PIN-код должен состоять из 4–12 цифр.</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Type the PIN twice.</source>
        <translation>Два PIN-кода не совпадают. Введите PIN-код дважды.</translation>
    </message>
    <message>
        <source>Choose a librarian PIN before turning on visitor mode.</source>
        <translation>Прежде чем включить режим посетителей, задайте PIN-код библиотекаря.</translation>
    </message>
    <message>
        <source>The portal&apos;s key (built in)</source>
        <translation>Ключ портала (встроенный)</translation>
    </message>
    <message>
        <source>a test key for the sample library; the released program carries the portal&apos;s real key</source>
        <translation>тестовый ключ для образца библиотеки; в выпущенной программе будет настоящий ключ портала</translation>
    </message>
    <message>
        <source>updates from the portal are checked with it</source>
        <translation>им проверяются обновления с портала</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share on this network</source>
        <translation>Открыть доступ в этой сети</translation>
    </message>
    <message>
        <source>Phones and computers on the same network (the library&apos;s Wi-Fi) can read this library in a browser. Type this address, or scan the code with a phone camera:</source>
        <translation>Телефоны и компьютеры в той же сети (Wi-Fi библиотеки) могут читать эту библиотеку в браузере. Наберите этот адрес или отсканируйте код камерой телефона:</translation>
    </message>
    <message>
        <source>If nobody can open it: the phone must be on the same Wi-Fi as this computer, and Windows Firewall must allow Kitepkana on private networks (it asks the first time; answer Allow).</source>
        <translation>Если никто не может открыть: телефон должен быть в той же сети Wi-Fi, что и этот компьютер, а брандмауэр Windows должен разрешать Kitepkana в частных сетях (он спросит в первый раз; ответьте «Разрешить»).</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Закрыть доступ</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>Access code (optional): visitors type it once before they can read. Leave it empty to let anyone on this network read.</source>
        <translation>Код доступа (необязательно): посетители вводят его один раз, прежде чем читать. Оставьте пустым, чтобы читать мог любой в этой сети.</translation>
    </message>
    <message>
        <source>No code</source>
        <translation>Без кода</translation>
    </message>
    <message>
        <source>Set code</source>
        <translation>Задать код</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Not shared</source>
        <translation>Доступ закрыт</translation>
    </message>
    <message>
        <source>Visitors now: %1 · today: %2</source>
        <translation>Посетителей сейчас: %1 · сегодня: %2</translation>
    </message>
    <message>
        <source>Visitors must type the code %1 before they can read.</source>
        <translation>Чтобы читать, посетители должны ввести код %1.</translation>
    </message>
    <message>
        <source>No access code: anyone on this network can read.</source>
        <translation>Кода доступа нет: читать может любой в этой сети.</translation>
    </message>
    <message>
        <source>Checking whether phones can reach this computer…</source>
        <translation>Проверяем, могут ли телефоны подключиться к этому компьютеру…</translation>
    </message>
    <message>
        <source>This computer does not answer at its own address %1. Check that it is connected to the library&apos;s Wi-Fi or network cable, then press &quot;Check again&quot;.</source>
        <translation>Этот компьютер не отвечает по своему адресу %1. Проверьте, что он подключён к Wi-Fi библиотеки или сетевому кабелю, затем нажмите «Проверить снова».</translation>
    </message>
    <message>
        <source>Phones cannot reach this computer: Windows treats this network as Public and blocks them. Make it Private: Start → Settings → Network &amp; Internet → Wi-Fi (or Ethernet) → this network → Network profile: Private.</source>
        <translation>Телефоны не могут подключиться к этому компьютеру: Windows считает эту сеть общедоступной и блокирует их. Сделайте её частной: «Пуск» → «Параметры» → «Сеть и Интернет» → Wi-Fi (или Ethernet) → эта сеть → «Профиль сети»: «Частная».</translation>
    </message>
    <message>
        <source>Windows Firewall may block phones. Allow Kitepkana: Start → type &quot;Allow an app through Windows Firewall&quot; → Change settings → tick Kitepkana and the Private column → OK.</source>
        <translation>Брандмауэр Windows может блокировать телефоны. Разрешите Kitepkana: «Пуск» → введите «Разрешение взаимодействия с приложением через брандмауэр Windows» → «Изменить параметры» → отметьте Kitepkana и столбец «Частная» → ОК.</translation>
    </message>
    <message>
        <source>It works: %1 other phones or computers opened the library today.</source>
        <translation>Работает: сегодня библиотеку открыли другие телефоны или компьютеры — %1.</translation>
    </message>
    <message>
        <source>This computer answers at %1. If a phone cannot open it, check that the phone uses the same Wi-Fi (not mobile data).</source>
        <translation>Этот компьютер отвечает по адресу %1. Если телефон не может его открыть, проверьте, что телефон подключён к той же сети Wi-Fi (а не к мобильному интернету).</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>Share on this &amp;network…</source>
        <translation>Открыть доступ в этой &amp;сети…</translation>
    </message>
    <message>
        <source>Let phones and computers on this network read the library in a browser</source>
        <translation>Дать телефонам и компьютерам этой сети читать библиотеку в браузере</translation>
    </message>
    <message>
        <source>Another program on this computer already uses port %1, so the library cannot be shared. Close that program, or choose another port in Settings.</source>
        <translation>Другая программа на этом компьютере уже использует порт %1, поэтому открыть доступ к библиотеке нельзя. Закройте эту программу или выберите другой порт в настройках.</translation>
    </message>
    <message>
        <source>The library could not be shared on this network: %1</source>
        <translation>Не удалось открыть доступ к библиотеке в этой сети: %1</translation>
    </message>
    <message>
        <source>Share on this network</source>
        <translation>Открыть доступ в этой сети</translation>
    </message>
    <message>
        <source>The library is shared on this network. Quitting stops sharing: visitors&apos; browsers will no longer reach it. Quit anyway?</source>
        <translation>Библиотека открыта в этой сети. Выход закроет доступ: браузеры посетителей больше не смогут её открыть. Всё равно выйти?</translation>
    </message>
</context>
<context>
    <name>SideBar</name>
    <message>
        <source>&amp;Sections</source>
        <translation>&amp;Разделы</translation>
    </message>
    <message>
        <source>Show or hide the list of sections (F9)</source>
        <translation>Показать или скрыть список разделов (F9)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Во весь экран</translation>
    </message>
    <message>
        <source>Use the whole screen (F11; Esc to leave)</source>
        <translation>Во весь экран (F11; выход — Esc)</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Выйти из полноэкранного режима</translation>
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
        <translation>Обновить сейчас</translation>
    </message>
    <message>
        <source>This library may be out of date: its newest update was made on %1. Update it from the portal or from a newer USB drive.</source>
        <translation>Возможно, библиотека устарела: её последнее обновление сделано %1. Обновите её с портала или с более новой USB-флешки.</translation>
    </message>
</context>
<context>
    <name>SyncErrors</name>
    <message>
        <source>Could not connect to the portal. Check that this computer is connected to the internet, then try again.</source>
        <translation>Не удалось подключиться к порталу. Проверьте, что компьютер подключён к интернету, и попробуйте снова.</translation>
    </message>
    <message>
        <source>The folder or USB drive %1 is not there. Plug the drive in, then try again.</source>
        <translation>Папки или USB-флешки %1 нет. Вставьте флешку и попробуйте снова.</translation>
    </message>
    <message>
        <source>The portal stopped answering. The connection may be slow or busy; try again later.</source>
        <translation>Портал перестал отвечать. Возможно, связь медленная или перегружена; попробуйте позже.</translation>
    </message>
    <message>
        <source>The connection was too slow, so the download was stopped. It is tried again at the next update; what arrived is kept.</source>
        <translation>Соединение было слишком медленным, поэтому загрузка остановлена. Она повторится при следующем обновлении; то, что уже пришло, сохранено.</translation>
    </message>
    <message>
        <source>The portal took far too long to answer, so the download was stopped. It is tried again at the next update.</source>
        <translation>Портал слишком долго не отвечал, поэтому загрузка остановлена. Она повторится при следующем обновлении.</translation>
    </message>
    <message>
        <source>The portal sent this update on to another server, which is not allowed, so nothing was changed. If the portal team says that server is theirs, add its name in Settings → Updates.</source>
        <translation>Портал перенаправил это обновление на другой сервер, а это не разрешено, поэтому ничего не изменилось. Если команда портала подтвердит, что это их сервер, добавьте его имя в Настройки → Обновления.</translation>
    </message>
    <message>
        <source>That PC shares its library only with an access code, and the code was missing or wrong. Ask its librarian for the code, type it under the list, then try again.</source>
        <translation>Этот компьютер открывает свою библиотеку только по коду доступа, а код не введён или неверен. Спросите код у его библиотекаря, введите его под списком и попробуйте снова.</translation>
    </message>
    <message>
        <source>The portal answered with an error. Try again later.</source>
        <translation>Портал ответил ошибкой. Попробуйте позже.</translation>
    </message>
    <message>
        <source>The update at %1 is incomplete: a file is missing. Nothing half-done was kept.</source>
        <translation>Обновление в %1 неполное: не хватает файла. Ничего недоделанного не сохранено.</translation>
    </message>
    <message>
        <source>No Kitepkana library was found at %1. (On a Wi-Fi network that asks you to log in, open a web browser and log in first.)</source>
        <translation>В %1 не найдена библиотека Kitepkana. (Если сеть Wi-Fi просит войти, сначала откройте браузер и войдите.)</translation>
    </message>
    <message>
        <source>Could not read from the drive. Was it pulled out? Plug it in and try again; what was already copied is kept.</source>
        <translation>Не удалось прочитать флешку. Может быть, её вынули? Вставьте её и попробуйте снова; то, что уже скопировано, сохранится.</translation>
    </message>
    <message>
        <source>This library was signed by a publisher this computer does not trust, so nothing was changed. Use the portal or a drive made from it.</source>
        <translation>Эта библиотека подписана издателем, которому этот компьютер не доверяет, поэтому ничего не изменено. Используйте портал или флешку, сделанную с него.</translation>
    </message>
    <message>
        <source>This update claims to come from a library this computer already follows, but it is signed by someone else. Nothing was changed. Use the portal or a drive made from it.</source>
        <translation>Это обновление выдаёт себя за библиотеку, за которой уже следит этот компьютер, но подписано кем-то другим. Ничего не изменилось. Используйте портал или диск, записанный с него.</translation>
    </message>
    <message>
        <source>The portal is publishing new material right now. Try again in a minute.</source>
        <translation>Портал прямо сейчас публикует новые материалы. Попробуйте через минуту.</translation>
    </message>
    <message>
        <source>This update is not properly signed: it may have been changed or damaged on the way. Nothing was changed.</source>
        <translation>Это обновление неправильно подписано: возможно, его изменили или повредили по дороге. Ничего не изменено.</translation>
    </message>
    <message>
        <source>This update was made for a newer version of Kitepkana. Install the newer version first.</source>
        <translation>Это обновление сделано для более новой версии Kitepkana. Сначала установите новую версию.</translation>
    </message>
    <message>
        <source>%1 holds an older copy of the library than this computer already has. Nothing was changed.</source>
        <translation>В %1 более старая копия библиотеки, чем уже есть на этом компьютере. Ничего не изменено.</translation>
    </message>
    <message>
        <source>This computer&apos;s library is too old for this update. Ask for a full copy of the library on a USB drive.</source>
        <translation>Библиотека на этом компьютере слишком старая для этого обновления. Попросите полную копию библиотеки на USB-флешке.</translation>
    </message>
    <message>
        <source>This library comes from a publisher this computer has not followed before. Nothing was changed.</source>
        <translation>Эта библиотека от издателя, с которым этот компьютер раньше не работал. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The update is damaged (a file is not what it should be). Nothing was changed. Try again, or use another drive.</source>
        <translation>Обновление повреждено (файл не такой, каким должен быть). Ничего не изменено. Попробуйте снова или возьмите другую флешку.</translation>
    </message>
    <message>
        <source>There is not enough free space on the disk. Free some space, then try again.</source>
        <translation>На диске недостаточно свободного места. Освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <source>Could not write to this computer&apos;s disk. Check that it is not full, then try again.</source>
        <translation>Не удалось записать на диск этого компьютера. Проверьте, не заполнен ли он, и попробуйте снова.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing half-done was kept; the next update goes on from here.</source>
        <translation>Отменено. Ничего недоделанного не сохранено; следующее обновление продолжится отсюда.</translation>
    </message>
    <message>
        <source>The library is in use by another Kitepkana window. Close it and try again.</source>
        <translation>Библиотеку использует другое окно Kitepkana. Закройте его и попробуйте снова.</translation>
    </message>
    <message>
        <source>This item did not come from the portal or a drive, so there is nowhere to download it from.</source>
        <translation>Этот материал пришёл не с портала и не с флешки, поэтому его неоткуда скачать.</translation>
    </message>
    <message>
        <source>There is nothing to copy yet: this library was not updated from the portal or a drive.</source>
        <translation>Копировать пока нечего: эта библиотека не обновлялась с портала или флешки.</translation>
    </message>
    <message>
        <source>This library was updated from several publishers; copying it needs the command line (kitepkana export --feed).</source>
        <translation>Эта библиотека обновлялась от нескольких издателей; чтобы её скопировать, нужна командная строка (kitepkana export --feed).</translation>
    </message>
    <message>
        <source>A video is larger than 4 GB and cannot go on this drive. Format the drive as exFAT or NTFS.</source>
        <translation>Одно видео больше 4 ГБ и не поместится на эту флешку. Отформатируйте флешку в exFAT или NTFS.</translation>
    </message>
    <message>
        <source>A file was damaged while writing to the drive. The drive may be failing; try another one.</source>
        <translation>При записи на флешку файл повредился. Возможно, флешка неисправна; попробуйте другую.</translation>
    </message>
    <message>
        <source>This computer does not hold the whole library yet. Connect to the portal (or the drive it was updated from), then copy again.</source>
        <translation>На этом компьютере пока нет всей библиотеки. Подключитесь к порталу (или к флешке, с которой она обновлялась), затем скопируйте снова.</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Что-то пошло не так: %1</translation>
    </message>
    <message>
        <source>this place</source>
        <translation>это место</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Something went wrong in the background: %1 (details: Help → Save a problem report…)</source>
        <translation>Что-то пошло не так в фоновой работе: %1 (подробности: Справка → Сохранить отчёт о проблеме…)</translation>
    </message>
    <message>
        <source>Preparing the library (the first start takes a while)…</source>
        <translation>Подготовка библиотеки (первый запуск занимает некоторое время)…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
</context>
<context>
    <name>TimedNotesPanel</name>
    <message>
        <source>My n&amp;otes (click one to watch from there)</source>
        <translation>Мои за&amp;метки (нажмите на заметку, чтобы смотреть с этого места)</translation>
    </message>
    <message>
        <source>My notes on this lesson</source>
        <translation>Мои заметки к этому уроку</translation>
    </message>
    <message>
        <source>Write a note about this moment of the video…</source>
        <translation>Напишите заметку об этом моменте видео…</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Текст заметки</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>&amp;Добавить заметку</translation>
    </message>
    <message>
        <source>Save the note with the current time of the video</source>
        <translation>Сохранить заметку с текущим временем видео</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <source>&amp;Transcript (%1)</source>
        <translation>&amp;Расшифровка (%1)</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Расшифровка</translation>
    </message>
    <message>
        <source>Transcript: click a line to watch from there</source>
        <translation>Расшифровка: нажмите на строку, чтобы смотреть с этого места</translation>
    </message>
    <message>
        <source>This lesson has no transcript.</source>
        <translation>У этого урока нет расшифровки.</translation>
    </message>
    <message>
        <source>Watch from %1</source>
        <translation>Смотреть с %1</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>Update library</source>
        <translation>Обновить библиотеку</translation>
    </message>
    <message>
        <source>Bring the library up to date from the portal (internet) or from a USB drive that carries a Kitepkana library.</source>
        <translation>Обновите библиотеку с портала (через интернет) или с USB-флешки, на которой есть библиотека Kitepkana.</translation>
    </message>
    <message>
        <source>Update &amp;from:</source>
        <translation>&amp;Откуда обновлять:</translation>
    </message>
    <message>
        <source>Where to update from</source>
        <translation>Откуда обновлять</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation type="vanished">&amp;Выбрать папку…</translation>
    </message>
    <message>
        <source>Choose a folder to update from</source>
        <translation type="vanished">Выберите папку для обновления</translation>
    </message>
    <message>
        <source>&amp;Look for USB drives</source>
        <translation>На&amp;йти USB-флешки</translation>
    </message>
    <message>
        <source>Look for USB drives again</source>
        <translation>Снова поискать USB-флешки</translation>
    </message>
    <message>
        <source>&amp;Update library</source>
        <translation type="vanished">Обновить &amp;библиотеку</translation>
    </message>
    <message>
        <source>&amp;Cancel update</source>
        <translation>&amp;Прервать обновление</translation>
    </message>
    <message>
        <source>Cancel the update</source>
        <translation>Прервать обновление</translation>
    </message>
    <message>
        <source>Update progress</source>
        <translation>Ход обновления</translation>
    </message>
    <message>
        <source>&amp;Yes, trust it and update</source>
        <translation>&amp;Да, доверять и обновить</translation>
    </message>
    <message>
        <source>Trust this publisher and update</source>
        <translation>Доверять этому издателю и обновить</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Нет</translation>
    </message>
    <message>
        <source>Do not trust this publisher</source>
        <translation>Не доверять этому издателю</translation>
    </message>
    <message>
        <source>&amp;What&apos;s new</source>
        <translation>&amp;Что нового</translation>
    </message>
    <message>
        <source>What&apos;s new: click an entry to open it</source>
        <translation>Что нового: нажмите на запись, чтобы открыть её</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Закрыть это окно</translation>
    </message>
    <message>
        <source>The portal (internet): %1</source>
        <translation type="vanished">Портал (интернет): %1</translation>
    </message>
    <message>
        <source>Drive %1 (%2)</source>
        <translation type="vanished">Диск %1 (%2)</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation type="vanished">Папка %1</translation>
    </message>
    <message>
        <source>No portal address is set and no USB drive with a library was found</source>
        <translation>Адрес портала не задан, и USB-флешка с библиотекой не найдена</translation>
    </message>
    <message>
        <source>Choose where to update from</source>
        <translation>Выберите, откуда обновить</translation>
    </message>
    <message>
        <source>Choose the folder or drive to update from</source>
        <translation>Выберите папку или флешку для обновления</translation>
    </message>
    <message>
        <source>There is no Kitepkana library in %1. Choose the drive or the folder that holds feed.json (or a kitepkana-feed folder).</source>
        <translation>В %1 нет библиотеки Kitepkana. Выберите флешку или папку, где есть feed.json (или папка kitepkana-feed).</translation>
    </message>
    <message>
        <source>Choose where to update from: set the portal&apos;s address in Settings, plug in a USB drive, or choose a folder.</source>
        <translation>Выберите, откуда обновлять: укажите адрес портала в настройках, вставьте USB-флешку или выберите папку.</translation>
    </message>
    <message>
        <source>Checking for updates…</source>
        <translation>Проверка обновлений…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Завершение…</translation>
    </message>
    <message>
        <source>Receiving the whole library (first update)…</source>
        <translation>Получение всей библиотеки (первое обновление)…</translation>
    </message>
    <message>
        <source>&amp;Other folder…</source>
        <translation>&amp;Другая папка…</translation>
    </message>
    <message>
        <source>Choose another folder to update from</source>
        <translation>Выбрать другую папку для обновления</translation>
    </message>
    <message>
        <source>&amp;Update now</source>
        <translation>&amp;Обновить сейчас</translation>
    </message>
    <message>
        <source>Update the library now</source>
        <translation>Обновить библиотеку сейчас</translation>
    </message>
    <message>
        <source>Go to &amp;Downloads</source>
        <translation>Перейти к &amp;загрузкам</translation>
    </message>
    <message>
        <source>Go to Downloads, where the videos wait</source>
        <translation>Перейти к загрузкам, где ждут видео</translation>
    </message>
    <message>
        <source>Internet (portal)</source>
        <translation>Интернет (портал)</translation>
    </message>
    <message>
        <source>PC nearby: %1</source>
        <translation>Компьютер рядом: %1</translation>
    </message>
    <message>
        <source>Folder “%1”</source>
        <translation>Папка «%1»</translation>
    </message>
    <message>
        <source>USB drive %1</source>
        <translation>USB-флешка %1</translation>
    </message>
    <message>
        <source>Network drive %1</source>
        <translation>Сетевой диск %1</translation>
    </message>
    <message>
        <source>Drive %1</source>
        <translation>Диск %1</translation>
    </message>
    <message>
        <source>Receiving the changes (part %1 of %2)…</source>
        <translation>Получение изменений (часть %1 из %2)…</translation>
    </message>
    <message>
        <source>Receiving the changes…</source>
        <translation>Получение изменений…</translation>
    </message>
    <message>
        <source>Updating the search index…</source>
        <translation>Обновление поискового индекса…</translation>
    </message>
    <message>
        <source>Downloading files: %1</source>
        <translation>Загрузка файлов: %1</translation>
    </message>
    <message>
        <source>Downloading files…</source>
        <translation>Загрузка файлов…</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>This portal carries a library from the publisher “%1”, which this computer has not followed before. Trust it?</source>
        <translation>На этом портале библиотека издателя «%1», с которым этот компьютер раньше не работал. Доверять ему?</translation>
    </message>
    <message>
        <source>This drive carries a library from the publisher “%1”, which this computer has not followed before. Trust it?</source>
        <translation>На этой флешке библиотека издателя «%1», с которым этот компьютер раньше не работал. Доверять ему?</translation>
    </message>
    <message>
        <source>Nothing was changed yet.</source>
        <translation>Пока ничего не изменено.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
    <message>
        <source>The library was not updated.</source>
        <translation>Библиотека не обновлена.</translation>
    </message>
    <message>
        <source>The library is already up to date.</source>
        <translation>Библиотека уже обновлена.</translation>
    </message>
    <message>
        <source>The library was updated: %1 new, %2 changed, %3 removed.</source>
        <translation>Библиотека обновлена: новых — %1, изменённых — %2, удалённых — %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) can be downloaded later, from Downloads.</source>
        <translation>
            <numerusform>%n видео можно скачать позже в разделе «Загрузки».</numerusform>
            <numerusform>%n видео можно скачать позже в разделе «Загрузки».</numerusform>
            <numerusform>%n видео можно скачать позже в разделе «Загрузки».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) were not changed: they belong to another library, which alone may change them.</source>
        <translation>
            <numerusform>%n материал не изменён: он принадлежит другой библиотеке, и только она может его менять.</numerusform>
            <numerusform>%n материала не изменены: они принадлежат другой библиотеке, и только она может их менять.</numerusform>
            <numerusform>%n материалов не изменены: они принадлежат другой библиотеке, и только она может их менять.</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новые</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Изменённые</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Удалённые</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… и ещё %1</translation>
    </message>
    <message>
        <source>This library has not been updated yet.</source>
        <translation>Эта библиотека ещё не обновлялась.</translation>
    </message>
    <message>
        <source>the portal</source>
        <translation>портал</translation>
    </message>
    <message>
        <source>a USB drive or a folder</source>
        <translation>USB-флешка или папка</translation>
    </message>
    <message>
        <source>Last updated: %1, from %2.</source>
        <translation>Последнее обновление: %1, источник: %2.</translation>
    </message>
    <message>
        <source>The last try (%1) did not succeed.</source>
        <translation>Последняя попытка (%1) не удалась.</translation>
    </message>
</context>
<context>
    <name>UsbKitDialog</name>
    <message>
        <source>Make a USB kit</source>
        <translation>Сделать установочную флешку</translation>
    </message>
    <message>
        <source>Put Kitepkana and this library onto a USB drive, with instructions in Kyrgyz, Russian and English. Another computer can then install the program and get the library from the drive alone, without internet.</source>
        <translation>Запишите Kitepkana и эту библиотеку на USB-флешку вместе с инструкциями на кыргызском, русском и английском языках. Потом другой компьютер сможет установить программу и получить библиотеку только с этой флешки, без интернета.</translation>
    </message>
    <message>
        <source>Write &amp;to:</source>
        <translation>&amp;Куда записать:</translation>
    </message>
    <message>
        <source>Drive or folder to write the kit to</source>
        <translation>Флешка или папка, куда записать</translation>
    </message>
    <message>
        <source>C&amp;hoose folder…</source>
        <translation>&amp;Выбрать папку…</translation>
    </message>
    <message>
        <source>Choose a folder to write the kit to</source>
        <translation>Выберите папку для записи</translation>
    </message>
    <message>
        <source>&amp;Look for USB drives</source>
        <translation>&amp;Найти USB-флешки</translation>
    </message>
    <message>
        <source>Look for USB drives again</source>
        <translation>Снова поискать USB-флешки</translation>
    </message>
    <message>
        <source>Choose &amp;program file…</source>
        <translation>Выбрать файл &amp;программы…</translation>
    </message>
    <message>
        <source>Choose the installer or the portable zip to put on the drive</source>
        <translation>Выберите установщик или переносной zip-архив, который нужно записать на флешку</translation>
    </message>
    <message>
        <source>&amp;Make the USB kit</source>
        <translation>&amp;Сделать установочную флешку</translation>
    </message>
    <message>
        <source>Write the USB kit to the drive</source>
        <translation>Записать установочную флешку</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>&amp;Остановить</translation>
    </message>
    <message>
        <source>Stop writing the USB kit</source>
        <translation>Остановить запись установочной флешки</translation>
    </message>
    <message>
        <source>Writing progress</source>
        <translation>Ход записи</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Закрыть это окно</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation>Папка %1</translation>
    </message>
    <message>
        <source>Drive %1 (%2 free)</source>
        <translation>Диск %1 (свободно %2)</translation>
    </message>
    <message>
        <source>No USB drive found: plug one in, or choose a folder</source>
        <translation>USB-флешка не найдена: вставьте флешку или выберите папку</translation>
    </message>
    <message>
        <source>Choose a drive (no USB drive found; these are disks of this computer)</source>
        <translation>Выберите диск (USB-флешка не найдена; это диски этого компьютера)</translation>
    </message>
    <message>
        <source>Choose the drive or folder to write the kit to</source>
        <translation>Выберите флешку или папку, куда записать</translation>
    </message>
    <message>
        <source>Choose the Kitepkana installer or portable zip</source>
        <translation>Выберите установщик Kitepkana или переносной zip-архив</translation>
    </message>
    <message>
        <source>Kitepkana program (*.exe *.zip)</source>
        <translation>Программа Kitepkana (*.exe *.zip)</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Подсчёт…</translation>
    </message>
    <message>
        <source>Program: %1</source>
        <translation>Программа: %1</translation>
    </message>
    <message>
        <source>No installer or portable copy of Kitepkana was found on this computer: only the library will be copied. Choose a program file to add it.</source>
        <translation>На этом компьютере не найден ни установщик, ни переносная копия Kitepkana: будет скопирована только библиотека. Чтобы добавить программу, выберите её файл.</translation>
    </message>
    <message>
        <source>Needed: %1. Free on the drive: %2.</source>
        <translation>Нужно: %1. Свободно на флешке: %2.</translation>
    </message>
    <message>
        <source>There is not enough space on this drive: free some space or use a bigger one.</source>
        <translation>На этой флешке недостаточно места: освободите место или возьмите флешку побольше.</translation>
    </message>
    <message>
        <source>This library was not updated from the portal or a drive, so only the program goes on the drive.</source>
        <translation>Эта библиотека не обновлялась с портала или флешки, поэтому на флешку будет записана только программа.</translation>
    </message>
    <message>
        <source>Writing the USB kit to %1…</source>
        <translation>Запись установочной флешки: %1…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Done: %1 written to %2 and checked. On another computer, open the drive and read the kitepkana-README file in your language.</source>
        <translation>Готово: %1 записано на %2 и проверено. На другом компьютере откройте флешку и прочитайте файл kitepkana-README на своём языке.</translation>
    </message>
    <message>
        <source>The program could not be checked: no list signed by the portal names %1, so nothing proves it is the portal&apos;s program. The README on the drive says so.</source>
        <translation>Программу не удалось проверить: ни один список, подписанный порталом, не называет %1, поэтому ничто не доказывает, что это программа портала. Об этом сказано в README на диске.</translation>
    </message>
    <message>
        <source>The portal&apos;s signature vouches for the program: another computer with Kitepkana can check it before installing (see the README).</source>
        <translation>Подпись портала подтверждает программу: другой компьютер с Kitepkana может проверить её перед установкой (см. README).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (videos) were not on this computer and were not copied.</source>
        <translation>
            <numerusform>%n файл (видео) не скопирован: его нет на этом компьютере.</numerusform>
            <numerusform>%n файла (видео) не скопированы: их нет на этом компьютере.</numerusform>
            <numerusform>%n файлов (видео) не скопированы: их нет на этом компьютере.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to copy: no installer or portable copy of Kitepkana was found, and this library was not updated from the portal or a drive.</source>
        <translation>Копировать нечего: не найден ни установщик, ни переносная копия Kitepkana, а эта библиотека не обновлялась с портала или флешки.</translation>
    </message>
    <message>
        <source>A program file is not there any more. Choose it again.</source>
        <translation>Файла программы больше нет на месте. Выберите его снова.</translation>
    </message>
    <message>
        <source>The drive %1 is not there, or cannot be written to. Plug it in and try again.</source>
        <translation>Флешки %1 нет, или на неё нельзя записать. Вставьте её и попробуйте снова.</translation>
    </message>
    <message>
        <source>Stopped: the USB kit on the drive is not complete. Make it again to finish it.</source>
        <translation>Остановлено: установочная флешка записана не полностью. Чтобы закончить, сделайте её ещё раз.</translation>
    </message>
    <message>
        <source>The USB kit was not written.</source>
        <translation>Установочная флешка не записана.</translation>
    </message>
</context>
<context>
    <name>UsbWizard</name>
    <message>
        <source>Put Kitepkana on a USB drive</source>
        <translation>Записать Kitepkana на USB-флешку</translation>
    </message>
    <message>
        <source>What should go on the USB drive?</source>
        <translation>Что записать на USB-флешку?</translation>
    </message>
    <message>
        <source>&amp;Library only</source>
        <translation>&amp;Только библиотеку</translation>
    </message>
    <message>
        <source>For a computer that already has Kitepkana: it brings its library up to date from the drive (Update library, then the USB drive). Smaller and quicker.</source>
        <translation>Для компьютера, где Kitepkana уже есть: он обновит свою библиотеку с флешки («Обновить библиотеку», затем USB-флешка). Меньше по объёму и быстрее.</translation>
    </message>
    <message>
        <source>&amp;Program + library</source>
        <translation>&amp;Программа + библиотека</translation>
    </message>
    <message>
        <source>For a computer without Kitepkana: the drive carries the program to install, this library, and instructions in Kyrgyz, Russian and English. Needs more space.</source>
        <translation>Для компьютера без Kitepkana: на флешке будут программа для установки, эта библиотека и инструкция на кыргызском, русском и английском. Нужно больше места.</translation>
    </message>
    <message>
        <source>I have the program &amp;file…</source>
        <translation>У меня есть &amp;файл программы…</translation>
    </message>
    <message>
        <source>Choose the Kitepkana installer or portable zip you have</source>
        <translation>Выберите имеющийся у вас установщик Kitepkana или переносной zip</translation>
    </message>
    <message>
        <source>&amp;Download them first</source>
        <translation>&amp;Сначала загрузить их</translation>
    </message>
    <message>
        <source>Download the waiting videos before copying</source>
        <translation>Загрузить ожидающие видео перед копированием</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Далее</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Закрыть это окно</translation>
    </message>
    <message>
        <source>Program: %1</source>
        <translation>Программа: %1</translation>
    </message>
    <message>
        <source>“Program + library” cannot be made here: the program&apos;s installer is not on this computer. Get “kitepkana-setup.exe” (or the portable zip) from the portal&apos;s download page, or copy it from the USB drive this computer was installed from; then click “I have the program file…”.</source>
        <translation>«Программа + библиотека» здесь не получится: установщика программы нет на этом компьютере. Возьмите «kitepkana-setup.exe» (или переносной zip) на странице загрузки портала или скопируйте с USB-флешки, с которой устанавливали этот компьютер; затем нажмите «У меня есть файл программы…».</translation>
    </message>
    <message>
        <source>This library was never updated from the portal or a USB drive, so there is no library to pass on yet.</source>
        <translation>Эта библиотека ещё ни разу не обновлялась с портала или с USB-флешки, поэтому передавать пока нечего.</translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) are not on this computer yet: they would not be copied. Download them first (with internet), then come back.</source>
        <translation>
            <numerusform>%n видео ещё нет на этом компьютере: оно не будет скопировано. Сначала загрузите его (через интернет), затем вернитесь.</numerusform>
            <numerusform>%n видео ещё нет на этом компьютере: они не будут скопированы. Сначала загрузите их (через интернет), затем вернитесь.</numerusform>
            <numerusform>%n видео ещё нет на этом компьютере: они не будут скопированы. Сначала загрузите их (через интернет), затем вернитесь.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the Kitepkana installer or portable zip</source>
        <translation type="vanished">Выберите установщик Kitepkana или переносной zip</translation>
    </message>
    <message>
        <source>Kitepkana program (*.exe *.zip)</source>
        <translation type="vanished">Программа Kitepkana (*.exe *.zip)</translation>
    </message>
    <message>
        <source>Now click “Safely Remove Hardware” (the USB icon next to the clock), choose %1, and pull the drive out when Windows says it is safe.</source>
        <translation>Теперь нажмите «Безопасное извлечение устройства» (значок USB рядом с часами), выберите %1 и выньте флешку, когда Windows сообщит, что это безопасно.</translation>
    </message>
</context>
<context>
    <name>VisitorStrip</name>
    <message>
        <source>I&apos;m done — clear my notes, bookmarks and history</source>
        <translation>Готово — очистить мои заметки, закладки и историю</translation>
    </message>
    <message>
        <source>For the next visitor: clears the notes, bookmarks and reading history of this visit and goes back to the start page (Ctrl+Shift+D)</source>
        <translation>Для следующего посетителя: очищает заметки, закладки и историю чтения этого посещения и возвращает на начальную страницу (Ctrl+Shift+D)</translation>
    </message>
    <message numerus="yes">
        <source>Visitor mode is on. Your notes, bookmarks and history are cleared when you press “I&apos;m done”, or after %n minute(s) without use.</source>
        <translation>
            <numerusform>Включён режим посетителей. Ваши заметки, закладки и история очищаются, когда вы нажимаете «Готово», или через %n минуту без действий.</numerusform>
            <numerusform>Включён режим посетителей. Ваши заметки, закладки и история очищаются, когда вы нажимаете «Готово», или через %n минуты без действий.</numerusform>
            <numerusform>Включён режим посетителей. Ваши заметки, закладки и история очищаются, когда вы нажимаете «Готово», или через %n минут без действий.</numerusform>
        </translation>
    </message>
    <message>
        <source>Visitor mode is on; the librarian has unlocked the settings. They lock again by themselves in a few minutes, or when a visitor presses “I&apos;m done”.</source>
        <translation>Включён режим посетителей; библиотекарь открыл настройки. Они снова закроются сами через несколько минут или когда посетитель нажмёт «Готово».</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to Kitepkana</source>
        <translation>Добро пожаловать в Kitepkana</translation>
    </message>
    <message>
        <source>This is a library of best practices of local self-government in Kyrgyzstan: practices, video lessons, documents and events. It works without the internet. For now it holds only a small sample: bring in the whole library from the portal (with the internet) or from a USB drive someone prepared for you.</source>
        <translation>Это библиотека лучших практик местного самоуправления Кыргызстана: практики, видеоуроки, документы и мероприятия. Она работает без интернета. Пока в ней только небольшой образец: загрузите всю библиотеку с портала (через интернет) или с USB-флешки, которую для вас подготовили.</translation>
    </message>
    <message>
        <source>Update from the portal</source>
        <translation>Обновить с портала</translation>
    </message>
    <message>
        <source>Update from a USB drive</source>
        <translation>Обновить с USB-флешки</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Close; this panel does not come back</source>
        <translation>Закрыть; эта панель больше не появится</translation>
    </message>
    <message>
        <source>Close the welcome panel</source>
        <translation>Закрыть панель приветствия</translation>
    </message>
</context>
</TS>
