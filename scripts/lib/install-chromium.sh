# Installs Debian's chromium (and, when asked, poppler-utils for pdfinfo) with apt-get
# when they are missing (needs root). Sourced by page-count.sh and the browser test:
#
#   source scripts/lib/install-chromium.sh; install_chromium [pdfinfo]
install_chromium() {
    local need=()
    if [ "${1:-}" = "pdfinfo" ]; then
        command -v pdfinfo >/dev/null || need+=(poppler-utils)
    fi
    local b found=""
    for b in chromium chromium-browser google-chrome; do
        command -v "$b" >/dev/null && found=1
    done
    [ -n "$found" ] || need+=(chromium)
    if [ "${#need[@]}" -gt 0 ]; then
        echo "installing ${need[*]} with apt-get" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}
