#!/usr/bin/env python3
"""Writes a Backstage catalog-info.yaml with N components (and the groups that own them) to stdout.

    benchmarks/gen-backstage.py 10000 > /tmp/catalog-10k.yaml

Components: comp-00001 ... with varied lifecycles, tags, links and annotations, owned by 50 teams.
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
teams = int(sys.argv[2]) if len(sys.argv) > 2 else 50
rnd = random.Random(42)
out = sys.stdout
tags = ["java", "go", "python", "payments", "search", "web", "data", "mobile", "internal", "edge"]
lifecycles = ["experimental", "production", "production"]

for t in range(1, teams + 1):
    out.write(f"""---
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
""")

for i in range(1, n + 1):
    team = rnd.randint(1, teams)
    chosen = rnd.sample(tags, rnd.randint(1, 3))
    lifecycle = rnd.choice(lifecycles)
    phase = ""
    if rnd.random() < 0.3:
        phase = "    pillarboard.dev/phase: pre-pmf\n"
    out.write(f"""---
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
""")
