; Digipunt kiosk: per-machine Windows installer (Inno Setup 6.3 or newer).
;
; Steps (on Windows, in a checkout with the venv from the main README):
;   1. Build:    .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build installer\digipunt-kiosk.spec
;   2. Package:  iscc installer\windows\digipunt.iss
;                -> dist\digipunt-kiosk-setup-VERSION.exe (VERSION: the build's, see below)
;   3. Install as administrator. The wizard asks for the data folder (choose a persistent partition
;      on PCs that restore themselves at reboot) and, with the "kiosk account" task, for the Windows
;      account that gets Digipunt as its only program (Shell Launcher, see register-kiosk.ps1).
; Unattended: digipunt-kiosk-setup-0.1.0.exe /VERYSILENT /DATADIR="D:\Digipunt" [/TASKS=kioskshell /KIOSKUSER=digipunt]

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
Name: "kioskshell"; Description: "Digipunt als enige programma van een kioskaccount (Shell Launcher; Windows Enterprise of Education)"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "register-kiosk.ps1"; DestDir: "{app}\setup"; Flags: ignoreversion

[Dirs]
; Data survives an uninstall: it can hold help records that were not synced yet.
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

procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
  LogFile: String;
begin
  if CurStep <> ssPostInstall then
    Exit;
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
      // Not yet automatic: see installer/README.md (a second run of register-kiosk.ps1 after the restart).
      ExitCode := ExitRestartNeeded;
      SuppressibleMsgBox('Shell Launcher is ingeschakeld. Herstart de pc en voer daarna ' +
             'setup\register-kiosk.ps1 -KioskUser "' + KioskUser('') + '" uit als beheerder.',
             mbInformation, MB_OK, IDOK);
    end;
end;
