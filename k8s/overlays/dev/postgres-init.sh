#!/bin/sh
# Runs once, on an empty data directory: one login role and one database per service, with the
# passwords of the <service>-db Secrets (passed in as environment variables, never written here).
set -eu
for svc in workforce finance placements inspections ingest; do
  var="$(echo "$svc" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  pw="$(printenv "$var")"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="$pw" <<SQL
CREATE ROLE $svc LOGIN PASSWORD :'pw';
CREATE DATABASE ${svc}db OWNER $svc;
SQL
done
