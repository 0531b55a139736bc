<#
.SYNOPSIS
  Makes Digipunt the only program of a dedicated Windows kiosk account: Shell Launcher on
  Enterprise and Education, Assigned Access on Pro. Home has neither and is refused.

.DESCRIPTION
  After signing in with -KioskUser, Windows starts keep-running.ps1 (next to this script), which
  starts Digipunt and starts it again whenever it exits. Every other account (staff,
  administrators) keeps the normal desktop.

  - Enterprise, Education, IoT Enterprise: Shell Launcher replaces Explorer for the kiosk account.
    When the Windows feature must first be switched on, the script asks for a restart (exit 3010)
    and registers a one-time task that finishes the registration at the next start, as SYSTEM: no
    second manual run.
  - Pro: an Assigned Access configuration (a multi-app kiosk whose only app starts by itself),
    applied through the MDM bridge, which only SYSTEM may use: the script runs that step as a
    one-time SYSTEM task and waits for it.
  - Home: no lockdown exists; exit 4 with the reason.

  Run by the installer when its "kioskshell" task is chosen, elevated; run it by hand to change or
  remove the registration (-Unregister; the uninstaller does that too).

  Exit codes: 0 done; 1 wrong input or failure (the message says why); 4 Windows Home; 3010 a
  restart is needed, after which the registration finishes by itself.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File register-kiosk.ps1 -KioskUser digipunt
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File register-kiosk.ps1 -KioskUser digipunt -Unregister
#>
param(
    [Parameter(Mandatory = $true)] [AllowEmptyString()] [string] $KioskUser,
    [string] $ExePath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'digipunt-kiosk.exe'),
    [switch] $Unregister,
    # Internal: the step that must run as SYSTEM (Assigned Access), and the finish after a restart.
    [ValidateSet('', 'ApplyAssignedAccess', 'ClearAssignedAccess', 'FinishAfterRestart')] [string] $Step = ''
)
$ErrorActionPreference = 'Stop'

$RestartShell = 0  # Shell Launcher's action when the shell exits (WESL_UserSetting DefaultAction)
$FinishTask = 'Digipunt - kioskaccount afwerken'
$State = Join-Path $env:ProgramData 'Digipunt'
$KeepRunning = Join-Path $PSScriptRoot 'keep-running.ps1'
$PowerShell = Join-Path $env:windir 'System32\WindowsPowerShell\v1.0\powershell.exe'
$ShellCommand = "`"$PowerShell`" -NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass " +
                "-File `"$KeepRunning`" -ExePath `"$ExePath`""

function Get-Edition {
    $id = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion').EditionID
    if ($id -like 'Core*') { return 'Home' }
    if ($id -match '^(Enterprise|Education|IoTEnterprise|ServerRdsh)') { return 'ShellLauncher' }
    if ($id -like 'Professional*') { return 'Pro' }
    return "Unknown:$id"
}

