<#
.SYNOPSIS
  Keeps Digipunt running in the kiosk account: the program Shell Launcher (Enterprise, Education)
  or Assigned Access (Pro) starts for that account.

.DESCRIPTION
  Starts digipunt-kiosk.exe and starts it again whenever it exits (a crash, a kill), waiting 2 s,
  up to 30 s when it keeps exiting within a minute; it never gives up. Assigned Access has no restart
  of its own, and one loop for both editions means one behaviour to document.

  Upgrades: the installer creates %ProgramData%\Digipunt\upgrading before it stops the kiosk and
  removes it when the new version is in place; meanwhile this loop waits instead of starting the
  program, whose files are being replaced. PowerShell reads this script once at start, so the
  installer may replace the script itself while it runs.

  After every new version, the first start runs the program's self-check as the kiosk account on
  the real data folder (the installer can only run it as the administrator) and keeps its JSON in
  the data folder as self-check-kiosk.json.

  Writes what it does to %ProgramData%\Digipunt\keep-running.log (no personal data: times, exit
  codes, versions).
#>
param(
    [string] $ExePath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'digipunt-kiosk.exe')
)
$ErrorActionPreference = 'Continue'

$State = Join-Path $env:ProgramData 'Digipunt'
$PauseFile = Join-Path $State 'upgrading'
$LogFile = Join-Path $State 'keep-running.log'
$VersionFile = Join-Path (Split-Path $ExePath -Parent) 'VERSION'

function Write-Log([string] $Message) {
    try {
        Add-Content -Path $LogFile -Value ("{0:yyyy-MM-dd HH:mm:ss} {1} {2}" -f (Get-Date), $env:USERNAME, $Message)
    } catch { }  # a log that cannot be written never stops the kiosk
}

function Invoke-SelfCheckOnce {
    $dataDir = [Environment]::GetEnvironmentVariable('DIGIPUNT_DATA_DIR', 'Machine')
    if (-not $dataDir -or -not (Test-Path $VersionFile)) { return }
    $version = (Get-Content $VersionFile -Raw).Trim()
    $done = Join-Path $dataDir 'self-check-kiosk.version'
    if ((Test-Path $done) -and ((Get-Content $done -Raw).Trim() -eq $version)) { return }
    $log = Join-Path $dataDir 'self-check-kiosk.json'
    $check = Start-Process -FilePath $ExePath -ArgumentList @('--self-check', '--self-check-log', "`"$log`"") `
        -PassThru -Wait -WindowStyle Hidden
    Write-Log "self-check of $version as the kiosk account: exit $($check.ExitCode) (see $log)"
    Set-Content -Path $done -Value $version
}

$fastExits = 0
$checked = $false
while ($true) {
    if (Test-Path $PauseFile) {
        Start-Sleep -Seconds 5
        $checked = $false  # a new version may be coming
        continue
    }
    if (-not $checked) {
        Invoke-SelfCheckOnce
        $checked = $true
    }
    $started = Get-Date
    try {
        $kiosk = Start-Process -FilePath $ExePath -PassThru -Wait
        $code = $kiosk.ExitCode
    } catch {
        $code = "not started: $($_.Exception.Message)"
    }
    $ranFor = ((Get-Date) - $started).TotalSeconds
    if ($ranFor -lt 60) { $fastExits = [Math]::Min($fastExits + 1, 15) } else { $fastExits = 0 }
    $wait = [Math]::Max(2, 2 * $fastExits)
    Write-Log ("digipunt-kiosk ended after {0:N0} s ({1}); again in {2} s" -f $ranFor, $code, $wait)
    Start-Sleep -Seconds $wait
}
