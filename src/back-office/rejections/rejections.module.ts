import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DispensationModule } from '../../dispensation/dispensation.module';
import { InvoicingModule } from '../../invoicing/invoicing.module';
import { PrescriptionModule } from '../../prescription/prescription.module';
import { InvoiceRejectionEntity } from './invoice-rejection.entity';
import { RejectionRecorder } from './rejection-recorder';
import { RejectionRepository } from './rejection.repository';
import { RejectionsController } from './rejections.controller';
import { RejectionsService } from './rejections.service';

/** Invoice rejections (API.md § Back office): matched to the FSE, linked to executions, followed up. */
@Module({
  imports: [
    TypeOrmModule.forFeature([InvoiceRejectionEntity]),
    DispensationModule,
    InvoicingModule,
    PrescriptionModule,
  ],
  controllers: [RejectionsController],
  providers: [RejectionRepository, RejectionsService, RejectionRecorder],
  exports: [RejectionsService, RejectionRepository],
})
export class RejectionsModule {}
