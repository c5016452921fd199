import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TerminalFree } from '../../core/auth/ownership';
import { CurrentPrincipal, Principal, Roles } from '../../core/auth/principal';
import { ApiBinaryAnswer } from '../../core/http/openapi-schemas';
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
  get(@Query() query: DashboardQuery, @CurrentPrincipal() principal: Principal): Promise<DashboardResponse> {
    return this.dashboard.dashboard(principal.pharmacyId, query);
  }

  @Get('items.csv')
  @Roles('back-office')
  @TerminalFree("the pharmacy's dashboard list; a back-office route, no counter calls it")
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The dashboard’s list (same query: range and status) as a CSV file' })
  @ApiBinaryAnswer(200, 'text/csv', 'UTF-8 with a BOM, semicolon-separated (a French spreadsheet)')
  async csv(
    @Query() query: DashboardQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { file, name } = await this.dashboard.csv(principal.pharmacyId, query);
    res.attachment(name);
    return file;
  }
}
