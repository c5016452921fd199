import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Roles } from '../../core/auth/principal';
import { CoreException } from '../../core/errors/core.exception';
import {
  CreateRejectionDto,
  ImportResponse,
  ListRejectionsQuery,
  RejectionListResponse,
  RejectionResponse,
  UpdateRejectionDto,
} from './dto/rejections.dto';
import { RejectionsService } from './rejections.service';
import { ApiAnswer, ApiProblem, ApiProblems } from '../../core/http/openapi-schemas';
import { BACK_OFFICE_DETAILS } from '../error-messages';

@ApiTags('back-office')
@ApiBearerAuth()
@Controller('api/v1/invoice-rejections')
export class RejectionsController {
  constructor(private readonly rejections: RejectionsService) {}

  @Post()
  @Roles('back-office')
  @ApiOperation({ summary: 'Records a caisse rejection of an FSE and links it to its dispensation' })
  @ApiCreatedResponse({ type: RejectionResponse })
  @ApiProblem(404, 'FSE_UNKNOWN: no invoice matches')
  create(@Body() body: CreateRejectionDto, @CurrentPrincipal() principal: Principal) {
    return this.rejections.create(body, principal);
  }

  @Post('import')
  @Roles('back-office')
  @ApiOperation({
    summary: 'Imports a CSV file of rejections (layout: docs/back-office.md § Import)',
    description: 'Body: the file itself, text/csv. Matched lines are recorded in one transaction.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'fseNumber;rejectionCode;label;date;amountCents\n' } })
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiProblem(415, 'UNSUPPORTED_MEDIA_TYPE: send text/csv')
  @ApiProblem(422, 'REJECTION_IMPORT_INVALID: not a CSV file in that layout')
  import(@Req() req: Request, @CurrentPrincipal() principal: Principal) {
    if (!Buffer.isBuffer(req.body)) {
      throw new CoreException('UNSUPPORTED_MEDIA_TYPE', BACK_OFFICE_DETAILS.UNSUPPORTED_MEDIA_TYPE.csv());
    }
    return this.rejections.importFile(req.body, principal);
  }

  @Get()
  @Roles('back-office')
  @ApiOperation({ summary: 'Invoice rejections, newest first' })
  @ApiOkResponse({ type: RejectionListResponse })
  async list(
    @Query() query: ListRejectionsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RejectionListResponse> {
    return { items: await this.rejections.list(principal.pharmacyId, query.status) };
  }

  @Get(':id')
  @Roles('back-office')
  @ApiOperation({
    summary: 'One rejection with its dispensation, executions, interventions, packs and reconstitution link',
  })
  @ApiProblem(404, 'REJECTION_UNKNOWN')
  @ApiAnswer(200, 'RejectionDetail')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.rejections.get(principal.pharmacyId, id);
  }

  @Patch(':id')
  @Roles('back-office')
  @ApiOperation({ summary: 'Moves a rejection along new → in-progress → resolved (audited)' })
  @ApiProblem(404, 'REJECTION_UNKNOWN')
  @ApiAnswer(200, 'RejectionDetail')
  @ApiProblems(400)
  update(
    @Param('id') id: string,
    @Body() body: UpdateRejectionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.rejections.update(id, body, principal);
  }
}
