#!/usr/bin/env bash
# The main job: sets everything up and reports the example SLOs in dev-env/ over their example data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
node packages/cli/dist/bin.js report --series-dir dev-env/examples/series dev-env/examples/slos/*.yaml "$@"
