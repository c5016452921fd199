// French text folded for comparison: the one function of core/text/fold.ts.
export { fold } from '../../core/text/fold';

/** A French number: `1 000`, `0,5`, `97.28` → 1000, 0.5, 97.28. */
export function frenchNumber(text: string): number {
  return Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
}

/** The number pattern {@link frenchNumber} reads, for use inside larger expressions. */
export const NUMBER = String.raw`\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
