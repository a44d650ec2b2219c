#!/usr/bin/env bash
# The real programs the peer tests run CnpgCluster's rendered objects through (barman-cloud, pgbouncer,
# promtool, PostgreSQL 15; openssl signs the archiving server's TLS certificate), from Debian packages.
# Idempotent: installs only what is missing, and runs apt-get update only then. The tests fail (never skip) naming this script when something is missing.
set -euo pipefail

missing=()
command -v barman-cloud-wal-archive >/dev/null 2>&1 || missing+=(barman-cli-cloud)
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/lib/postgresql/15/bin/initdb ] && command -v psql >/dev/null 2>&1 || missing+=(postgresql-15)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-peers: missing ${missing[*]}; run as root: sudo bash .ci/install-peers.sh (or apt-get install -y ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
