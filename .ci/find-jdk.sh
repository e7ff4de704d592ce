#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME when it qualifies, else the newest under $JVM_DIR (/usr/lib/jvm).
# Prints nothing (exit 1) when there is none; the Makefile turns that into a clear error.
major() { "$1/bin/javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'; }
ok() { [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 21 ] 2>/dev/null; }
if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
best=""; best_major=0
for d in "${JVM_DIR:-/usr/lib/jvm}"/*/; do
  d=${d%/}
  [ -L "$d" ] && continue
  if ok "$d"; then m=$(major "$d"); if [ "$m" -gt "$best_major" ]; then best=$d; best_major=$m; fi; fi
done
[ -n "$best" ] && { echo "$best"; exit 0; }
exit 1
