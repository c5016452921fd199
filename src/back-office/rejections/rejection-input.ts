import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateRejectionDto } from './dto/rejections.dto';
import type { ColumnRule } from './import-line-error';

/** The rule each field of the POST body follows (rejections.dto.ts), for the import report. */
const RULE_OF: Record<keyof CreateRejectionDto, ColumnRule> = {
  fseNumber: 'number',
  billingNumber: 'number',
  rejectionCode: 'code',
  label: 'label',
  receivedAt: 'date',
  invoiceDate: 'date',
  amountCents: 'amount',
};

/**
 * The POST body's rules applied to a line of an imported file: the same checks, one place. A refusal names
 * the first field that breaks them, its value and its rule.
 */
export function checkRejectionInput(
  plain: Partial<Record<keyof CreateRejectionDto, unknown>>,
): CreateRejectionDto | { field: keyof CreateRejectionDto; value: string; rule: ColumnRule } {
  const dto = plainToInstance(CreateRejectionDto, plain);
  const [error] = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (!error) return dto;
  const field = error.property as keyof CreateRejectionDto;
  return { field, value: String(plain[field] ?? ''), rule: RULE_OF[field] ?? 'label' };
}
