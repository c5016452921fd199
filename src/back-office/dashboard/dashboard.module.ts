import { Module } from '@nestjs/common';
import { DispensationModule } from '../../dispensation/dispensation.module';
import { InvoicingModule } from '../../invoicing/invoicing.module';
import { PrescriptionModule } from '../../prescription/prescription.module';
import { RejectionsModule } from '../rejections/rejections.module';
import { DashboardController } from './dashboard.controller';
import { DashboardReader } from './dashboard.reader';
import { DashboardService } from './dashboard.service';

/** The back-office dashboard: reads every stage's tables, writes nothing. */
@Module({
  imports: [PrescriptionModule, DispensationModule, InvoicingModule, RejectionsModule],
  controllers: [DashboardController],
  providers: [DashboardService, DashboardReader],
})
export class DashboardModule {}
