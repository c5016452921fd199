import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TerminalFree } from '../auth/ownership';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { CoreException } from '../errors/core.exception';
import { PERSONAL_CODE } from './personal-code';
import type { StaffRole } from './staff.entity';
import { StaffMember, StaffService, StaffView } from './staff.service';
import { ApiAnswer, ApiProblems } from '../http/openapi-schemas';
import { CORE_DETAILS } from '../errors/error-messages';

const RPPS = /^\d{11}$/;

export class StaffDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ enum: ['pharmacien', 'preparateur'] })
  @IsIn(['pharmacien', 'preparateur'])
  role: StaffRole;

  @ApiPropertyOptional({ description: 'Personal code typed at the counter page: at least 6 digits' })
  @IsOptional()
  @Matches(PERSONAL_CODE, { message: 'code must be 6 to 32 digits' })
  code?: string;
}

/** API.md § Conventions: Staff — the pharmacy's registry of who may be a terminal's operator. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @TerminalFree("the pharmacy's registry: names, RPPS and roles for the page's picker, no patient data")
  @ApiOperation({ summary: "The pharmacy's staff (a counter sees names, RPPS and roles)" })
  @ApiAnswer(200, 'StaffList')
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: (StaffMember | StaffView)[] }> {
    const items = await this.staff.list(principal.pharmacyId);
    if (principal.role !== 'counter') return { items };
    return {
      items: items.map(({ rpps, lastName, firstName, role }) => ({ rpps, lastName, firstName, role })),
    };
  }

  @Put(':rpps')
  @Roles('lgo', 'back-office')
  @ApiOperation({ summary: 'Adds or replaces a person of the registry (audited)' })
  @ApiAnswer(200, 'StaffEntry')
  @ApiProblems(400, 403)
  put(@Param('rpps') rpps: string, @Body() body: StaffDto, @CurrentPrincipal() principal: Principal) {
    return this.staff.put(principal.pharmacyId, { ...body, rpps: checkRpps(rpps) }, principal);
  }

  @Delete(':rpps')
  @HttpCode(204)
  @Roles('lgo', 'back-office')
  @ApiOperation({ summary: 'Removes a person from the registry and from the terminals (audited)' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblems(400, 403, 404)
  async remove(@Param('rpps') rpps: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.staff.remove(principal.pharmacyId, checkRpps(rpps), principal);
  }
}

function checkRpps(rpps: string): string {
  if (!RPPS.test(rpps)) throw new CoreException('VALIDATION_FAILED', CORE_DETAILS.VALIDATION_FAILED.rpps());
  return rpps;
}
