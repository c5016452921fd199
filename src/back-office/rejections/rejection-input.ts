import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationDetail } from '../../core/http/validation-text';
import type { Text } from '../../core/i18n/messages';
import { CreateRejectionDto } from './dto/rejections.dto';

/**
 * The POST body's rules applied to a line of an imported file: the same checks, one place. `columns` names
 * each field as the file's header row writes it, so that the error speaks of the file's own columns.
 */
export function checkRejectionInput(
  plain: object,
  columns: Partial<Record<string, string>> = {},
): CreateRejectionDto | { error: Text } {
  const dto = plainToInstance(CreateRejectionDto, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return dto;
  return { error: validationDetail(errors, (field) => columns[field] ?? field) };
}
