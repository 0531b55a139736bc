; Digipunt kiosk: per-machine Windows installer (Inno Setup 6.3 or newer).
;
; Steps (on Windows, in a checkout with the venv from the main README):
;   1. Build:    .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build installer\digipunt-kiosk.spec
;   2. Package:  iscc installer\windows\digipunt.iss
;                -> dist\digipunt-kiosk-setup-VERSION.exe (VERSION: the build's, see below)
;   3. Install as administrator. The wizard asks for the data folder (choose a persistent partition
;      on PCs that restore themselves at reboot) and, with the "kiosk account" task, for the Windows
;      account that gets Digipunt as its only program (Shell Launcher on Enterprise/Education,
;      Assigned Access on Pro, refused on Home; see register-kiosk.ps1).
; Unattended: digipunt-kiosk-setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /DATADIR="D:\Digipunt" [/TASKS=kioskshell /KIOSKUSER=digipunt]
; Exit codes: installer/README.md (tests/test_installer_files.py keeps that table and this script in step).

#define DistDir "..\..\dist\digipunt-kiosk"
; The version comes from one source, pyproject.toml's version: the build writes it to
; dist\digipunt-kiosk\VERSION (installer/digipunt-kiosk.spec), so it is never typed here.
#ifndef AppVersion
  #define VersionFile FileOpen(AddBackslash(SourcePath) + DistDir + "\VERSION")
  #if !VersionFile
    #error No dist\digipunt-kiosk\VERSION: build the kiosk first (step 1)
  #endif
  #define AppVersion Trim(FileRead(VersionFile))
  #expr FileClose(VersionFile)
#endif
#define ExeName "digipunt-kiosk.exe"

[Setup]
AppId={{BACDFDB7-D512-4AAC-AFF4-6ACCCD8982A1}
AppName=Digipunt
AppVersion={#AppVersion}
AppPublisher=Digipunt
DefaultDirName={autopf}\Digipunt
DisableProgramGroupPage=yes
; Per machine: every account on the PC (the kiosk account included) runs the same installed copy.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesEnvironment=yes
OutputDir=..\..\dist
OutputBaseFilename=digipunt-kiosk-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
UninstallDisplayIcon={app}\{#ExeName}
WizardStyle=modern

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "kioskshell"; Description: "Digipunt als enige programma van een kioskaccount (Shell Launcher op Enterprise en Education, Assigned Access op Pro; niet op Home)"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "register-kiosk.ps1"; DestDir: "{app}\setup"; Flags: ignoreversion
Source: "keep-running.ps1"; DestDir: "{app}\setup"; Flags: ignoreversion

[Dirs]
; Data survives an uninstall: it can hold help records that were not synced yet. With a kiosk
; account, CurStepChanged replaces these permissions by an ACL for that account and administrators
; only; a PC without one is used by staff accounts, which all need the folder.
Name: "{code:DataDir}"; Permissions: users-modify; Flags: uninsneveruninstall

[Registry]
; Machine-wide, so the kiosk account, staff accounts and Shell Launcher all use the same data folder.
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: string; ValueName: "DIGIPUNT_DATA_DIR"; ValueData: "{code:DataDir}"; Flags: uninsdeletevalue
Root: HKLM; Subkey: "Software\Digipunt"; ValueType: string; ValueName: "KioskUser"; ValueData: "{code:KioskUser}"; Tasks: kioskshell; Flags: uninsdeletekey

[Icons]
Name: "{autoprograms}\Digipunt"; Filename: "{app}\{#ExeName}"
Name: "{autoprograms}\Digipunt (venster, voor beheer)"; Filename: "{app}\{#ExeName}"; Parameters: "--windowed"

[UninstallRun]
Filename: "powershell.exe"; Parameters: "-NoProfile -ExecutionPolicy Bypass -File ""{app}\setup\register-kiosk.ps1"" -Unregister -KioskUser ""{reg:HKLM\Software\Digipunt,KioskUser|}"""; Tasks: kioskshell; Flags: runhidden waituntilterminated; RunOnceId: "DigipuntUnregisterShell"

[Code]
const
  // Setup's exit codes beyond Inno Setup's own (installer/README.md has the table).
  ExitSelfCheckFailed = 10;
  ExitKioskAccountFailed = 11;
  ExitRestartNeeded = 12;
  ExitDataAclFailed = 13;

var
  ExitCode: Integer;
  DataDirPage: TInputDirWizardPage;
  KioskUserPage: TInputQueryWizardPage;

procedure InitializeWizard;
begin
  DataDirPage := CreateInputDirPage(wpSelectDir,
    'Gegevensmap', 'Waar bewaart Digipunt zijn gegevens?',
    'Digipunt bewaart hier de databank, de instellingen en het logboek. Kies een map die een herstart ' +
    'overleeft: op pc''s die zichzelf herstellen bij het opnieuw opstarten (Deep Freeze, UWF) is dat ' +
    'een map op een niet-bevroren schijf, bijvoorbeeld D:\Digipunt.',
    False, '');
  DataDirPage.Add('');
  DataDirPage.Values[0] := ExpandConstant('{param:DATADIR|' +
    GetPreviousData('DataDir', ExpandConstant('{commonappdata}\Digipunt')) + '}');

  KioskUserPage := CreateInputQueryPage(wpSelectTasks,
    'Kioskaccount', 'Welke Windows-gebruiker krijgt Digipunt als enige programma?',
    'Maak deze gewone (geen beheerder) gebruiker eerst aan. Na het aanmelden met dit account start ' +
    'Digipunt in plaats van het bureaublad; andere accounts houden het gewone bureaublad.');
  KioskUserPage.Add('Gebruikersnaam:', False);
  KioskUserPage.Values[0] := ExpandConstant('{param:KIOSKUSER|' + GetPreviousData('KioskUser', 'digipunt') + '}');
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = KioskUserPage.ID) and not WizardIsTaskSelected('kioskshell');
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = KioskUserPage.ID) and (Trim(KioskUserPage.Values[0]) = '') then
  begin
    SuppressibleMsgBox('Vul de gebruikersnaam van het kioskaccount in.', mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

procedure RegisterPreviousData(PreviousDataKey: Integer);
begin
  SetPreviousData(PreviousDataKey, 'DataDir', DataDirPage.Values[0]);
  SetPreviousData(PreviousDataKey, 'KioskUser', KioskUserPage.Values[0]);
end;

function WindowsEdition: String;
begin
  if not RegQueryStringValue(HKLM, 'SOFTWARE\Microsoft\Windows NT\CurrentVersion', 'EditionID', Result) then
    Result := '';
end;

// keep-running.ps1 waits while this file exists, so the program it restarts is not started while
// its files are being replaced.
function UpgradeFlag: String;
begin
  Result := ExpandConstant('{commonappdata}\Digipunt\upgrading');
end;

// Refuses Home with a kiosk account before anything is installed (setup's exit code 7), and stops
// a running kiosk (an upgrade): its loop first waits on the flag, then the program is ended. Its
// outbox is an SQLite database in WAL mode: every saved record survives being ended this way.
function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  ResultCode: Integer;
begin
  Result := '';
  if WizardIsTaskSelected('kioskshell') and (Pos('Core', WindowsEdition) = 1) then
  begin
    Result := 'Windows Home kan Digipunt niet als enige programma van een account instellen (er is geen ' +
              'Shell Launcher en geen Assigned Access). Gebruik Windows Pro, Education of Enterprise, of ' +
              'installeer zonder de taak "kioskaccount".';
    Exit;
  end;
  ForceDirectories(ExtractFileDir(UpgradeFlag));
  SaveStringToFile(UpgradeFlag, 'upgrade', False);
  Exec(ExpandConstant('{sys}\taskkill.exe'), '/F /T /IM {#ExeName}', '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
  Sleep(1000);  // Windows releases the program's files shortly after its process ends
end;

// Whatever happened, the kiosk's loop must not wait for an upgrade that is over (or was cancelled).
procedure DeinitializeSetup;
begin
  DeleteFile(UpgradeFlag);
end;

function DataDir(Param: String): String;
begin
  Result := DataDirPage.Values[0];
end;

function KioskUser(Param: String): String;
begin
  Result := Trim(KioskUserPage.Values[0]);
end;

// /VERYSILENT /SUPPRESSMSGBOXES never blocks (every message is a SuppressibleMsgBox with its
// default), and a failure still shows in setup's exit code.
function GetCustomSetupExitCode: Integer;
begin
  Result := ExitCode;
end;

// The data folder holds PIN hashes, notes and (without a key store) the secrets file: only the
// kiosk account, administrators and SYSTEM may open it. icacls takes names and SIDs (*S-1-5-32-544:
// Administrators, *S-1-5-18: SYSTEM) in any Windows language.
procedure RestrictDataDir;
var
  ResultCode: Integer;
begin
  if not Exec(ExpandConstant('{sys}\icacls.exe'),
              '"' + DataDir('') + '" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F "' +
              KioskUser('') + '":(OI)(CI)M /T /C /Q',
              '', SW_HIDE, ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
  begin
    ExitCode := ExitDataAclFailed;
    SuppressibleMsgBox('De rechten op de gegevensmap ' + DataDir('') + ' konden niet beperkt worden tot "' +
           KioskUser('') + '" en de beheerders (icacls, code ' + IntToStr(ResultCode) + ').', mbError, MB_OK, IDOK);
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
  LogFile: String;
begin
  if CurStep <> ssPostInstall then
    Exit;
  if WizardIsTaskSelected('kioskshell') then
    RestrictDataDir;
  // The self-check on the real data folder: it migrates the database, builds every screen and runs
  // a page in the built-in browser. The windowed program prints nothing: its JSON goes to a file.
  LogFile := DataDir('') + '\self-check.json';
  if not Exec(ExpandConstant('{app}\{#ExeName}'),
              '--self-check --data-dir "' + DataDir('') + '" --self-check-log "' + LogFile + '"',
              '', SW_HIDE, ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
  begin
    ExitCode := ExitSelfCheckFailed;
    Log('self-check failed with code ' + IntToStr(ResultCode) + '; see ' + LogFile);
    SuppressibleMsgBox('Digipunt is geïnstalleerd, maar de controle na de installatie is mislukt (code ' +
           IntToStr(ResultCode) + '). De reden staat in ' + LogFile + '.', mbError, MB_OK, IDOK);
  end;
  if WizardIsTaskSelected('kioskshell') then
    if not Exec('powershell.exe',
                '-NoProfile -ExecutionPolicy Bypass -File "' + ExpandConstant('{app}\setup\register-kiosk.ps1') +
                '" -KioskUser "' + KioskUser('') + '" -ExePath "' + ExpandConstant('{app}\{#ExeName}') + '"',
                '', SW_HIDE, ewWaitUntilTerminated, ResultCode) or ((ResultCode <> 0) and (ResultCode <> 3010)) then
    begin
      ExitCode := ExitKioskAccountFailed;
      SuppressibleMsgBox('Digipunt kon niet als enige programma van "' + KioskUser('') + '" ingesteld worden (code ' +
             IntToStr(ResultCode) + '). Voer setup\register-kiosk.ps1 als beheerder uit om de reden te zien.',
             mbError, MB_OK, IDOK);
    end
    else if ResultCode = 3010 then
    begin
      // register-kiosk.ps1 left a one-time start-up task that finishes the registration.
      ExitCode := ExitRestartNeeded;
      SuppressibleMsgBox('Shell Launcher is ingeschakeld. Herstart de pc: de registratie van "' + KioskUser('') +
             '" wordt daarna vanzelf afgewerkt.', mbInformation, MB_OK, IDOK);
    end;
  // The new version is in place: keep-running.ps1 may start it again.
  DeleteFile(UpgradeFlag);
end;
