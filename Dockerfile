# Every Lumira image, one target each, from the repository root (docker-compose.yml builds them):
#   docker build --target api-backend    -t lumira/api-backend .
#   docker build --target stripe-sandbox -t lumira/stripe-sandbox .
#   docker build --target mail-catcher   -t lumira/mail-catcher .
#   docker build --target web --build-arg APP=main-app    --build-arg VITE_STRIPE_PUBLISHABLE_KEY=pk_... -t lumira/main-app .
#   docker build --target web --build-arg APP=expert-desk -t lumira/expert-desk .
# The Node services run compiled JavaScript (`node dist/...`, one process, PID 1) with their production
# dependencies only (docs/decisions/0021-compiled-node-services.md); the front ends are Vite builds served
# by nginx (non-root). All share the first stages: the manifests and one `npm ci` of the workspace.
#
# Build arguments:
#   NODE_IMAGE, NGINX_IMAGE  the base images (official images by default)
#   NPM_CA_CERTS             optional PEM certificates npm must trust in the build stages (a TLS-intercepting
#                            proxy); empty by default. They never reach a final image.
#   APP                      (target web) main-app or expert-desk
#   VITE_*                   (target web) front-end settings baked in at build time (docker-compose.yml
#                            passes them from the root .env; apps/*/.env never enter an image, .dockerignore)
# Written for Docker's legacy builder too (docker-compose 1.x): no BuildKit-only syntax. That builder runs
# every stage above the target, so the stages are ordered by what they need, the front ends last.

ARG NODE_IMAGE=node:20.20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine

# --- Every workspace's manifests (package.json, tsconfig*.json) and the lockfile, so `npm ci` sees the
# --- whole workspace layout whatever packages the repository holds, and reruns only when they change
# --- (timestamps zeroed: the build cache then depends on their contents only).
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name node_modules -prune -o -type f \
       \( -name package.json -o -name package-lock.json -o -name .npmrc -o -name 'tsconfig*.json' \) -print0 \
     | tar --null -cf - -T - | tar -xf - -C /manifests \
  && find /manifests -exec touch -h -d @0 {} +

# --- npm 11 (the lockfile's; engine-strict), the optional extra CA, then the install of every workspace.
FROM ${NODE_IMAGE} AS install
WORKDIR /app
ARG NPM_CA_CERTS=""
RUN if [ -n "$NPM_CA_CERTS" ]; then \
      node -p "require('node:tls').rootCertificates.join('\n')" > /usr/local/share/npm-ca.pem \
      && printf '%s\n' "$NPM_CA_CERTS" >> /usr/local/share/npm-ca.pem \
      && npm config set --location=global cafile /usr/local/share/npm-ca.pem; \
    fi \
  && { [ "$(npm --version)" = 11.19.1 ] || npm install --global npm@11.19.1 --no-audit --no-fund; } \
  && npm --version
COPY --from=manifests /manifests/ ./
RUN npm ci --workspaces --include-workspace-root=false --no-audit --no-fund

# --- Compile the Node services: the API, the Stripe sandbox (and its Stripe.js replacement), the mail
# --- catcher, each with the workspace sources it imports, into its dist/ folder.
FROM install AS node-build
COPY scripts/bundle-node.mjs scripts/
COPY packages/ packages/
COPY apps/api-backend/ apps/api-backend/
RUN npm run build --workspace @lumira/api-backend --workspace @lumira/stripe-sandbox \
      --workspace @lumira/mail-catcher

# --- Production dependencies of one Node service (WORKSPACES: it and the workspace packages it compiles
# --- in), copied out of the full install where npm placed them (no workspace links: their code is in dist/).
FROM install AS prod-deps
ARG WORKSPACES="@lumira/api-backend @lumira/shared"
RUN npm ls --all --parseable --omit=dev $(printf -- '--workspace %s ' $WORKSPACES) \
     | { grep '/node_modules/' || true; } | { grep -v '/node_modules/@lumira/' || true; } \
     | sed 's|^/app/||' >/tmp/prod-packages \
  && mkdir -p /prod/node_modules \
  && tar -cf - -T /tmp/prod-packages | tar -xf - -C /prod

FROM ${NODE_IMAGE} AS node-runtime
ENV NODE_ENV=production
WORKDIR /app
# Code and dependencies stay owned by root (read-only for the user running the service).
COPY --from=prod-deps /prod/ ./

# --- API (Express 5, port 3001) ---------------------------------------------------------------------
FROM node-runtime AS api-backend
ENV PORT=3001 \
    HOST=0.0.0.0
