# Sourced by .ci/run and ./modelgate: selects a JDK >= 21, the newest under /usr/lib/jvm,
# unless JAVA_HOME already points at one. The machine's default java may be older.
java_major() { "$1/bin/java" -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -1; }
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" || "$(java_major "$JAVA_HOME")" -lt 21 ]]; then
  best="" best_major=0
  for candidate in /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/javac" ]] || continue
    major="$(java_major "$candidate")"
    if [[ -n "$major" && "$major" -gt "$best_major" ]]; then best="$candidate" best_major="$major"; fi
  done
  if [[ "$best_major" -lt 21 ]]; then
    echo "no JDK >= 21 found under /usr/lib/jvm; set JAVA_HOME" >&2
    exit 2
  fi
  export JAVA_HOME="$best"
fi
export PATH="$JAVA_HOME/bin:$PATH"
