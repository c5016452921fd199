import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { REJECTION_STATUSES, type RejectionStatus } from '../invoice-rejection.entity';
import type { SuggestedAction } from '../suggested-action';
import { expects } from '../../../core/http/validation-text';
import type { Text } from '../../../core/i18n/messages';

const NUMBER = /^[A-Za-z0-9-]{1,32}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRejectionDto {
  @ApiPropertyOptional({ example: '000042', description: 'When given, the invoice must carry it' })
  @IsOptional()
  @Matches(NUMBER, expects('de 1 à 32 lettres, chiffres ou -', '1–32 letters, digits or -'))
  billingNumber?: string;

  @ApiProperty({ example: '000123456' })
  @Matches(NUMBER, expects('de 1 à 32 lettres, chiffres ou -', '1–32 letters, digits or -'))
  fseNumber: string;

  @ApiPropertyOptional({ example: '2026-11-23', description: "When given, the invoice's pharmacy day" })
  @IsOptional()
  @Matches(DAY, expects('une date AAAA-MM-JJ', 'YYYY-MM-DD'))
  @IsISO8601({ strict: true }, expects('une vraie date du calendrier', 'a calendar date'))
  invoiceDate?: string;

  @ApiProperty({ example: '0009-816', description: 'The caisse rejection code (NOEMIE RSP)' })
  @Matches(
    /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/,
    expects('de 1 à 32 lettres, chiffres, ., _, / ou -', '1–32 letters, digits, ., _, / or -'),
  )
  rejectionCode: string;

  @ApiProperty({ example: 'PIECE JUSTIFICATIVE ABSENTE' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  label: string;

  @ApiProperty({
    example: '2026-11-28T08:00:00+01:00',
    description: 'Instant, or a date (start of that day)',
  })
  @IsISO8601({ strict: true }, expects('une date ou un instant ISO 8601', 'an ISO 8601 date or instant'))
  receivedAt: string;

  @ApiPropertyOptional({ example: 216 })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountCents?: number;
}

export class UpdateRejectionDto {
  @ApiProperty({ enum: REJECTION_STATUSES })
  @IsIn(REJECTION_STATUSES)
  status: RejectionStatus;

  @ApiPropertyOptional({ example: 'Exécution renvoyée, FSE refacturée le 2/12' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ListRejectionsQuery {
  @ApiPropertyOptional({ enum: REJECTION_STATUSES })
  @IsOptional()
  @IsIn(REJECTION_STATUSES)
  status?: RejectionStatus;
}

export class RejectionResponse {
  @ApiProperty() rejectionId: string;
  @ApiProperty() prescriptionId: string;
  @ApiProperty() dispensationId: string;
  @ApiProperty() invoiceId: string;
  @ApiProperty({ type: [String], description: "The dispensation's outbox calls (execution, post-invoice…)" })
  executionIds: string[];
  @ApiProperty() fseNumber: string;
  @ApiProperty({ type: String, nullable: true }) billingNumber: string | null;
  @ApiProperty({ example: '2026-11-23' }) invoiceDate: string;
  @ApiProperty() rejectionCode: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: Number, nullable: true }) amountCents: number | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ enum: ['resend-execution', 'send-reconstitution-scor', 'correct-and-reinvoice'] })
  suggestedAction: SuggestedAction;
  @ApiProperty({ enum: REJECTION_STATUSES }) status: RejectionStatus;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RejectionListResponse {
  @ApiProperty({ type: [RejectionResponse] }) items: RejectionResponse[];
}

export class ImportLineError {
  @ApiProperty() line: number;
  /** Written as French, or English for a client whose Accept-Language puts en first. */
  @ApiProperty({
    type: String,
    description: "Why the line is set aside, naming the file's columns as its header row writes them",
  })
  error: Text;
}

export class ImportUnmatched {
  @ApiProperty() line: number;
  @ApiProperty() fseNumber: string;
  @ApiProperty({ example: 'FSE_UNKNOWN' }) code: 'FSE_UNKNOWN';
}

export class ImportResponse {
  @ApiProperty({ description: 'Data lines in the file (header and blank lines excluded)' }) lines: number;
  @ApiProperty() imported: number;
  @ApiProperty({ description: 'Lines already recorded (earlier import, POST, or twice in this file)' })
  duplicates: number;
  @ApiProperty({ type: [ImportUnmatched] }) unmatched: ImportUnmatched[];
  @ApiProperty({ type: [ImportLineError] }) invalid: ImportLineError[];
  @ApiProperty({ type: [String], description: 'Rejections created or found again, in file order' })
  rejectionIds: string[];
}
