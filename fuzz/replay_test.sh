#!/usr/bin/env bash
# Replays a fuzz corpus through a fuzz target built with replay_main.cc:
# every input must run without a crash or a failed check.
set -euo pipefail
"$1" "$2"
