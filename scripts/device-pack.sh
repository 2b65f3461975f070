#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a Linux x86-64 machine that has a GPU but no Node.js
# and no package registry, into .device/ (git-ignored): this machine's node binary, the built
# project with its runtime and test dependencies (Dawn's linux-x64 module only), and Debian's
# Vulkan loader with the
# glvnd libraries the NVIDIA driver needs. Run it here, then carry .device to that machine and run scripts/gpu-check.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
rm -rf .device && mkdir -p .device
xz -T0 -6 -c "$(command -v node)" > .device/node.xz
# The NVIDIA Vulkan driver is loaded through glvnd's libraries, which a bare machine may lack.
(cd .device && apt-get download -qq libvulkan1 libglvnd0 libglx0 libegl1 libgl1 libopengl0 libgles2 2>/dev/null)
# typescript and the @types are for building and type-checking, which happen here.
tar -c \
  --exclude='node_modules/typescript' --exclude='node_modules/@types' \
  --exclude='node_modules/webgpu/dist/darwin-*' --exclude='node_modules/webgpu/dist/win32-*' \
  --exclude='node_modules/webgpu/dist/linux-arm64' \
  dist node_modules | xz -T0 -6 > .device/project.tar.xz
du -sh .device/*
