#!/usr/bin/env bash
# Generates the Kotlin bindings from the built debug library (UniFFI library mode) and runs
# the JUnit tests in kotlin/ on the JVM against it. Needs: `cargo build --workspace` done,
# JNA and JUnit from Debian, Kotlin in .tools/kotlin (scripts/ensure-tools installs both).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
kotlin=$root/.tools/kotlin
out=$target/kotlin-test
java_libs=/usr/share/java/jna.jar:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar

rm -rf "$out" && mkdir -p "$out"
"$target/debug/uniffi-bindgen" generate --library "$target/debug/libpalliwijzer_ffi.so" \
  --language kotlin --out-dir "$out/generated" --no-format
"$target/debug/palliwijzer" content build "$root/content" --out "$out/content.sqlite" >/dev/null
echo "kotlin: compiling the generated bindings and tests"
# The binding tests use freshly generated bindings; the shell tests use the Android app's own
# sources (its checked-in bindings are compared with fresh ones by scripts/generate-bindings --check).
"$kotlin/bin/kotlinc-jvm" -nowarn -cp "$java_libs" \
  "$out/generated/uniffi/palliwijzer/palliwijzer.kt" "$root/bindings/kotlin/PalliwijzerTest.kt" \
  -d "$out/tests.jar" 2>&1 | grep -v '^warning:' || true
"$kotlin/bin/kotlinc-jvm" -nowarn -cp "$java_libs" \
  "$root/android/app/src/main/java/uniffi/palliwijzer/palliwijzer.kt" \
  "$root"/android/app/src/main/java/nl/palliwijzer/shell/*.kt \
  "$root"/android/app/src/test/java/nl/palliwijzer/shell/*.kt \
  -d "$out/shell-tests.jar" 2>&1 | grep -v '^warning:' || true
test -f "$out/shell-tests.jar"
test -f "$out/tests.jar"
java -Djna.library.path="$target/debug" -Dpalliwijzer.store="$out/content.sqlite" \
  -Dpalliwijzer.bin="$target/debug/palliwijzer" -Dpalliwijzer.content="$root/content" \
  -cp "$out/tests.jar:$java_libs:$kotlin/lib/kotlin-stdlib.jar" \
  org.junit.runner.JUnitCore palliwijzer.PalliwijzerTest | tee "$out/junit.log"
grep -q '^OK (' "$out/junit.log"
echo "kotlin: the Android shell layer (plain Kotlin) against the real library"
java -Djna.library.path="$target/debug" -Dpalliwijzer.store="$out/content.sqlite" \
  -cp "$out/shell-tests.jar:$java_libs:$kotlin/lib/kotlin-stdlib.jar" \
  org.junit.runner.JUnitCore nl.palliwijzer.shell.ShellTest | tee "$out/junit-shell.log"
grep -q '^OK (' "$out/junit-shell.log"
