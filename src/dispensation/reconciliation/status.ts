import type { Issue } from '../issue';
import type { QuantityResult } from './quantity';
import type { ReconciliationStatus } from './reconciliation.types';

/** Issues that say the product is not the prescribed one (status `mismatch`). */
const PRODUCT_CODES = new Set(['NS_SUBSTITUTION_FORBIDDEN', 'NOT_SAME_GENERIC_GROUP', 'PRODUCT_MISMATCH']);
const NOT_BLOCKING_THE_LINE = new Set(['QUANTITY_EXCEEDS_PRESCRIPTION', 'PRICE_UNKNOWN']);

/**
 * The one status of a line (docs/reconciliation.md § Line status), from what is on it, its issues once
 * acts and overrides are applied (an overridden issue does not count), and its quantity.
 */
export function statusOf(line: {
  something: boolean;
  notDelivered: boolean;
  issues: Issue[];
  state: QuantityResult['state'];
  substitution: boolean;
}): ReconciliationStatus {
  if (!line.something) return line.notDelivered ? 'not-delivered' : 'pending';
  const open = line.issues.filter((i) => !i.overridden);
  if (open.some((i) => PRODUCT_CODES.has(i.code))) return 'mismatch';
  // The status speaks of the product and the quantity: a price to give is an issue, not a blocked line.
  if (open.some((i) => i.severity === 'blocking' && !NOT_BLOCKING_THE_LINE.has(i.code))) return 'blocked';
  if (line.state === 'over') return 'over';
  if (line.state === 'partial') return 'partial';
  return line.substitution ? 'substituted' : 'matched';
}
