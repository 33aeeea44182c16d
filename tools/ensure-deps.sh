#!/usr/bin/env bash
# Installs what iamsim needs to build and test, from Debian's registry only.
# Safe to run repeatedly: does nothing when everything is present.
set -euo pipefail
packages=(bazel-bootstrap bazel-rules-java libsimdjson-dev libabsl-dev libre2-dev
          libgtest-dev libbenchmark-dev libcli11-dev libyaml-cpp-dev g++ clang-14 libclang-rt-14-dev
          python3 python3-jsonpatch python3-jsonschema)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "iamsim: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
