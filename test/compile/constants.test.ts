import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_CONSTANTS, constantsWgsl, wgslFloat } from '../../src/compile/constants.js';
import { layoutWgsl } from '../../src/compile/layout.js';
import { shaderPath } from '../../src/gpu/modules.js';

/** Every shipped .wgsl file. */
function shippedShaders(dir = shaderPath('')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shippedShaders(path);
    return entry.name.endsWith('.wgsl') ? [path] : [];
  });
}

describe('shared constants', () => {
  it('prints each f32 with a decimal point, reading back as the same f32', () => {
    for (const x of [Math.PI, 1 / Math.PI, 1e-4, 1e-20, 3e38, 0.5, 1, 64, 1 / 3, 123456789]) {
      const text = wgslFloat(x);
      expect(text).toMatch(/^-?\d+\.\d+(e-?\d+)?$/);
      expect(Math.fround(Number(text))).toBe(Math.fround(x));
    }
    expect(wgslFloat(1e-20)).toBe('1.0e-20');
    expect(wgslFloat(Math.PI)).toBe('3.1415927');
  });

  it('puts every constant of the table into the WGSL prelude', () => {
    const prelude = layoutWgsl();
    expect(prelude).toContain(constantsWgsl());
    for (const [name, { type }] of Object.entries(SHARED_CONSTANTS)) {
      expect(prelude).toMatch(new RegExp(`^const ${name}: ${type} = `, 'm'));
    }
  });

  it('leaves no hand-written copy of a shared constant in shaders/', () => {
    const names = Object.keys(SHARED_CONSTANTS);
    for (const file of shippedShaders()) {
      const text = readFileSync(file, 'utf8');
      for (const name of names) {
        expect(text, `${file} declares ${name}`).not.toMatch(new RegExp(`\\b(const|override|let|var)\\s+${name}\\b`));
      }
    }
  });
});
