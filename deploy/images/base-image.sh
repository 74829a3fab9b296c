#!/usr/bin/env bash
# The base layer of Tributary's operator and worker images, made without a container daemon or a
# registry: Debian bookworm (minbase) with OpenJDK 17's headless JRE, a non-root user 1001 (group 0)
# and the folders the worker's volumes mount on. Built once with mmdebstrap and umoci, cached
# outside the clone as a docker-archive tarball, which Jib takes as `tar://` base image.
#
#   base-image.sh ensure FILE [BASE]
#       install the tools (mmdebstrap, umoci, skopeo; runc for the images' test), build the base if
#       not cached, and write FILE, the Maven properties Jib reads: tributary.images.from (the
#       base, as tar://...) and tributary.images.skip. With BASE (any image Jib can pull), only
#       write FILE naming it.
#   base-image.sh where    print the tarball's path (built or not)
#
# Exit status: 0 built or cached; 3 the tools cannot be had here (not root, no apt-get) and CI is
# not set: FILE says skip, and the build goes on without images, saying so; else a failure.
#
# Settings (environment, all optional):
#   TRIBUTARY_IMAGES_CACHE   where the base lives (default $HOME/.cache/tributary-images)
#   TRIBUTARY_DEBIAN_MIRROR  (default http://deb.debian.org/debian; -security is added to its host)
set -euo pipefail

SUITE="bookworm"
PACKAGES="openjdk-17-jre-headless,ca-certificates"
REVISION="b1"   # change whenever what is built changes: it is part of the cache key
CACHE="${TRIBUTARY_IMAGES_CACHE:-$HOME/.cache/tributary-images}"
MIRROR="${TRIBUTARY_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NAME="debian-$SUITE-jre17-$REVISION"
TARBALL="$CACHE/$NAME/base.tar"
# The user both images run as; group 0 so an arbitrary UID (OpenShift) can write where the group can.
USER_ID=1001

say() { printf '[base-image] %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

PROPERTIES=""
unavailable() {
  if [ "${CI:-}" = "true" ]; then fail "$*"; fi
  [ -z "$PROPERTIES" ] || printf 'tributary.images.skip=true\n' > "$PROPERTIES"
  say "***********************************************************************"
  say "NO IMAGES: $*"
  say "The operator and worker images are not built and their test is skipped."
  say "***********************************************************************"
  exit 3
}

AS_ROOT=""
need_root() {
  [ "$(id -u)" = 0 ] && return 0
  sudo -n true 2>/dev/null \
    || unavailable "building the base needs root (mmdebstrap --mode=root) or password-less sudo"
  AS_ROOT="sudo"
}

install_missing() {
  local missing=() package
  for package in "$@"; do
    command -v dpkg-query >/dev/null || unavailable "not a Debian machine: no dpkg-query"
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root
  command -v apt-get >/dev/null || unavailable "apt-get is missing (needed for ${missing[*]})"
  say "installing ${missing[*]} with apt-get"
  $AS_ROOT apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $AS_ROOT apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
}

build() {
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/tributary-base.XXXXXX")"
  trap '$AS_ROOT rm -rf "$scratch"' EXIT
  say "building $NAME with mmdebstrap: about a minute, once"
  # No documentation or locales in the image; the JRE's post-install wants man1 to exist.
  $AS_ROOT env SOURCE_DATE_EPOCH=0 mmdebstrap --quiet --mode=root --variant=minbase \
    --include="$PACKAGES" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook="chroot \"\$1\" useradd --uid $USER_ID --gid 0 --home-dir /opt/tributary --no-create-home --shell /usr/sbin/nologin tributary" \
    --customize-hook="mkdir -p \"\$1\"/opt/tributary-plugins \"\$1\"/var/lib/tributary && chown $USER_ID:0 \"\$1\"/opt/tributary-plugins \"\$1\"/var/lib/tributary && chmod 0775 \"\$1\"/opt/tributary-plugins \"\$1\"/var/lib/tributary" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
    "$SUITE" "$scratch/rootfs.tar" \
    "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb ${MIRROR%/debian}/debian-security $SUITE-security main" \
    || fail "mmdebstrap failed"
  $AS_ROOT chown "$(id -u):$(id -g)" "$scratch/rootfs.tar"
  local java_home; java_home="/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)"
  (cd "$scratch" \
    && umoci init --layout oci \
    && umoci new --image oci:base \
    && umoci raw add-layer --image oci:base rootfs.tar \
    && umoci config --image oci:base --author tributary \
      --config.user "$USER_ID:0" --config.workingdir / \
      --config.env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --config.env "JAVA_HOME=$java_home" --config.env "LANG=C.UTF-8" \
    && skopeo copy --quiet oci:oci:base "docker-archive:base.tar:tributary/base:$NAME") \
    || fail "umoci or skopeo failed to make the image from $scratch/rootfs.tar"
  mkdir -p "$CACHE/$NAME"
  mv "$scratch/base.tar" "$TARBALL.partial" && mv "$TARBALL.partial" "$TARBALL"
  say "built $TARBALL ($(du -h "$TARBALL" | cut -f1))"
}

case "${1:-}" in
  # runc runs the images in their test; the rest builds the base.
  ensure)
    PROPERTIES="${2:?usage: $0 ensure FILE [BASE]}"
    mkdir -p "$(dirname "$PROPERTIES")"
    if [ -n "${3:-}" ]; then
      printf 'tributary.images.skip=false\ntributary.images.from=%s\n' "$3" > "$PROPERTIES"
      exit 0
    fi
    install_missing mmdebstrap umoci skopeo runc
    [ -s "$TARBALL" ] || { need_root; build; }
    printf 'tributary.images.skip=false\ntributary.images.from=tar://%s\n' "$TARBALL" > "$PROPERTIES"
    ;;
  where) echo "$TARBALL" ;;
  *) say "usage: $0 ensure FILE [BASE] | where"; exit 2 ;;
esac
