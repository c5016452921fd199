import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardReader } from './dashboard.reader';
import { DashboardService } from './dashboard.service';

/** The back-office dashboard: reads every stage's tables, writes nothing. */
@Module({
  controllers: [DashboardController],
  providers: [DashboardService, DashboardReader],
})
export class DashboardModule {}
