#!/usr/bin/env bash
# ConnStorm's entry points, on a fresh machine as on a used one:
#   ./run.sh [OPTIONS]  build (Release) and run the main job (scenarios/myth-65535.yaml);
#                       OPTIONS go to `connstorm run`, e.g. --out DIR, --plain
#   ./run.sh test       build and run every test (what CI runs)
#   ./run.sh bench      the benchmark: ConnStorm against the C yardsticks, figures printed
#   ./run.sh connstorm ARGS...   build and run connstorm with ARGS
# Installs what it needs (iproute2, fonts-dejavu-core for the plots' text, clang and zlib1g-dev for the NativeAOT worker, gcc; haproxy, chromium, strace and nats-server for tests,
# haproxy for proxy: scenarios, nats-server for `connstorm agent` and `connstorm run ... --cluster`) with apt-get when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

apt_updated=0
need() { # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  apt_install "$1" "$2"
}
need_file() { # need_file PATH DEBIAN-PACKAGE
  [ -e "$1" ] && return 0
  apt_install "$1" "$2"
}
apt_install() { # apt_install WHAT-IS-MISSING DEBIAN-PACKAGE
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
# The worker and sink processes are a NativeAOT binary (connstorm-worker), linked by clang against zlib. Without
# them the build still works and runs fall back to the full JIT `connstorm worker` (about 40 MB resident each, not 6).
need clang clang || echo "run.sh: continuing without clang: workers run as JIT processes" >&2
need_file /usr/include/zlib.h zlib1g-dev || echo "run.sh: continuing without zlib1g-dev: workers run as JIT processes" >&2
# The plots name DejaVu Sans for all text; without any font their labels would silently vanish.
need_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core || echo "run.sh: continuing without DejaVu Sans: plots will have no readable text" >&2

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
build() { # quiet unless it fails
  local out
  out=$(dotnet build ConnStorm.sln -c Release -v quiet -nologo "$@" 2>&1) || { echo "$out" >&2; exit 1; }
}
bin="$here/src/ConnStorm/bin/Release/net10.0/connstorm"

# Options (./run.sh --plain, ./run.sh --out DIR) go to the main job.
cmd=${1:-main}
case "$cmd" in -*) cmd=main; set -- main "$@" ;; esac
case "$cmd" in
  test)
    shift
    # The proxy end-to-end tests run a real HAProxy in a lab; CI runs them too.
    need haproxy haproxy
    # report.html is checked as a person sees it: rendered by headless Chromium.
    need chromium chromium
    # A test watches the worker's system calls to prove it never opens the plotting libraries.
    need strace strace
    # The cluster tests run a real nats-server between simulated hosts (network namespaces on a bridge).
    need nats-server nats-server
    trx_dir=$(mktemp -d)
    status=0
    dotnet test ConnStorm.sln -c Release -nologo --logger "console;verbosity=normal" \
      --logger "trx;LogFileName=tests.trx" --results-directory "$trx_dir" "$@" || status=$?
    # One plain closing line that any CI reads: "N passed, N failed, N skipped".
    if [ -f "$trx_dir/tests.trx" ]; then
      counters=$(grep -o '<Counters [^>]*>' "$trx_dir/tests.trx" | head -1)
      num() { echo "$counters" | sed -E "s/.* $1=\"([0-9]+)\".*/\1/;t;s/.*/0/"; }
      # A skipped test is counted in total but not in executed.
      echo "tests: $(num passed) passed, $(num failed) failed, $(( $(num total) - $(num executed) )) skipped"
    fi
    rm -rf "$trx_dir"
    exit $status
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
    # probe --kernel boots other kernels in qemu micro-VMs with a busybox-static initramfs.
    case " $* " in *" --kernel"*) need qemu-system-x86_64 qemu-system-x86; need busybox busybox-static ;; esac
    # Cluster mode talks over NATS: `agent` and `run --cluster` get the Debian nats-server, so the README's
    # single-machine recipe (nats-server, agents, coordinator) works; a fleet may use a NATS server elsewhere.
    case " $* " in
      " agent "*|*" --cluster"*)
        need nats-server nats-server || echo "run.sh: continuing without nats-server: point --nats/--cluster at a NATS server elsewhere" >&2 ;;
    esac
    # A scenario with proxy: runs HAProxy in its lab.
    for a in "$@"; do
      if [ -f "$a" ] && grep -q '^proxy:' "$a"; then need haproxy haproxy; fi
    done
    build
    exec "$bin" "$@"
    ;;
  main)
    shift || true
    build
    exec "$bin" run scenarios/myth-65535.yaml "$@"
    ;;
  *)
    echo "usage: ./run.sh [test|bench|connstorm ARGS...]" >&2
    exit 2
    ;;
esac
