; Inno Setup 6 script of the Kitepkana Windows installer.
;
; A per-user install: no administrator rights needed (library PCs often give none). The program goes to
; %LOCALAPPDATA%\Programs\Kitepkana, a Start menu shortcut is made, and the uninstaller keeps the user's library
; unless they answer Yes to "also delete my library".
;
; Made from the onedir that build/build.py builds (run on Windows). From the repository root:
;
;   python build\build.py --zip --installer
;
; or by hand, after `python build\build.py --zip`:
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DVersion=0.1.0 build\installer.iss
;
; Defines (all optional; /DName=value on the iscc command line):
;   Version         the app's version, app/__init__.py __version__ (build.py passes it)
;   NumericVersion  the same as four numbers for the file's version resource (default: Version)
;   SourceDir       the onedir to install (default: build\out\dist\kitepkana)
;   OutputDir       where kitepkana-<Version>-setup.exe goes (default: build\out)
;   PortableZip     a portable zip to install into {app}\kit as well, so "Make a USB kit" can pass it on
;
; See build/README.md. This file is UTF-8 with a byte order mark: Inno Setup reads it as UTF-8 only then.

#ifndef Version
  #error Pass the version: iscc /DVersion=0.1.0 build\installer.iss (python build\build.py --installer does it)
#endif
#ifndef NumericVersion
  #define NumericVersion Version
#endif
#ifndef SourceDir
  #define SourceDir "out\dist\kitepkana"
#endif
#ifndef OutputDir
  #define OutputDir "out"
#endif
#define AppExe "kitepkana.exe"
#define IconFile "out\work\kitepkana.ico"

