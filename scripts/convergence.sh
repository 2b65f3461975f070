#!/usr/bin/env bash
# The path tracer's convergence at equal time, with next-event estimation and without: each
# scene (at a small size) is rendered once at 4096 spp as the reference, then `bench --time`
# renders it for the same wall time both ways and reports each image's relative MSE against the
# reference. Usage: npm run build && scripts/convergence.sh [seconds] [backends] [out dir]
# (defaults: 5, cpu,gpu, out/convergence). Scenes: cornell-box (an area light), small-light
# (conductors and a plastic coat under a small sphere light).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
backends=${2:-cpu,gpu}
out=${3:-out/convergence}
mkdir -p "$out/reference"

scenes=()
for spec in cornell-box:128x128 small-light:160x100; do
  name=${spec%%:*} size=${spec#*:}
  # Both forms of the tracer over the same scene, at a size and a sample cap that time alone ends.
  for nee in true false; do
    file="$out/$name$([ "$nee" = true ] || echo -bounces).json"
    node -e '
      const [source, target, nee, size] = process.argv.slice(1);
      const scene = JSON.parse(require("fs").readFileSync(source, "utf8"));
      delete scene.$schema;
      [scene.image.width, scene.image.height] = size.split("x").map(Number);
      scene.image.samples = 65536;
      scene.tracer = { type: "pathTrace", nee: nee === "true" };
      require("fs").writeFileSync(target, JSON.stringify(scene));
    ' "scenes/$name.json" "$file" "$nee" "$size"
    scenes+=("$file")
  done
  if [ ! -f "$out/reference/$name.pfm" ]; then
    node dist/cli/main.js render "$out/$name.json" --spp 4096 -o "$out/reference/$name.pfm" --quiet
  fi
  cp "$out/reference/$name.pfm" "$out/reference/$name-bounces.pfm"
done

node dist/cli/main.js bench "${scenes[@]}" --backends "$backends" --reference "$out/reference" \
  --time "${seconds}s" --runs 1 --warmup 0 --warmup-time 0 --json "$out/convergence.json"