COPY --from=node-build /app/apps/api-backend/package.json apps/api-backend/
COPY --from=node-build /app/apps/api-backend/dist/ apps/api-backend/dist/
# The only writable folder: log files (mount a volume there to keep them; stdout carries the same lines).
RUN mkdir -p apps/api-backend/logs && chown node:node apps/api-backend/logs
USER node
WORKDIR /app/apps/api-backend
EXPOSE 3001
# Liveness: the process answers HTTP. (/api/ready also checks PostgreSQL and Stripe; deploy.sh checks it.)
HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3001)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node itself is PID 1 (no npm or shell wrapper): `docker stop`'s SIGTERM reaches the API's shutdown
# handler, which drains HTTP, stops the jobs and closes the pool before exiting. The V8 heap settings are
# those of `npm run start:prod` (docs/decisions/0024-api-memory-in-production.md).
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=2", "dist/main.js"]

# --- Offline Stripe sandbox (port 12111; docker-compose.yml, profile `sandbox`) ----------------------
FROM node-runtime AS stripe-sandbox
ENV SANDBOX_HOST=0.0.0.0 \
    SANDBOX_PORT=12111
COPY --from=node-build /app/packages/stripe-sandbox/package.json packages/stripe-sandbox/
COPY --from=node-build /app/packages/stripe-sandbox/dist/ packages/stripe-sandbox/dist/
# State file (SANDBOX_PERSIST_FILE) goes in the one writable folder.
RUN mkdir -p /data && chown node:node /data
USER node
WORKDIR /app/packages/stripe-sandbox
EXPOSE 12111
HEALTHCHECK --interval=10s --timeout=10s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.SANDBOX_PORT||12111)+'/_sandbox/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js"]

# --- Mail catcher (SMTP 1025, web page and Mailpit-compatible API 8025; profile `sandbox`) -------------
FROM node-runtime AS mail-catcher
ENV MAIL_CATCHER_HOST=0.0.0.0 \
    MAIL_CATCHER_SMTP_PORT=1025 \
    MAIL_CATCHER_HTTP_PORT=8025
COPY --from=node-build /app/packages/mail-catcher/package.json packages/mail-catcher/
COPY --from=node-build /app/packages/mail-catcher/dist/ packages/mail-catcher/dist/
USER node
WORKDIR /app/packages/mail-catcher
EXPOSE 1025 8025
HEALTHCHECK --interval=10s --timeout=10s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.MAIL_CATCHER_HTTP_PORT||8025)+'/api/v1/info').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js"]

# --- Front ends: the Vite production build of APP, served by nginx ---------------------------------------
FROM install AS web-build
ARG APP=main-app
COPY packages/ packages/
COPY apps/${APP}/ apps/${APP}/
ARG VITE_API_URL
ARG VITE_STRIPE_PUBLISHABLE_KEY
ARG VITE_APP_NAME
ARG VITE_STRIPE_JS_URL
# An empty build argument means "not set" (VITE_STRIPE_JS_URL empty: real Stripe.js). The customer site
# takes payments: it needs a publishable key.
RUN for v in VITE_API_URL VITE_STRIPE_PUBLISHABLE_KEY VITE_APP_NAME VITE_STRIPE_JS_URL; do \
      eval "val=\${$v:-}"; [ -n "$val" ] || unset "$v"; \
    done; \
    case "$APP:${VITE_STRIPE_PUBLISHABLE_KEY:-}" in \
      main-app:pk_*|expert-desk:*) ;; \
      main-app:*) echo 'VITE_STRIPE_PUBLISHABLE_KEY (STRIPE_PUBLISHABLE_KEY in the root .env) must be a pk_live_/pk_test_ key' >&2; exit 1 ;; \
      *) echo "APP must be main-app or expert-desk, got $APP" >&2; exit 1 ;; \
    esac; \
    npm run build --workspace "@lumira/$APP"

FROM ${NGINX_IMAGE} AS web
ARG APP=main-app
# The app's nginx.conf: its port (main-app 8080, expert-desk 3002), /api proxied to the API, /healthz.
COPY apps/${APP}/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/apps/${APP}/dist /usr/share/nginx/html
# The base image already runs as the unprivileged user nginx (uid 101); say so explicitly.
USER 101
EXPOSE 8080 3002
# The port nginx listens on, read from the app's own configuration.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:$(sed -n 's/^ *listen \([0-9]*\);.*/\1/p' /etc/nginx/conf.d/default.conf | head -n 1)/healthz" || exit 1