function Get-ShellLauncher {
    try { return [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting' } catch { return $null }
}

function Get-Sid([string] $Account) {
    try {
        return (New-Object System.Security.Principal.NTAccount($Account)).Translate(
            [System.Security.Principal.SecurityIdentifier]).Value
    } catch {
        Write-Error "Het account '$Account' bestaat niet op deze pc. Maak het eerst aan (een gewone gebruiker, geen beheerder)."
        exit 1
    }
}

function Get-AssignedAccessXml([string] $Account) {
    # Windows 11 pins Start apps with StartPins; Windows 10 needs a StartLayout. Neither pins
    # anything: the kiosk is the only app and it starts by itself.
    $windows11 = [Environment]::OSVersion.Version.Build -ge 22000
    $start = if ($windows11) {
        '<v5:StartPins><![CDATA[{"pinnedList":[]}]]></v5:StartPins>'
    } else {
        '<StartLayout><![CDATA[<LayoutModificationTemplate xmlns:defaultlayout="http://schemas.microsoft.com/Start/2014/FullDefaultLayout" xmlns:start="http://schemas.microsoft.com/Start/2014/StartLayout" Version="1" xmlns="http://schemas.microsoft.com/Start/2014/LayoutModification"><LayoutOptions StartTileGroupCellWidth="6" /><DefaultLayoutOverride><StartLayoutCollection><defaultlayout:StartLayout GroupCellWidth="6" /></StartLayoutCollection></DefaultLayoutOverride></LayoutModificationTemplate>]]></StartLayout>'
    }
    $arguments = [System.Security.SecurityElement]::Escape(
        "-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass -File `"$KeepRunning`" -ExePath `"$ExePath`"")
    $exe = [System.Security.SecurityElement]::Escape($ExePath)
    $user = [System.Security.SecurityElement]::Escape($Account)
    return @"
<?xml version="1.0" encoding="utf-8" ?>
<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config"
    xmlns:rs5="http://schemas.microsoft.com/AssignedAccess/201810/config"
    xmlns:v5="http://schemas.microsoft.com/AssignedAccess/2022/config">
  <Profiles>
    <Profile Id="{5B328104-BD89-4863-AB27-4ED6EE355485}">
      <AllAppsList>
        <AllowedApps>
          <App DesktopAppPath="%windir%\System32\WindowsPowerShell\v1.0\powershell.exe" rs5:AutoLaunch="true" rs5:AutoLaunchArguments="$arguments" />
          <App DesktopAppPath="$exe" />
        </AllowedApps>
      </AllAppsList>
      $start
      <Taskbar ShowTaskbar="false" />
    </Profile>
  </Profiles>
  <Configs>
    <Config>
      <Account>$user</Account>
      <DefaultProfile Id="{5B328104-BD89-4863-AB27-4ED6EE355485}" />
    </Config>
  </Configs>
</AssignedAccessConfiguration>
"@
}

function Set-AssignedAccess([string] $Xml) {
    # Only SYSTEM may write the MDM bridge's classes.
    $bridge = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess'
    $bridge.Configuration = if ($Xml) { [System.Net.WebUtility]::HtmlEncode($Xml) } else { $null }
    Set-CimInstance -CimInstance $bridge
}

function Invoke-AsSystem([string] $StepName) {
    # A one-time task as SYSTEM runs this script's step; its result comes back through a file.
    New-Item -ItemType Directory -Force -Path $State | Out-Null
    $result = Join-Path $State "register-$StepName.result"
    Remove-Item -Force -ErrorAction SilentlyContinue $result
    $name = "Digipunt - $StepName"
    $action = New-ScheduledTaskAction -Execute $PowerShell -Argument ("-NoProfile -ExecutionPolicy Bypass -File " +
        "`"$PSCommandPath`" -KioskUser `"$KioskUser`" -ExePath `"$ExePath`" -Step $StepName")
    Register-ScheduledTask -TaskName $name -Action $action -User 'SYSTEM' -RunLevel Highest -Force | Out-Null
    try {
        Start-ScheduledTask -TaskName $name
        $deadline = (Get-Date).AddMinutes(2)
        while (-not (Test-Path $result) -and (Get-Date) -lt $deadline) { Start-Sleep -Seconds 1 }
    } finally {
        Unregister-ScheduledTask -TaskName $name -Confirm:$false
    }
    if (-not (Test-Path $result)) { Write-Error "De stap $StepName (als SYSTEM) gaf geen antwoord binnen 2 minuten."; exit 1 }
    $answer = (Get-Content $result -Raw).Trim()
    Remove-Item -Force $result
    if ($answer -ne 'ok') { Write-Error "De stap $StepName mislukte: $answer"; exit 1 }
}

function Register-ShellLauncher {
    $launcher = Get-ShellLauncher
    if (-not $launcher) {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -ErrorAction SilentlyContinue
        if (-not $feature) {
            Write-Error 'Shell Launcher ontbreekt in deze Windows-editie, hoewel ze het zou moeten hebben.'
            exit 1
        }
        if ($feature.State -ne 'Enabled') {
            Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
        }
        $launcher = Get-ShellLauncher
        if (-not $launcher) {
            # Finish by itself after the restart: a one-time start-up task as SYSTEM.
            $action = New-ScheduledTaskAction -Execute $PowerShell -Argument ("-NoProfile -ExecutionPolicy Bypass " +
                "-File `"$PSCommandPath`" -KioskUser `"$KioskUser`" -ExePath `"$ExePath`" -Step FinishAfterRestart")
            Register-ScheduledTask -TaskName $FinishTask -Action $action -Trigger (New-ScheduledTaskTrigger -AtStartup) `
                -User 'SYSTEM' -RunLevel Highest -Force | Out-Null
            Write-Output 'Shell Launcher is ingeschakeld. Herstart de pc: de registratie wordt dan vanzelf afgewerkt.'
            exit 3010
        }
    }
    $sid = Get-Sid $KioskUser
    # Everyone else keeps Explorer; the kiosk account gets the loop that keeps Digipunt running.
    $launcher.SetDefaultShell('explorer.exe', $RestartShell) | Out-Null
    try { $launcher.RemoveCustomShell($sid) | Out-Null } catch { }  # an earlier registration
    $launcher.SetCustomShell($sid, $ShellCommand, $null, $null, $RestartShell) | Out-Null
    $launcher.SetEnabled($true) | Out-Null
}

# --- steps that run as SYSTEM --------------------------------------------------------------------
if ($Step -in 'ApplyAssignedAccess', 'ClearAssignedAccess') {
    $result = Join-Path $State "register-$Step.result"
    try {
        Set-AssignedAccess $(if ($Step -eq 'ApplyAssignedAccess') { Get-AssignedAccessXml $KioskUser } else { '' })
        Set-Content -Path $result -Value 'ok'
    } catch {
        Set-Content -Path $result -Value $_.Exception.Message
    }
    exit 0
}
if ($Step -eq 'FinishAfterRestart') {
    Register-ShellLauncher
    Unregister-ScheduledTask -TaskName $FinishTask -Confirm:$false
    exit 0
}

# --- what an administrator (or the installer) runs ------------------------------------------------
$edition = Get-Edition
if ($Unregister) {
    # Called by the uninstaller too, also when no kiosk account was ever registered.
    if ($KioskUser -and $edition -eq 'ShellLauncher' -and (Get-ShellLauncher)) {
        (Get-ShellLauncher).RemoveCustomShell((Get-Sid $KioskUser)) | Out-Null
    } elseif ($KioskUser -and $edition -eq 'Pro') {
        Invoke-AsSystem 'ClearAssignedAccess'
    }
    Unregister-ScheduledTask -TaskName $FinishTask -Confirm:$false -ErrorAction SilentlyContinue
    Write-Output "Digipunt is niet langer het enige programma van '$KioskUser'."
    exit 0
}

if (-not $KioskUser) { Write-Error 'Geef het kioskaccount op met -KioskUser.'; exit 1 }
if (-not (Test-Path $ExePath)) { Write-Error "Digipunt staat niet in '$ExePath'. Geef het juiste pad op met -ExePath."; exit 1 }
if (-not (Test-Path $KeepRunning)) { Write-Error "keep-running.ps1 ontbreekt naast dit script ($PSScriptRoot)."; exit 1 }
$null = Get-Sid $KioskUser

switch -Wildcard ($edition) {
    'Home' {
        Write-Error ('Windows Home kan Digipunt niet als enige programma van een account instellen (geen Shell ' +
                     'Launcher, geen Assigned Access). Upgrade naar Windows Pro of gebruik de pc zonder kioskaccount.')
        exit 4
    }
    'ShellLauncher' { Register-ShellLauncher }
    'Pro' { Invoke-AsSystem 'ApplyAssignedAccess' }
    default { Write-Error "Onbekende Windows-editie ($edition): stel de kiosk met de hand in (installer/README.md)."; exit 1 }
}
Write-Output "Digipunt is nu het enige programma van '$KioskUser'. Meld je aan met dat account om te controleren."
exit 0
