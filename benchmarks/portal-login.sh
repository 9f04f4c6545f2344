#!/usr/bin/env bash
# Signs in to the portal through Keycloak's login page (the authorization-code flow, as a browser does) and prints
# the portal's session cookies as a Cookie header value, for load generators.
#   benchmarks/portal-login.sh <portal base URL> <user> [password]
set -euo pipefail
base=${1%/}; user=$2; password=${3:-$2}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
login=$(curl -fsS -c "$jar" -b "$jar" -L "$base/")
action=$(printf '%s' "$login" | grep -o 'id="kc-form-login"[^>]*action="[^"]*"' | sed 's/.*action="\([^"]*\)".*/\1/; s/&amp;/\&/g')
[ -n "$action" ] || { echo "no Keycloak login form at $base/" >&2; exit 1; }
landed=$(curl -fsS -c "$jar" -b "$jar" -L -o /dev/null -w '%{url_effective}' \
  --data-urlencode "username=$user" --data-urlencode "password=$password" --data-urlencode "credentialId=" "$action")
case $landed in "$base"*) ;; *) echo "login did not return to the portal: $landed" >&2; exit 1 ;; esac
host=$(printf '%s' "$base" | sed -E 's#^https?://([^/:]+).*#\1#')
awk -v host="$host" -F'\t' '($1 == host || $1 == "#HttpOnly_" host) && $6 ~ /^q_session/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
echo
