import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '../core/auth/principal';
import { Owns } from '../core/auth/ownership';
import { PatientService } from './patient.service';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';
import { expects } from '../core/http/validation-text';

export class CardExchangeDto {
  /** Command APDUs in hexadecimal, sent in order. */
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 64,
    description: 'Command APDUs in hexadecimal, sent in order',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @Matches(
    /^([0-9A-Fa-f]{2}){4,261}$/,
    expects(
      'chaque APDU compte de 4 à 261 octets en hexadécimal',
      'each APDU is 4 to 261 bytes of hexadecimal',
      { each: true },
    ),
  )
  apdus: string[];

  @ApiPropertyOptional({ minimum: 100, maximum: 30000, description: 'Per exchange' })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(30000)
  timeoutMs?: number;
}

@ApiTags('patient')
@ApiBearerAuth()
@Controller('api/v1/terminals')
export class PatientController {
  constructor(private readonly patients: PatientService) {}

  @Get(':id/card')
  @Roles('counter', 'lgo')
  @Owns('terminal')
  @ApiOperation({ summary: "The card holder read on that terminal's reader, or 404" })
  @ApiAnswer(200, 'CardHolder')
  @ApiProblems(403, 404)
  card(@Param('id') id: string) {
    return this.patients.card(id);
  }

  @Post(':id/card/exchange')
  @HttpCode(200)
  @Roles('counter', 'lgo')
  @Owns('terminal')
  @ApiOperation({
    summary:
      "The LGO's billing talks to the card through Comptoir's bridge: APDUs in order, alone on the card",
  })
  @ApiAnswer(200, 'CardExchangeAnswer')
  @ApiProblems(400, 403, 404, 502)
  async exchange(@Param('id') id: string, @Body() body: CardExchangeDto) {
    const answers = await this.patients.exchange(
      id,
      body.apdus.map((h) => Buffer.from(h, 'hex')),
      body.timeoutMs ?? 10_000,
    );
    return { responses: answers.map((b) => b.toString('hex').toUpperCase()) };
  }
}
