#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { BACKEND_CHOICES, type BackendChoice } from '../backend.js';
import { showDriverMessages } from '../gpu/device.js';
import { EXR_TYPES } from '../image/exr.js';
import { TONEMAPS } from '../image/tonemap.js';
import { displayFile, SceneError, sceneWarnings } from '../scene/index.js';
import { loadScene } from '../scene/load.js';
import { MAX_THREADS, nonNegativeInt, parseExposure, parseSize, positiveInt, positiveNumber, UsageError } from './errors.js';
import { parseDuration } from './duration.js';
import { renderCommand } from './render.js';
import { oneOf } from './choices.js';
import { relaunchWithWidePool } from './v8Pool.js';

const debug = process.argv.includes('--debug');
// Dawn's and the Vulkan loader's own messages about drivers are for diagnosing a setup.
showDriverMessages(debug);

// A reader that stops early (`dualray validate scenes/*.json | head -3`) closes the pipe: what
// is left to print has no reader, so the command ends there, quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('dualray')
  .description('A ray tracer with a CPU path on all cores and a WebGPU path that draw the same picture.')
  .version(version, '-V, --version', 'print the version')
  .option('--debug', 'show stack traces and the GPU drivers\' own messages')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`dualray: ${text.replace(/^error: /, '')}`) });

program
  .command('render')
  .description('render a scene file to an image: PNG, or the linear film as PFM or OpenEXR')
  .argument('<scene>', 'scene file (JSON, version 1)')
  .option('-o, --output <file>', 'image to write: .png (8-bit sRGB), .pfm (linear float RGB) or .exr (OpenEXR, linear RGB) (default: out/<scene name>.png)')
  .option('--exposure <EV>', '8-bit images: multiply the film by 2^EV before the tone map (default: 0)', parseExposure('--exposure'))
  .addOption(new Option('--tonemap <curve>', '8-bit images: clamp (clip to [0, 1]), aces (Narkowicz\'s 2015 ACES filmic fit) or reinhard (x/(1+x)), per channel, then sRGB (default: clamp)')
    .argParser(oneOf('--tonemap', TONEMAPS)))
  .addOption(new Option('--exr-type <type>', '.exr images: float (32-bit, the film exactly) or half (16-bit, clamped to ±65504) (default: float)')
    .argParser(oneOf('--exr-type', EXR_TYPES)))
  .addOption(new Option('--backend <name>', `which backend renders, ${BACKEND_CHOICES.join(', ')}; auto: the GPU where there is a hardware adapter, else the CPU`)
    .argParser(oneOf('--backend', BACKEND_CHOICES)).default('cpu'))
  .option('--spp <n>', 'samples per pixel (overrides image.samples)', positiveInt('--spp'))
  .option('--seed <n>', 'random seed (overrides image.seed)', nonNegativeInt('--seed'))
  .option('--threads <n>', 'CPU worker threads (default: all cores)', positiveInt('--threads', MAX_THREADS))
  .option('--size <WxH>', 'image size (overrides image.width and image.height)', parseSize('--size'))
  .option('--time <duration>', 'render passes of samples until this much time has passed (30s, 2m), up to the scene\'s samples, then write the picture so far', parseDuration('--time'))
  .option('--progress-image <file>', 'rewrite this image (.png, .pfm or .exr) with the picture so far as the render goes; Ctrl-C then writes the samples reached')
  .option('--progress-interval <duration>', 'how often --progress-image is rewritten', parseDuration('--progress-interval'), 5000)
  .option('-q, --quiet', 'print errors only: no progress bar, warnings or summary line')
  .action(async (file: string, o) => {
    const relaunched = await relaunchWithWidePool(o.backend !== 'gpu');
    if (relaunched !== undefined) return void (process.exitCode = relaunched);
    await renderCommand(file, {
      output: o.output,
      backend: o.backend as BackendChoice,
      timeMs: o.time,
      progressImage: o.progressImage,
      progressIntervalMs: o.progressInterval,
      spp: o.spp,
      seed: o.seed,
      threads: o.threads,
      width: o.size?.[0],
      height: o.size?.[1],
      quiet: Boolean(o.quiet),
      exposure: o.exposure,
      tonemap: o.tonemap,
      exrType: o.exrType,
    });
  });

