import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DispensationModule } from '../dispensation/dispensation.module';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceRepository } from './invoice.repository';
import { InvoicingController } from './invoicing.controller';
import { InvoicingService } from './invoicing.service';
import './invoicing.schemas';

@Module({
  imports: [TypeOrmModule.forFeature([InvoiceEntity]), DispensationModule],
  controllers: [InvoicingController],
  providers: [InvoiceRepository, InvoicingService],
  exports: [InvoicingService, InvoiceRepository],
})
export class InvoicingModule {}
