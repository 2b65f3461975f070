/**
 * Numbers on the command line (DESIGN.md contract 10): plain decimal digits only, and a value past
 * the maximum is called too large, naming the maximum, rather than "not an integer".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nonNegativeInt, parseSize, positiveInt, UsageError } from '../../src/cli/errors.js';
import { describeRun, dualray, lines, tempDir, tinyScene } from '../support/cli.js';

const TIMEOUT = 120_000;
const tmp = tempDir('dualray-numbers-');
afterAll(() => tmp.remove());

const SCENE = join(tmp.dir, 'tiny.json');
writeFileSync(SCENE, JSON.stringify(tinyScene(), null, 2));

/** The message a parser refuses `value` with. */
function refusal(parse: (value: string) => unknown, value: string): string {
  try {
    parse(value);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`"${value}" was accepted`);
}

describe('the parsers', () => {
  it('take plain decimal digits, leading zeros included', () => {
    expect(positiveInt('--spp')('16')).toBe(16);
    expect(positiveInt('--spp')('007')).toBe(7);
    expect(nonNegativeInt('--seed')('0')).toBe(0);
    expect(nonNegativeInt('--seed')('4294967295')).toBe(4294967295);
    expect(parseSize('--size')('640x480')).toEqual([640, 480]);
    expect(parseSize('--size')('67108864x1')).toEqual([67108864, 1]);
  });

  it.for(['0x4', '0b11', '0o7', '1e2', '4.0', '4.', ' 4', '4 ', '+4', '-4', '', 'Infinity', '٤'])('refuse "%s"', (value) => {
    expect(refusal(positiveInt('--spp'), value)).toBe(`--spp: expected a positive integer, found "${value}"`);
    expect(refusal(nonNegativeInt('--seed'), value)).toBe(`--seed: expected an integer from 0 to 4294967295, found "${value}"`);
  });

  it('call a value past the maximum too large and name the maximum, however many digits it has', () => {
    expect(refusal(positiveInt('--threads', 256), '257')).toBe('--threads: "257" is too large; the maximum is 256');
    expect(refusal(positiveInt('--spp'), '9007199254740993')).toBe('--spp: "9007199254740993" is too large; the maximum is 9007199254740991');
    expect(refusal(nonNegativeInt('--seed'), '99999999999999999999')).toBe('--seed: "99999999999999999999" is too large; the maximum is 4294967295');
    expect(refusal(parseSize('--size'), '1x67108865')).toBe('--size: "1x67108865" is too large; the maximum is 67108864 a side');
  });

  it('still say what a size looks like when it is not one', () => {
    for (const value of ['0x4', '4x0', '4x', 'x4', '0x10x10', '4X4X4', '1e2x4']) {
      expect(refusal(parseSize('--size'), value)).toBe(`--size: expected WxH such as 640x480, found "${value}"`);
    }
  });
});

describe.concurrent('render: exit 2 and one line for a bad number', () => {
  it.for<[string[], string]>([
    [['--spp', '0x4'], 'dualray: --spp: expected a positive integer, found "0x4"'],
    [['--seed', '0x10'], 'dualray: --seed: expected an integer from 0 to 4294967295, found "0x10"'],
    [['--size', '99999999999999999999x1'], 'dualray: --size: "99999999999999999999x1" is too large; the maximum is 67108864 a side'],
    [['--spp', '99999999999999999999'], 'dualray: --spp: "99999999999999999999" is too large; the maximum is 9007199254740991'],
  ])('render %j: exit 2, %s', { timeout: TIMEOUT }, async ([flags, message], { expect }) => {
    const output = join(tmp.dir, 'numbers', `${flags.join('_').replace(/[^\w.-]/g, '_')}.png`);
    const size = flags.includes('--size') ? [] : ['--size', '16x12'];
    const run = await dualray(['render', SCENE, '-o', output, ...size, '--quiet', ...flags]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual([message]);
    expect(existsSync(output)).toBe(false);
  });
});

