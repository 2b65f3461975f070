import { didYouMean } from '../suggest.js';
import { UsageError } from './errors.js';

/** A parser for an option that takes one of `choices`, refusing anything else with the closest. */
export function oneOf<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`${flag}: expected one of ${choices.join(', ')}, found ${JSON.stringify(value)}${didYouMean(value, choices)}`);
  };
}