[Setup]
; the AppId identifies Kitepkana to Windows across versions: never change it
AppId={{A99CB9C0-A9EF-40B4-AB2B-2F2FC87A1A12}
AppName=Kitepkana
AppVersion={#Version}
AppVerName=Kitepkana {#Version}
AppPublisher=Kitepkana
AppComments=Offline library of best practices of local self-government in the Kyrgyz Republic
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
VersionInfoDescription=Kitepkana {#Version} setup
; per user, without administrator rights
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Kitepkana
DefaultGroupName=Kitepkana
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; Qt 6 needs 64-bit Windows 10 (1809) or later
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=kitepkana-{#Version}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#if FileExists(SourcePath + IconFile)
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Kitepkana {#Version}
; a running Kitepkana is asked to close before its files are replaced
CloseApplications=yes
#ifdef Sign
; build.py --sign: the installer and the uninstaller it writes are signed with signtool (the /Skitepkana=... command
; build.py passes), so Smart App Control and SmartScreen do not refuse them
SignTool=kitepkana
SignedUninstaller=yes
#endif
; ... and neither setup nor the uninstaller goes on while it runs: the app holds this mutex (app/lock.py APP_MUTEX)
AppMutex=Kitepkana.Running.A99CB9C0,Global\Kitepkana.Running.A99CB9C0
ShowLanguageDialog=auto

[Languages]
; Inno Setup has no Kyrgyz translation: Kyrgyz Windows gets the Russian one
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
ru.DeleteLibrary=Удалить и вашу библиотеку?%n%nЭто материалы, загруженные на этот компьютер, а также ваши закладки, заметки и история просмотра:%n%1%n%nНажмите «Нет», чтобы сохранить их (например, чтобы установить новую версию программы).
ru.FirewallTask=Разрешить телефонам в частной сети (Wi-Fi библиотеки) открывать библиотеку через «Открыть доступ в сети» (брандмауэр Windows)
en.FirewallTask=Let phones on private networks (the library's Wi-Fi) open the library shared with "Share on this network" (Windows Firewall)
ru.FirewallStatus=Настройка брандмауэра Windows…
en.FirewallStatus=Setting up Windows Firewall…
en.DeleteLibrary=Also delete your library?%n%nThese are the materials on this computer and your bookmarks, notes and viewing history:%n%1%n%nChoose No to keep them (for example, to install a new version of the program).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
; The reading room (Library → Share on this network) listens for phones; Windows Firewall blocks, or asks about, a
; program's first listen. With administrator rights (setup run "as administrator") the installer allows
; Kitepkana in, on PRIVATE networks only (a network marked Public stays closed: the Share window says how to
; mark it Private). Without the rights this task is not offered: Windows asks at the first share, and the Share
; window's self-check (app/web/reach.py) gives the clicks. The rule's name is app/web/reach.py FIREWALL_RULE.
Name: "firewall"; Description: "{cm:FirewallTask}"; Check: IsAdmin

[InstallDelete]
; an update replaces the whole bundle: no file of the old version stays behind
Type: filesandordirs; Name: "{app}\_internal"
Type: filesandordirs; Name: "{app}\kit"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Excludes: "kitepkana-portable,kitepkana-data"; Flags: ignoreversion recursesubdirs createallsubdirs
; the installer keeps a copy of itself beside the program, so that "Make a USB kit" can put it on a drive
Source: "{srcexe}"; DestDir: "{app}\kit"; DestName: "kitepkana-{#Version}-setup.exe"; Flags: external ignoreversion
#ifdef PortableZip
Source: "{#PortableZip}"; DestDir: "{app}\kit"; Flags: ignoreversion
#endif

[Icons]
Name: "{group}\Kitepkana"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,Kitepkana}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Kitepkana"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; the firewall task: an old rule of this name first (an update, another install folder), then TCP for the pages
; on any port the librarian chooses (the rule names the program, not a port) and UDP 5353 for "PCs nearby"
; (mDNS, app/web/nearby.py). NOT RUN here (no Windows): see build/README.md, "Windows Firewall".
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall delete rule name=""Kitepkana reading room"""; Flags: runhidden waituntilterminated; StatusMsg: "{cm:FirewallStatus}"; Tasks: firewall; Check: IsAdmin
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall add rule name=""Kitepkana reading room"" dir=in action=allow program=""{app}\{#AppExe}"" protocol=TCP profile=private enable=yes"; Flags: runhidden waituntilterminated; StatusMsg: "{cm:FirewallStatus}"; Tasks: firewall; Check: IsAdmin
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall add rule name=""Kitepkana reading room"" dir=in action=allow program=""{app}\{#AppExe}"" protocol=UDP localport=5353 profile=private enable=yes"; Flags: runhidden waituntilterminated; StatusMsg: "{cm:FirewallStatus}"; Tasks: firewall; Check: IsAdmin
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Kitepkana}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; the rules go with the program (both have this name); without administrator rights netsh fails quietly and the
; rule stays, naming a program that is gone (it lets nothing in)
Filename: "{sys}\netsh.exe"; Parameters: "advfirewall firewall delete rule name=""Kitepkana reading room"""; Flags: runhidden waituntilterminated; RunOnceId: "KitepkanaFirewallRule"; Check: IsAdmin

[UninstallDelete]
Type: filesandordirs; Name: "{app}\kit"
Type: dirifempty; Name: "{app}"

[Code]
// The library lives where app/paths.py puts it: platformdirs' per-user folder, which on Windows is
// %LOCALAPPDATA%\Kitepkana for data, settings, cache and logs alike (appauthor=False: no author folder): a folder
// that is ours by its name, deleted whole. A data folder the user chose in the settings is named in
// data-location.txt there; the app now always makes that a Kitepkana folder of its own, but an older choice
// may be any folder (D:\Documents): there only Kitepkana's own entries are deleted, then the folder if empty.
const
  // app/paths.py OWN_ENTRIES, separated by '|' (tests/app/test_uninstall_entries.py keeps the two the same)
  OwnEntries = 'library.sqlite*|library-damaged-*|media|index*|backups|feeds|config|cache|logs|kitepkana.lock|visitor-lock.json';

var
  DeleteLibrary: Boolean;

function LibraryFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\Kitepkana');
end;

function ChosenFolder(): String;
var
  Raw: AnsiString;
begin
  Result := '';
  if LoadStringFromFile(LibraryFolder() + '\data-location.txt', Raw) then
    Result := Trim(UTF8Decode(Raw));  // written by Python as UTF-8: a user name may be Cyrillic
  // only a real Kitepkana library, never a drive's root
  if (Result <> '') and ((Length(RemoveBackslash(Result)) <= 3) or
     not FileExists(AddBackslash(Result) + 'library.sqlite')) then
    Result := '';
end;

procedure DeleteMatching(Folder, Pattern: String);
var
  Found: TFindRec;
begin
  if FindFirst(AddBackslash(Folder) + Pattern, Found) then
  try
    repeat
      if (Found.Name <> '.') and (Found.Name <> '..') then
      begin
        if (Found.Attributes and FILE_ATTRIBUTE_DIRECTORY) <> 0 then
          DelTree(AddBackslash(Folder) + Found.Name, True, True, True)
        else
          DeleteFile(AddBackslash(Folder) + Found.Name);
      end;
    until not FindNext(Found);
  finally
    FindClose(Found);
  end;
end;

// Kitepkana's own entries in Folder, then Folder itself only if nothing else is left in it
procedure DeleteOwnEntries(Folder: String);
var
  Rest, Pattern: String;
  Bar: Integer;
begin
  Rest := OwnEntries + '|';
  while Rest <> '' do
  begin
    Bar := Pos('|', Rest);
    Pattern := Copy(Rest, 1, Bar - 1);
    Rest := Copy(Rest, Bar + 1, Length(Rest));
    if Pattern <> '' then
      DeleteMatching(Folder, Pattern);
  end;
  RemoveDir(Folder);
end;

function InitializeUninstall(): Boolean;
var
  Folders: String;
begin
  Result := True;
  DeleteLibrary := False;
  if UninstallSilent() then
    exit;  // a silent uninstall (e.g. by an administrator's script) never deletes anyone's library
  Folders := LibraryFolder();
  if ChosenFolder() <> '' then
    Folders := Folders + #13#10 + ChosenFolder();
  DeleteLibrary := MsgBox(FmtMessage(CustomMessage('DeleteLibrary'), [Folders]), mbConfirmation,
                          MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Chosen: String;
begin
  if (CurUninstallStep = usPostUninstall) and DeleteLibrary then
  begin
    Chosen := ChosenFolder();  // read before its record goes with the folder below
    if Chosen <> '' then
      DeleteOwnEntries(Chosen);  // never DelTree: it may be the user's own folder (an older version's choice)
    DelTree(LibraryFolder(), True, True, True);
  end;
end;
