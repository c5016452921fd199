import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhookRepository } from './webhook.repository';
import { WebhooksService } from './webhooks.service';
import './webhooks.schemas';

/** Webhooks for the LGO's back end: subscriptions, signed deliveries from a table, their log. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEntity, WebhookDeliveryEntity])],
  controllers: [WebhooksController],
  providers: [WebhookRepository, WebhooksService],
})
export class WebhooksModule {}
