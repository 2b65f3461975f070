import { basename, extname, join } from 'node:path';
import { createBackend, type BackendName } from '../backend.js';
import { compileScene } from '../compile/compile.js';
import { filmToRgba8 } from '../image/encode.js';
import { encodePfm } from '../image/pfm.js';
import { encodePng, writeFileAtomic } from '../image/png.js';
import { applyOverrides, loadScene, type SceneOverrides } from '../scene/load.js';
import { checkOutput, UsageError } from './errors.js';
import { progressBar } from './progress.js';

export interface RenderCommandOptions extends SceneOverrides {
  output?: string;
  backend: BackendName;
  threads?: number;
  quiet: boolean;
}

/** `dualray render`: scene file → checked Scene → packed scene → backend → PNG or PFM, then one summary line. */
export async function renderCommand(file: string, opts: RenderCommandOptions): Promise<void> {
  const scene = applyOverrides(await loadScene(file), opts, file);
  const output = opts.output ?? join('out', basename(file, extname(file)) + '.png');
  const format = extname(output).toLowerCase();
  if (format !== '.png' && format !== '.pfm') {
    throw new UsageError(`--output: expected a file ending in .png (8-bit sRGB) or .pfm (linear float RGB, unclamped), found "${output}"`);
  }
  await checkOutput('--output', output);
  const compileStart = performance.now();
  const packed = compileScene(scene);
  const compileMs = performance.now() - compileStart;

  const backend = await createBackend(opts.backend, { threads: opts.threads });
  const bar = progressBar(`${opts.backend} ${basename(file)}`, opts.quiet);
  try {
    const result = await backend.render(packed, (done, total) => bar.update(done, total));
    bar.stop();
    const { width, height, samples } = scene.image;
    const image = format === '.pfm' ? encodePfm(result.film, width, height) : encodePng({ width, height, data: filmToRgba8(result.film, width, height) });
    await writeFileAtomic(output, image);
    const seconds = result.renderMs / 1000;
    console.log(
      `${output}: ${width}×${height} pixels, ${samples} spp, ${result.rays.toLocaleString('en-US')} rays in ` +
        `${seconds.toFixed(2)} s, ${(result.rays / seconds / 1e6).toFixed(2)} M rays/s ` +
        `[${backend.name}: ${backend.device}; prep ${(compileMs + backend.prepMs + result.prepMs).toFixed(0)} ms]`,
    );
  } finally {
    bar.stop();
    await backend.close();
  }
}
