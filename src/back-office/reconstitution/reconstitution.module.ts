import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { DispensationEntity } from '../../dispensation/dispensation.entity';
import { DispensationModule } from '../../dispensation/dispensation.module';
import { InvoiceEntity } from '../../invoicing/invoice.entity';
import { PrescriptionEntity } from '../../prescription/prescription.entity';
import { ReconstitutionController } from './reconstitution.controller';
import { ReconstitutionService } from './reconstitution.service';

/** `GET /api/v1/prescriptions/:id/reconstitution.pdf` (docs/reconstitution.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature([PrescriptionEntity, OutboxExecutionEntity, DispensationEntity, InvoiceEntity]),
    DispensationModule,
  ],
  controllers: [ReconstitutionController],
  providers: [ReconstitutionService],
})
export class ReconstitutionModule {}
