import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateRejectionDto } from './dto/rejections.dto';

/** The POST body's rules applied to a line of an imported file: the same checks, one place. */
export function checkRejectionInput(plain: object): CreateRejectionDto | { error: string } {
  const dto = plainToInstance(CreateRejectionDto, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return dto;
  return {
    error: errors
      .flatMap((e) => Object.values(e.constraints ?? { [e.property]: `${e.property} is invalid` }))
      .join('; '),
  };
}
