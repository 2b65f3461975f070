/**
 * Images for people and for tools through `dualray render`: --exposure and --tonemap on 8-bit
 * output, OpenEXR output of the linear film (float exactly, half rounded), the top image row
 * first in the file, and options that would change no file refused before anything is made.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { filmToRgba8, linearToSrgb8 } from '../../src/image/encode.js';
import { roundToHalf } from '../../src/image/exr.js';
import { acesFilmic, reinhard } from '../../src/image/tonemap.js';
import { describeRun, dualray, lines, listDir, stackLines, tempDir, tinyScene } from '../support/cli.js';
import { decodeExr, exrFilm } from '../support/exr.js';
import { decodePfm } from '../../src/image/pfm.js';

const TIMEOUT = 120_000;
const tmp = tempDir('dualray-image-output-');
afterAll(() => tmp.remove());

const [W, H] = [16, 12];
/** The sphere fills the upper half and misses the lower: the image is not symmetric top to bottom. */
const SCENE = join(tmp.dir, 'upper.json');
const scene = tinyScene();
scene.objects[0].center = [0, 40, 0];
scene.objects[0].radius = 40;
writeFileSync(SCENE, JSON.stringify(scene, null, 2));
const ARGS = ['--size', `${W}x${H}`, '--spp', '4', '--threads', '1', '--quiet'];

/** Renders SCENE to tmp/<name> with more flags; fails the test on a non-zero exit. */
async function render(name: string, ...flags: string[]): Promise<string> {
  const output = join(tmp.dir, name);
  const run = await dualray(['render', SCENE, '-o', output, ...ARGS, ...flags]);
  expect(run.code, describeRun(run)).toBe(0);
  expect(run.stdout + run.stderr, describeRun(run)).toBe('');
  return output;
}

/** The linear film of the plain render, as .pfm: the reference every other output is held to. */
let reference: Promise<Float32Array> | undefined;
function film(): Promise<Float32Array> {
  reference ??= render('reference.pfm').then((path) => {
    const pfm = decodePfm(readFileSync(path));
    expect([pfm.width, pfm.height]).toEqual([W, H]);
    return pfm.film;
  });
  return reference;
}

const pngData = (path: string): Uint8Array => new Uint8Array(PNG.sync.read(readFileSync(path)).data);

/** A channel whose linear value v has 2v under 1 and encodes differently from v: it shows a doubling. */
function midTone(linear: Float32Array): number {
  const i = linear.findIndex((v) => v > 0.02 && v < 0.4);
  expect(i, 'a mid-tone channel in the reference film').toBeGreaterThanOrEqual(0);
  return i;
}
const rgbaIndex = (filmIndex: number): number => Math.floor(filmIndex / 3) * 4 + (filmIndex % 3);

describe.concurrent('--exposure and --tonemap (8-bit output)', () => {
  it('--exposure 1 doubles the linear film before encoding', { timeout: TIMEOUT }, async () => {
    const [linear, plain, brighter] = await Promise.all([film(), render('plain.png'), render('ev1.png', '--exposure', '1')]);
    const i = midTone(linear);
    const v = linear[i]!;
    expect(pngData(brighter)[rgbaIndex(i)]).toBe(linearToSrgb8(2 * v));
    expect(pngData(plain)[rgbaIndex(i)]).toBe(linearToSrgb8(v));
    expect(linearToSrgb8(2 * v)).not.toBe(linearToSrgb8(v));
    expect(pngData(brighter)).toEqual(filmToRgba8(linear.map((x) => 2 * x), W, H));
  });

  it('--exposure -1.5 (a negative value after the flag) scales by 2^-1.5', { timeout: TIMEOUT }, async () => {
    const [linear, darker] = await Promise.all([film(), render('ev-1.5.png', '--exposure', '-1.5')]);
    expect(pngData(darker)).toEqual(filmToRgba8(linear, W, H, { exposure: -1.5 }));
    const i = midTone(linear);
    expect(pngData(darker)[rgbaIndex(i)]).toBe(linearToSrgb8(linear[i]! * 2 ** -1.5));
  });

  it('--tonemap clamp and --exposure 0 are the default, byte for byte', { timeout: TIMEOUT }, async () => {
    const [plain, clamp] = await Promise.all([render('default.png'), render('clamp.png', '--tonemap', 'clamp', '--exposure', '0')]);
    expect(readFileSync(clamp).equals(readFileSync(plain))).toBe(true);
  });

  it.for([['aces', acesFilmic], ['reinhard', reinhard]] as const)('--tonemap %s: the curve per channel, then sRGB', { timeout: TIMEOUT }, async ([name, curve]) => {
    const [linear, plain, mapped] = await Promise.all([film(), render(`plain-${name}.png`), render(`${name}.png`, '--tonemap', name, '--exposure', '1')]);
    const data = pngData(mapped);
    expect(data).toEqual(filmToRgba8(linear, W, H, { exposure: 1, tonemap: name }));
    const i = midTone(linear);
    expect(data[rgbaIndex(i)]).toBe(linearToSrgb8(curve(2 * linear[i]!)));
    expect(data).not.toEqual(pngData(plain));
  });
});

