import {
  arr,
  defineSchemas,
  instant,
  int,
  listOf,
  nullable,
  obj,
  oneOf,
  ref,
  str,
} from '../http/openapi-schemas';
import { SERVER_EVENT_TYPES } from '../events/events.service';

/** The event types a webhook subscribes to: every event type of the stream. */
export const EVENT_TYPES: readonly string[] = SERVER_EVENT_TYPES;

defineSchemas({
  Webhook: obj({
    id: str({ format: 'uuid' }),
    url: str(),
    events: arr(oneOf(EVENT_TYPES)),
    createdAt: instant(),
  }),
  WebhookList: listOf(ref('Webhook')),
  WebhookDelivery: obj({
    deliveryId: str({
      format: 'uuid',
      description: 'Also the Comptoir-Delivery-Id header: the same at every attempt',
    }),
    eventId: str(),
    eventType: str(),
    status: oneOf(['queued', 'delivered']),
    attempts: int(),
    lastStatus: nullable(int({ description: "The receiver's HTTP status at the last attempt" })),
    lastError: nullable(str()),
    nextAttemptAt: nullable(instant()),
    deliveredAt: nullable(instant()),
    createdAt: instant(),
  }),
  WebhookDeliveryList: listOf(ref('WebhookDelivery')),
});
