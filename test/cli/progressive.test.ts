import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { SWIFTSHADER_ICD } from '../../src/gpu/device.js';
import { describeRun, dualray, dualrayOnTtyInterrupted, hasScriptPty, lines, tempDir, tinyScene } from '../support/cli.js';

const tmp = tempDir('dualray-progressive-');
afterAll(() => tmp.remove());

/** tinyScene with many samples: far more than the tests let it finish. */
function longScene(): string {
  const file = join(tmp.dir, 'long.json');
  const scene = tinyScene();
  scene.sampler = { type: 'random' };
  Object.assign(scene.image, { width: 128, height: 96, samples: 65_536 });
  writeFileSync(file, JSON.stringify(scene));
  return file;
}

function decode(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

describe('progressive renders', () => {
  it('--time renders until the time is spent and writes the samples reached', { timeout: 120_000 }, async () => {
    const output = join(tmp.dir, 'timed.png');
    const run = await dualray(['render', longScene(), '-o', output, '--threads', '2', '--time', '2s']);
    expect(run.code, describeRun(run)).toBe(0);
    const summary = lines(run.stdout)[0]!;
    const reached = /\b(\d+) spp of 65536 \(stopped by --time\)/.exec(summary);
    expect(reached, summary).not.toBeNull();
    expect(Number(reached![1])).toBeGreaterThanOrEqual(1);
    expect(decode(output).width).toBe(128);
  });

  it('--progress-image is written as the render goes, and at its end', { timeout: 120_000 }, async () => {
    const output = join(tmp.dir, 'final.pfm');
    const progress = join(tmp.dir, 'progress.png');
    const run = await dualray(['render', longScene(), '-o', output, '--threads', '2', '--time', '3s', '--progress-image', progress, '--progress-interval', '0.2s']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(existsSync(output)).toBe(true);
    expect(decode(progress).height).toBe(96);
  });

  it.skipIf(!hasScriptPty())('Ctrl-C ends a progressive render after its pass and writes the picture so far (exit 130)', { timeout: 120_000 }, async () => {
    const output = join(tmp.dir, 'interrupted.png');
    const run = await dualrayOnTtyInterrupted(
      ['render', longScene(), '-o', output, '--threads', '2', '--progress-image', join(tmp.dir, 'p.png')],
      /\d+(\.\d)?\/65536 spp/,
    );
    expect(run.code, describeRun(run)).toBe(130);
    expect(run.stdout).toMatch(/\b\d+ spp of 65536 \(stopped by SIGINT\)/);
    expect(decode(output).width).toBe(128);
  });
});

describe('--backend auto', () => {
  it.skipIf(!existsSync(SWIFTSHADER_ICD))('never takes SwiftShader: where it is the only adapter, the CPU renders', { timeout: 120_000 }, async () => {
    const output = join(tmp.dir, 'auto.png');
    const scene = join(tmp.dir, 'tiny.json');
    writeFileSync(scene, JSON.stringify(tinyScene()));
    const run = await dualray(['render', scene, '-o', output, '--backend', 'auto', '--threads', '1'], { env: { VK_ICD_FILENAMES: SWIFTSHADER_ICD } });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/\[cpu\b|\(cpu\b|\bcpu ×/);
  });
});
