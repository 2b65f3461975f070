/**
 * The documents a clone of the repository shows: README.md and docs/DESIGN.md point only at
 * files the repository has, and the design document covers every kind the code has.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { section } from '../support/markdown.js';
import { MATERIAL_TYPES } from '../../src/materials/material.js';
import { OBJECT_TYPES } from '../../src/shapes/shape.js';
import { TRACER_TYPES } from '../../src/tracers/tracer.js';
import { CAMERA_TYPES } from '../../src/cameras/camera.js';

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const README = read('README.md');
const DESIGN = existsSync(join(ROOT, 'docs/DESIGN.md')) ? read('docs/DESIGN.md') : '';

/** Relative link targets of a Markdown text: [text](target) and <img src="target">. */
function links(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g), ...markdown.matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#')).map((t) => t.replace(/#.*$/, ''));
}

describe('README.md', () => {
  it('points at the design document in the repository, not at a folder a clone does not have', () => {
    expect(README).not.toMatch(/\.\.\/shared/);
    expect(links(README)).toContain('docs/DESIGN.md');
    expect(existsSync(join(ROOT, 'docs/DESIGN.md'))).toBe(true);
  });

  it('links only to files that exist', () => {
    const missing = links(README).filter((target) => !existsSync(join(ROOT, target)));
    expect(missing).toEqual([]);
  });
});

describe('docs/DESIGN.md', () => {
  it('names only paths the repository has', () => {
    // Backticked paths from the top of the repository, or from src/ (`gpu/plan.ts`); <kind> is a placeholder.
    const quoted = [...DESIGN.matchAll(/`([\w./-]+\/[\w.-]+)`/g)].map((m) => m[1]!);
    const paths = quoted
      .filter((p) => !p.includes('<') && !p.startsWith('/') && /\.(ts|wgsl|json|md|sh|png)$|^\.ci\//.test(p))
      .map((p) => (/^(src|shaders|scenes|test|docs|scripts|\.ci)\//.test(p) ? p : `src/${p}`));
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('tells how to add each kind, and names each kind the code has', () => {
    const adding = section(DESIGN, 'Adding a kind');
    for (const kind of ['shape', 'material', 'light', 'camera', 'tracer']) expect(adding).toContain(`| ${kind} |`);
    for (const type of [...OBJECT_TYPES, ...TRACER_TYPES, ...MATERIAL_TYPES, ...CAMERA_TYPES]) expect(DESIGN, `kind ${type}`).toContain(`\`${type}\``);
  });
});
