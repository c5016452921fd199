import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../core/auth/principal';
import { DashboardService } from './dashboard.service';
import { DashboardQuery, DashboardResponse } from './dto/dashboard.dto';

@ApiTags('back-office')
@ApiBearerAuth()
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles('back-office')
  @ApiOperation({
    summary: 'Prescriptions by status over a range of pharmacy days, the outbox backlog and a daily series',
  })
  @ApiOkResponse({ type: DashboardResponse })
  get(@Query() query: DashboardQuery): Promise<DashboardResponse> {
    return this.dashboard.dashboard(query);
  }
}
