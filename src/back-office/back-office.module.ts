import { Module } from '@nestjs/common';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReconstitutionModule } from './reconstitution/reconstitution.module';
import { RejectionsModule } from './rejections/rejections.module';
import './back-office.schemas';

/** After invoicing (ARCHITECTURE.md): invoice rejections, the reconstitution PDF for SCOR, the dashboard. */
@Module({ imports: [RejectionsModule, ReconstitutionModule, DashboardModule] })
export class BackOfficeModule {}
