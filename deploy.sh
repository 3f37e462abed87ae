#!/usr/bin/env bash
# Lumira Oracle deployment (Linux, macOS). Windows: deploy.ps1.
#
#   ./deploy.sh                 production with Docker Compose: .env files, npm ci + builds, containers,
#                               wait for the health checks, print the URLs
#   ./deploy.sh --skip-build    same without the local npm ci and builds (the images still build)
#   ./deploy.sh --development   the local stack instead (npm start: sandbox, API, site, desk)
#
# Full guide: docs/deployment.md
set -euo pipefail

SCRIPT_DIR="${BASH_SOURCE[0]%/*}"
[ "$SCRIPT_DIR" = "${BASH_SOURCE[0]}" ] && SCRIPT_DIR=.
ROOT="$(cd "$SCRIPT_DIR" && pwd)"
cd "$ROOT"

MODE=production
SKIP_BUILD=0
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-300}"
NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

for arg in "$@"; do
  case "$arg" in
    --development | --dev) MODE=development ;;
    --skip-build) SKIP_BUILD=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "Unknown option: $arg" >&2
      usage >&2
      exit 2
      ;;
  esac
done

say() { printf '\n==> %s\n' "$*"; }
fail() {
  printf '\nERROR: %s\n' "$*" >&2
  exit 1
}

require_node() {
  command -v node >/dev/null 2>&1 \
    || fail "Node.js is not installed. Install Node.js 20.19+ (or 22+) from https://nodejs.org/ and run this script again."
  command -v npm >/dev/null 2>&1 || fail "npm is not installed (it ships with Node.js: reinstall Node.js 20.19+)."
  local version major minor
  version="$(node -p 'process.versions.node')"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%.*}"
  if [ "$major" -lt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -lt "$NODE_MIN_MINOR" ]; } || [ "$major" -eq 21 ]; then
    fail "Node.js $version is too old or unsupported: this project needs Node.js 20.19+ or 22+."
  fi
}

COMPOSE=()
require_docker() {
  command -v docker >/dev/null 2>&1 \
    || fail "Docker is not installed. Install Docker Engine with the Compose plugin (https://docs.docker.com/engine/install/), or run ./deploy.sh --development for the local stack without Docker."
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  else
    fail "Docker Compose is missing: install the Compose plugin ('docker compose') or docker-compose."
  fi
  docker info >/dev/null 2>&1 \
    || fail "The Docker daemon is not reachable. Start Docker (e.g. 'sudo systemctl start docker') and check that your user may use it ('docker info')."
}

random_secret() {
  if command -v node >/dev/null 2>&1; then
    node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))"
  elif command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 32
  else
    od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
  fi
}

# Value of KEY in an env file (last assignment wins), without sourcing the file.
env_value() {
  local key="$1" file="$2"
  [ -f "$file" ] || return 0
  { grep -E "^${key}=" "$file" || true; } | tail -n 1 | cut -d= -f2- | sed -e 's/^"//' -e 's/"$//'
}

# True when the `sandbox` profile is on (COMPOSE_PROFILES in the environment or .env): Compose then
# also runs the offline Stripe sandbox and the mail catcher.
sandbox_profile() {
  local profiles="${COMPOSE_PROFILES:-$(env_value COMPOSE_PROFILES .env)}"
  case ",${profiles// /}," in *,sandbox,*) return 0 ;; *) return 1 ;; esac
}

# Replaces KEY's value in FILE (used for generated secrets).
set_env_value() {
  local key="$1" value="$2" file="$3" tmp
  tmp="$(mktemp)"
  awk -v k="$key" -v v="$value" 'BEGIN { done = 0 } $0 ~ "^" k "=" { print k "=" v; done = 1; next } { print } END { if (!done) print k "=" v }' "$file" >"$tmp"
  cat "$tmp" >"$file"
  rm -f "$tmp"
}

