<#
.SYNOPSIS
  Lumira Oracle deployment for Windows (PowerShell 5.1+ or PowerShell 7). Linux/macOS: deploy.sh.

.DESCRIPTION
  .\deploy.ps1                production with Docker Compose: .env files, npm ci + builds, containers,
                              wait for the health checks, print the URLs
  .\deploy.ps1 -SkipBuild     same without the local npm ci and builds (the images still build)
  .\deploy.ps1 -Development   the local stack instead (npm start: sandbox, API, site, desk)

  Full guide: docs\deployment.md
#>
[CmdletBinding()]
param(
  [switch]$Development,
  [switch]$SkipBuild,
  [int]$HealthTimeoutSeconds = 300
)

$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot

function Say([string]$Text) { Write-Host "`n==> $Text" -ForegroundColor Cyan }
function Fail([string]$Text) {
  Write-Host "`nERROR: $Text" -ForegroundColor Red
  exit 1
}
function Invoke-Checked([string]$File, [string[]]$Arguments) {
  & $File @Arguments
  if ($LASTEXITCODE -ne 0) { Fail "'$File $($Arguments -join ' ')' failed (exit code $LASTEXITCODE)." }
}

function Assert-Node {
  if (-not (Get-Command node -ErrorAction SilentlyContinue)) {
    Fail 'Node.js is not installed. Install Node.js 20.19+ (or 22+) from https://nodejs.org/ and run this script again.'
  }
  if (-not (Get-Command npm -ErrorAction SilentlyContinue)) {
    Fail 'npm is not installed (it ships with Node.js: reinstall Node.js 20.19+).'
  }
  $version = [version](& node -p 'process.versions.node')
  if (($version.Major -lt 20) -or ($version.Major -eq 20 -and $version.Minor -lt 19) -or ($version.Major -eq 21)) {
    Fail "Node.js $version is too old or unsupported: this project needs Node.js 20.19+ or 22+."
  }
}

$script:Compose = @()
function Assert-Docker {
  if (-not (Get-Command docker -ErrorAction SilentlyContinue)) {
    Fail 'Docker is not installed. Install Docker Desktop (https://docs.docker.com/desktop/) or run .\deploy.ps1 -Development for the local stack without Docker.'
  }
  & docker compose version *> $null
  if ($LASTEXITCODE -eq 0) {
    $script:Compose = @('docker', 'compose')
  } elseif (Get-Command docker-compose -ErrorAction SilentlyContinue) {
    $script:Compose = @('docker-compose')
  } else {
    Fail "Docker Compose is missing: install the Compose plugin ('docker compose') or docker-compose."
  }
  & docker info *> $null
  if ($LASTEXITCODE -ne 0) { Fail 'The Docker daemon is not reachable: start Docker Desktop and try again (docker info).' }
}

function Invoke-Compose([string[]]$Arguments) {
  $exe = $script:Compose[0]
  $rest = @()
  if ($script:Compose.Count -gt 1) { $rest = $script:Compose[1..($script:Compose.Count - 1)] }
  & $exe @($rest + $Arguments)
}

