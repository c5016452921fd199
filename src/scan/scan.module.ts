import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImageDecoderPool } from './image/decoder-pool';
import { ScanEntity } from './scan.entity';
import { ScanRepository } from './scan.repository';
import { ScanService } from './scan.service';
import { DriverScannerFactory } from './scanner/adapters/scanner.factory.adapter';
import { ScannerManager } from './scanner/scanner.manager';
import { ScannerFactory } from './scanner/scanner.port';
import { ScansImageController } from './scans-image.controller';
import { ScansController } from './scans.controller';
import './scan.schemas';

@Module({
  imports: [TypeOrmModule.forFeature([ScanEntity])],
  controllers: [ScansController, ScansImageController],
  providers: [
    ScanRepository,
    ScanService,
    ScannerManager,
    ImageDecoderPool,
    { provide: ScannerFactory, useClass: DriverScannerFactory },
  ],
  exports: [ScanService],
})
export class ScanModule {}