prepare_env_files() {
  say "Environment files"
  local example target created=0
  for example in .env.example apps/*/.env.example packages/*/.env.example; do
    [ -f "$example" ] || continue
    target="${example%.example}"
    if [ -f "$target" ]; then
      echo "  kept    $target"
    else
      cp "$example" "$target"
      chmod 600 "$target" 2>/dev/null || true
      echo "  created $target (from $example)"
      created=1
      if [ "$target" = ".env" ]; then
        set_env_value POSTGRES_PASSWORD "$(random_secret)" "$target"
        set_env_value JWT_SECRET "$(random_secret)" "$target"
        echo "          generated POSTGRES_PASSWORD and JWT_SECRET"
      fi
    fi
  done
  if [ "$created" -eq 1 ]; then
    cat <<'TEXT'

  Edit .env before going live (docs/deployment.md explains each line):
    PUBLIC_URL, DESK_URL          the public addresses of the site and the desk
    STRIPE_SECRET_KEY             sk_live_... (or sk_test_... to rehearse) from the Stripe dashboard
    STRIPE_PUBLISHABLE_KEY        the matching pk_live_... / pk_test_...
    STRIPE_WEBHOOK_SECRET         whsec_... of the webhook endpoint <PUBLIC_URL>/api/payments/webhook
  apps/*/.env are used by npm-based runs and builds outside Docker.
TEXT
  fi
}

check_production_env() {
  local key value missing=()
  for key in STRIPE_SECRET_KEY STRIPE_PUBLISHABLE_KEY STRIPE_WEBHOOK_SECRET JWT_SECRET POSTGRES_PASSWORD; do
    value="$(env_value "$key" .env)"
    if [ -z "$value" ] || [[ "$value" == *change* ]]; then missing+=("$key"); fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    fail "Set these in .env first (they are empty or still the example placeholders): ${missing[*]}"
  fi
}

install_and_build() {
  if [ "$SKIP_BUILD" -eq 1 ]; then
    say "Skipping npm ci and the builds (--skip-build)"
    return
  fi
  say "Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
  say "Building every app (npm run build)"
  npm run build
}

container_health() {
  local id="$1"
  docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null || echo unknown
}

wait_for_health() {
  say "Waiting for the health checks (up to ${HEALTH_TIMEOUT}s)"
  local services=(postgres redis api-backend main-app expert-desk)
  if sandbox_profile; then services+=(stripe-sandbox mail-catcher); fi
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) service id status all_ok
  while :; do
    all_ok=1
    for service in "${services[@]}"; do
      id="$("${COMPOSE[@]}" ps -q "$service" 2>/dev/null || true)"
      if [ -z "$id" ]; then
        status=missing
      else
        status="$(container_health "$id")"
      fi
      case "$status" in
        healthy | running) ;;
        unhealthy | exited | dead | missing)
          if [ "$status" != missing ] || [ $SECONDS -ge $deadline ]; then
            "${COMPOSE[@]}" ps || true
            "${COMPOSE[@]}" logs --tail 50 "$service" || true
            fail "$service is $status. Its last log lines are above; see 'Troubleshooting' in docs/deployment.md."
          fi
          all_ok=0
          ;;
        *) all_ok=0 ;;
      esac
    done
    [ "$all_ok" -eq 1 ] && break
    if [ $SECONDS -ge $deadline ]; then
      "${COMPOSE[@]}" ps || true
      fail "Not healthy after ${HEALTH_TIMEOUT}s. Check '${COMPOSE[*]} logs'."
    fi
    sleep 3
  done
  echo "  all containers are healthy"
}

print_production_urls() {
  local public desk api_port http_port ready
  public="$(env_value PUBLIC_URL .env)"
  desk="$(env_value DESK_URL .env)"
  api_port="$(env_value API_PORT .env)"
  http_port="$(env_value HTTP_PORT .env)"
  ready="unknown"
  if command -v curl >/dev/null 2>&1; then
    ready="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${api_port:-3001}/api/ready" || true)"
  fi
  cat <<TEXT

Lumira Oracle is up.
  Customer site   ${public:-http://localhost}   (this machine: http://localhost:${http_port:-80})
  Expert desk     ${desk:-http://localhost:3002}
  API             http://127.0.0.1:${api_port:-3001} on this machine, /api on the site (readiness: HTTP ${ready})
  Stripe webhook  ${public:-http://localhost}/api/payments/webhook
  Logs            ${COMPOSE[*]} logs -f api-backend
TEXT
  if sandbox_profile; then
    local sandbox
    sandbox="$(env_value SANDBOX_PUBLIC_URL .env)"
    echo "  Stripe sandbox  ${sandbox:-http://localhost:12111} (offline: nobody is charged)"
    local catcher_port
    catcher_port="$(env_value MAIL_CATCHER_HTTP_PORT .env)"
    echo "  Mail catcher    http://localhost:${catcher_port:-8025} (every e-mail the API sends)"
  fi
}

if [ "$MODE" = development ]; then
  # Zero configuration: the local stack generates its own development secrets and needs no .env file.
  require_node
  if [ ! -f node_modules/.package-lock.json ]; then
    say "Installing dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
  say "Starting the local stack (npm start); Ctrl-C stops it"
  exec npm start
fi

require_docker
prepare_env_files
check_production_env
if [ "$SKIP_BUILD" -eq 0 ]; then require_node; fi
install_and_build
say "Building the images and starting the containers (${COMPOSE[*]} up --build -d)"
"${COMPOSE[@]}" up --build -d
wait_for_health
print_production_urls
