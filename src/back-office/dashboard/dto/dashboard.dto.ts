import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { DASHBOARD_STATUSES, type DashboardStatus } from '../dashboard-status';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class DashboardQuery {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'First day, inclusive (default: 29 days before `to`)',
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a calendar date' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day, inclusive (default: today)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a calendar date' })
  to?: string;

  @ApiPropertyOptional({ enum: DASHBOARD_STATUSES, description: 'Filters `items` (not the counts)' })
  @IsOptional()
  @IsIn(DASHBOARD_STATUSES)
  status?: DashboardStatus;
}

export class DashboardItem {
  @ApiProperty() prescriptionId: string;
  @ApiProperty({ enum: DASHBOARD_STATUSES }) status: DashboardStatus;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional() dispensationId?: string;
  @ApiPropertyOptional() terminalId?: string;
  @ApiPropertyOptional() renewalNumber?: number;
  @ApiProperty({ description: 'Deliveries recorded by another pharmacy, as of the last retrieval' })
  executionsElsewhere: number;
  @ApiPropertyOptional({ description: 'The latest open rejection' }) rejectionId?: string;
}

export class DashboardBacklog {
  @ApiProperty() queued: number;
  @ApiProperty() sending: number;
  @ApiProperty() parked: number;
  @ApiProperty({ type: String, nullable: true }) oldestQueuedAt: string | null;
}

/** One day of the range: the prescriptions whose last activity fell on it, by their status. */
export class DashboardDay {
  @ApiProperty({ example: '2026-11-23' }) date: string;
  @ApiProperty() retrieved: number;
  @ApiProperty({ name: 'in-dispensation' }) 'in-dispensation': number;
  @ApiProperty() validated: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty() invoiced: number;
  @ApiProperty() rejected: number;
  @ApiProperty() parked: number;
}

export class DashboardResponse {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: `One count per status: ${DASHBOARD_STATUSES.join(', ')}`,
  })
  counts: Record<DashboardStatus, number>;
  @ApiProperty({ type: [DashboardItem] }) items: DashboardItem[];
  @ApiProperty({ type: DashboardBacklog }) backlog: DashboardBacklog;
  @ApiProperty({ description: 'Prescriptions of the range delivered at least once by another pharmacy' })
  deliveredElsewhere: number;
  @ApiProperty({
    type: [DashboardDay],
    description: 'Per day, the prescriptions of `counts` by status: summed over the range, they are `counts`',
  })
  series: DashboardDay[];
}
