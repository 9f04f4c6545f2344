#!/usr/bin/env bash
# Takes the README's screenshots: runs the portal's browser test (PortalBrowserTest, Chromium against the real
# services and Keycloak), which saves the pages it passes, English and Japanese, and copies them to docs/screenshots.
#   scripts/screenshots.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
./mvnw -B -q -pl portal-ui -am verify -Dtest=PortalBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
mkdir -p docs/screenshots
cp portal-ui/target/screenshots/*.png docs/screenshots/
ls docs/screenshots