program
  .command('bench')
  .description('time scenes on each backend: a table of render times, rays per second, speed-ups and parity; with --reference, each image\'s error')
  .argument('[scenes...]', 'scene files')
  .option('--backends <list>', 'backends to compare, comma-separated', 'cpu,gpu')
  .option('--runs <n>', 'timed runs per scene and backend (median reported)', positiveInt('--runs'), 3)
  .option('--warmup <n>', 'untimed runs first', nonNegativeInt('--warmup'), 1)
  .option('--warmup-time <ms>', 'and more untimed runs until this long has been spent on them', nonNegativeInt('--warmup-time'), 1000)
  .option('--threads <n>', 'CPU worker threads (default: all cores)', positiveInt('--threads', MAX_THREADS))
  .option('--size <WxH>', 'image size for every scene', parseSize('--size'))
  .option('--spp <n>', 'samples per pixel for every scene', positiveInt('--spp'))
  .option('--json [file]', 'write the results as JSON to a file (or, with no file, print JSON instead of the table)')
  .option('--chart <file>', 'write an SVG bar chart of million rays per second')
  .option('--gpu-workgroup <WxH>', 'GPU workgroup size (default 8x8)', parseSize('--gpu-workgroup'))
  .option('--gpu-chunk <n>', 'GPU pixel-samples per dispatch, fixed (default: each dispatch sized from the measured cost of the last to take about 50 ms)', positiveInt('--gpu-chunk'))
  .option('--gpu-toggles <list>', 'Dawn toggles to enable, comma-separated, or "none" (default: disable_robustness on SwiftShader, none elsewhere)')
  .option('--scaling [counts]', 'also time generated fields of spheres, by default 10,100,1000,10000,100000 of them')
  .option('--reference <file|dir>', 'a high-sample linear render (dualray render scene.json --spp 4096 -o ref.pfm) to measure each image\'s relative MSE against, mean of (x−r)²/(r²+0.01); with several scenes a directory of <scene name>.pfm files')
  .option('--time <duration>', 'equal-time mode: each render runs in passes for this long (10s, 2m), up to the scene\'s samples (raise them with --spp); reports the samples per pixel reached', parseDuration('--time'))
  .option('--target-rel-mse <x>', 'with --reference: also report the time and samples per pixel of the first pass whose relative MSE is at most x (measuring not timed)', positiveNumber('--target-rel-mse'))
  .option('-q, --quiet', 'the results only: no progress or warnings')
  .action(async (files: string[], o, command: Command) => {
    const relaunched = await relaunchWithWidePool(String(o.backends).split(',').includes('cpu'));
    if (relaunched !== undefined) return void (process.exitCode = relaunched);
    const { benchCommand, parseCounts } = await import('./bench.js');
    await benchCommand(files, {
      backends: o.backends, gpuOptional: command.getOptionValueSource('backends') === 'default', quiet: Boolean(o.quiet),
      runs: o.runs, warmup: o.warmup, warmupMs: o.warmupTime, threads: o.threads,
      spp: o.spp, width: o.size?.[0], height: o.size?.[1], json: o.json, chart: o.chart,
      scaling: o.scaling === undefined ? undefined : parseCounts(o.scaling),
      reference: o.reference, timeMs: o.time, targetRelMse: o.targetRelMse,
      gpu: { workgroup: o.gpuWorkgroup, samplesPerChunk: o.gpuChunk, toggles: o.gpuToggles === undefined ? undefined : o.gpuToggles === 'none' ? [] : o.gpuToggles.split(',') },
    });
  });

program
  .command('validate')
  .description('check scene files without rendering; prints one line per file')
  .argument('<scenes...>', 'scene files')
  .option('-q, --quiet', 'print errors only: the exit code says whether every file is good')
  .action(async (files: string[], o) => {
    // Every file is checked, not only those before the first bad one; any bad file means exit 2,
    // set at once so that a closed pipe ending the command early keeps it.
    for (const file of files) {
      try {
        const scene = await loadScene(file);
        if (o.quiet) continue;
        for (const warning of sceneWarnings(scene)) console.error(`dualray: warning: ${displayFile(file)}: ${warning}`);
        // A name with a newline in it would split the line: such names are quoted.
        console.log(`${displayFile(file)}: ok`);
      } catch (e) {
        if (!(e instanceof SceneError)) throw e;
        process.exitCode = 2;
        console.error(`dualray: ${e.message}`);
      }
    }
  });

program
  .command('info')
  .description('show the GPU adapter, its limits, and the CPU thread count')
  .action(async () => {
    const { infoCommand } = await import('./info.js');
    await infoCommand();
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = report(e);
}

/** One line for the user; the stack only with --debug. Exit 2 for bad input, 1 for failures. */
function report(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof SceneError || e instanceof UsageError) {
    console.error(`dualray: ${e.message}`);
    return 2;
  }
  // The stack already starts with the message.
  console.error(debug && e instanceof Error && e.stack ? e.stack : `dualray: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
}
