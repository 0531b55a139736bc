<#
.SYNOPSIS
  Makes Digipunt the only program (the shell) of a dedicated Windows kiosk account, with Shell Launcher.

.DESCRIPTION
  After signing in with -KioskUser, Windows starts Digipunt instead of the desktop (Explorer); when
  Digipunt exits or crashes, Shell Launcher starts it again. Every other account (staff,
  administrators) keeps the normal desktop.

  Needs Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher is not in Home or Pro),
  and an elevated PowerShell. Run by the installer when its "kioskaccount" task is chosen; run it by
  hand to change or remove the registration. The first run may have to enable the Windows feature
  "Shell Launcher"; it then exits with 3010: restart the PC and run it again.

  Windows Pro: Shell Launcher is not available. Use Assigned Access instead (Settings > Accounts >
  Other users > Set up a kiosk, or an Assigned Access XML via Intune/MDM); see installer/README.md.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File register-kiosk.ps1 -KioskUser digipunt
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File register-kiosk.ps1 -KioskUser digipunt -Unregister
#>
param(
    [Parameter(Mandatory = $true)] [AllowEmptyString()] [string] $KioskUser,
    [string] $ExePath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'digipunt-kiosk.exe'),
    [switch] $Unregister
)
$ErrorActionPreference = 'Stop'

# Shell Launcher's actions when the shell exits (WESL_UserSetting DefaultAction).
$RestartShell = 0

function Get-ShellLauncher {
    try {
        return [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'
    } catch {
        return $null
    }
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

if ($Unregister) {
    # Called by the uninstaller too, also when no kiosk account was ever registered.
    $launcher = Get-ShellLauncher
    if ($KioskUser -and $launcher) {
        $launcher.RemoveCustomShell((Get-Sid $KioskUser)) | Out-Null
        Write-Output "Digipunt is niet langer de shell van '$KioskUser'."
    }
    exit 0
}

if (-not $KioskUser) {
    Write-Error 'Geef het kioskaccount op met -KioskUser.'
    exit 1
}
if (-not (Test-Path $ExePath)) {
    Write-Error "Digipunt staat niet in '$ExePath'. Geef het juiste pad op met -ExePath."
    exit 1
}

$launcher = Get-ShellLauncher
if (-not $launcher) {
    $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -ErrorAction SilentlyContinue
    if (-not $feature) {
        Write-Error 'Shell Launcher bestaat niet in deze Windows-editie (nodig: Enterprise, Education of IoT Enterprise). Gebruik Assigned Access; zie installer/README.md.'
        exit 1
    }
    if ($feature.State -ne 'Enabled') {
        Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
    }
    $launcher = Get-ShellLauncher
    if (-not $launcher) {
        Write-Output 'Shell Launcher is ingeschakeld. Herstart de pc en voer dit script opnieuw uit.'
        exit 3010
    }
}

$sid = Get-Sid $KioskUser
# Everyone else keeps Explorer; the kiosk account gets Digipunt, restarted whenever it exits.
$launcher.SetDefaultShell('explorer.exe', $RestartShell) | Out-Null
$launcher.SetCustomShell($sid, "`"$ExePath`"", $null, $null, $RestartShell) | Out-Null
$launcher.SetEnabled($true) | Out-Null
Write-Output "Digipunt is nu de shell van '$KioskUser'. Meld je aan met dat account om te controleren."
exit 0
