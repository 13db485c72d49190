#!/usr/bin/env bash
# ConnStorm's entry points, on a fresh machine as on a used one:
#   ./run.sh            build (Release) and run the main job
#   ./run.sh test       build and run every test (what CI runs)
#   ./run.sh bench      the benchmark: ConnStorm against the C yardsticks, figures printed
#   ./run.sh connstorm ARGS...   build and run connstorm with ARGS
# Installs what it needs (iproute2, gnuplot-nox, gcc) with apt-get when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

apt_updated=0
need() { # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: '$1' is missing; install the Debian package $2 (needs root)" >&2
    return 1
  fi
  if [ $apt_updated = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  echo "run.sh: installing $2" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK (dotnet) is required and was not found" >&2
  exit 3
fi
need ip iproute2
need gnuplot gnuplot-nox || echo "run.sh: continuing without gnuplot: CSVs are written, plots are not" >&2

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
build() { dotnet build ConnStorm.sln -c Release -v quiet -nologo -clp:ErrorsOnly "$@"; }
bin="$here/src/ConnStorm/bin/Release/net10.0/connstorm"

case "${1:-main}" in
  test)
    shift
    dotnet test ConnStorm.sln -c Release -nologo --logger "console;verbosity=normal" "$@"
    ;;
  bench)
    shift
    if [ -x ../shared/bench/build.sh ] || [ -f ../shared/bench/build.sh ]; then
      need gcc gcc
      bash ../shared/bench/build.sh >/dev/null
    fi
    build
    exec "$bin" bench "$@"
    ;;
  connstorm)
    shift
    build
    exec "$bin" "$@"
    ;;
  main)
    build
    exec "$bin" run scenarios/exhaust-one-target.yaml
    ;;
  *)
    echo "usage: ./run.sh [test|bench|connstorm ARGS...]" >&2
    exit 2
    ;;
esac
