#!/usr/bin/env bash
# The GPU checks, as one command on a Linux x86-64 machine with an NVIDIA GPU but no Node.js
# and no package registry, within 5 minutes: the test suite with CI=true, a bench of every
# example scene at 1920x1080 x 64 spp on the GPU, CPU against GPU at the scenes' own sizes,
# CPU thread scaling and GPU workgroup shapes. First, here: scripts/device-pack.sh; then carry
# .device/ there and run this from the repository root. Logs and JSON go to $1 (or $OUT).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-${OUT:-out/gpu-check}}
mkdir -p "$out"
log="$out/log.txt"
step() { echo "=== $(date +%T) $*" | tee -a "$log"; }
source scripts/device-env.sh
dualray() { local limit=$1; shift; timeout "$limit" node dist/cli/main.js "$@"; }

step info
{ nproc; lscpu | grep -E 'Model name|Thread|Core'; nvidia-smi -L; dualray 30 info; } >>"$log" 2>&1

step "test suite, CI=true"
CI=true timeout 100 node node_modules/vitest/vitest.mjs run >"$out/test.txt" 2>&1
tail -6 "$out/test.txt" | tee -a "$log"

step "GPU, every example scene at 1920x1080 x 64 spp"
dualray 80 bench scenes/*.json --backends gpu --size 1920x1080 --spp 64 --runs 3 --warmup-time 0 \
  --json "$out/gpu-1080p.json" 2>&1 | tee -a "$log"

step "CPU against GPU, every example scene at its own size"
dualray 80 bench scenes/*.json --runs 3 --warmup-time 300 --json "$out/bench.json" --chart "$out/bench.svg" 2>&1 | tee -a "$log"

step "CPU threads"
for scene in profiling whitted many-spheres rtiow-final cornell-box glass; do
  for threads in 1 2 4 8 16; do
    dualray 20 bench "scenes/$scene.json" --backends cpu --threads "$threads" --runs 3 --warmup-time 300 2>&1 | grep ' cpu '
  done
  # The same at 16 threads with V8's default 4-thread pool (no relaunch), for comparison.
  timeout 20 node --v8-pool-size=4 dist/cli/main.js bench "scenes/$scene.json" --backends cpu --threads 16 --runs 3 --warmup-time 300 2>&1 | grep ' cpu ' | sed 's/^/pool4 /'
done | tee "$out/cpu-threads.txt" >>"$log"

step "GPU workgroup shapes at 1920x1080 x 64 spp"
for wg in 8x8 16x16 8x32 4x64 1x256; do
  dualray 30 bench scenes/rtiow-final.json scenes/cornell-box.json scenes/many-spheres.json --backends gpu \
    --size 1920x1080 --spp 64 --runs 3 --warmup-time 0 --gpu-workgroup "$wg" 2>&1 | grep ' gpu ' | sed "s/^/$wg /"
done | tee "$out/workgroups.txt" >>"$log"
step done
