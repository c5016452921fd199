import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../core/auth/principal';
import { CancelExecutionDto, ListExecutionsQuery } from './dto/executions.dto';
import { ExecutionsService } from './executions.service';

@ApiTags('executions')
@ApiBearerAuth()
@Controller('api/v1/executions')
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService) {}

  @Get()
  @ApiOperation({
    summary: 'Outbox calls owed to the teleservice (executions, post-invoice updates, cancellations)',
  })
  async list(@Query() query: ListExecutionsQuery) {
    return { items: await this.executions.list(query) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One outbox call and its delivery state' })
  get(@Param('id') id: string) {
    return this.executions.get(id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queues a parked call again (409 EXECUTION_NOT_PARKED otherwise)' })
  retry(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.executions.retry(id, principal.terminalId);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancels a parked call; for an execution, queues its annulerExecution behind the prescription',
  })
  cancel(
    @Param('id') id: string,
    @Body() body: CancelExecutionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.executions.cancel(id, body.reason, principal.terminalId);
  }
}
