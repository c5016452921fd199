import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow, IsOptional, Matches } from 'class-validator';
import { Owns } from '../auth/ownership';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { CoreException } from '../errors/core.exception';
import { deprecationHeaders } from '../http/deprecation';
import { TerminalsService } from './terminals.service';
import { ApiAnswer, ApiProblems } from '../http/openapi-schemas';
import { CORE_DETAILS } from '../errors/error-messages';

export class OperatorDto {
  @ApiProperty({ example: '10001234567', description: 'RPPS of a person in the staff registry' })
  @Matches(/^\d{11}$/, { message: 'rpps must be 11 digits' })
  rpps: string;

  @ApiPropertyOptional({ description: "The person's personal code: required from a counter credential" })
  @IsOptional()
  @Matches(/^\d{6,32}$/, { message: 'code must be 6 to 32 digits' })
  code?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the name comes from the registry' })
  @Allow()
  lastName?: unknown;

  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the name comes from the registry' })
  @Allow()
  firstName?: unknown;

  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the role comes from the registry' })
  @Allow()
  role?: unknown;
}

/** The person's name and role once given with the operator (API.md: accepted and ignored). */
const LEGACY_OPERATOR_FIELDS = ['lastName', 'firstName', 'role'] as const;
const LEGACY_FIELDS = { since: '2026-12-04', link: '/api/docs#/terminals' };

@ApiTags('terminals')
@ApiBearerAuth()
@Controller('api/v1/terminals')
export class TerminalsController {
  constructor(private readonly terminals: TerminalsService) {}

  @Put(':id/operator')
  @Roles('lgo', 'counter')
  @Owns('terminal')
  @ApiOperation({
    summary:
      "Sets the person at the terminal: an RPPS of the staff registry (lgo), with the person's code (counter)",
  })
  @ApiAnswer(200, 'StaffMember')
  @ApiProblems(400, 403, 404, 422, 429)
  setOperator(
    @Param('id') id: string,
    @Body() body: OperatorDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (LEGACY_OPERATOR_FIELDS.some((f) => body[f] !== undefined)) res.set(deprecationHeaders(LEGACY_FIELDS));
    return this.terminals.setOperator(id, body.rpps, body.code, principal);
  }

  @Get(':id/operator')
  @Owns('terminal')
  @ApiOperation({ summary: 'The person at the terminal' })
  @ApiAnswer(200, 'StaffMember')
  @ApiProblems(403, 404)
  async getOperator(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const operator = await this.terminals.operator(id, principal.pharmacyId);
    if (!operator) throw new CoreException('NOT_FOUND', CORE_DETAILS.NOT_FOUND.operator({ terminalId: id }));
    return operator;
  }
}
