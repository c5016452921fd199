import { Module } from '@nestjs/common';
import { DispensationModule } from '../../dispensation/dispensation.module';
import { InvoicingModule } from '../../invoicing/invoicing.module';
import { PrescriptionModule } from '../../prescription/prescription.module';
import { ReconstitutionController } from './reconstitution.controller';
import { ReconstitutionService } from './reconstitution.service';

/** `GET /api/v1/prescriptions/:id/reconstitution.pdf` (docs/reconstitution.md). */
@Module({
  imports: [PrescriptionModule, DispensationModule, InvoicingModule],
  controllers: [ReconstitutionController],
  providers: [ReconstitutionService],
})
export class ReconstitutionModule {}