function New-Secret {
  $bytes = New-Object byte[] 32
  [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
  return -join ($bytes | ForEach-Object { $_.ToString('x2') })
}

function Get-EnvValue([string]$Key, [string]$File) {
  if (-not (Test-Path $File)) { return '' }
  $line = Get-Content $File | Where-Object { $_ -match "^$Key=" } | Select-Object -Last 1
  if (-not $line) { return '' }
  return ($line -replace "^$Key=", '').Trim('"')
}

function Set-EnvValue([string]$Key, [string]$Value, [string]$File) {
  $lines = @(Get-Content $File)
  $found = $false
  $lines = $lines | ForEach-Object {
    if ($_ -match "^$Key=") { $found = $true; "$Key=$Value" } else { $_ }
  }
  if (-not $found) { $lines += "$Key=$Value" }
  # UTF-8 without a byte order mark (Set-Content -Encoding UTF8 adds one in Windows PowerShell 5.1).
  [System.IO.File]::WriteAllLines((Resolve-Path $File).Path, [string[]]$lines)
}

function Initialize-EnvFiles {
  Say 'Environment files'
  $created = $false
  $examples = @(Get-Item -Path '.env.example' -ErrorAction SilentlyContinue) +
    @(Get-ChildItem -Path 'apps', 'packages' -Filter '.env.example' -Recurse -Depth 1 -Force -ErrorAction SilentlyContinue)
  foreach ($example in $examples) {
    if (-not $example) { continue }
    $target = $example.FullName -replace '\.example$', ''
    $relative = Resolve-Path -Relative $example.FullName
    if (Test-Path $target) {
      Write-Host "  kept    $($relative -replace '\.example$', '')"
      continue
    }
    Copy-Item $example.FullName $target
    Write-Host "  created $($relative -replace '\.example$', '') (from $relative)"
    $created = $true
    if ((Split-Path $target -Parent) -eq $PSScriptRoot) {
      Set-EnvValue 'POSTGRES_PASSWORD' (New-Secret) $target
      Set-EnvValue 'JWT_SECRET' (New-Secret) $target
      Write-Host '          generated POSTGRES_PASSWORD and JWT_SECRET'
    }
  }
  if ($created) {
    Write-Host @'

  Edit .env before going live (docs\deployment.md explains each line):
    PUBLIC_URL, DESK_URL          the public addresses of the site and the desk
    STRIPE_SECRET_KEY             sk_live_... (or sk_test_... to rehearse) from the Stripe dashboard
    STRIPE_PUBLISHABLE_KEY        the matching pk_live_... / pk_test_...
    STRIPE_WEBHOOK_SECRET         whsec_... of the webhook endpoint <PUBLIC_URL>/api/payments/webhook
  apps\*\.env are used by npm-based runs and builds outside Docker.
'@
  }
}

function Assert-ProductionEnv {
  $missing = @()
  foreach ($key in 'STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'JWT_SECRET', 'POSTGRES_PASSWORD') {
    $value = Get-EnvValue $key '.env'
    if (-not $value -or $value -like '*change*') { $missing += $key }
  }
  if ($missing.Count -gt 0) {
    Fail "Set these in .env first (they are empty or still the example placeholders): $($missing -join ', ')"
  }
}

function Get-ContainerHealth([string]$Id) {
  $status = & docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' $Id 2>$null
  if ($LASTEXITCODE -ne 0 -or -not $status) { return 'unknown' }
  return $status.Trim()
}

function Wait-Healthy {
  Say "Waiting for the health checks (up to $HealthTimeoutSeconds s)"
  $services = @('postgres', 'redis', 'api-backend', 'main-app', 'expert-desk')
  # The `sandbox` profile (COMPOSE_PROFILES in the environment or .env) adds the Stripe sandbox and the mail catcher.
  $profiles = if ($env:COMPOSE_PROFILES) { $env:COMPOSE_PROFILES } else { Get-EnvValue 'COMPOSE_PROFILES' '.env' }
  if (($profiles -replace ' ', '') -split ',' -contains 'sandbox') { $services += 'stripe-sandbox', 'mail-catcher' }
  $deadline = (Get-Date).AddSeconds($HealthTimeoutSeconds)
  while ($true) {
    $allOk = $true
    foreach ($service in $services) {
      $id = (Invoke-Compose @('ps', '-q', $service) 2>$null | Select-Object -First 1)
      $status = if ($id) { Get-ContainerHealth $id.Trim() } else { 'missing' }
      if ($status -in 'unhealthy', 'exited', 'dead') {
        Invoke-Compose @('ps')
        Invoke-Compose @('logs', '--tail', '50', $service)
        Fail "$service is $status. Its last log lines are above; see 'Troubleshooting' in docs\deployment.md."
      }
      if ($status -notin 'healthy', 'running') { $allOk = $false }
    }
    if ($allOk) { break }
    if ((Get-Date) -gt $deadline) {
      Invoke-Compose @('ps')
      Fail "Not healthy after $HealthTimeoutSeconds s. Check '$($script:Compose -join ' ') logs'."
    }
    Start-Sleep -Seconds 3
  }
  Write-Host '  all containers are healthy'
}

function Show-Urls {
  $public = Get-EnvValue 'PUBLIC_URL' '.env'; if (-not $public) { $public = 'http://localhost' }
  $desk = Get-EnvValue 'DESK_URL' '.env'; if (-not $desk) { $desk = 'http://localhost:3002' }
  $apiPort = Get-EnvValue 'API_PORT' '.env'; if (-not $apiPort) { $apiPort = '3001' }
  $ready = 'unknown'
  try {
    $ready = (Invoke-WebRequest -UseBasicParsing -Uri "http://127.0.0.1:$apiPort/api/ready" -TimeoutSec 5).StatusCode
  } catch { $ready = 'not ready' }
  Write-Host @"

Lumira Oracle is up.
  Customer site   $public
  Expert desk     $desk
  API             http://127.0.0.1:$apiPort on this machine, /api on the site (readiness: $ready)
  Stripe webhook  $public/api/payments/webhook
  Logs            $($script:Compose -join ' ') logs -f api-backend
"@
}

if ($Development) {
  # Zero configuration: the local stack generates its own development secrets and needs no .env file.
  Assert-Node
  if (-not (Test-Path 'node_modules/.package-lock.json')) {
    Say 'Installing dependencies (npm ci)'
    Invoke-Checked 'npm' @('ci', '--no-audit', '--no-fund')
  }
  Say 'Starting the local stack (npm start); Ctrl-C stops it'
  & npm start
  exit $LASTEXITCODE
}

Assert-Docker
Initialize-EnvFiles
Assert-ProductionEnv
if (-not $SkipBuild) {
  Assert-Node
  Say 'Installing dependencies (npm ci)'
  Invoke-Checked 'npm' @('ci', '--no-audit', '--no-fund')
  Say 'Building every app (npm run build)'
  Invoke-Checked 'npm' @('run', 'build')
} else {
  Say 'Skipping npm ci and the builds (-SkipBuild)'
}
Say "Building the images and starting the containers ($($script:Compose -join ' ') up --build -d)"
Invoke-Compose @('up', '--build', '-d')
if ($LASTEXITCODE -ne 0) { Fail 'docker compose up failed: see the output above and Troubleshooting in docs\deployment.md.' }
Wait-Healthy
Show-Urls