describe.concurrent('.exr output', () => {
  it('float (the default): the .pfm\'s film exactly, ZIP, the top image row in the first scanline', { timeout: TIMEOUT }, async () => {
    const [linear, path] = await Promise.all([film(), render('film.exr')]);
    const image = decodeExr(readFileSync(path));
    expect([image.width, image.height, image.compression, image.lineOrder]).toEqual([W, H, 3, 0]);
    expect(image.channels.map((c) => [c.name, c.pixelType])).toEqual([['A', 2], ['B', 2], ['G', 2], ['R', 2]]);
    expect(exrFilm(image)).toEqual(linear);
    // The check above sees orientation only if the picture is not symmetric top to bottom.
    const top = linear.subarray(0, W * 3), bottom = linear.subarray((H - 1) * W * 3);
    expect(top).not.toEqual(bottom);
    expect(image.chunkY[0]).toBe(0);
    expect(Float32Array.from(image.planes.get('R')!.subarray(0, W))).toEqual(Float32Array.from({ length: W }, (_, x) => linear[x * 3]!));
    expect(listDir(tmp.dir).filter((name) => name.includes('dualray-'))).toEqual([]);
  });

  it('--exr-type half: each value the nearest half, within half precision of the film', { timeout: TIMEOUT }, async () => {
    const [linear, path] = await Promise.all([film(), render('half.exr', '--exr-type', 'half')]);
    const image = decodeExr(readFileSync(path));
    expect(image.channels.map((c) => c.pixelType)).toEqual([1, 1, 1, 1]);
    const half = exrFilm(image);
    expect(half).toEqual(linear.map(roundToHalf));
    for (let i = 0; i < linear.length; i++) expect(Math.abs(half[i]! - linear[i]!)).toBeLessThanOrEqual(Math.max(linear[i]! * 2 ** -11, 2 ** -25));
  });

  it('--progress-image takes .exr; --exposure is accepted while one output is 8-bit', { timeout: TIMEOUT }, async () => {
    const progress = join(tmp.dir, 'progress.exr');
    const [linear, png] = await Promise.all([film(), render('with-progress.png', '--progress-image', progress, '--exposure', '1')]);
    expect(exrFilm(decodeExr(readFileSync(progress)))).toEqual(linear);
    expect(pngData(png)).toEqual(filmToRgba8(linear, W, H, { exposure: 1 }));
  });
});

describe.concurrent('options that would change no file are refused: exit 2, one line, nothing made', () => {
  const dir = (name: string): string => join(tmp.dir, 'refused', name);
  const cases: [string, string[], (d: string) => string][] = [
    ['--tonemap with .exr', ['-o', 'x.exr', '--tonemap', 'aces'], (d) => `--tonemap: applies to 8-bit images (.png); ${join(d, 'x.exr')} keeps the linear film`],
    ['--exposure with .pfm', ['-o', 'x.pfm', '--exposure', '1'], (d) => `--exposure: applies to 8-bit images (.png); ${join(d, 'x.pfm')} keeps the linear film`],
    ['--exposure with two linear outputs', ['-o', 'x.exr', '--progress-image', 'p.pfm', '--exposure', '-1'],
      (d) => `--exposure: applies to 8-bit images (.png); ${join(d, 'x.exr')} and ${join(d, 'p.pfm')} keep the linear film`],
    ['--exr-type with .png', ['-o', 'x.png', '--exr-type', 'half'], (d) => `--exr-type: applies to OpenEXR images (.exr); ${join(d, 'x.png')} is not one`],
    ['a mistyped --tonemap', ['-o', 'x.png', '--tonemap', 'acse'], () => '--tonemap: expected one of clamp, aces, reinhard, found "acse" (did you mean "aces"?)'],
    ['a mistyped --exr-type', ['-o', 'x.exr', '--exr-type', 'halff'], () => '--exr-type: expected one of float, half, found "halff" (did you mean "half"?)'],
    ['--exposure not a number', ['-o', 'x.png', '--exposure', '1e3'], () => '--exposure: expected a number of stops such as 1 or -0.5, found "1e3"'],
    ['--exposure out of range', ['-o', 'x.png', '--exposure', '65'], () => '--exposure: "65" is out of range; expected -64 to 64 stops'],
  ];

  it.for(cases)('%s', { timeout: TIMEOUT }, async ([name, flags, message]) => {
    const d = dir(name.replace(/\W+/g, '-'));
    const args = flags.map((f, i) => (flags[i - 1] === '-o' || flags[i - 1] === '--progress-image' ? join(d, f) : f));
    const run = await dualray(['render', SCENE, ...args, '--size', '8x6', '--spp', '1', '--threads', '1']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual([`dualray: ${message(d)}`]);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stdout).toBe('');
    expect(existsSync(d), 'nothing made').toBe(false);
  });
});
