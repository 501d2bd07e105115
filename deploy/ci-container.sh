#!/usr/bin/env bash
# Build deploy/Dockerfile with podman and run `chronobot check` inside the image, as CI does.
#
# Usage: deploy/ci-container.sh            (from anywhere; needs root, podman, buildah, runc
#                                           and debootstrap: .ci/run installs them)
#
# No container registry is reachable here, so the Dockerfile's base image is stood in for by
# one made from Debian's packages (bookworm, whose python3 is 3.11) with debootstrap, once per
# machine. The build then runs every step of the Dockerfile (pip installs the lock from PyPI,
# `pip check`, the user, the index); the run uses the image's own user, a read-only root file
# system, no network and a fake token. Prints what it did, one line per step; exit 0 only when
# the image is built and healthy.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKERFILE=deploy/Dockerfile
IMAGE=${CI_CONTAINER_IMAGE:-localhost/chronobot:ci}
# A Telegram-shaped token that cannot belong to any real bot.
FAKE_TOKEN=${CI_CONTAINER_TOKEN:-123456789:QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ}
# The base must be the image the Dockerfile names, so the build uses the stand-in unchanged.
BASE=$(awk 'toupper($1) == "FROM" { print $2; exit }' "$DOCKERFILE")
case "$BASE" in */*) ;; *) BASE="docker.io/library/$BASE" ;; esac

step() { printf '[ci-container] %s\n' "$*" >&2; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

for tool in podman buildah runc debootstrap; do
  command -v "$tool" >/dev/null || { echo "ci-container: $tool is not installed" >&2; exit 2; }
done

# Logs and the root file system of the base go in a directory of this run's own, so that
# two checkouts on one machine can run this at the same time.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! podman image exists "$BASE"; then
  started=$(date +%s)
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include=python3,python3-venv,python-is-python3,ca-certificates \
    bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || {
    tail -20 "$work/debootstrap.log" >&2
    exit 1
  }
  # The host's extra CA certificates, so pip inside the build trusts the roots pip here does.
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs/var/lib/apt/lists/"*
  tar -C "$rootfs" -c . | podman import --quiet \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["python3"]' - "$BASE" >/dev/null
  rm -rf "$rootfs"
  step "base: made the stand-in for $BASE from Debian packages in $(elapsed "$started")"
else
  step "base: $BASE already present"
fi

# chroot isolation: the OCI runtimes cannot start containers for RUN steps on these machines.
# --format docker keeps HEALTHCHECK (the OCI image format drops it).
# The image is used by its id, not its tag: another checkout may retag it meanwhile.
started=$(date +%s)
podman build --quiet --pull=never --network=host --isolation=chroot --format docker \
  --iidfile "$work/iid" -f "$DOCKERFILE" -t "$IMAGE" . >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log" >&2
  exit 1
}
image=$(cat "$work/iid")
id=${image#sha256:}
step "build: $IMAGE (${id:0:12}) in $(elapsed "$started")"

# runc: crun refuses these machines' hybrid cgroups. Explicit ulimits: podman's defaults exceed
# the hard limits here. No systemd here, so no healthcheck timers.
run() {
  podman --runtime runc run --rm --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    --network=none --no-healthcheck --read-only --tmpfs /tmp "$@"
}
started=$(date +%s)
# The image's own user and its configuration as built, for the caller to check.
podman image inspect --format "user: {{.Config.User}}
stopsignal: {{.Config.StopSignal}}
healthcheck: {{.Config.Healthcheck.Test}}
volumes: {{.Config.Volumes}}
ports: {{.Config.ExposedPorts}}
entrypoint: {{.Config.Entrypoint}} {{.Config.Cmd}}" "$image"
run --entrypoint id "$image" -u | sed 's/^/uid: /'
# The index must be in the image, not built at start: with the volume ignored, /var/lib is
# part of the read-only root, so a check that had to build the index would fail.
run --image-volume=ignore -e TELEGRAM_BOT_TOKEN="$FAKE_TOKEN" "$image" check | sed 's/^/check (index from the image): /'
# As deployed: the index volume (a fresh one, seeded from the image) writable, the rest read-only.
run -e TELEGRAM_BOT_TOKEN="$FAKE_TOKEN" "$image" check | sed 's/^/check: /'
step "run: checks in $(elapsed "$started")"

# Each build leaves untagged layers behind (a few hundred MB when the code changed); those
# older than a day are no longer the build cache of anything current.
podman image prune --force --filter until=24h >/dev/null 2>&1 || true
