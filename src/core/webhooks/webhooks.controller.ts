import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { TerminalFree } from '../auth/ownership';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { ApiAnswer, ApiProblems } from '../http/openapi-schemas';
import { EVENT_TYPES } from './webhooks.schemas';
import { WebhooksService } from './webhooks.service';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://lgo.example/comptoir/events',
    description: 'http or https; receives a POST per event',
  })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true, description: 'The event types delivered' })
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true })
  events: string[];

  @ApiProperty({
    minLength: 16,
    maxLength: 256,
    description: 'The HMAC key of Comptoir-Signature; never answered back',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret: string;
}

/** API.md § Devices, patient, events — Webhooks for the LGO (role `lgo`); docs/integration.md § Webhooks. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('lgo')
@TerminalFree("the LGO's webhooks of its own pharmacy: no terminal's resource")
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary:
      'Subscribes a URL to event types: each is POSTed, signed, at least once, in order per prescription',
  })
  @ApiAnswer(201, 'Webhook')
  @ApiProblems(400, 403)
  create(@Body() body: CreateWebhookDto, @CurrentPrincipal() principal: Principal) {
    return this.webhooks.create(principal.pharmacyId, body);
  }

  @Get()
  @ApiOperation({ summary: "The pharmacy's webhooks" })
  @ApiAnswer(200, 'WebhookList')
  list(@CurrentPrincipal() principal: Principal) {
    return this.webhooks.list(principal.pharmacyId).then((items) => ({ items }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a webhook; its deliveries not made yet are dropped' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiProblems(404)
  async remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.webhooks.remove(principal.pharmacyId, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log: each event owed, its attempts and what the receiver answered' })
  @ApiAnswer(200, 'WebhookDeliveryList')
  @ApiProblems(404)
  deliveries(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.webhooks.log(principal.pharmacyId, id).then((items) => ({ items }));
  }
}
