#!/usr/bin/env bash
# Builds the Rust core as static libraries for iOS devices and simulators and packs them with
# the generated header into build/PalliwijzerFFI.xcframework. Needs macOS with Xcode.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do cargo build --profile mobile -p palliwijzer-bindings --lib --target "$t"; done
mkdir -p ios/build/sim
lipo -create target/aarch64-apple-ios-sim/mobile/libpalliwijzer_ffi.a target/x86_64-apple-ios/mobile/libpalliwijzer_ffi.a \
  -output ios/build/sim/libpalliwijzer_ffi.a
rm -rf ios/build/PalliwijzerFFI.xcframework
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/mobile/libpalliwijzer_ffi.a -headers ios/Sources/palliwijzerFFI/include \
  -library ios/build/sim/libpalliwijzer_ffi.a -headers ios/Sources/palliwijzerFFI/include \
  -output ios/build/PalliwijzerFFI.xcframework
# The bundled content snapshot the app copies on first launch.
cargo run -q -p palliwijzer -- content build content --out ios/build/palliwijzer.sqlite
