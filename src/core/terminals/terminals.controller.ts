import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { assertOwnTerminal } from '../auth/token.guard';
import { CoreException } from '../errors/core.exception';
import { TerminalsService } from './terminals.service';

export class OperatorDto {
  @ApiProperty({ example: '10001234567' })
  @Matches(/^\d{11}$/, { message: 'rpps must be 11 digits' })
  rpps: string;

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
  role: 'pharmacien' | 'preparateur';
}

@ApiTags('terminals')
@ApiBearerAuth()
@Controller('api/v1/terminals')
export class TerminalsController {
  constructor(private readonly terminals: TerminalsService) {}

  @Put(':id/operator')
  @ApiOperation({ summary: 'Sets the person at the terminal (by the LGO at login)' })
  setOperator(@Param('id') id: string, @Body() body: OperatorDto, @CurrentPrincipal() principal: Principal) {
    assertOwnTerminal(principal, id);
    return this.terminals.setOperator(id, body);
  }

  @Get(':id/operator')
  @ApiOperation({ summary: 'The person at the terminal' })
  async getOperator(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    if (principal.role === 'counter') assertOwnTerminal(principal, id);
    const operator = await this.terminals.operator(id);
    if (!operator) throw new CoreException('NOT_FOUND', `no operator set on terminal ${id}`);
    return operator;
  }
}
