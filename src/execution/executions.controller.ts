import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { OctReportsService } from './oct/oct-reports.service';
import { ActingTerminal, Owns } from '../core/auth/ownership';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { CancelExecutionDto, ListExecutionsQuery } from './dto/executions.dto';
import { ExecutionsService } from './executions.service';
import { ApiAnswer, ApiBinaryAnswer, ApiProblems } from '../core/http/openapi-schemas';

@ApiTags('executions')
@ApiBearerAuth()
@Controller('api/v1/executions')
export class ExecutionsController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly reports: OctReportsService,
  ) {}

  @Get()
  @Owns('terminal', 'terminalId', 'query')
  @ApiOperation({
    summary:
      "Outbox calls owed to the teleservice (executions, post-invoice updates, cancellations); a counter sees its terminal's",
  })
  @ApiAnswer(200, 'ExecutionList')
  async list(@Query() query: ListExecutionsQuery, @CurrentPrincipal() principal: Principal) {
    const terminalId = principal.role === 'counter' ? principal.terminalId : query.terminalId;
    return { items: await this.executions.list(principal.pharmacyId, { ...query, terminalId }) };
  }

  @Get(':id')
  @Owns('execution')
  @ApiOperation({ summary: 'One outbox call and its delivery state' })
  @ApiAnswer(200, 'Execution')
  @ApiProblems(403, 404)
  get(@Param('id') id: string) {
    return this.executions.get(id);
  }

  @Get(':id/report')
  @Owns('execution')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'The execution report for the complementary insurers (« continuité de service OCT »), with its delivery',
  })
  @ApiAnswer(200, 'OctReport')
  @ApiProblems(403, 404, 409)
  report(@Param('id') id: string) {
    return this.reports.report(id);
  }

  @Get(':id/report.pdf')
  @Owns('execution')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The execution report as a PDF' })
  @ApiBinaryAnswer(200, 'application/pdf', 'the report, rendered')
  @ApiProblems(403, 404, 409)
  async reportPdf(@Param('id') id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.pdf(id), {
      type: 'application/pdf',
      disposition: `inline; filename="compte-rendu-${id}.pdf"`,
    });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Owns('execution')
  @ApiOperation({ summary: 'Queues a parked call again (409 EXECUTION_NOT_PARKED otherwise)' })
  @ApiAnswer(200, 'Execution')
  @ApiProblems(403, 404, 409)
  retry(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @ActingTerminal() terminalId?: string,
  ) {
    // The terminal only names who acted in the audit trail: an lgo retrying a call of no terminal is `*`.
    return this.executions.retry(id, terminalId ?? principal.terminalId);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Owns('execution')
  @ApiOperation({
    summary:
      'Cancels a parked call (replaced by a cancellation of its own number) or an acknowledged execution (cancelled by the next number; its dispensation becomes cancelled; a pharmacien after invoicing)',
  })
  @ApiAnswer(200, 'Execution')
  @ApiProblems(400, 403, 404, 409)
  cancel(
    @Param('id') id: string,
    @Body() body: CancelExecutionDto,
    @CurrentPrincipal() principal: Principal,
    @ActingTerminal() terminalId?: string,
  ) {
    return this.executions.cancel(id, body.reason, terminalId ?? principal.terminalId);
  }
}
