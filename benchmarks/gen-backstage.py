#!/usr/bin/env python3
"""Writes a Backstage catalog-info.yaml with N components (and the groups that own them) to stdout.

    benchmarks/gen-backstage.py 10000 > /tmp/catalog-10k.yaml

Components: comp-00001 ... with varied lifecycles, tags, links and annotations, owned by 50 teams.
The same N always gives the same file (fixed seed). benchmarks/load.py imports `groups` and
`components` from here to load the catalog in chunks through its API.
"""
import random
import sys

TAGS = ["java", "go", "python", "payments", "search", "web", "data", "mobile", "internal", "edge"]
LIFECYCLES = ["experimental", "production", "production"]


def groups(teams=50):
    """One Backstage Group document per team: team-01 ..."""
    for t in range(1, teams + 1):
        yield f"""---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-{t:02d}
  description: Team {t:02d}
spec:
  type: team
  profile:
    displayName: Team {t:02d}
    email: team-{t:02d}@example.com
  children: []
"""


def components(n, teams=50):
    """One Backstage Component document per product, comp-00001 ... comp-<n>, in order."""
    rnd = random.Random(42)
    for i in range(1, n + 1):
        team = rnd.randint(1, teams)
        chosen = rnd.sample(TAGS, rnd.randint(1, 3))
        lifecycle = rnd.choice(LIFECYCLES)
        phase = ""
        if rnd.random() < 0.3:
            phase = "    pillarboard.dev/phase: pre-pmf\n"
        yield f"""---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: comp-{i:05d}
  title: Component {i:05d}
  description: Service number {i} of the benchmark catalog, handling {rnd.choice(['checkout', 'search', 'playback', 'billing', 'login'])} traffic
  tags: [{", ".join(chosen)}]
  links:
    - url: https://github.com/acme/comp-{i:05d}
      title: Repo
    - url: https://runbooks.example.com/comp-{i:05d}
      title: Runbook
  annotations:
    pillarboard.dev/tier: "{rnd.randint(1, 3)}"
    github.com/project-slug: acme/comp-{i:05d}
{phase}spec:
  type: service
  lifecycle: {lifecycle}
  owner: group:default/team-{team:02d}
"""


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    team_count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    sys.stdout.writelines(groups(team_count))
    sys.stdout.writelines(components(n, team_count))
