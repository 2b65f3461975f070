/**
 * Fields the material kinds' schemas share (DESIGN.md, "Scene file, version 1"; each kind's
 * schema is in its module under materials/, their union in materials/material.ts). Coefficients,
 * colours and exponents keep to limits.ts's MAX_MAGNITUDE.
 */
import { z } from 'zod';
import { MAX_MAGNITUDE } from './limits.js';
import { color, fraction, numberText } from './schemaLeaves.js';

/** The book's diffuse colour cd. */
export const materialColor = color().describe('Diffuse color cd, linear RGB, each >= 0.');

/** The largest coefficient or exponent, as the descriptions write it. */
export const maxText = numberText(MAX_MAGNITUDE);

/**
 * A transmittance per unit distance, each channel in [0, 1]: Beer's law raises it to the
 * distance travelled, so a channel above 1 would grow without bound (2^128 overflows float32).
 */
export function transmittance() {
  const channel = fraction('a number from 0 to 1 (a transmittance)');
  return z.tuple([channel, channel, channel], { error: 'a color [r, g, b] of 3 numbers from 0 to 1' });
}
