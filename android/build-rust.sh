#!/usr/bin/env bash
# Builds the native core for each Android ABI (cargo-ndk, the small `mobile` profile) and the
# bundled content snapshot.
# Needs the Android NDK and `cargo install cargo-ndk`; not available on the CI machines here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o android/app/src/main/jniLibs build --profile mobile -p palliwijzer-bindings
mkdir -p android/app/src/main/assets
cargo run -q -p palliwijzer -- content build content --out android/app/src/main/assets/palliwijzer.sqlite
