import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingTerminal, Owns } from '../core/auth/ownership';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { CancelExecutionDto, ListExecutionsQuery } from './dto/executions.dto';
import { ExecutionsService } from './executions.service';
import { ApiAnswer, ApiProblems } from '../core/http/openapi-schemas';

@ApiTags('executions')
@ApiBearerAuth()
@Controller('api/v1/executions')
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService) {}

  @Get()
  @Owns('terminal', 'terminalId', 'query')
  @ApiOperation({
    summary:
      "Outbox calls owed to the teleservice (executions, post-invoice updates, cancellations); a counter sees its terminal's",
  })
  @ApiAnswer(200, 'ExecutionList')
  async list(@Query() query: ListExecutionsQuery, @CurrentPrincipal() principal: Principal) {
    const terminalId = principal.role === 'counter' ? principal.terminalId : query.terminalId;
    return { items: await this.executions.list({ ...query, terminalId }) };
  }

  @Get(':id')
  @Owns('execution')
  @ApiOperation({ summary: 'One outbox call and its delivery state' })
  @ApiAnswer(200, 'Execution')
  @ApiProblems(403, 404)
  get(@Param('id') id: string) {
    return this.executions.get(id);
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
    summary: 'Cancels a parked call; for an execution, queues its annulerExecution behind the prescription',
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
