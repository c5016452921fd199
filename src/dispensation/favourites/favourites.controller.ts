import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { TerminalFree } from '../../core/auth/ownership';
import { CurrentPrincipal, Principal } from '../../core/auth/principal';
import { AuditService } from '../../core/audit/audit.service';
import { Clock } from '../../core/clock/clock';
import { CoreException } from '../../core/errors/core.exception';
import { assertSfpcCodes } from '../acts/sfpc-validate';
import { InterventionFavouriteEntity } from './intervention-favourite.entity';
import { ApiAnswer, ApiProblems } from '../../core/http/openapi-schemas';
import { DISPENSATION_DETAILS } from '../error-messages';

export class FavouriteDto {
  @ApiProperty({ example: 'Générique accepté' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label: string;

  @ApiProperty({ example: '6.1' })
  @IsString()
  @MaxLength(8)
  problemCode: string;

  @ApiProperty({ example: '3' })
  @IsString()
  @MaxLength(8)
  interventionCode: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(8)
  outcome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

const view = (f: InterventionFavouriteEntity) => ({
  favouriteId: f.id,
  label: f.label,
  problemCode: f.problemCode,
  interventionCode: f.interventionCode,
  ...(f.outcome ? { outcome: f.outcome } : {}),
  ...(f.comment ? { comment: f.comment } : {}),
});

/** The pharmacy's favourite interventions: one list for every terminal of the pharmacy. */
@ApiTags('dispensations')
@ApiBearerAuth()
@TerminalFree("the pharmacy's favourite interventions: one list for every terminal, no patient data")
@Controller('api/v1/intervention-favourites')
export class FavouritesController {
  constructor(
    @InjectRepository(InterventionFavouriteEntity)
    private readonly repo: Repository<InterventionFavouriteEntity>,
    private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The pharmacy's favourite interventions (SFPC codes with a label)" })
  @ApiAnswer(200, 'InterventionFavouriteList')
  async list() {
    return { items: (await this.repo.find({ order: { label: 'ASC' } })).map(view) };
  }

  @Post()
  @ApiOperation({ summary: 'Adds a favourite intervention' })
  @ApiAnswer(201, 'InterventionFavourite')
  @ApiProblems(400, 422)
  async add(@Body() body: FavouriteDto, @CurrentPrincipal() principal: Principal) {
    assertSfpcCodes(body);
    const row: InterventionFavouriteEntity = {
      id: randomUUID(),
      label: body.label,
      problemCode: body.problemCode,
      interventionCode: body.interventionCode,
      outcome: body.outcome ?? null,
      comment: body.comment ?? null,
      createdAt: this.clock.now(),
    };
    await this.repo.insert(row);
    await this.audit.append({
      action: 'favourite.added',
      actor: { kind: 'terminal' },
      terminalId: principal.terminalId,
      subject: { type: 'intervention-favourite', id: row.id },
      data: { problemCode: row.problemCode, interventionCode: row.interventionCode },
    });
    return view(row);
  }

  @Delete(':favouriteId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a favourite intervention' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblems(404)
  async remove(@Param('favouriteId') id: string, @CurrentPrincipal() principal: Principal) {
    const { affected } = await this.repo.delete({ id });
    if (!affected) throw new CoreException('NOT_FOUND', DISPENSATION_DETAILS.NOT_FOUND.favourite({ id }));
    await this.audit.append({
      action: 'favourite.removed',
      actor: { kind: 'terminal' },
      terminalId: principal.terminalId,
      subject: { type: 'intervention-favourite', id },
    });
  }
}
